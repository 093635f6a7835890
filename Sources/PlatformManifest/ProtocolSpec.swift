/// The HTTP protocol of a platform that publishes no seller API, as ocopsync defines it: JSON over
/// HTTPS, a client-credentials token, bearer authentication. When the platform publishes its own spec,
/// only the manifest changes.
public struct ProtocolSpec: Equatable, Sendable {
    public struct Endpoint: Equatable, Sendable {
        public var method: String
        /// Path with `{id}` where the listing id goes.
        public var path: String

        public init(method: String, path: String) {
            self.method = method
            self.path = path
        }
    }

    /// `POST` with `client_id` and `client_secret`; answers `access_token` and `expires_in`.
    public var tokenPath: String
    public var tokenLifetimeSeconds: Int
    /// Header carrying `Bearer <token>`.
    public var authHeader: String
    public var listListings: Endpoint
    public var getListing: Endpoint
    public var createListing: Endpoint
    public var updatePrice: Endpoint
    public var updateStock: Endpoint
    public var deactivate: Endpoint
    public var reactivate: Endpoint
    public var listOrders: Endpoint
    /// Header with the hex HMAC-SHA256 of `timestamp + "." + body` under the webhook secret.
    public var webhookSignatureHeader: String
    public var webhookTimestampHeader: String
}
