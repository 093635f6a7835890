import AdapterRegistry
import Crypto
import Foundation
import MarketplaceAdapter
import OCOPConfig
import OCOPStore
import PlatformManifest
import Reports
import SyncEngine

/// Connecting shops by their owner's consent: the links an operator hands out, the consent request each
/// opening signs, and the callback that exchanges the platform's code and keeps the shop. Whatever goes
/// wrong, the owner gets a page that says what to do, and nothing is stored.
public struct ShopConnections: Sendable {
    let store: CatalogStore
    let box: SecretBox
    let config: OCOPSyncConfig
    let manifests: [String: PlatformManifest]
    let clock: @Sendable () -> Date

    /// How long a connect link works (a cooperative may open it days after it was sent by Zalo).
    public static let linkLifetime: TimeInterval = 7 * 86400
    /// How long a consent request waits for the platform's callback.
    public static let consentLifetime: TimeInterval = 30 * 60

    public init(store: CatalogStore, box: SecretBox, config: OCOPSyncConfig, manifests: [String: PlatformManifest],
                clock: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.box = box
        self.config = config
        self.manifests = manifests
        self.clock = clock
    }

    /// Why a link cannot be made: said to the operator, exit 2.
    public struct Refusal: Error, CustomStringConvertible {
        public var description: String
    }

    /// A link made for a producer: the account it connects, where the owner opens it, and until when.
    public struct Link: Sendable, Encodable {
        public var account: String
        public var url: String
        public var expiresAt: Date

        enum CodingKeys: String, CodingKey { case account, url, expiresAt = "expires_at" }
    }

    // MARK: Links

    /// A new single-use link for `producer` to connect a shop on `platform` (or, with `reconnect`, to
    /// connect that account's shop again).
    public func newLink(platform: String, producer: String, reconnect: String? = nil) throws -> Link {
        let (app, _) = try appAndConsent(platform)
        guard let publicURL = config.publicURL else { throw Refusal(description: "public_url is not set in the config: the link would lead nowhere") }
        guard try store.producer(id: producer) != nil else { throw Refusal(description: "no producer \(producer) in the catalog") }
        var account = try proposedAccountID(platform: platform, producer: producer)
        if let reconnect {
            guard let shop = try store.connectedShop(account: reconnect), shop.platform == app.platform, shop.producerID == producer else {
                throw Refusal(description: "\(reconnect) is not a shop of \(producer) on \(platform) connected by consent")
            }
            account = shop.accountID
        }
        let token = Self.randomToken()
        let now = clock()
        let link = ConnectLink(platform: platform, producerID: producer, accountID: reconnect, createdAt: now, expiresAt: now.addingTimeInterval(Self.linkLifetime))
        let url = "\(publicURL)/connect/\(token)"
        try store.addConnectLink(link, tokenHash: Self.hash(token), sealedURL: try box.seal(url))
        return Link(account: account, url: url, expiresAt: link.expiresAt)
    }

    /// The links made and not yet used nor expired, for the operator's page.
    public func waitingLinks() throws -> [CoveragePage.ConnectLinkLine] {
        try store.waitingConnectLinks(at: clock()).compactMap { waiting in
            guard let url = try? box.open(waiting.sealedURL) else { return nil }
            return CoveragePage.ConnectLinkLine(platform: waiting.link.platform, producer: waiting.link.producerID,
                                                reconnect: waiting.link.accountID, url: url, expiresAt: waiting.link.expiresAt)
        }
    }

    /// The id a new shop of `producer` on `platform` gets: `platform-producer`, then `-2`, `-3`…; an existing
    /// shop of the producer there is connected again under its own id.
    func proposedAccountID(platform: String, producer: String) throws -> String {
        let base = "\(platform)-\(producer)"
        var candidate = base
        var number = 1
        while try store.accountIDTaken(candidate) || config.accounts.contains(where: { $0.id == candidate }) {
            if let shop = try store.connectedShop(account: candidate), shop.platform == platform, shop.producerID == producer, shop.state != .removed {
                return candidate
            }
            number += 1
            candidate = "\(base)-\(number)"
        }
        return candidate
    }

    // MARK: Opening a link

    /// Where opening a link leads.
    public enum Opening: Sendable {
        /// The platform's consent page, signed now.
        case consent(String)
        case page(OwnerPage)
    }

