import Foundation
import GRDB
import OCOPCatalog

extension CatalogStore {
    /// Where fetched pictures' bytes are kept: `pictures/` beside the database, one file per content hash.
    public var picturesDirectory: String { (path as NSString).deletingLastPathComponent + "/pictures" }

    /// The file holding the bytes of the picture with `contentHash`.
    public func pictureFile(_ contentHash: String) -> String { "\(picturesDirectory)/\(contentHash)" }

    /// Records what fetching `fact.url` found, replacing what an earlier fetch found.
    public func recordPicture(_ fact: PictureFact) throws {
        try database.write { db in
            try db.execute(sql: """
                INSERT INTO picture (url, content_hash, format, bytes, width, height, problem, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (url) DO UPDATE SET content_hash = excluded.content_hash, format = excluded.format, bytes = excluded.bytes,
                    width = excluded.width, height = excluded.height, problem = excluded.problem, fetched_at = excluded.fetched_at
                """, arguments: [fact.url, fact.picture?.contentHash, fact.picture?.format.rawValue, fact.picture?.bytes, fact.picture?.width,
                                 fact.picture?.height, fact.problem, Timestamps.text(fact.fetchedAt)])
        }
    }

    /// What the fetches of the catalog's pictures found, by URL (every URL fetched when `urls` is `nil`).
    public func pictureFacts(_ urls: Set<String>? = nil) throws -> [String: PictureFact] {
        try database.read { db in
            var facts: [String: PictureFact] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT url, content_hash, format, bytes, width, height, problem, fetched_at FROM picture")
            while let row = try rows.next() {
                let url: String = row[0]
                if let urls, !urls.contains(url) { continue }
                let hash: String? = row[1]
                let picture = hash.map { hash in
                    Picture(contentHash: hash, format: Picture.Format(rawValue: row[2] ?? "") ?? .unknown, bytes: row[3] ?? 0, width: row[4] ?? 0,
                            height: row[5] ?? 0)
                }
                facts[url] = PictureFact(url: url, picture: picture, problem: row[6], fetchedAt: Timestamps.date(row[7]) ?? .distantPast)
            }
            return facts
        }
    }

    /// What the account's platform names the picture with `contentHash` by, if it was put there.
    public func uploadedPicture(account: String, contentHash: String) throws -> String? {
        try database.read { db in
            try String.fetchOne(db, sql: "SELECT remote FROM picture_upload WHERE account_id = ? AND content_hash = ?", arguments: [account, contentHash])
        }
    }

    /// Records that the picture with `contentHash` is on the account's platform as `remote`.
    public func recordUpload(account: String, contentHash: String, remote: String, at date: Date) throws {
        try database.write { db in
            try db.execute(sql: """
                INSERT INTO picture_upload (account_id, content_hash, remote, uploaded_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (account_id, content_hash) DO UPDATE SET remote = excluded.remote, uploaded_at = excluded.uploaded_at
                """, arguments: [account, contentHash, remote, Timestamps.text(date)])
        }
    }

    /// How many pictures the account's platform holds from ocopsync.
    public func uploadCount(account: String) throws -> Int {
        try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM picture_upload WHERE account_id = ?", arguments: [account]) ?? 0 }
    }
}
