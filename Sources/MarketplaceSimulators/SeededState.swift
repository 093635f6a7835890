import Foundation

/// The state a simulated marketplace starts from: credentials, listings, orders (`seeds/marketplaces/<platform>.json`).
public struct SeededState: Codable, Equatable, Sendable {
    public struct Credentials: Codable, Equatable, Sendable {
        public var clientID: String
        public var clientSecret: String
        public var webhookSecret: String

        /// `client_id` in JSON (the codec converts snake case).
        enum CodingKeys: String, CodingKey {
            case clientID = "clientId", clientSecret, webhookSecret
        }

        public init(clientID: String, clientSecret: String, webhookSecret: String) {
            self.clientID = clientID
            self.clientSecret = clientSecret
            self.webhookSecret = webhookSecret
        }
    }

    public var platform: String
    public var credentials: Credentials
    public var listings: [SimulatedListing]
    public var orders: [SimulatedOrder]

    public init(platform: String, credentials: Credentials, listings: [SimulatedListing] = [], orders: [SimulatedOrder] = []) {
        self.platform = platform
        self.credentials = credentials
        self.listings = listings
        self.orders = orders
    }

    public static func load(path: String) throws -> SeededState {
        try SimulatorCodec.decoder.decode(SeededState.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }
}
