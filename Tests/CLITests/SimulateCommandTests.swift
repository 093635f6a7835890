import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import NIOFoundationEssentialsCompat
import Testing

@Suite struct SimulateCommandTests {
    /// Starts `ocopsync simulate` and waits for its first lines.
    final class Simulators: @unchecked Sendable {
        // @unchecked: `process` and `lines` are only touched under `lock`, or before `start()` returns.
        let process = Process()
        private let lock = NSLock()
        private var lines: [String] = []

        init(_ arguments: [String]) throws {
            process.executableURL = OCOPSyncProcess.executable
            process.arguments = ["simulate"] + arguments
            process.currentDirectoryURL = OCOPSyncProcess.repository
            let out = Pipe()
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            out.fileHandleForReading.readabilityHandler = { [weak self] handle in
                let text = String(decoding: handle.availableData, as: UTF8.self)
                self?.lock.withLock { self?.lines.append(contentsOf: text.split(separator: "\n").map(String.init)) }
            }
            try process.run()
        }

        /// The lines printed so far, waiting up to `seconds` for `count` of them.
        func waitForLines(_ count: Int, seconds: Double = 20) async throws -> [String] {
            let deadline = Date().addingTimeInterval(seconds)
            while Date() < deadline {
                let current = lock.withLock { lines }
                if current.count >= count { return current }
                try await Task.sleep(for: .milliseconds(50))
            }
            return lock.withLock { lines }
        }

        deinit { process.terminate() }
    }

    @Test func theSimulatorsServeOnTheirPortsAndAnswerARealRequest() async throws {
        let base = Int.random(in: 20_000...40_000)
        let simulators = try Simulators(["--port-base", String(base)])
        let platforms = DaemonHarness.platforms
        let lines = try await simulators.waitForLines(platforms.count)
        for (index, platform) in platforms.enumerated() {
            #expect(lines.contains { $0.hasPrefix("\(platform): http://127.0.0.1:\(base + index) ") })
        }

        let client = TestClient(host: "127.0.0.1", port: base + (platforms.firstIndex(of: "portal") ?? 0))
        client.connect()
        defer { Task { try? await client.shutdown() } }
        let token = try await client.post("/oauth/token", headers: [.contentType: "application/json"], body: ByteBuffer(
            string: #"{"client_id": "ocopsync-demo-portal", "client_secret": "demo-secret-portal-not-for-production"}"#))
        #expect(token.status == .ok)
        let access = try #require(
            (try JSONSerialization.jsonObject(with: Data(buffer: token.body ?? ByteBuffer())) as? [String: Any])?["access_token"] as? String)
        let page = try await client.get("/api/v1/listings?page=1&page_size=3", headers: [.authorization: "Bearer \(access)"])
        #expect(page.status == .ok)
        let body = try JSONSerialization.jsonObject(with: Data(buffer: page.body ?? ByteBuffer())) as? [String: Any]
        #expect(body?["total"] as? Int == 499)
    }

    @Test func aPlatformWithoutASimulatorIsBadUsage() throws {
        let outcome = try OCOPSyncProcess.run(["simulate", "--platform", "amazon"])
        #expect(outcome.status == 2)
        #expect(outcome.stderr.contains("amazon is not a platform; simulators: \(DaemonHarness.platforms.joined(separator: ", "))"), "\(outcome.stderr)")
        let faults = try OCOPSyncProcess.run(["simulate", "--faults", "error_rate=lots"])
        #expect(faults.status == 2)
        #expect(faults.stderr.contains("error_rate needs a number"))
    }
}
