/// One piece of a catalog as an import finds it valid, in file order, so it can be written while the
/// rest of the file is still being checked.
public enum CatalogAddition: Sendable {
    case producer(Producer)
    /// A product; its variants follow as `.variant`.
    case product(Product)
    case variant(productSKU: String, Variant, stock: Int)
}
