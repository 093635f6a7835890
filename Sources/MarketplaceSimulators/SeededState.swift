import Foundation
import OCOPCatalog

/// The state a simulated marketplace starts from: credentials, listings, orders (`seeds/marketplaces/<platform>.json`).
public struct SeededState: Codable, Equatable, Sendable {
    public struct Credentials: Codable, Equatable, Sendable {
        public var clientID: String
        public var clientSecret: String
        public var webhookSecret: String
        /// The shop's id on platforms that authorise per shop (Shopee `shop_id`, Lazada seller id).
        public var shopID: String?
        /// A refresh token as the operator's authorisation of the shop left it, for platforms whose
        /// access tokens come from a shop authorisation rather than client credentials.
        public var refreshToken: String?

        /// `client_id` in JSON (the codec converts snake case).
        enum CodingKeys: String, CodingKey {
            case clientID = "clientId", clientSecret, webhookSecret, shopID = "shopId", refreshToken
        }

        public init(clientID: String, clientSecret: String, webhookSecret: String, shopID: String? = nil, refreshToken: String? = nil) {
            self.clientID = clientID
            self.clientSecret = clientSecret
            self.webhookSecret = webhookSecret
            self.shopID = shopID
            self.refreshToken = refreshToken
        }
    }

    /// A shop owner who can log in on the simulator's consent page and authorise the app for a shop.
    public struct Owner: Codable, Equatable, Sendable {
        public var login: String
        public var password: String
        public var shopID: String
        public var shopName: String

        /// `shop_id` in JSON (the codec converts snake case).
        enum CodingKeys: String, CodingKey { case login, password, shopID = "shopId", shopName }

        public init(login: String, password: String, shopID: String, shopName: String) {
            self.login = login
            self.password = password
            self.shopID = shopID
            self.shopName = shopName
        }
    }

    public var platform: String
    public var credentials: Credentials
    /// The shop owners of the consent page (platforms whose shops connect by consent); the first one's shop
    /// is the seeded shop.
    public var owners: [Owner]?
    public var listings: [SimulatedListing]
    public var orders: [SimulatedOrder]
    /// The platform's category tree, where its API publishes one; without, the manifest's categories are the
    /// ones it takes.
    public var categories: [PlatformCategory]?
    /// What each leaf category asks of a listing, by category id.
    public var categoryAttributes: [String: [CategoryAttribute]]?
    /// The brands a listing may name, by leaf category id, or under "" for one list of every category; `nil`
    /// where the platform takes any brand.
    public var brands: [String: [PlatformBrand]]?

    public init(platform: String, credentials: Credentials, listings: [SimulatedListing] = [], orders: [SimulatedOrder] = [], owners: [Owner]? = nil,
                categories: [PlatformCategory]? = nil, categoryAttributes: [String: [CategoryAttribute]]? = nil, brands: [String: [PlatformBrand]]? = nil) {
        self.brands = brands
        self.categories = categories
        self.categoryAttributes = categoryAttributes
        self.platform = platform
        self.credentials = credentials
        self.owners = owners
        self.listings = listings
        self.orders = orders
    }

    public static func load(path: String) throws -> SeededState {
        try SimulatorCodec.decoder.decode(SeededState.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }
}
