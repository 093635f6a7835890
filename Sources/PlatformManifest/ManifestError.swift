/// A manifest that cannot be used, with the key path of each problem.
public struct ManifestError: Error, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var problems: [String]

    public var description: String { problems.map { "\(file): \($0)" }.joined(separator: "\n") }
}
