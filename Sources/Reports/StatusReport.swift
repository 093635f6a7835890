import Foundation
import OCOPCatalog
import OCOPConfig
import OCOPStore

/// `ocopsync status` and `GET /api/v1/status`: per configured account, whether it works, when it last
/// finished a full pass, what is queued, deferred, failed or refused, how to fix what needs a person, and
/// authorisations about to expire.
public struct StatusReport: Codable, Equatable, Sendable {
    public struct Account: Codable, Equatable, Sendable {
        public var account: String
        public var platform: String
        public var health: AccountHealthState
        public var message: String
        /// What an operator should do, when something needs one.
        public var fix: String?
        public var lastFullPassAt: Date?
        public var queued: Int
        public var deferred: Int
        /// Until when the platform asked to wait (Retry-After) or the backoff holds the deferred operations.
        public var waitingUntil: Date?
        /// Queued operations the platform deferred with a rate limit or unavailability.
        public var rateLimited: Int
        public var failedLast7Days: Int
        public var refusedLast7Days: Int
        public var oversoldOrders: Int
        /// When the shop's authorisation (its refresh token) stops working, where the platform has one.
        public var authorizationExpiresAt: Date?
        /// What will need a person soon: an authorisation expiring within ``StatusReport/expiryWarning``.
        public var warnings: [String]
        /// Whether ocopsync is calling the platform: `closed` (calls go out), `open` (the platform is
        /// unreachable: nothing is sent until the next full pass finds it back), or `waiting` (it asked to
        /// wait, 429 or 503: the queue holds until ``waitingUntil``).
        public var circuit: String
        /// Listings whose price was edited on the platform and differs from the one last agreed (left
        /// there under `on_remote_edit: report`; until the next push under `overwrite`).
        public var priceEditsOnPlatform: Int
        /// A shop of named producers: of their eligible products, how many it shows live (an aggregator has
        /// none: its platform's coverage is the province's).
        public var coverage: AccountCoverage?

        enum CodingKeys: String, CodingKey {
            case account, platform, health, message, fix, queued, deferred, warnings, circuit, coverage
            case authorizationExpiresAt = "authorization_expires_at", priceEditsOnPlatform = "price_edits_on_platform"
            case lastFullPassAt = "last_full_pass_at", waitingUntil = "waiting_until", rateLimited = "rate_limited"
            case failedLast7Days = "failed_last_7_days", refusedLast7Days = "refused_last_7_days", oversoldOrders = "oversold_orders"
        }
    }

    public var generatedAt: Date
    public var accounts: [Account]
    /// How far ahead an expiring authorisation is warned of.
    public static let expiryWarning: TimeInterval = 7 * 86_400

    enum CodingKeys: String, CodingKey { case generatedAt = "generated_at", accounts }

