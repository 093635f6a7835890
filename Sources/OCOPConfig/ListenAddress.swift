/// Host and port to listen on, written `HOST:PORT` (`[::1]:8470` for IPv6).
public struct ListenAddress: Equatable, Sendable, LosslessStringConvertible {
    public var host: String
    public var port: Int

    public static let `default` = ListenAddress(host: "127.0.0.1", port: 8470)

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// Parses `HOST:PORT`; nil when the host is empty or the port is not 1–65535.
    public init?(_ description: String) { self.init(description, allowsAnyPort: false) }

    /// Parses `HOST:PORT`; with `allowsAnyPort`, port 0 asks the system for a free port.
    public init?(_ description: String, allowsAnyPort: Bool) {
        guard let colon = description.lastIndex(of: ":"),
              let port = Int(description[description.index(after: colon)...]), ((allowsAnyPort ? 0 : 1)...65535).contains(port)
        else { return nil }
        var host = description[..<colon]
        if host.hasPrefix("["), host.hasSuffix("]") { host = host.dropFirst().dropLast() }
        guard !host.isEmpty, !host.contains(where: { $0.isWhitespace || $0 == "[" || $0 == "]" }) else { return nil }
        self.init(host: String(host), port: port)
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
}