    /// Opens the link with secret `token`: signs a fresh consent request (Shopee's is valid five minutes:
    /// it is made now, not when the link was made).
    public func open(token: String) -> Opening {
        let tokenHash = Self.hash(token)
        let link: ConnectLink
        switch linkState(tokenHash) {
        case .refused(let page): return .page(page)
        case .usable(let found): link = found
        }
        do {
            let (app, consent) = try appAndConsent(link.platform)
            let state = Self.randomToken()
            try store.beginConsent(tokenHash: tokenHash, stateHash: Self.hash(state), expiresAt: clock().addingTimeInterval(Self.consentLifetime))
            return .consent(try consent.consentURL(app: try context(app), callback: callbackURL(link.platform), state: state))
        } catch {
            return .page(Self.trouble(platform: displayName(link.platform)))
        }
    }

    private enum LinkState {
        case usable(ConnectLink)
        case refused(OwnerPage)
    }

    private func linkState(_ tokenHash: String) -> LinkState {
        guard let link = try? store.connectLink(tokenHash: tokenHash) else {
            return .refused(OwnerPage(.refused, status: 404, title: "Liên kết không hợp lệ",
                                      message: "Liên kết kết nối gian hàng này không tồn tại.",
                                      next: "Hãy xin cán bộ Sở Công Thương một liên kết mới."))
        }
        if link.usedAt != nil {
            return .refused(OwnerPage(.refused, status: 410, title: "Liên kết đã được dùng",
                                      message: "Liên kết này chỉ dùng được một lần và gian hàng đã được kết nối bằng nó.",
                                      next: "Nếu cần kết nối lại, hãy xin cán bộ Sở Công Thương một liên kết mới."))
        }
        if link.expiresAt <= clock() {
            return .refused(OwnerPage(.refused, status: 410, title: "Liên kết đã hết hạn",
                                      message: "Liên kết kết nối gian hàng chỉ có hiệu lực 7 ngày.",
                                      next: "Hãy xin cán bộ Sở Công Thương một liên kết mới."))
        }
        return .usable(link)
    }

    // MARK: The platform's callback

    /// What the callback did.
    public enum Completion: Sendable {
        /// The shop is kept; its account is to be started.
        case connected(AccountConfig, OwnerPage)
        case page(OwnerPage)
    }

    /// Checks the callback's `state`, exchanges the code at once, reads the shop's identity and keeps it.
    public func complete(platform: String, query: [String: String]) async -> Completion {
        let name = displayName(platform)
        guard let state = query["state"], !state.isEmpty, let consent = try? store.consent(stateHash: Self.hash(state)), consent.link.platform == platform else {
            return .page(OwnerPage(.refused, status: 400, title: "Yêu cầu không hợp lệ",
                                   message: "Trang này không đến từ một yêu cầu kết nối của ocopsync (mã state không đúng).",
                                   next: "Hãy mở lại liên kết kết nối mà cán bộ Sở Công Thương đã gửi."))
        }
        if case .refused(let page) = linkState(consent.tokenHash) { return .page(page) }
        guard consent.stateExpiresAt > clock() else {
            return .page(OwnerPage(.refused, status: 400, title: "Yêu cầu đã hết hạn",
                                   message: "Quá nhiều thời gian đã trôi qua từ khi mở liên kết.", next: "Hãy mở lại liên kết kết nối và đồng ý ngay."))
        }
        guard let code = query["code"], !code.isEmpty, query["error"] == nil else {
            return .page(OwnerPage(.refused, status: 200, title: "Chưa kết nối",
                                   message: "Bạn đã không đồng ý cho ocopsync truy cập gian hàng trên \(name). Không có gì được lưu.",
                                   next: "Nếu muốn kết nối, hãy mở lại liên kết và chọn Đồng ý (Authorize)."))
        }
        do {
            let (app, maker) = try appAndConsent(platform)
            let grant = try await maker.exchange(app: try context(app), callback: callbackURL(platform), query: query)
            return try keep(grant, link: consent.link, tokenHash: consent.tokenHash, app: app)
        } catch let page as OwnerPage.Thrown {
            return .page(page.page)
        } catch let error as AdapterError {
            return .page(Self.refused(by: name, error))
        } catch {
            return .page(Self.trouble(platform: name))
        }
    }

