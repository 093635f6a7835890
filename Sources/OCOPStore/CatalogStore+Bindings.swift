import Foundation
import GRDB
import OCOPCatalog

extension CatalogStore {
    /// Records an account the config names (its platform kept up to date).
    public func registerAccount(id: String, platform: String) throws {
        try database.write { db in
            try db.execute(sql: """
                INSERT INTO account (id, platform) VALUES (?, ?)
                ON CONFLICT (id) DO UPDATE SET platform = excluded.platform
                """, arguments: [id, platform])
        }
    }

    /// Every binding of an account, by variant SKU.
    public func bindings(account: String) throws -> [Binding] {
        var bindings: [Binding] = []
        try forEachBinding(account: account) { bindings.append($0) }
        return bindings
    }

    /// Every binding of an account, by variant SKU, one at a time: a reconcile reads every binding of an
    /// account without holding them all.
    public func forEachBinding(account: String, _ body: (Binding) throws -> Void) throws {
        try database.read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT \(Self.bindingColumns) FROM binding WHERE account_id = ? ORDER BY sku", arguments: [account])
            while let row = try rows.next() { try body(Self.binding(from: row)) }
        }
    }

    /// The bindings of some variants of an account, by variant SKU.
    public func bindings(account: String, skus: some Collection<String>) throws -> [String: Binding] {
        guard !skus.isEmpty else { return [:] }
        return try database.read { db in
            var bindings: [String: Binding] = [:]
            let rows = try Row.fetchCursor(db, sql: """
                SELECT \(Self.bindingColumns) FROM binding WHERE account_id = ? AND sku IN (\(databaseQuestionMarks(count: skus.count)))
                """, arguments: StatementArguments([account] + Array(skus)))
            while let row = try rows.next() {
                let binding = Self.binding(from: row)
                bindings[binding.sku] = binding
            }
            return bindings
        }
    }

    private static let bindingColumns = """
        account_id, platform, sku, remote_id, remote_sku, matched_by, remote_status, remote_reason, remote_price, remote_stock, observed_at, agreed_price,
        agreed_content
        """

    /// A binding from a row of ``bindingColumns``, read by position.
    private static func binding(from row: Row) -> Binding {
        var observation: Binding.Observation?
        // A status this version does not know reads as not seen: the next read of the listing records it anew.
        if let text: String = row[6], let status = ListingStatus(rawValue: text), let at: String = row[10] {
            observation = Binding.Observation(status: status, reason: row[7], price: row[8] ?? 0, stock: row[9] ?? 0, at: Timestamps.date(at) ?? .distantPast)
        }
        return Binding(accountID: row[0], platform: row[1], sku: row[2], remoteID: row[3], remoteSKU: row[4],
                       match: Binding.Match(rawValue: row[5]) ?? .sku, observed: observation, agreedPrice: row[11],
                       agreedContent: (row[12] as String?).flatMap(ContentFingerprint.init(stored:)))
    }

    /// Adds bindings and records observations in one transaction; a binding that would take a variant or a
    /// listing already bound on the account is refused and nothing is written.
    public func bind(_ bindings: [Binding], at date: Date = Date()) throws {
        try database.write { db in
            let insert = try db.cachedStatement(sql: """
                INSERT INTO binding (account_id, platform, sku, remote_id, remote_sku, matched_by, bound_at,
                                     remote_status, remote_reason, remote_price, remote_stock, observed_at, agreed_price, agreed_content)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for binding in bindings {
                try insert.execute(arguments: [binding.accountID, binding.platform, binding.sku, binding.remoteID, binding.remoteSKU,
                                     binding.match.rawValue, Timestamps.text(date), binding.observed?.status.rawValue, binding.observed?.reason,
                                     binding.observed?.price, binding.observed?.stock, binding.observed.map { Timestamps.text($0.at) },
                                     binding.agreedPrice, binding.agreedContent?.stored])
            }
        }
    }

    /// Points bindings at the id their listing now has (a product request approved under its product id).
    public func move(account: String, _ moves: [(from: String, to: String)]) throws {
        guard !moves.isEmpty else { return }
        try database.write { db in
            for (from, to) in moves {
                try db.execute(sql: "UPDATE binding SET remote_id = ? WHERE account_id = ? AND remote_id = ?", arguments: [to, account, from])
            }
        }
    }

    /// Records what the platform showed of bound listings (by remote id).
    /// `keepingSince`: a listing observed at or after this time keeps that observation (a read of every listing began
    /// then: a change sent or an event recorded while it read is newer than the page it read).
    public func observe(account: String, _ observations: [String: Binding.Observation], keepingSince: Date? = nil) throws {
        try database.write { db in
            // One statement prepared for every row (a read of 100,000 listings records as many).
            let update = try db.cachedStatement(sql: """
                UPDATE binding SET remote_status = ?, remote_reason = ?, remote_price = ?, remote_stock = ?, observed_at = ?
                WHERE account_id = ? AND remote_id = ? AND (?8 IS NULL OR observed_at IS NULL OR observed_at < ?8)
                """)
            let since = keepingSince.map(Timestamps.text)
            for (remoteID, seen) in observations {
                try update.execute(arguments: [seen.status.rawValue, seen.reason, seen.price, seen.stock, Timestamps.text(seen.at), account, remoteID, since])
            }
        }
    }

    /// Records the prices ocopsync and the platform now agree on, by variant SKU.
    public func agree(account: String, prices: [String: Int]) throws {
        guard !prices.isEmpty else { return }
        try database.write { db in
            let update = try db.cachedStatement(sql: "UPDATE binding SET agreed_price = ? WHERE account_id = ? AND sku = ?")
            for (sku, price) in prices { try update.execute(arguments: [price, account, sku]) }
        }
    }

    /// Records the listing content ocopsync and the platform now agree on, by variant SKU.
    public func agree(account: String, content: [String: ContentFingerprint]) throws {
        guard !content.isEmpty else { return }
        try database.write { db in
            let update = try db.cachedStatement(sql: "UPDATE binding SET agreed_content = ? WHERE account_id = ? AND sku = ?")
            for (sku, fingerprint) in content { try update.execute(arguments: [fingerprint.stored, account, sku]) }
        }
    }

    /// Takes a price edited on one account's platform into the catalog, in one transaction: the variant's
    /// catalog price (kept in the catalog's history as the daemon's change), the price agreed with that
    /// platform, and a price change queued for every other account that lists the variant.
    public func adoptPrice(sku: String, catalogPrice: Int, from account: String, platformPrice: Int, at date: Date = Date()) throws {
        try database.write { db in
            let old = try Int.fetchOne(db, sql: "SELECT price_vnd FROM variant WHERE sku = ?", arguments: [sku])
            try db.execute(sql: "UPDATE variant SET price_vnd = ? WHERE sku = ?", arguments: [catalogPrice, sku])
            try Self.record(CatalogChange(subject: sku, field: "price_vnd", old: old.map(String.init) ?? "", new: String(catalogPrice)),
                            user: "daemon", source: "adopted from \(account)", at: date, in: db)
            try Self.bumpCatalogRevision(db)
            try db.execute(sql: "UPDATE binding SET agreed_price = ? WHERE account_id = ? AND sku = ?", arguments: [platformPrice, account, sku])
            let others = try String.fetchAll(db, sql: "SELECT account_id FROM binding WHERE sku = ? AND account_id != ? ORDER BY account_id",
                                             arguments: [sku, account])
            try Self.enqueue(others.map { OperationRequest(accountID: $0, kind: .price, sku: sku, factAt: date) }, at: date, in: db)
        }
    }
}
