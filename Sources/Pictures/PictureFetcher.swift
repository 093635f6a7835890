import AsyncHTTPClient
import Crypto
import Foundation
import NIOCore
import NIOHTTP1
import OCOPCatalog

/// Fetches catalog pictures into the state directory, once each: with a timeout, at most ``maxBytes`` read
/// (the bytes go to a file as they come, never all in memory), redirects not followed, and hosts inside the
/// server's own network refused unless the operator allows them. A picture whose file name is in the
/// operator's folder of pictures is read from there instead.
public struct PictureFetcher: Sendable {
    /// Where the fetched bytes go, one file per content hash.
    public let cacheDirectory: String
    /// Where the operator keeps the catalog's pictures as files (`pictures.directory`), if anywhere.
    public var localDirectory: String?
    /// Whether a picture may come from a loopback or private address (`pictures.allow_private_addresses`).
    public var allowPrivateAddresses: Bool
    public var maxBytes: Int
    public var timeout: TimeAmount

    /// Redirects are refused: a catalog's picture URL is fetched as written.
    static let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))

    public init(cacheDirectory: String, localDirectory: String? = nil, allowPrivateAddresses: Bool = false, maxBytes: Int = 16 << 20,
                timeout: TimeAmount = .seconds(20)) {
        self.cacheDirectory = cacheDirectory
        self.localDirectory = localDirectory
        self.allowPrivateAddresses = allowPrivateAddresses
        self.maxBytes = maxBytes
        self.timeout = timeout
    }

    /// What fetching `url` finds: the picture (its bytes kept under its content hash), or why there is none.
    public func fetch(_ url: String, at date: Date = Date()) async -> PictureFact {
        do {
            return PictureFact(url: url, picture: try await picture(url), problem: nil, fetchedAt: date)
        } catch let refusal as Refusal {
            return PictureFact(url: url, picture: nil, problem: refusal.message, fetchedAt: date)
        } catch {
            return PictureFact(url: url, picture: nil, problem: "could not be fetched: \(error)", fetchedAt: date)
        }
    }

    struct Refusal: Error {
        let message: String
        init(_ message: String) { self.message = message }
    }

    private func picture(_ url: String) async throws -> Picture {
        try FileManager.default.createDirectory(atPath: cacheDirectory, withIntermediateDirectories: true)
        let temporary = "\(cacheDirectory)/.fetch-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: temporary) }
        guard FileManager.default.createFile(atPath: temporary, contents: nil), let file = FileHandle(forWritingAtPath: temporary) else {
            throw Refusal("could not be kept: \(cacheDirectory) is not writable")
        }
        var hasher = SHA256()
        var count = 0
        var head: [UInt8] = []
        func take(_ chunk: some Collection<UInt8>) throws {
            count += chunk.count
            guard count <= maxBytes else { throw Refusal("is larger than \(maxBytes >> 20) MB") }
            hasher.update(data: Array(chunk))
            if head.count < 262_144 { head += chunk.prefix(262_144 - head.count) }
            try file.write(contentsOf: Array(chunk))
        }
        do {
            if let local = localFile(url) {
                guard let input = FileHandle(forReadingAtPath: local) else { throw Refusal("cannot be read from \(local)") }
                defer { try? input.close() }
                while let chunk = try input.read(upToCount: 65_536), !chunk.isEmpty { try take(chunk) }
            } else {
                try await download(url) { try take($0.readableBytesView) }
            }
            try file.close()
        } catch {
            try? file.close()
            throw error
        }
        let hash = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        let kept = "\(cacheDirectory)/\(hash)"
        if FileManager.default.fileExists(atPath: kept) {
            try? FileManager.default.removeItem(atPath: temporary)
        } else {
            try FileManager.default.moveItem(atPath: temporary, toPath: kept)
        }
        let header = PictureHeader.read(head)
        return Picture(contentHash: hash, format: header.format, bytes: count, width: header.width, height: header.height)
    }

    /// The operator's file for `url` (its last path component in ``localDirectory``), if there is one.
    func localFile(_ url: String) -> String? {
        guard let localDirectory, let name = URL(string: url)?.lastPathComponent, !name.isEmpty, name != "/" else { return nil }
        let path = "\(localDirectory)/\(name)"
        return FileManager.default.fileExists(atPath: path) ? path : nil
    }

    private func download(_ url: String, _ body: (ByteBuffer) throws -> Void) async throws {
        guard let parsed = URL(string: url), let scheme = parsed.scheme?.lowercased(), ["http", "https"].contains(scheme), let host = parsed.host else {
            throw Refusal("is not an http(s) URL")
        }
        if !allowPrivateAddresses, let refusal = AddressCheck.refusal(host: host) { throw Refusal("is refused: \(refusal)") }
        let response = try await Self.client.execute(HTTPClientRequest(url: url), timeout: timeout)
        if (300..<400).contains(response.status.code) {
            throw Refusal("redirects to \(response.headers.first(name: "location") ?? "another address"); give the address it ends at")
        }
        guard (200..<300).contains(response.status.code) else { throw Refusal("answered HTTP \(response.status.code)") }
        if let length = response.headers.first(name: "content-length").flatMap(Int.init), length > maxBytes {
            throw Refusal("is larger than \(maxBytes >> 20) MB")
        }
        for try await chunk in response.body { try body(chunk) }
    }
}
