import ManifestAdapter
import MarketplaceAdapter
import PlatformManifest

/// Every adapter ocopsync has: the code adapters of platforms with a published API, and the
/// manifest-driven adapter for every platform whose manifest declares a protocol (a new such platform
/// is a new folder under `adapters/`, nothing here).
public enum AdapterRegistry {
    /// The code adapters, by platform.
    static let makers: [String: any MarketplaceMaker] = [:]

    /// The adapter for `context`'s platform.
    public static func make(_ context: AdapterContext) throws(AdapterError) -> any Marketplace {
        if let maker = makers[context.manifest.platform] { return try maker.make(context) }
        guard context.manifest.protocolSpec != nil else {
            throw .rejected(code: "no_adapter", message: "\(context.manifest.platform): no adapter and no protocol in the manifest")
        }
        return try ManifestMarketplaceMaker(platform: context.manifest.platform).make(context)
    }

    /// Whether an adapter exists for `manifest`'s platform.
    public static func supports(_ manifest: PlatformManifest) -> Bool {
        makers[manifest.platform] != nil || manifest.protocolSpec != nil
    }
}
