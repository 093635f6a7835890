import AsyncHTTPClient
import CoreMetrics
import Foundation
import PlatformManifest
import NIOCore
import NIOHTTP1

/// A request to a platform, built afresh for every try (signatures carry the time).
public struct HTTPExchange: Sendable {
    public var method: String
    public var url: String
    public var headers: [(String, String)]
    public var body: [UInt8]?

    public init(method: String, url: String, headers: [(String, String)] = [], body: [UInt8]? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

extension HTTPExchange {
    /// A call carrying `token` as a bearer credential in `header`, and `body` as JSON when there is one.
    public static func bearer(_ method: String, _ url: String, token: String, header: String = "Authorization", json body: [UInt8]?) -> HTTPExchange {
        var headers = [(header, "Bearer \(token)")]
        if body != nil { headers.append(("Content-Type", "application/json")) }
        return HTTPExchange(method: method, url: url, headers: headers, body: body)
    }
}

/// A platform's answer.
public struct HTTPAnswer: Sendable {
    public var status: Int
    /// Header names in lower case.
    public var headers: [String: String]
    public var body: [UInt8]

    public init(status: Int, headers: [String: String], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }
}

/// The transport discipline every adapter shares: calls paced to the account's rate, a timeout on
/// each, 429 and 503 honoured (Retry-After) and retried a few times without counting as failures,
/// other 5xx retried with exponential backoff and jitter, everything else handed back classified.
public struct PlatformTransport: Sendable {
    public let pacer: Pacer
    /// Paces the calls of every shop connected to one app, where the platform limits the app as well.
    public let appPacer: Pacer?
    public let timeout: TimeAmount
    /// Tries of a call the platform defers (429, 503, timeouts) before the deferral is reported.
    public let deferralTries: Int
    /// Tries of a call the platform fails (other 5xx) before the failure is reported.
    public let failureTries: Int
    /// The longest pause honoured inside a call; a longer Retry-After is reported to the engine.
    public let longestPause: Double

    /// The platform, as metrics name it.
    public let platform: String
    /// When a write through this transport last timed out.
    public let writesInDoubt = WritesInDoubt()

    public init(pacer: Pacer, appPacer: Pacer? = nil, timeout: TimeAmount = .seconds(10), deferralTries: Int = 4, failureTries: Int = 3,
                longestPause: Double = 30, platform: String = "unknown") {
        self.appPacer = appPacer
        self.platform = platform
        self.pacer = pacer
        self.timeout = timeout
        self.deferralTries = deferralTries
        self.failureTries = failureTries
        self.longestPause = longestPause
    }

    /// The transport of one account (or app) on `manifest`'s platform: its rate limit, its call timeout.
    /// With `appPacer`, its calls are also paced with every other shop of the same app.
    public static func paced(for manifest: PlatformManifest, appPacer: Pacer? = nil) -> PlatformTransport {
        PlatformTransport(pacer: Pacer(requestsPerSecond: manifest.rateLimit.requestsPerSecond, burst: manifest.rateLimit.burst), appPacer: appPacer,
                          timeout: .milliseconds(Int64(manifest.callTimeoutSeconds * 1000)), platform: manifest.platform)
    }

    /// Sends the request `build` makes, retrying what is worth retrying.
    ///
    /// `classify` reads a platform-specific refusal out of an answer (Lazada's errors come with HTTP 200);
    /// it answers `nil` for a success.
    public func send(
        _ build: @Sendable () async throws(AdapterError) -> HTTPExchange,
        classify: @Sendable (HTTPAnswer) -> AdapterError?
    ) async throws(AdapterError) -> HTTPAnswer {
        var deferrals = 0
        var failures = 0
        while true {
            let outcome: AdapterError
            do {
                try await pacer.admit()
                try await appPacer?.admit()
            } catch {
                throw .deferred(retryAfter: nil, reason: "cancelled")
            }
            let exchange = try await build()
            let started = ContinuousClock.now
            defer { CallMetrics.duration(platform).recordNanoseconds((ContinuousClock.now - started).nanoseconds) }
            do {
                let answer = try await execute(exchange)
                if answer.status == 429 || answer.status == 503 {
                    CallMetrics.deferral(platform, status: answer.status).increment()
                    outcome = .deferred(retryAfter: answer.headers["retry-after"].flatMap(Double.init), reason: "HTTP \(answer.status)")
                } else if let refusal = classify(answer) {
                    outcome = refusal
                } else if answer.status >= 500 {
                    outcome = .platformFailure(status: answer.status, message: String(decoding: answer.body.prefix(200), as: UTF8.self))
                } else if answer.status >= 400 {
                    outcome = .rejected(code: "HTTP \(answer.status)", message: String(decoding: answer.body.prefix(300), as: UTF8.self))
                } else {
                    return answer
                }
            } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout {
                CallMetrics.deferral(platform, status: 0).increment()
                if exchange.method != "GET" && error != .connectTimeout { writesInDoubt.note() }
                outcome = .deferred(retryAfter: nil, reason: "timed out after \(timeout.nanoseconds / 1_000_000) ms")
            } catch {
                outcome = .deferred(retryAfter: nil, reason: "connection failed: \(error)")
            }
            switch outcome {
            case .deferred(let retryAfter, _):
                deferrals += 1
                let pause = retryAfter ?? min(8, 0.25 * pow(2, Double(deferrals - 1)))
                guard deferrals < deferralTries, pause <= longestPause else { throw outcome }
                await pacer.pause(for: pause)
            case .platformFailure, .malformedResponse:
                failures += 1
                guard failures < failureTries else { throw outcome }
                let backoff = 0.2 * pow(2, Double(failures - 1))
                try? await Task.sleep(for: .seconds(backoff * Double.random(in: 0.5...1.5)))
            default:
                throw outcome
            }
        }
    }

    private func execute(_ exchange: HTTPExchange) async throws -> HTTPAnswer {
        var request = HTTPClientRequest(url: exchange.url)
        request.method = HTTPMethod(rawValue: exchange.method)
        for (name, value) in exchange.headers { request.headers.add(name: name, value: value) }
        if let body = exchange.body { request.body = .bytes(ByteBuffer(bytes: body)) }
        let response = try await HTTPClient.shared.execute(request, timeout: timeout)
        let body = try await response.body.collect(upTo: 16 << 20)
        var headers: [String: String] = [:]
        for header in response.headers { headers[header.name.lowercased()] = header.value }
        return HTTPAnswer(status: Int(response.status.code), headers: headers, body: Array(buffer: body))
    }
}
