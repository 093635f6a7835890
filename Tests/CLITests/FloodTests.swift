import AsyncHTTPClient
import Crypto
import Foundation
import MarketplaceSimulators
import NIOCore
import NIOHTTP1
import OCOPStore
import Testing

/// The public routes on a listener of their own, under a flood: idle connections past the cap, then slow
/// heads and slow bodies, then a burst of valid pushes. The daemon stays up, `/healthz` on the admin
/// listener answers within 100 ms throughout, every slow connection is closed, every valid push is recorded.
@Suite struct FloodTests {
    @Test(.timeLimit(.minutes(4)))
    func theDaemonOutlivesAFloodAndTakesEveryValidPush() async throws {
        let harness = try await DaemonHarness(platforms: ["voso"], ordersInterval: "1h", syncInterval: "1h")
        let publicPort = harness.adminPort + 1
        let cap = 64
        try (String(contentsOfFile: harness.configPath, encoding: .utf8) + """
            public_listen: 127.0.0.1:\(publicPort)
            limits:
              connections: \(cap)
              idle_timeout: 2s
              body_timeout: 2s
              requests_per_source: 50

            """).write(toFile: harness.configPath, atomically: true, encoding: .utf8)
        try harness.startDaemon()
        #expect(try await harness.eventually(within: 30) { harness.log.contains("serving the public routes") }, "\(harness.log)")
        let admin = "http://127.0.0.1:\(harness.adminPort)"
        let pid = try #require(harness.daemon?.processIdentifier)

        // The admin listener's health, every 50 ms for the whole flood.
        let probing = Task { () -> (count: Int, slowest: Double, failures: Int) in
            var count = 0, failures = 0, slowest = 0.0
            while !Task.isCancelled {
                let started = Date()
                let answered = (try? await HTTPClient.shared.execute(HTTPClientRequest(url: admin + "/healthz"), timeout: .seconds(2)).status) == .ok
                // The probe stopped by the test's end: the request it had in flight was cancelled, not refused.
                if Task.isCancelled { break }
                slowest = max(slowest, Date().timeIntervalSince(started))
                count += 1
                if !answered { failures += 1 }
                try? await Task.sleep(for: .milliseconds(50))
            }
            return (count, slowest, failures)
        }
        var peak = (files: 0, rssKiB: 0)
        func sample() {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd").count) ?? 0
            let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
            let rss = status.split(separator: "\n").first { $0.hasPrefix("VmRSS:") }.flatMap { Int($0.split(separator: " ")[1]) } ?? 0
            peak = (max(peak.files, files), max(peak.rssKiB, rss))
        }

        // The flood's sockets block: they are worked on threads of their own, off the task pool the probe uses.
        // 1. Idle connections, four times the cap: the listener holds `cap`, the kernel's backlog the rest; each
        //    is closed after the idle timeout, and the next taken.
        let idle = await Self.offThePool { () -> (opened: Int, closed: Int) in
            let connections = (0..<(4 * cap)).compactMap { _ in RawConnection(port: publicPort) }
            return (connections.count, connections.prefix(cap).filter { $0.closedByPeer(within: 6) }.count)
        }
        sample()
        #expect(idle.opened >= cap, "connections opened: \(idle.opened)")
        #expect(idle.closed == cap, "the first \(cap) idle connections closed by the idle timeout: \(idle.closed)")

        // 2. Slow heads (a byte every 300 ms, never the blank line) and slow bodies (a whole head, then a byte of
        //    a 1,000-byte body every 300 ms): each closed within its timeout.
        try await Task.sleep(for: .seconds(3))
        let slow = await Self.offThePool { () -> (open: Int, seconds: Double) in
            let slowHeads = (0..<20).compactMap { _ in RawConnection(port: publicPort) }
            let slowBodies = (0..<20).compactMap { _ in RawConnection(port: publicPort) }
            for connection in slowHeads { connection.send("POST /webhooks/voso HTTP/1.1\r\nHost: x\r\n") }
            for connection in slowBodies { connection.send("POST /webhooks/voso HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{") }
            let started = Date()
            var open = slowHeads + slowBodies
            while !open.isEmpty, Date().timeIntervalSince(started) < 8 {
                open = open.filter { $0.send("x") }
                Thread.sleep(forTimeInterval: 0.3)
            }
            return (open.count, Date().timeIntervalSince(started))
        }
        sample()
        #expect(slow.open == 0, "\(slow.open) slow connections still open after \(slow.seconds) s")
        let slowSeconds = slow.seconds

        // 3. Over the limit per source: answered 429 with Retry-After, before any work.
        var tooMany = 0
        for _ in 0..<150 {
            let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: "http://127.0.0.1:\(publicPort)/connect/not-a-token"), timeout: .seconds(5))
            if response.status == .tooManyRequests {
                tooMany += 1
                #expect(response.headers.first(name: "Retry-After") != nil)
            }
        }
        #expect(tooMany > 0, "150 requests at once from one address, 50 a second allowed")
        try await Task.sleep(for: .seconds(3))

        // 4. A burst of valid pushes, sent as a platform sends them: again after Retry-After when refused.
        let secret = await harness.servers["voso"]!.state.snapshot().credentials.webhookSecret
        let pushes = 200
        let outcomes = await withTaskGroup(of: (status: UInt, tries: Int).self) { group in
            for index in 0..<pushes {
                group.addTask {
                    let body = #"{"event":"order.created","platform":"voso","order":{"id":"FLOOD-\#(index)","status":"paid"}}"#
                    let timestamp = String(Int(Date().timeIntervalSince1970))
                    let signature = HMAC<SHA256>.authenticationCode(for: Data("\(timestamp).\(body)".utf8), using: SymmetricKey(data: Data(secret.utf8)))
                        .map { String(format: "%02x", $0) }.joined()
                    var tries = 0
                    while true {
                        tries += 1
                        var request = HTTPClientRequest(url: "http://127.0.0.1:\(publicPort)/webhooks/voso")
                        request.method = .POST
                        request.headers.add(name: "X-Timestamp", value: timestamp)
                        request.headers.add(name: "X-Signature", value: signature)
                        request.body = .bytes(ByteBuffer(string: body))
                        guard let response = try? await HTTPClient.shared.execute(request, timeout: .seconds(10)) else {
                            if tries < 20 { try? await Task.sleep(for: .seconds(1)); continue }
                            return (0, tries)
                        }
                        if [429, 503].contains(response.status.code), tries < 20 {
                            let wait = Int(response.headers.first(name: "Retry-After") ?? "1") ?? 1
                            try? await Task.sleep(for: .seconds(wait))
                            continue
                        }
                        return (response.status.code, tries)
                    }
                }
            }
            var outcomes: [(status: UInt, tries: Int)] = []
            for await outcome in group { outcomes.append(outcome) }
            return outcomes
        }
        sample()
        #expect(outcomes.allSatisfy { $0.status == 200 }, "\(outcomes.filter { $0.status != 200 })")
        let store = try harness.store()
        #expect(try store.eventReceiptCount(platform: "voso") == pushes, "every valid push recorded once")

        probing.cancel()
        let health = await probing.value
        #expect(harness.daemon?.isRunning == true, "\(harness.log.suffix(2000))")
        #expect(health.failures == 0 && health.slowest < 0.1, "healthz: \(health)")
        print("""
            flood: \(4 * cap) idle connections (cap \(cap)), 40 slow ones closed in \(String(format: "%.1f", slowSeconds)) s, \
            \(tooMany) of 150 answered 429, \(pushes) pushes all recorded (\(outcomes.map(\.tries).reduce(0, +)) tries); \
            healthz \(health.count) probes, slowest \(String(format: "%.1f", health.slowest * 1000)) ms; \
            daemon peak \(peak.files) open files, \(peak.rssKiB / 1024) MiB resident
            """)
        #expect(try await harness.signalDaemon(SIGTERM) == 0)
    }

    /// Runs blocking work on a thread of its own.
    static func offThePool<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: work()) }
        }
    }
}
