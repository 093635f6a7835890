/// A set of producers and their products, as read from a catalog file or the store.
public struct Catalog: Hashable, Sendable {
    public var producers: [Producer]
    public var products: [Product]
    /// Units on hand per variant SKU.
    public var stock: [String: Int]

    public init(producers: [Producer] = [], products: [Product] = [], stock: [String: Int] = [:]) {
        self.producers = producers
        self.products = products
        self.stock = stock
    }

    public var variantCount: Int { products.reduce(0) { $0 + $1.variants.count } }
}