    /// The configured accounts, in config order, with what the database knows of them and, for shops of named
    /// producers, their own `coverage` (by account id).
    public init(accounts: [AccountConfig], store: CatalogStore, coverage: [String: AccountCoverage] = [:], at date: Date = Date()) throws {
        let activity = Dictionary(try store.accountActivity(now: date).map { ($0.accountID, $0) }, uniquingKeysWith: { first, _ in first })
        generatedAt = date
        self.accounts = accounts.map { config in
            let known = activity[config.id]
            let health = known?.health ?? .unknown
            var fix: String?
            switch health {
            case .needsReauth:
                fix = config.connected
                    ? "send the shop's owner a link to connect it again: `\(Self.reconnectCommand(config))`"
                    : "renew the shop's authorisation on \(config.platform), write the new credentials to \(config.credentialsFile), then `systemctl reload ocopsync`"
            case .unreachable:
                fix = "check the network and \(config.baseURL); the account is tried again at the next full pass"
            case .ordersUnread:
                fix = "the account's orders could not be read (\(config.baseURL)); until they are, stock increases of what it sells wait on every platform"
            default:
                if (known?.oversold ?? 0) > 0 { fix = "settle the oversold orders with the buyers (cancel them on \(config.platform) or source the goods)" }
            }
            var warnings: [String] = []
            if let expiry = known?.authorizationExpiresAt, expiry.timeIntervalSince(date) < Self.expiryWarning {
                let when = expiry.formatted(Date.ISO8601FormatStyle().year().month().day())
                let renew = config.connected ? "send the shop's owner a link to connect it again (`\(Self.reconnectCommand(config))`)"
                    : "authorise ocopsync again and write the new refresh_token to \(config.credentialsFile)"
                warnings.append(expiry > date
                    ? "the shop's authorisation on \(config.platform) expires \(Self.ago(expiry, now: date)) (\(when)): \(renew) before then"
                    : "the shop's authorisation on \(config.platform) expired \(Self.ago(expiry, now: date)) (\(when)): \(renew)")
            }
            let circuit = health == .unreachable ? "open"
                : (known?.rateLimited ?? 0) > 0 && (known?.waitingUntil.map { $0 > date } ?? false) ? "waiting" : "closed"
            return Account(account: config.id, platform: config.platform, health: health,
                           message: known.map { $0.healthMessage } ?? "not synced yet", fix: fix, lastFullPassAt: known?.lastFullPassAt,
                           queued: known?.queued ?? 0, deferred: known?.deferred ?? 0, waitingUntil: known?.waitingUntil,
                           rateLimited: known?.rateLimited ?? 0, failedLast7Days: known?.failed ?? 0,
                           refusedLast7Days: known?.refused ?? 0, oversoldOrders: known?.oversold ?? 0,
                           authorizationExpiresAt: known?.authorizationExpiresAt, warnings: warnings, circuit: circuit,
                           priceEditsOnPlatform: known?.priceEdits ?? 0, coverage: coverage[config.id])
        }
    }

    /// The command that makes a link to connect a shop connected by consent again.
    public static func reconnectCommand(_ account: AccountConfig) -> String {
        reconnectCommand(platform: account.platform, producers: account.producers, account: account.id)
    }

    /// The same command, from its parts.
    public static func reconnectCommand(platform: String, producers: [String], account: String) -> String {
        "ocopsync account connect \(platform) --producer \(producers.joined(separator: ",")) --reconnect \(account)"
    }

    /// Stable JSON: keys sorted, times in ISO 8601 UTC.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }

    public func table(now: Date = Date()) -> String {
        var lines = ["account".padded(34) + "health".padded(13) + "circuit".padded(9) + "last full pass".padded(16) + "queued  deferred  failed  refused  oversold"]
        for account in accounts {
            let last = account.lastFullPassAt.map { Self.ago($0, now: now) } ?? "never"
            lines.append(account.account.padded(34) + account.health.rawValue.padded(13) + account.circuit.padded(9) + last.padded(16) + String(account.queued).leftPad(6)
                         + String(account.deferred).leftPad(10) + String(account.failedLast7Days).leftPad(8) + String(account.refusedLast7Days).leftPad(9)
                         + String(account.oversoldOrders).leftPad(10))
        }
        for account in accounts {
            if let waiting = account.waitingUntil, waiting > now, account.deferred > 0 {
                lines.append("\(account.account): \(account.deferred) deferred (\(account.rateLimited) by the platform's rate limit or unavailability), next try \(Self.ago(waiting, now: now))")
            }
            if account.priceEditsOnPlatform > 0 {
                lines.append("\(account.account): \(account.priceEditsOnPlatform) price(s) edited on the platform differ from the catalog (`ocopsync check` lists them)")
            }
            if let coverage = account.coverage {
                lines.append("\(account.account): \(coverage.live) of its producers' \(coverage.eligible) eligible products live (\(String(format: "%.1f", coverage.coverage * 100)) %)")
            }
            for warning in account.warnings { lines.append("\(account.account): warning: \(warning)") }
            if let fix = account.fix { lines.append("\(account.account): \(account.health == .ok ? "" : account.health.rawValue + " — " + account.message + "; ")\(fix)") }
        }
        return lines.joined(separator: "\n")
    }

    static func ago(_ date: Date, now: Date) -> String {
        let seconds = Int(now.timeIntervalSince(date))
        let magnitude = abs(seconds)
        let text = magnitude < 90 ? "\(magnitude) s" : magnitude < 5400 ? "\(magnitude / 60) min" : magnitude < 172_800 ? "\(magnitude / 3600) h" : "\(magnitude / 86_400) d"
        return seconds >= 0 ? "\(text) ago" : "in \(text)"
    }
}
