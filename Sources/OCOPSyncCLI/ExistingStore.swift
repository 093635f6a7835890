import OCOPStore

extension CatalogStore {
    /// The database of a state directory that already holds a catalog, or the command's failure saying how to
    /// make one: the commands that read or change a catalog never create an empty database.
    static func existing(in stateDirectory: String, access: Access = .singleConnection) throws -> CatalogStore {
        guard let store = try open(stateDirectory: stateDirectory, create: false, access: access) else {
            throw CommandFailure(.failed, "no catalog in \(stateDirectory) yet; run `ocopsync catalog import FILE` first")
        }
        return store
    }
}
