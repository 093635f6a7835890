/// One problem found in a catalog file, printed as `FILE:LINE: field: message`.
public struct ImportIssue: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    /// A column name, or `file` / `header` for problems of the whole file.
    public var field: String
    public var message: String

    public init(file: String, line: Int, field: String, message: String) {
        self.file = file
        self.line = line
        self.field = field
        self.message = message
    }

    public var description: String { "\(file):\(line): \(field): \(message)" }
}

/// Thrown when a catalog file has problems; nothing was written.
public struct CatalogFileError: Error, Sendable, CustomStringConvertible {
    public var issues: [ImportIssue]

    public init(issues: [ImportIssue]) { self.issues = issues }

    public var description: String { issues.map(\.description).joined(separator: "\n") }
}
