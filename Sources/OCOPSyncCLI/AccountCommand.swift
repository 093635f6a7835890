import ArgumentParser
import Connections
import Foundation
import OCOPCatalog
import OCOPConfig
import OCOPStore
import Reports

/// `ocopsync account …`: the shops ocopsync keeps in sync, and the links that connect new ones.
struct AccountCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "account",
        abstract: "The shops ocopsync keeps in sync: list, show, connect by the owner's consent, disable, enable, remove.",
        subcommands: [AccountListCommand.self, AccountShowCommand.self, AccountConnectCommand.self, AccountDisableCommand.self,
                      AccountEnableCommand.self, AccountRemoveCommand.self]
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    /// One account as `list` and `show` print it.
    struct Row: Encodable {
        var account: String
        var platform: String
        var producers: [String]
        /// `config` (accounts: in the YAML) or `connected` (by the owner's consent, kept in the database).
        var source: String
        /// active, disabled or removed.
        var state: String
        var health: String
        var message: String
        var shopID: String?
        var shopName: String?
        var connectedAt: Date?
        var authorizationExpiresAt: Date?
        var listings: Int?
        var queued: Int?
        /// A shop of named producers: of their eligible products, how many it shows live.
        var coverage: AccountCoverage?

        enum CodingKeys: String, CodingKey {
            case account, platform, producers, source, state, health, message, shopID = "shop_id", shopName = "shop_name", coverage
            case connectedAt = "connected_at", authorizationExpiresAt = "authorization_expires_at", listings, queued
        }
    }

    /// Every account of the config and every connected shop (removed ones too), by id.
    static func rows(config: OCOPSyncConfig, store: CatalogStore) throws -> [Row] {
        let activity = Dictionary(try store.accountActivity().map { ($0.accountID, $0) }, uniquingKeysWith: { first, _ in first })
        var rows = config.accounts.map { account in
            Row(account: account.id, platform: account.platform, producers: account.producers, source: "config", state: "active",
                health: activity[account.id]?.health.rawValue ?? "unknown", message: activity[account.id]?.healthMessage ?? "not synced yet",
                authorizationExpiresAt: activity[account.id]?.authorizationExpiresAt)
        }
        for shop in try store.connectedShops(includingRemoved: true) where !config.accounts.contains(where: { $0.id == shop.accountID }) {
            let known = activity[shop.accountID]
            rows.append(Row(account: shop.accountID, platform: shop.platform, producers: [shop.producerID], source: "connected", state: shop.state.rawValue,
                            health: known?.health.rawValue ?? "unknown", message: known?.healthMessage ?? "not synced yet", shopID: shop.shopID,
                            shopName: shop.shopName, connectedAt: shop.connectedAt,
                            authorizationExpiresAt: known?.authorizationExpiresAt ?? shop.authorizationExpiresAt))
        }
        let figures = try AccountCoverage.of(accounts: rows.filter { $0.producers != ["*"] }.map { row in
            AccountPolicy(accountID: row.account, platform: row.platform, producers: Set(row.producers))
        }, store: store)
        for index in rows.indices { rows[index].coverage = figures[rows[index].account] }
        return rows.sorted { $0.account < $1.account }
    }

    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func day(_ date: Date?) -> String {
        date.map { $0.formatted(Date.ISO8601FormatStyle().year().month().day()) } ?? "-"
    }

    /// Opens the database and runs `change` on the connected shop `id`.
    static func withConnectedShop(_ id: String, common: CommonOptions, _ change: (ConnectedShop, CatalogStore) throws -> Void) throws {
        let config = try common.loadConfig()
        let store = try CatalogStore.existing(in: config.stateDirectory)
        defer { try? store.close() }
        try change(try connectedShop(id, config: config, store: store), store)
    }

    /// The connected shop `id`, or the failure that says why it cannot be changed here.
    static func connectedShop(_ id: String, config: OCOPSyncConfig, store: CatalogStore) throws -> ConnectedShop {
        if config.accounts.contains(where: { $0.id == id }) {
            throw CommandFailure(.badUsage, "\(id) is an account of the config (\(config.sourcePath)): change it there, then `systemctl reload ocopsync`")
        }
        guard let shop = try store.connectedShop(account: id) else { throw CommandFailure(.badUsage, "no account \(id); see `ocopsync account list`") }
        return shop
    }
}

