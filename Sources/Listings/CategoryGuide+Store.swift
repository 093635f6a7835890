import OCOPCatalog
import OCOPStore
import PlatformManifest

extension CategoryGuide {
    /// The platform's tree and attributes as last refreshed, with the operator's mappings.
    public init(store: CatalogStore, platform: String) throws {
        let mappings = try store.categoryMappings(platform: platform)
        self.init(schema: try store.categorySchema(platform: platform),
                  mappings: Dictionary(mappings.map { ($0.group, $0.categoryID) }, uniquingKeysWith: { _, last in last }))
    }

    /// The same, for the platform of `manifest`.
    public init(store: CatalogStore, manifest: PlatformManifest) throws {
        try self.init(store: store, platform: manifest.platform)
        published = manifest.publishesCategorySchema
    }
}
