/// Where the catalog's pictures come from (`pictures:`).
public struct PictureSettings: Equatable, Sendable {
    /// A folder holding the catalog's pictures as files: a picture whose URL's file name is here is read from it
    /// instead of downloaded (`pictures.directory`).
    public var directory: String?
    /// Whether a picture URL may point at a loopback or private address (`pictures.allow_private_addresses`):
    /// off, a catalog file cannot make the server fetch from its own network.
    public var allowPrivateAddresses = false

    public init(directory: String? = nil, allowPrivateAddresses: Bool = false) {
        self.directory = directory
        self.allowPrivateAddresses = allowPrivateAddresses
    }
}
