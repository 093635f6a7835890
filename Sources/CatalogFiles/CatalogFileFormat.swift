/// The file formats `catalog import` and `catalog export` speak.
public enum CatalogFileFormat: String, CaseIterable, Sendable {
    case csv
    case json

    /// The format named by a file's extension, case-insensitively.
    public init?(path: String) {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        self.init(rawValue: path[path.index(after: dot)...].lowercased())
    }
}
