import AdapterRegistry
import Foundation
import Listings
import OCOPCatalog
import OCOPConfig
import OCOPStore
import PlatformManifest
import Reports

/// A producer's page worked out from the database: its products with stock and where each is live, its
/// shops with their health and own coverage, and the platforms it can connect a shop on.
struct ProducerPageModel {
    let connections: ShopConnections

    func page(producer: Producer, token: String, formCode: String, notice: ProducerPage.Notice?, chosenSKU: String?) throws -> ProducerPage {
        let store = connections.store
        let own = try store.products(ofProducers: [producer.id])
        let skus = own.flatMap { $0.variants.map(\.sku) }
        let levels = try store.stockLevels(of: skus)
        let accounts = try ShopConnections.allAccounts(store: store, config: connections.config)
        let selling = accounts.filter { $0.accountPolicy.sells(producer: producer.id) }
        var observed: [String: [String: Binding.Observation]] = [:]
        for account in selling {
            observed[account.id] = try store.bindings(account: account.id, skus: skus).compactMapValues(\.observed)
        }
        let platforms = PlatformManifest.platforms(of: connections.manifests).filter { platform in selling.contains { $0.platform == platform } }
        let day = CalendarDay.inVietnam()
        let lines = own.map { product in
            let presence = platforms.map { platform -> (platform: String, presence: ProducerPage.Presence) in
                let seen = selling.filter { $0.platform == platform }.flatMap { account in product.variants.compactMap { observed[account.id]?[$0.sku] } }
                let state: ProducerPage.Presence = seen.contains { $0.status == .live } ? .live
                    : seen.contains { $0.status == .pendingReview } ? .pending : .missing
                return (displayName(platform), state)
            }
            return ProducerPage.ProductLine(
                sku: product.sku, name: product.name, stars: product.rating.stars, eligible: product.eligibility(on: day).isEligible,
                variants: product.variants.map { variant in
                    ProducerPage.VariantLine(sku: variant.sku, packSize: variant.packSize, priceVND: variant.priceVND,
                                             available: levels[variant.sku]?.available() ?? 0)
                },
                presence: presence)
        }
        let (shops, connectedPlatforms) = try self.shops(of: producer.id, products: own, observed: observed, on: day)
        return ProducerPage(producerName: producer.name, products: lines, shops: shops, newShops: newShops(except: connectedPlatforms), notice: notice,
                            chosenSKU: chosenSKU, token: token, formCode: formCode)
    }

    /// The producer's own shops (aggregators are the province's, not listed): the config's accounts naming it
    /// and the shops it connected, disabled ones too; with the platforms it has a connected shop on.
    private func shops(of producer: String, products own: [Product], observed: [String: [String: Binding.Observation]],
                       on day: CalendarDay) throws -> ([ProducerPage.ShopLine], Set<String>) {
        let store = connections.store
        let config = connections.config
        let health = try store.accountHealth()
        let connected = try store.connectedShops().filter { $0.producerID == producer }
        let configured = config.accounts.filter { !$0.isAggregator && $0.producers.contains(producer) }
        var policies = configured.map(\.accountPolicy)
        for shop in connected where !policies.contains(where: { $0.accountID == shop.accountID }) {
            policies.append(AccountPolicy(accountID: shop.accountID, platform: shop.platform, producers: [shop.producerID]))
        }
        // A shop selling several producers counts all of theirs: their products are read, and its bindings whole.
        var seen = observed
        var products = own
        let others = Set(policies.flatMap { $0.producers ?? [] }).subtracting([producer])
        if !others.isEmpty { products += try store.products(ofProducers: others) }
        for policy in policies where seen[policy.accountID] == nil && policy.producers?.count == 1 {
            // A disabled shop is synced by no one, but what it last showed still counts.
            seen[policy.accountID] = try store.bindings(account: policy.accountID, skus: own.flatMap { $0.variants.map(\.sku) }).compactMapValues(\.observed)
        }
        for policy in policies where (policy.producers?.count ?? 0) > 1 {
            var all: [String: Binding.Observation] = [:]
            try store.forEachBinding(account: policy.accountID) { binding in if let at = binding.observed, all[binding.sku] == nil { all[binding.sku] = at } }
            seen[policy.accountID] = all
        }
        let coverage = AccountCoverage.of(accounts: policies, observed: seen, index: CatalogIndex(Catalog(products: products)), on: day)
        var lines: [ProducerPage.ShopLine] = configured.map { account in
            ProducerPage.ShopLine(account: account.id, platform: displayName(account.platform), shopName: nil, health: health[account.id]?.health ?? .unknown,
                                  disabled: false, coverage: coverage[account.id],
                                  action: .none("Gian hàng này do Sở Công Thương cấu hình; nếu cần kết nối lại, hãy liên hệ cán bộ Sở."))
        }
        for shop in connected where !configured.contains(where: { $0.id == shop.accountID }) {
            let action: ProducerPage.ShopAction = canConnect(shop.platform) == nil ? .reconnect(platform: shop.platform, account: shop.accountID)
                : .none(canConnect(shop.platform) ?? "")
            lines.append(ProducerPage.ShopLine(account: shop.accountID, platform: displayName(shop.platform), shopName: shop.shopName,
                                               health: health[shop.accountID]?.health ?? .unknown, disabled: shop.state == .disabled,
                                               coverage: coverage[shop.accountID], action: action))
        }
        return (lines, Set(connected.map(\.platform)))
    }

    /// The platforms with an app in the config that the producer has no shop connected on.
    private func newShops(except connected: Set<String>) -> [ProducerPage.NewShop] {
        connections.config.apps.map(\.platform).filter { !connected.contains($0) }.map { platform in
            ProducerPage.NewShop(platform: platform, name: displayName(platform), unavailable: canConnect(platform))
        }
    }

    /// Why a shop on `platform` cannot be connected from the page; nil when it can.
    func canConnect(_ platform: String) -> String? {
        if connections.config.publicURL == nil { return "Máy chủ chưa có địa chỉ công khai (public_url): hãy liên hệ cán bộ Sở Công Thương." }
        if !connections.config.apps.contains(where: { $0.platform == platform }) {
            return "Sở Công Thương chưa đăng ký ứng dụng ocopsync với \(displayName(platform)): hãy liên hệ cán bộ Sở."
        }
        if AdapterRegistry.consent(for: platform) == nil {
            return "\(displayName(platform)) không kết nối gian hàng bằng đồng ý của chủ gian hàng: hãy liên hệ cán bộ Sở."
        }
        return nil
    }

    func displayName(_ platform: String) -> String { connections.displayName(platform) }
}
