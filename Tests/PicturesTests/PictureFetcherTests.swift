import Foundation
import Hummingbird
import OCOPCatalog
import Pictures
import Testing

/// The fetch of a catalog picture: once, bounded, and only from where a catalog may point.
@Suite struct PictureFetcherTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let jpeg = [UInt8](try! Data(contentsOf: repository.appendingPathComponent("seeds/pictures/qn-bc-0001-1.jpg")))

    /// A picture host on loopback: `/a.jpg` the seed picture, `/moved.jpg` a redirect, `/big.jpg` 3 MB, `/missing.jpg` 404.
    static func host(_ body: @escaping @Sendable (String) async throws -> Void) async throws {
        let router = Router()
        router.get("a.jpg") { _, _ in Response(status: .ok, headers: [.contentType: "image/jpeg"], body: .init(byteBuffer: ByteBuffer(bytes: jpeg))) }
        router.get("moved.jpg") { _, _ in Response(status: .found, headers: [.location: "http://127.0.0.1/a.jpg"]) }
        router.get("big.jpg") { _, _ in Response(status: .ok, body: .init(byteBuffer: ByteBuffer(repeating: 0xFF, count: 3 << 20))) }
        router.get("missing.jpg") { _, _ in Response(status: .notFound) }
        let (ports, sink) = AsyncStream.makeStream(of: Int.self)
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                              onServerRunning: { sink.yield($0.localAddress?.port ?? 0) })
        let serving = Task { try await app.run() }
        defer { serving.cancel() }
        var iterator = ports.makeAsyncIterator()
        let port = await iterator.next() ?? 0
        try await body("http://127.0.0.1:\(port)")
    }

    static func cache() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("ocopsync-pictures-\(UUID().uuidString)").path
    }

    @Test func aPictureIsKeptUnderItsContentHashWithItsFormatAndSize() async throws {
        try await Self.host { base in
            let cache = Self.cache()
            let fact = await PictureFetcher(cacheDirectory: cache, allowPrivateAddresses: true).fetch("\(base)/a.jpg")
            let picture = try #require(fact.picture, "\(fact.problem ?? "")")
            #expect(picture.format == .jpeg && picture.width == 600 && picture.height == 600 && picture.bytes == Self.jpeg.count)
            #expect(FileManager.default.contents(atPath: "\(cache)/\(picture.contentHash)") == Data(Self.jpeg))
            #expect(try FileManager.default.contentsOfDirectory(atPath: cache) == [picture.contentHash], "no partial file is left")
        }
    }

    @Test func redirectsPrivateAddressesTooManyBytesAndErrorsAreRefusedWithTheirReason() async throws {
        try await Self.host { base in
            let open = PictureFetcher(cacheDirectory: Self.cache(), allowPrivateAddresses: true, maxBytes: 1 << 20)
            #expect(await open.fetch("\(base)/moved.jpg").problem?.hasPrefix("redirects to http://127.0.0.1/a.jpg") == true)
            #expect(await open.fetch("\(base)/big.jpg").problem == "is larger than 1 MB")
            #expect(await open.fetch("\(base)/missing.jpg").problem == "answered HTTP 404")
            #expect(await open.fetch("ftp://example.vn/a.jpg").problem == "is not an http(s) URL")
            let guarded = PictureFetcher(cacheDirectory: Self.cache())
            let refused = await guarded.fetch("\(base)/a.jpg")
            #expect(refused.picture == nil && refused.problem?.contains("private or local address") == true, "\(refused.problem ?? "")")
        }
    }

    @Test func aFileOfTheSameNameInTheOperatorsFolderIsReadInsteadOfTheNetwork() async throws {
        let folder = Self.repository.appendingPathComponent("seeds/pictures").path
        let fact = await PictureFetcher(cacheDirectory: Self.cache(), localDirectory: folder).fetch("https://ocopquangninh.com.vn/images/qn-bc-0001-1.jpg")
        #expect(fact.picture?.width == 600 && fact.problem == nil)
    }

    @Test func headersGiveTheFormatAndSizeOfEachKind() {
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] + Array("IHDR".utf8)
        png += [0, 0, 0x03, 0x20, 0, 0, 0x02, 0x58]
        #expect(PictureHeader.read(png) == (.png, 800, 600))
        #expect(PictureHeader.read(Self.jpeg) == (.jpeg, 600, 600))
        #expect(PictureHeader.read(Array("GIF89a".utf8) + [0x40, 0x01, 0xF0, 0x00]) == (.gif, 320, 240))
        #expect(PictureHeader.read(Array("<html>".utf8)).format == .unknown)
    }
}
