import Foundation
import MarketplaceAdapter
import NIOCore
import PlatformManifest

/// What the wire tests share: adapters made for a platform that is never reached, and the errors calls end with.
enum WireFixtures {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A context for `platform` whose base URL answers nothing: a test that expects no call fails if one is made.
    static func context(_ platform: String, credentials: [String: String]) throws -> AdapterContext {
        let manifest = try ManifestLoader.load(path: repository.appendingPathComponent("adapters/\(platform)/manifest.yaml").path)
        return AdapterContext(account: AccountRef(platform: platform, id: "\(platform)-wire"), manifest: manifest, baseURL: "http://127.0.0.1:9",
                              credentials: AccountCredentials(credentials),
                              transport: PlatformTransport(pacer: Pacer(requestsPerSecond: 100, burst: 100), timeout: .milliseconds(200),
                                                           deferralTries: 1, failureTries: 1))
    }

    /// Content to create or update a listing with, in `categoryID`.
    static func content(categoryID: String = "100636") -> ListingContent {
        ListingContent(sku: "QN-HL-0002-C", barcode: "8936000000017", title: "Tranh than đá Hạ Long – chiếc", description: "Tranh than đá.",
                       categoryID: categoryID, price: 150_000, stock: 12, images: ["https://img.example/a.jpg"], weightGrams: 250,
                       dimensionsMM: [300, 200, 20])
    }

    /// The adapter error `body` ends with, or nil when it ends without one.
    static func error(_ body: () async throws -> Void) async -> AdapterError? {
        do {
            try await body()
            return nil
        } catch let error as AdapterError {
            return error
        } catch {
            return nil
        }
    }

    /// The code of a `rejected` error.
    static func rejectionCode(_ error: AdapterError?) -> String? {
        if case .rejected(let code, _)? = error { return code }
        return nil
    }

    /// Whether `error` says an answer could not be read.
    static func isMalformed(_ error: AdapterError?) -> Bool {
        if case .malformedResponse? = error { return true }
        return false
    }

    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
}