    /// Keeps the granted shop: never binds another shop to an account being reconnected, nor a shop
    /// another producer connected.
    private func keep(_ grant: ShopGrant, link: ConnectLink, tokenHash: String, app: AppConfig) throws -> Completion {
        let name = displayName(link.platform)
        let existing = try store.connectedShop(platform: link.platform, shopID: grant.shopID)
        if let reconnect = link.accountID, existing?.accountID != reconnect {
            throw OwnerPage.Thrown(page: OwnerPage(.refused, status: 409, title: "Sai gian hàng",
                                                   message: "Bạn vừa đồng ý cho gian hàng “\(grant.shopName)”, không phải gian hàng đang cần kết nối lại. Không có gì được lưu.",
                                                   next: "Hãy đăng nhập \(name) bằng tài khoản của đúng gian hàng đó rồi mở lại liên kết."))
        }
        if let existing, existing.producerID != link.producerID, existing.state != .removed {
            throw OwnerPage.Thrown(page: OwnerPage(.refused, status: 409, title: "Gian hàng đã được kết nối",
                                                   message: "Gian hàng “\(grant.shopName)” đã được kết nối cho một chủ thể khác. Không có gì được lưu.",
                                                   next: "Hãy liên hệ cán bộ Sở Công Thương."))
        }
        let accountID = try existing?.accountID ?? proposedAccountID(platform: link.platform, producer: link.producerID)
        let now = clock()
        let appKeys = try readAppCredentials(app)
        var shopKeys = grant.credentials
        // The shop's id tells the app's pushes for this shop from those for its other shops.
        if shopKeys["shop_id"] == nil { shopKeys["shop_id"] = grant.shopID }
        let shop = ConnectedShop(accountID: accountID, platform: link.platform, producerID: link.producerID, shopID: grant.shopID, shopName: grant.shopName,
                                 sealedCredentials: try box.seal(Self.text(shopKeys)), connectedAt: now, authorizationExpiresAt: grant.authorizationExpiresAt)
        try store.completeConnection(shop, tokenHash: tokenHash, at: now)
        let credentials = AccountCredentials(Self.merged(app: appKeys, authURL: app.authURL, shop: shopKeys))
        try KeptTokens(store: store, box: box).store(StoredToken(accessToken: grant.token.value, accessExpiresAt: grant.token.expiresAt,
                                                                  refreshToken: grant.token.refreshToken,
                                                                  refreshExpiresAt: grant.authorizationExpiresAt ?? grant.token.refreshExpiresAt,
                                                                  origin: StoredToken.origin(of: credentials)), account: accountID)
        let page = OwnerPage(.connected, status: 200, title: "Đã kết nối gian hàng",
                             message: "Gian hàng “\(grant.shopName)” trên \(name) đã được kết nối với ocopsync. Sản phẩm OCOP và tồn kho sẽ được đồng bộ tự động.",
                             next: grant.authorizationExpiresAt.map { "Quyền truy cập có hiệu lực đến \(Self.vietnameseDate($0)); ocopsync sẽ nhắc trước 7 ngày." })
        return .connected(Self.account(for: shop, app: app), page)
    }

    // MARK: Accounts

    /// The account of a connected shop, as the engine runs it: the app's platform, keys file and terms.
    public static func account(for shop: ConnectedShop, app: AppConfig) -> AccountConfig {
        AccountConfig(id: shop.accountID, platform: shop.platform, baseURL: app.baseURL, producers: [shop.producerID], credentialsFile: app.credentialsFile,
                      stockSharePercent: app.stockSharePercent, policy: app.policy, connected: true, authURL: app.authURL)
    }

    /// The accounts of every active connected shop whose platform has an app in the config.
    public func activeAccounts() throws -> [AccountConfig] {
        try Self.activeAccounts(store: store, config: config)
    }

    /// Every account to sync: the config's, then the active connected shops (the config's id wins).
    public static func allAccounts(store: CatalogStore, config: OCOPSyncConfig) throws -> [AccountConfig] {
        config.accounts + (try activeAccounts(store: store, config: config)).filter { shop in !config.accounts.contains { $0.id == shop.id } }
    }

    /// The accounts of every active connected shop whose platform has an app in `config`.
    public static func activeAccounts(store: CatalogStore, config: OCOPSyncConfig) throws -> [AccountConfig] {
        try store.connectedShops().filter { $0.state == .active }.compactMap { shop in
            config.apps.first { $0.platform == shop.platform }.map { account(for: shop, app: $0) }
        }
    }

    /// The credentials of a connected account: the app's keys and the shop's, opened from the database.
    public static func credentials(of account: AccountConfig, store: CatalogStore, box: SecretBox) throws -> [String: String] {
        guard let shop = try store.connectedShop(account: account.id) else { throw Refusal(description: "\(account.id): no connected shop in the database") }
        let appKeys = try SecretSource.readCredentials(file: account.credentialsFile).mapValues(\.value)
        return merged(app: appKeys, authURL: account.authURL, shop: try keys(try box.open(shop.sealedCredentials)))
    }

