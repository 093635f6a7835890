import Foundation

/// Reads secrets from files (systemd `LoadCredential=`) or the environment.
public enum SecretSource {
    /// A secret that could not be read: where (`FILE`, `FILE:LINE` or the variable's name) and why, never the value.
    public struct Problem: Error, Equatable, CustomStringConvertible {
        public var location: String
        public var message: String

        public var description: String { "\(location): \(message)" }
    }

    /// The whole file, without one trailing newline.
    public static func read(file path: String) throws(Problem) -> Secret {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Problem(location: path, message: FileManager.default.fileExists(atPath: path) ? "cannot be read" : "no such file")
        }
        guard var text = String(data: data, encoding: .utf8) else { throw Problem(location: path, message: "is not UTF-8 text") }
        if text.last == "\n" || text.last == "\r\n" { text.removeLast() }
        guard !text.isEmpty else { throw Problem(location: path, message: "is empty") }
        return Secret(text)
    }

    /// The value of the environment variable `name`.
    public static func read(
        environmentVariable name: String, in environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(Problem) -> Secret {
        guard let value = environment[name] else { throw Problem(location: name, message: "is not set") }
        guard !value.isEmpty else { throw Problem(location: name, message: "is empty") }
        return Secret(value)
    }

    /// A credentials file of `key=value` lines; `#` comments and blank lines are skipped.
    public static func readCredentials(file path: String) throws(Problem) -> [String: Secret] {
        let text = try read(file: path).value
        var credentials: [String: Secret] = [:]
        for (offset, line) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let location = "\(path):\(offset + 1)"
            guard let equals = trimmed.firstIndex(of: "=") else { throw Problem(location: location, message: "expected key=value") }
            let key = trimmed[..<equals].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty, key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "_.-".contains($0)) }) else {
                throw Problem(location: location, message: "expected key=value with a key of letters, digits, '_', '.' or '-'")
            }
            guard credentials[key] == nil else { throw Problem(location: location, message: "\(key) is given twice") }
            credentials[key] = Secret(trimmed[trimmed.index(after: equals)...].trimmingCharacters(in: .whitespaces))
        }
        return credentials
    }
}
