import Foundation

/// An order as a platform shows it.
public struct RemoteOrder: Equatable, Sendable {
    public enum Status: String, Equatable, Sendable, Codable {
        /// Placed and holding stock.
        case open
        case shipped
        /// Cancelled: the stock comes back.
        case cancelled
    }

    public struct Line: Equatable, Sendable {
        public var sku: String
        public var quantity: Int

        public init(sku: String, quantity: Int) {
            self.sku = sku
            self.quantity = quantity
        }
    }

    public var id: String
    public var status: Status
    public var lines: [Line]
    public var updatedAt: Date

    public init(id: String, status: Status, lines: [Line], updatedAt: Date) {
        self.id = id
        self.status = status
        self.lines = lines
        self.updatedAt = updatedAt
    }
}

/// Where an order read continues: the change time of the last order seen.
public struct OrderCursor: Equatable, Sendable, Codable {
    public var updatedAfter: Date

    public init(updatedAfter: Date) { self.updatedAfter = updatedAfter }
}

/// Orders changed since a cursor, and the cursor to continue from.
public struct OrderBatch: Sendable {
    public var orders: [RemoteOrder]
    public var next: OrderCursor

    public init(orders: [RemoteOrder], next: OrderCursor) {
        self.orders = orders
        self.next = next
    }
}

/// A pushed request as the admin API received it.
public struct WebhookRequest: Sendable {
    /// The callback URL as the platform knows it (`public_url` + /webhooks/PLATFORM): Shopee signs it.
    public var url: String
    /// Header names in lower case.
    public var headers: [String: String]
    public var body: [UInt8]
    public var receivedAt: Date

    public init(url: String, headers: [String: String], body: [UInt8], receivedAt: Date = Date()) {
        self.url = url
        self.headers = headers
        self.body = body
        self.receivedAt = receivedAt
    }
}
