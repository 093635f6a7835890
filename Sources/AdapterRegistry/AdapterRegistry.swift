import LazadaAdapter
import ManifestAdapter
import MarketplaceAdapter
import PlatformManifest
import SendoAdapter
import ShopeeAdapter
import TikiAdapter
import TikTokShopAdapter

/// Every adapter ocopsync has: the code adapters of platforms with a published API (a folder under
/// `adapters/` with its Swift files, a target in Package.swift and a line here), and the manifest-driven
/// adapter for every platform whose manifest declares a protocol (a new such platform is a new folder,
/// nothing else).
public enum AdapterRegistry {
    /// The code adapters, by platform.
    static let makers: [String: any MarketplaceMaker] = Dictionary(
        uniqueKeysWithValues: ([ShopeeMaker(), LazadaMaker(), TikiMaker(), SendoMaker(), TikTokShopMaker()] as [any MarketplaceMaker]).map { ($0.platform, $0) })

    /// The adapter for `context`'s platform.
    public static func make(_ context: AdapterContext) throws(AdapterError) -> any Marketplace {
        if let maker = makers[context.manifest.platform] { return try maker.make(context) }
        guard context.manifest.protocolSpec != nil else {
            throw .rejected(code: "no_adapter", message: "\(context.manifest.platform): no adapter and no protocol in the manifest")
        }
        return try ManifestMarketplaceMaker(platform: context.manifest.platform).make(context)
    }

    /// The consent flow of `platform`'s adapter, where its shops connect by their owner's consent.
    public static func consent(for platform: String) -> (any ShopConsent)? {
        makers[platform] as? any ShopConsent
    }

    /// Whether an adapter exists for `manifest`'s platform.
    public static func supports(_ manifest: PlatformManifest) -> Bool {
        makers[manifest.platform] != nil || manifest.protocolSpec != nil
    }

    /// The platforms an account may name: every manifest with an adapter, in report order.
    public static func platforms(of manifests: [String: PlatformManifest]) -> [String] {
        PlatformManifest.platforms(of: manifests).filter { manifests[$0].map(supports) ?? false }
    }

    /// The keys an account's credentials file must hold on `manifest`'s platform; nil without an adapter.
    public static func credentialKeys(for manifest: PlatformManifest) -> [String]? {
        if let maker = makers[manifest.platform] { return maker.credentialKeys }
        return manifest.protocolSpec == nil ? nil : ManifestMarketplaceMaker(platform: manifest.platform).credentialKeys
    }

    /// The other names a credentials file may give those keys, by key.
    public static func credentialAliases(for platform: String) -> [String: String] {
        makers[platform]?.credentialAliases ?? [:]
    }
}
