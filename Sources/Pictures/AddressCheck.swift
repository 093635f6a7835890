import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Whether a host is one a fetch of a catalog picture may reach: not loopback, private, link-local, shared
/// (CGNAT), multicast or unspecified, by every address its name resolves to (a picture URL in a catalog file
/// must not make the server read its own network).
public enum AddressCheck {
    /// Why `host` may not be fetched from, or `nil` when it may.
    public static func refusal(host: String) -> String? {
        let addresses = resolve(host)
        guard !addresses.isEmpty else { return "\(host) does not resolve" }
        if let inside = addresses.first(where: isInternal) { return "\(host) is a private or local address (\(inside))" }
        return nil
    }

    /// Every address `host` resolves to, as text.
    static func resolve(_ host: String) -> [String] {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let trimmed = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        guard getaddrinfo(trimmed, nil, &hints, &list) == 0, let first = list else { return [] }
        defer { freeaddrinfo(list) }
        var addresses: [String] = []
        var next: UnsafeMutablePointer<addrinfo>? = first
        while let entry = next {
            var buffer = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            if getnameinfo(entry.pointee.ai_addr, entry.pointee.ai_addrlen, &buffer, socklen_t(buffer.count), nil, 0, NI_NUMERICHOST) == 0 {
                addresses.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
            }
            next = entry.pointee.ai_next
        }
        return addresses
    }

    /// Whether a numeric address is loopback, private, link-local, shared, multicast or unspecified.
    static func isInternal(_ address: String) -> Bool {
        let lower = address.lowercased()
        if lower.contains(":") {
            if let mapped = lower.split(separator: ":").last, lower.hasPrefix("::ffff:"), mapped.contains(".") { return isInternal(String(mapped)) }
            return lower == "::1" || lower == "::" || lower.hasPrefix("fc") || lower.hasPrefix("fd") || lower.hasPrefix("fe8") || lower.hasPrefix("fe9")
                || lower.hasPrefix("fea") || lower.hasPrefix("feb") || lower.hasPrefix("ff")
        }
        let parts = address.split(separator: ".").compactMap { Int($0) }
        guard parts.count == 4 else { return true }
        switch (parts[0], parts[1]) {
        case (0, _), (10, _), (127, _), (169, 254), (192, 168): return true
        case (172, 16...31), (100, 64...127): return true
        case (224...255, _): return true
        default: return false
        }
    }
}
