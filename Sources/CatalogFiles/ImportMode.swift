/// Whether a file may only add to the catalog, or also change what it already holds.
public enum ImportMode: Sendable {
    /// `catalog import`: every product and variant must be new.
    case add
    /// `catalog import --update`: rows whose SKU the catalog holds describe it as it should now be.
    case update
}
