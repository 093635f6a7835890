import Crypto
import Foundation

/// Seals the secrets ocopsync keeps in its database (access and refresh tokens, a connected shop's
/// credentials) with AES-GCM under a key kept outside it: the database alone gives no token away.
public struct SecretBox: Sendable {
    private let key: SymmetricKey
    /// What every sealed value starts with (the version lets a later key scheme read older values).
    public static let prefix = "sealed:v1:"

    /// Why a key or a sealed value could not be used; never carries a secret.
    public struct Problem: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    public init(key: SymmetricKey) { self.key = key }

    /// The key in `file`: 32 random bytes, written as base64 text. When the file does not exist and `create`
    /// is set, a new key is written there, readable by its owner only (`0600`).
    public init(keyFile file: String, create: Bool) throws(Problem) {
        if !FileManager.default.fileExists(atPath: file), create {
            let key = SymmetricKey(size: .bits256)
            let text = key.withUnsafeBytes { Data($0).base64EncodedString() } + "\n"
            let directory = (file as NSString).deletingLastPathComponent
            do {
                try FileManager.default.createDirectory(atPath: directory.isEmpty ? "." : directory, withIntermediateDirectories: true)
                guard FileManager.default.createFile(atPath: file, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
                    throw Problem(message: "\(file): the secrets key cannot be written")
                }
            } catch let problem as Problem {
                throw problem
            } catch {
                throw Problem(message: "\(file): the secrets key cannot be written: \(error.localizedDescription)")
            }
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            throw Problem(message: "\(file): the secrets key \(FileManager.default.fileExists(atPath: file) ? "cannot be read" : "does not exist")")
        }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let bytes = Data(base64Encoded: text), bytes.count == 32 else {
            throw Problem(message: "\(file): the secrets key must be 32 bytes written as base64 (e.g. `head -c 32 /dev/urandom | base64`)")
        }
        key = SymmetricKey(data: bytes)
    }

    /// `text` sealed: the prefix, then the nonce, ciphertext and tag in base64.
    public func seal(_ text: String) throws(Problem) -> String {
        do {
            let box = try AES.GCM.seal(Data(text.utf8), using: key)
            guard let combined = box.combined else { throw Problem(message: "a secret could not be sealed") }
            return Self.prefix + combined.base64EncodedString()
        } catch let problem as Problem {
            throw problem
        } catch {
            throw Problem(message: "a secret could not be sealed: \(error)")
        }
    }

    /// The text `sealed` holds. A value written before secrets were sealed is returned as it is (the next
    /// write seals it).
    public func open(_ sealed: String) throws(Problem) -> String {
        guard sealed.hasPrefix(Self.prefix) else { return sealed }
        guard let combined = Data(base64Encoded: String(sealed.dropFirst(Self.prefix.count))),
              let box = try? AES.GCM.SealedBox(combined: combined) else {
            throw Problem(message: "a sealed secret in the database is damaged")
        }
        guard let plain = try? AES.GCM.open(box, using: key) else {
            throw Problem(message: "a secret in the database was sealed with another key: give the daemon the secrets key it was written with, or connect the shop again")
        }
        return String(decoding: plain, as: UTF8.self)
    }

    /// Whether `text` is a sealed value.
    public static func isSealed(_ text: String) -> Bool { text.hasPrefix(prefix) }

    /// A code only this key makes for `text` (HMAC-SHA256 under a key derived for `purpose`), base64url: what a
    /// form of a page carries so that only the page's own server could have written it.
    public func code(for text: String, purpose: String) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: derivedKey(purpose)))
            .base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// Whether `code` is this key's code for `text` and `purpose`, compared in constant time.
    public func verifies(_ code: String, for text: String, purpose: String) -> Bool {
        var base64 = code.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let bytes = Data(base64Encoded: base64) else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(bytes, authenticating: Data(text.utf8), using: derivedKey(purpose))
    }

    private func derivedKey(_ purpose: String) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: key, info: Data("ocopsync:\(purpose)".utf8), outputByteCount: 32)
    }
}
