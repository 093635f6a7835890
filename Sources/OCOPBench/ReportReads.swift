import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// The admin API's reads under load, against a running daemon: `readers` concurrent `GET /api/v1/coverage`
/// (each reader one after another, `rounds` times; then as many rounds by readers that hold the body and ask
/// with its entity tag), `GET /metrics` and `GET /` one at a time, and the
/// daemon's resident memory while they run.
struct ReportReads {
    var coverage: Percentiles
    /// The same reads by readers that hold the body and ask with its tag (`If-None-Match`), as a polling page does.
    var revalidated: Percentiles
    var metrics: Percentiles
    var page: Percentiles
    var coverageBytes = 0
    var pageBytes = 0
    var peakRSS = 0

    static func measure(admin: String, daemon: DaemonProcess, readers: Int, rounds: Int = 5) async throws -> ReportReads {
        // A connection per reader: the shared client's pool holds eight per host and would queue the rest. Idle
        // connections are let go well before the daemon closes them (limits.idle_timeout, 15 s by default), so
        // that a request never goes out on a connection the daemon is closing.
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool = .init(idleTimeout: .seconds(5), concurrentHTTP1ConnectionsPerHostSoftLimit: readers + 8)
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        do {
            let reads = try await measure(admin: admin, daemon: daemon, readers: readers, rounds: rounds, client: client)
            try await client.shutdown()
            return reads
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    private static func measure(admin: String, daemon: DaemonProcess, readers: Int, rounds: Int, client: HTTPClient) async throws -> ReportReads {
        @Sendable func timed(_ path: String, holding tag: String? = nil) async throws -> (ms: Double, bytes: Int, tag: String?) {
            do {
                return try await once(path, holding: tag)
            } catch where Self.closedUnderfoot(error) {
                // The daemon closed a kept-alive connection as it was reused: a client sends again, so do we.
                return try await once(path, holding: tag)
            } catch {
                throw BenchFailure("GET \(path): \(error) (\(String(reflecting: error)))")
            }
        }
        @Sendable func once(_ path: String, holding tag: String?) async throws -> (ms: Double, bytes: Int, tag: String?) {
            let started = ContinuousClock.now
            var request = HTTPClientRequest(url: admin + path)
            if let tag { request.headers.add(name: "If-None-Match", value: tag) }
            let response = try await client.execute(request, timeout: .seconds(60))
            let body = try await response.body.collect(upTo: 512 << 20)
            guard response.status == .ok || (tag != nil && response.status == .notModified) else { throw BenchFailure("GET \(path): \(response.status)") }
            let elapsed = ContinuousClock.now - started
            return (Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000, body.readableBytes,
                    response.headers.first(name: "ETag"))
        }
        var peak = daemon.residentMB
        // The first read works the report out if no pass has yet: not counted.
        let first = try await timed("/api/v1/coverage")
        var coverage: [Double] = [], revalidated: [Double] = []
        for round in 0..<(2 * rounds) {
            // Rounds of full reads, then as many by readers holding the first read's body.
            let tag = round < rounds ? nil : first.tag
            let times = try await withThrowingTaskGroup(of: Double.self) { group in
                for _ in 0..<readers { group.addTask { try await timed("/api/v1/coverage", holding: tag).ms } }
                var times: [Double] = []
                for try await time in group { times.append(time) }
                return times
            }
            if tag == nil { coverage += times } else { revalidated += times }
            peak = max(peak, daemon.residentMB)
        }
        var metrics: [Double] = [], page: [Double] = [], pageBytes = 0
        for _ in 0..<20 {
            metrics.append(try await timed("/metrics").ms)
            let read = try await timed("/")
            page.append(read.ms)
            pageBytes = read.bytes
            peak = max(peak, daemon.residentMB)
        }
        return ReportReads(coverage: Percentiles(coverage), revalidated: Percentiles(revalidated), metrics: Percentiles(metrics), page: Percentiles(page),
                           coverageBytes: first.bytes, pageBytes: pageBytes, peakRSS: peak)
    }

    /// Whether a request failed because its kept-alive connection closed as it was sent.
    static func closedUnderfoot(_ error: any Error) -> Bool {
        if let error = error as? ChannelError, case .ioOnClosedChannel = error { return true }
        if let error = error as? HTTPClientError { return error == .remoteConnectionClosed }
        return false
    }

    func summary(readers: Int) -> String {
        String(format: "report reads: %d x %d concurrent GET /api/v1/coverage (%d KB): p50 %.1f ms, p99 %.1f ms, max %.1f ms; the same holding the body (If-None-Match, 304): p50 %.1f ms, p99 %.1f ms, max %.1f ms; GET /metrics p50 %.1f ms, max %.1f ms; GET / (%d KB) p50 %.0f ms, max %.0f ms; daemon RSS during the reads at most %d MB",
               coverage.sorted.count / max(1, readers), readers, coverageBytes / 1024, coverage.p50, coverage.p99, coverage.sorted.last ?? .nan,
               revalidated.p50, revalidated.p99, revalidated.sorted.last ?? .nan, metrics.p50, metrics.sorted.last ?? .nan, pageBytes / 1024, page.p50, page.sorted.last ?? .nan, peakRSS)
    }
}

struct BenchFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
