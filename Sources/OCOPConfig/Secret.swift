import Foundation

/// A secret value: never printed, never logged.
public struct Secret: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    /// The value, for the one place that sends it (a request signature, a bearer header).
    public let value: String

    public init(_ value: String) { self.value = value }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
}

/// Reads secrets from files (systemd `LoadCredential=`) or the environment.
public enum SecretSource {
    public struct Problem: Error, CustomStringConvertible {
        public var description: String
    }

    /// The whole file, without one trailing newline.
    public static func read(file path: String) throws -> Secret {
        guard let data = FileManager.default.contents(atPath: path), var text = String(data: data, encoding: .utf8) else {
            throw Problem(description: "\(path): cannot be read")
        }
        if text.hasSuffix("\r\n") { text.removeLast(2) } else if text.hasSuffix("\n") { text.removeLast() }
        guard !text.isEmpty else { throw Problem(description: "\(path): is empty") }
        return Secret(text)
    }

    /// A credentials file of `key=value` lines (`#` comments and blank lines allowed).
    public static func readCredentials(file path: String) throws -> [String: Secret] {
        let text = try read(file: path).value
        var result: [String: Secret] = [:]
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard let equals = trimmed.firstIndex(of: "="), equals != trimmed.startIndex else {
                throw Problem(description: "\(path):\(offset + 1): expected key=value")
            }
            let key = trimmed[..<equals].trimmingCharacters(in: .whitespaces)
            result[key] = Secret(trimmed[trimmed.index(after: equals)...].trimmingCharacters(in: .whitespaces))
        }
        return result
    }
}
