import Foundation
import OCOPConfig
import OCOPStore
import Reports

/// Each producer's private link to its own page (`public_url/producer/<token>`): a random secret of 256 bits,
/// kept only as its SHA-256, one live link per producer. Showing it again means issuing a new one (the old
/// one ends); `revoke` ends it.
public struct ProducerLinks: Sendable {
    let store: CatalogStore
    let publicURL: String?
    let clock: @Sendable () -> Date

    public init(store: CatalogStore, publicURL: String?, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.publicURL = publicURL
        self.clock = clock
    }

    /// A link issued for a producer.
    public struct Link: Sendable, Encodable {
        public var producer: String
        public var url: String
        /// Whether an earlier link of the producer stopped working (not in the JSON).
        public var replacedEarlier: Bool

        enum CodingKeys: String, CodingKey { case producer, url }
    }

    /// Issues a new link for `producer`, ending the one it had.
    public func issue(producer: String) throws -> Link {
        guard let publicURL else { throw ShopConnections.Refusal(description: "public_url is not set in the config: the link would lead nowhere") }
        try requireProducer(producer)
        let token = ShopConnections.randomToken()
        let replaced = try store.replaceProducerLink(producer: producer, tokenHash: ShopConnections.hash(token), at: clock())
        return Link(producer: producer, url: "\(publicURL)/producer/\(token)", replacedEarlier: replaced)
    }

    /// Ends the live link of `producer`; `false` when it had none.
    public func revoke(producer: String) throws -> Bool {
        try requireProducer(producer)
        return try store.revokeProducerLink(producer: producer, at: clock())
    }

    /// What a token opens.
    public enum Lookup: Equatable, Sendable {
        case live(producer: String)
        /// It was revoked, or replaced by a newer link.
        case ended
        case unknown
    }

    /// Looks the token up by its hash: the database holds no token, and a lookup by SHA-256 reveals nothing of
    /// the secret however long it takes.
    public func lookup(token: String) -> Lookup {
        guard !token.isEmpty, token.count <= 128, let link = try? store.producerLink(tokenHash: ShopConnections.hash(token)) else { return .unknown }
        return link.revokedAt == nil ? .live(producer: link.producerID) : .ended
    }

    private func requireProducer(_ producer: String) throws {
        guard try store.producer(id: producer) != nil else {
            throw ShopConnections.Refusal(description: "no producer \(producer) in the catalog")
        }
    }
}
