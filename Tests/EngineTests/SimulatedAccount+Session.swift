import Foundation
import Listings
import MarketplaceAdapter
import OCOPCatalog
import OCOPConfig
import OCOPStore
import PlatformManifest
import Pictures
import SimulatedAccounts
import SyncEngine

extension SimulatedAccount {
    /// The simulated account as an aggregator (it sells every producer's products).
    func policy(onRemoteEdit: RemoteEditRule = .overwrite) -> AccountPolicy {
        var channel = ChannelPolicy.defaults
        channel.onRemoteEdit = onRemoteEdit
        return AccountPolicy(accountID: adapter.account.id, platform: manifest.platform, producers: nil, channel: channel)
    }

    /// The seed catalog's pictures, read from the seeds' files (the tests have no network).
    static func seedPictures(_ store: CatalogStore) -> PictureFetcher {
        PictureFetcher(cacheDirectory: store.picturesDirectory, localDirectory: repository.appendingPathComponent("seeds/pictures").path)
    }

    /// The account's session over `store` and the catalog `index`, judging eligibility on the tests' day.
    func session(store: CatalogStore, index: CatalogIndex, onRemoteEdit: RemoteEditRule = .overwrite,
                 readiness: OrderReadiness = OrderReadiness()) -> AccountSession {
        AccountSession(policy: policy(onRemoteEdit: onRemoteEdit), adapter: adapter, store: store, catalog: FixedCatalog(index), readiness: readiness,
                       today: { SyncPassTests.day }, pictures: Self.seedPictures(store))
    }
}
