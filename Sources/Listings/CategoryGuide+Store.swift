import OCOPCatalog
import OCOPStore

extension CategoryGuide {
    /// The platform's tree and attributes as last refreshed, with the operator's mappings.
    public init(store: CatalogStore, platform: String) throws {
        let mappings = try store.categoryMappings(platform: platform)
        self.init(schema: try store.categorySchema(platform: platform),
                  mappings: Dictionary(mappings.map { ($0.group, $0.categoryID) }, uniquingKeysWith: { _, last in last }))
    }
}
