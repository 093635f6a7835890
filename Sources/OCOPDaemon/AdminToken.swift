import Crypto
import Foundation

/// The bearer token admin mutations need, read from `admin_token_file` (a systemd credential).
public struct AdminToken: Sendable {
    private let digest: SHA256.Digest?
    /// Why there is no token, when there is none.
    public let problem: String?

    /// Reads the first line of the file; no file configured or an empty one means mutations are refused.
    public init(file: String?) {
        guard let file else {
            digest = nil
            problem = "no admin_token_file is configured, so admin mutations are refused"
            return
        }
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            digest = nil
            problem = "admin_token_file \(file) cannot be read, so admin mutations are refused"
            return
        }
        let token = text.split(whereSeparator: \.isNewline).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        guard token.count >= 16 else {
            digest = nil
            problem = "the token in admin_token_file \(file) is shorter than 16 characters, so admin mutations are refused"
            return
        }
        digest = SHA256.hash(data: Data(token.utf8))
        problem = nil
    }

    /// Whether an `Authorization` header carries the token (compared as digests, in constant time).
    public func admits(authorization: String?) -> Bool {
        guard let digest, let authorization, authorization.hasPrefix("Bearer ") else { return false }
        let offered = SHA256.hash(data: Data(authorization.dropFirst(7).trimmingCharacters(in: .whitespaces).utf8))
        return zip(offered, digest).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
