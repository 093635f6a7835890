import OCOPConfig
import OCOPStore
import Pictures

extension PictureFetcher {
    /// The fetcher the config asks for, keeping pictures in the store's folder.
    public init(settings: PictureSettings, store: CatalogStore) {
        self.init(cacheDirectory: store.picturesDirectory, localDirectory: settings.directory, allowPrivateAddresses: settings.allowPrivateAddresses)
    }
}