    static func merged(app: [String: String], authURL: String?, shop: [String: String]) -> [String: String] {
        var keys = app.merging(shop) { _, shop in shop }
        if let authURL, keys["auth_url"] == nil { keys["auth_url"] = authURL }
        return keys
    }

    // MARK: Helpers

    private func appAndConsent(_ platform: String) throws -> (AppConfig, any ShopConsent) {
        guard let app = config.apps.first(where: { $0.platform == platform }) else {
            throw Refusal(description: "no app for \(platform) in the config (apps:): register ocopsync with \(platform) and add it")
        }
        guard let consent = AdapterRegistry.consent(for: platform) else {
            throw Refusal(description: "\(platform) shops do not connect by consent; add the account to accounts: with its credentials file")
        }
        return (app, consent)
    }

    private func context(_ app: AppConfig) throws -> AppContext {
        guard let manifest = manifests[app.platform] else { throw Refusal(description: "no manifest for \(app.platform)") }
        return AppContext(manifest: manifest, baseURL: app.baseURL, authURL: app.authURL,
                          credentials: AccountCredentials(try readAppCredentials(app)),
                          transport: .paced(for: manifest, appPacer: AppPacers.shared.pacer(for: manifest)))
    }

    private func readAppCredentials(_ app: AppConfig) throws -> [String: String] {
        try SecretSource.readCredentials(file: app.credentialsFile).mapValues(\.value)
    }

    private func callbackURL(_ platform: String) -> String { "\(config.publicURL ?? "")/oauth/callback/\(platform)" }

    /// The platform's name as its manifest gives it, else its id.
    func displayName(_ platform: String) -> String {
        let name = manifests[platform]?.displayName ?? ""
        return name.isEmpty ? platform : name
    }

    private static func trouble(platform: String) -> OwnerPage {
        OwnerPage(.refused, status: 502, title: "Chưa kết nối được",
                  message: "ocopsync chưa trao đổi được với \(platform). Không có gì được lưu.",
                  next: "Hãy thử lại sau ít phút bằng cùng liên kết; nếu vẫn không được, hãy báo cán bộ Sở Công Thương.")
    }

    /// The page for a consent the platform did not turn into a grant.
    static func refused(by platform: String, _ error: AdapterError) -> OwnerPage {
        switch error {
        case .rejected(code: "main_account", _):
            return OwnerPage(.refused, status: 400, title: "Chưa kết nối được",
                             message: "Bạn đã đăng nhập \(platform) bằng tài khoản chính (nhiều gian hàng). Không có gì được lưu.",
                             next: "Hãy mở lại liên kết và đăng nhập bằng tài khoản của đúng một gian hàng.")
        case .rejected(let code, _):
            return OwnerPage(.refused, status: 400, title: "Chưa kết nối được",
                             message: "\(platform) không chấp nhận yêu cầu kết nối này (\(code)): mã đồng ý có thể đã hết hạn hoặc đã được dùng. Không có gì được lưu.",
                             next: "Hãy mở lại liên kết kết nối và chọn Đồng ý (Authorize) ngay.")
        case .credentialsRejected:
            return OwnerPage(.refused, status: 502, title: "Chưa kết nối được",
                             message: "\(platform) không nhận khóa ứng dụng của ocopsync. Không có gì được lưu.",
                             next: "Hãy báo cán bộ Sở Công Thương: khóa ứng dụng (apps) cần được kiểm tra.")
        default:
            return trouble(platform: platform)
        }
    }

    /// 32 random bytes, base64url without padding: a link's secret or a consent's state.
    static func randomToken() -> String {
        let key = SymmetricKey(size: .bits256)
        return key.withUnsafeBytes { Data($0) }.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// What the database keeps of a secret: its SHA-256, hex.
    static func hash(_ secret: String) -> String {
        SHA256.hash(data: Data(secret.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// A shop's keys as the database keeps them (sealed): JSON.
    static func text(_ keys: [String: String]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(keys), as: UTF8.self)
    }

    static func keys(_ text: String) throws -> [String: String] {
        try JSONDecoder().decode([String: String].self, from: Data(text.utf8))
    }

    static func vietnameseDate(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Ho_Chi_Minh") ?? .gmt
        let parts = calendar.dateComponents([.day, .month, .year], from: date)
        return String(format: "%02d/%02d/%04d", parts.day ?? 0, parts.month ?? 0, parts.year ?? 0)
    }
}

extension OwnerPage {
    /// A page thrown out of the callback's work: nothing was stored.
    struct Thrown: Error {
        var page: OwnerPage
    }
}