/// `ocopsync account list`
struct AccountListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Every account: platform, producers, where it comes from, state, health, authorisation end.")

    @Option(help: "table or json.") var format: AccountCommand.Format = .table
    @OptionGroup var common: CommonOptions

    func run() throws {
        let config = try common.loadConfig()
        let store = try CatalogStore.existing(in: config.stateDirectory)
        defer { try? store.close() }
        let rows = try AccountCommand.rows(config: config, store: store)
        switch format {
        case .json:
            struct List: Encodable { var accounts: [AccountCommand.Row] }
            print(try AccountCommand.json(List(accounts: rows)))
        case .table:
            guard !rows.isEmpty else {
                print("no account: add aggregator accounts to the config, connect shops with `ocopsync account connect PLATFORM --producer ID`")
                return
            }
            print(["ACCOUNT", "PLATFORM", "PRODUCERS", "SOURCE", "STATE", "HEALTH", "OWN COVERAGE", "AUTHORISED UNTIL"].joined(separator: "\t"))
            for row in rows {
                print([row.account, row.platform, row.producers.joined(separator: ","), row.source, row.state, row.health, row.coverage?.text ?? "-",
                       AccountCommand.day(row.authorizationExpiresAt)].joined(separator: "\t"))
            }
        }
    }
}

/// `ocopsync account show ID`
struct AccountShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "One account: its shop, state, health, authorisation end, listings and queue.")

    @Argument(help: "The account id.") var id: String
    @Option(help: "table or json.") var format: AccountCommand.Format = .table
    @OptionGroup var common: CommonOptions

    func run() throws {
        let config = try common.loadConfig()
        let store = try CatalogStore.existing(in: config.stateDirectory)
        defer { try? store.close() }
        guard var row = try AccountCommand.rows(config: config, store: store).first(where: { $0.account == id }) else {
            throw CommandFailure(.badUsage, "no account \(id); see `ocopsync account list`")
        }
        row.listings = try store.bindings(account: id).count
        row.queued = try store.queueDepth()[id] ?? 0
        switch format {
        case .json:
            print(try AccountCommand.json(row))
        case .table:
            var lines = ["account: \(row.account)", "platform: \(row.platform)", "producers: \(row.producers.joined(separator: ", "))",
                         "source: \(row.source)", "state: \(row.state)", "health: \(row.health)\(row.message.isEmpty ? "" : " (\(row.message))")"]
            if let shopID = row.shopID { lines.append("shop: \(row.shopName ?? "") (id \(shopID))") }
            if let connected = row.connectedAt { lines.append("connected: \(AccountCommand.day(connected))") }
            if let coverage = row.coverage { lines.append("own coverage: \(coverage.text) of its producers' eligible products live") }
            lines.append("authorised until: \(AccountCommand.day(row.authorizationExpiresAt))")
            lines.append("listings: \(row.listings ?? 0)")
            lines.append("queued changes: \(row.queued ?? 0)")
            print(lines.joined(separator: "\n"))
        }
    }
}

/// `ocopsync account connect PLATFORM --producer ID`
struct AccountConnectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "connect",
        abstract: "A link (and its QR code) the shop's owner opens on a phone to connect the shop: single use, valid 7 days.",
        discussion: """
            Opening the link signs a fresh consent request on the platform; after the owner approves, the daemon keeps the shop \
            (its tokens sealed in the database) and starts syncing it. --reconnect ACCOUNT connects an account's shop again \
            (a consent for another shop is refused).
            """
    )

    @Argument(help: "The platform (one with an app in the config).") var platform: String
    @Option(help: "The producer whose shop it is.") var producer: String
    @Option(help: "An account of the producer to connect again (the same shop).") var reconnect: String?
    @Option(help: "table or json.") var format: AccountCommand.Format = .table
    @Option(help: "Folder holding the platform manifests (default: ./adapters, or share/ocopsync/adapters beside the binary).")
    var adapters: String?
    @OptionGroup var common: CommonOptions

    func run() throws {
        let config = try common.loadConfig(adapters: adapters)
        let store = try CatalogStore.existing(in: config.stateDirectory)
        defer { try? store.close() }
        let connections = ShopConnections(store: store, box: try config.secretBox(), config: config, manifests: try AccountAdapters.manifests(explicit: adapters))
        let link: ShopConnections.Link
        do {
            link = try connections.newLink(platform: platform, producer: producer, reconnect: reconnect)
        } catch let refusal as ShopConnections.Refusal {
            throw CommandFailure(.badUsage, refusal.description)
        }
        switch format {
        case .json:
            print(try AccountCommand.json(link))
        case .table:
            print("Link for \(producer) to connect a \(platform) shop (account \(link.account)), single use, valid until \(link.expiresAt.formatted(.iso8601)):")
            print(link.url)
            if let code = QRCode(link.url) { print("\n" + code.terminalText + "\n") }
            print("Send it to the shop's owner (Zalo, e-mail) or let them scan the code: they log in to \(platform) and approve.")
        }
    }
}

/// `ocopsync account disable ID`
struct AccountDisableCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "disable", abstract: "Stops syncing a connected shop; it stays connected (enable starts it again).")

    @Argument(help: "The account id.") var id: String
    @OptionGroup var common: CommonOptions

    func run() throws {
        try AccountCommand.withConnectedShop(id, common: common) { shop, store in
            guard shop.state != .removed else { throw CommandFailure(.badUsage, "\(id) was removed; connect the shop again to sync it") }
            try store.setShopState(account: id, .disabled)
            print("\(id) disabled: the daemon stops syncing it within seconds; `ocopsync account enable \(id)` starts it again")
        }
    }
}

/// `ocopsync account enable ID`
struct AccountEnableCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "enable", abstract: "Syncs a disabled connected shop again.")

    @Argument(help: "The account id.") var id: String
    @OptionGroup var common: CommonOptions

    func run() throws {
        try AccountCommand.withConnectedShop(id, common: common) { shop, store in
            guard shop.state != .removed else {
                throw CommandFailure(.badUsage, "\(id) was removed; its owner connects it again with a new link: `ocopsync account connect \(shop.platform) --producer \(shop.producerID)`")
            }
            try store.setShopState(account: id, .active)
            print("\(id) enabled: the daemon syncs it again within seconds")
        }
    }
}

/// `ocopsync account remove ID`
struct AccountRemoveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove",
        abstract: "Takes a connected shop out of sync for good: its history stays, its listings stay on the platform.")

    @Argument(help: "The account id.") var id: String
    @OptionGroup var common: CommonOptions

    func run() throws {
        try AccountCommand.withConnectedShop(id, common: common) { shop, store in try remove(shop, store: store) }
    }

    private func remove(_ shop: ConnectedShop, store: CatalogStore) throws {
        guard shop.state != .removed else { throw CommandFailure(.badUsage, "\(id) is already removed") }
        let bindings = try store.bindings(account: id)
        try store.setShopState(account: id, .removed)
        print("\(id) removed: ocopsync no longer changes the \(shop.platform) shop “\(shop.shopName)”; its history is kept.")
        if bindings.isEmpty {
            print("It had no listing bound to the catalog.")
        } else {
            print("These \(bindings.count) listing(s) stay on \(shop.platform) as they are (stock is no longer kept in step; hide or delete them there if they should not sell):")
            for binding in bindings.prefix(50) { print("  \(binding.sku)\t\(binding.remoteID)") }
            if bindings.count > 50 { print("  … and \(bindings.count - 50) more (`ocopsync account show \(id) --format json`)") }
        }
    }
}
