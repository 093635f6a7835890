import AsyncHTTPClient
import Foundation
import MarketplaceAdapter
import MarketplaceSimulators
import NIOCore
import NIOFoundationEssentialsCompat
import NIOHTTP1
import OCOPConfig
import SyncEngine

/// The shops benchmark's config and files: an app per consent platform (its shops connect), an account per
/// producer on every other platform (keys of its own), and the owners' steps to connect a shop.
struct ShopsSetup: Sendable {
    let config: String
    let publicURL: String
    let adapters: String
    /// The ocopsync binary, for `account connect`.
    let executable: String
    let accountCount: Int

    static let password = "bench-2026"
    static let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))

    /// The owner of the `index`-th producer's shop on a consent platform.
    static func owner(_ index: Int) -> SeededState.Owner {
        SeededState.Owner(login: "shop-\(index)@example.vn", password: password, shopID: String(7_000_000 + index), shopName: "Gian hàng \(index)")
    }

    static func write(in work: URL, bench: BenchMarketplaces, running: BenchMarketplaces.Running, producers: [String],
                      consent: [String], adapters: String, executable: String) async throws -> ShopsSetup {
        let files = FileManager.default
        let credentials = work.appendingPathComponent("credentials")
        try files.createDirectory(at: credentials, withIntermediateDirectories: true)
        try "bench-\(UUID().uuidString)\n".write(to: credentials.appendingPathComponent("admin_token"), atomically: true, encoding: .utf8)
        let port = Int.random(in: 30_000...60_000)
        let publicURL = "http://127.0.0.1:\(port)"
        var lines = ["state_directory: \(bench.stateDirectory)", "listen: 127.0.0.1:\(port)", "public_url: \(publicURL)",
                     "admin_token_file: \(credentials.appendingPathComponent("admin_token").path)", "apps:"]
        let baseURL = Dictionary(uniqueKeysWithValues: running.accounts.map { ($0.platform, $0.baseURL) })
        for platform in consent {
            let seed = running.credentials[platform]!
            let file = credentials.appendingPathComponent("app-\(platform)")
            try "client_id=\(seed["client_id"]!)\nclient_secret=\(seed["client_secret"]!)\n".write(to: file, atomically: true, encoding: .utf8)
            lines += ["  - platform: \(platform)", "    base_url: \(baseURL[platform]!)", "    auth_url: \(baseURL[platform]!)", "    credentials_file: \(file.path)"]
            for index in producers.indices { await bench.servers[platform]!.state.addShop(owner: owner(index)) }
        }
        lines.append("accounts:")
        var accounts = consent.count * producers.count
        for platform in bench.platforms where !consent.contains(platform) {
            let folder = credentials.appendingPathComponent(platform)
            try files.createDirectory(at: folder, withIntermediateDirectories: true)
            for (index, producer) in producers.enumerated() {
                var keys = running.credentials[platform]!
                keys["client_id"] = "bench-\(platform)-\(index)"
                keys["client_secret"] = "secret-\(UUID().uuidString)"
                keys["shop_id"] = keys["shop_id"].map { _ in String(7_000_000 + index) }
                await bench.servers[platform]!.state.addShop(id: String(7_000_000 + index), clientID: keys["client_id"]!, clientSecret: keys["client_secret"]!)
                let file = folder.appendingPathComponent(producer)
                try (keys.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "\n") + "\n")
                    .write(to: file, atomically: true, encoding: .utf8)
                lines += ["  - id: \(platform)-\(producer)", "    platform: \(platform)", "    base_url: \(baseURL[platform]!)",
                          "    producers: [\"\(producer)\"]", "    credentials_file: \(file.path)"]
                accounts += 1
            }
        }
        let config = work.appendingPathComponent("ocopsync.yaml")
        try (lines.joined(separator: "\n") + "\n").write(to: config, atomically: true, encoding: .utf8)
        return ShopsSetup(config: config.path, publicURL: publicURL, adapters: adapters, executable: executable, accountCount: accounts)
    }

    /// Connects one shop as its owner would, through the daemon's public routes and the platform's consent page:
    /// returns the seconds it took.
    func connect(platform: String, producer: String, owner: SeededState.Owner) async throws -> Double {
        let start = ContinuousClock.now
        let made = try await Self.runCLI(executable, ["account", "connect", platform, "--producer", producer, "--format", "json", "--config", config],
                                         adapters: adapters)
        guard let link = (try? JSONSerialization.jsonObject(with: Data(made.utf8))) as? [String: Any], let url = link["url"] as? String else {
            throw ConnectFailure(step: "account connect \(platform) --producer \(producer)", answer: made)
        }
        let consentPage = try await Self.redirect(from: url, step: "the connect link")
        let page = try await Self.client.execute(HTTPClientRequest(url: consentPage), timeout: .seconds(30))
        let form = String(buffer: try await page.body.collect(upTo: 1 << 20))
        guard page.status == .ok, form.contains("<form") else { throw ConnectFailure(step: "the consent page \(consentPage)", answer: "\(page.status) \(form.prefix(300))") }
        var post = HTTPClientRequest(url: consentPage)
        post.method = .POST
        post.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        let fields = [("login", owner.login), ("password", owner.password), ("decision", "authorize")]
        post.body = .bytes(ByteBuffer(string: QueryString.encode(fields)))
        let authorized = try await Self.client.execute(post, timeout: .seconds(30))
        let answer = String(buffer: try await authorized.body.collect(upTo: 1 << 20))
        guard (300..<400).contains(Int(authorized.status.code)), let callback = authorized.headers.first(name: "location") else {
            throw ConnectFailure(step: "Authorize on \(platform)", answer: "\(authorized.status) \(answer.prefix(300))")
        }
        let done = try await Self.client.execute(HTTPClientRequest(url: callback), timeout: .seconds(60))
        let text = String(buffer: try await done.body.collect(upTo: 1 << 20))
        guard done.status == .ok, text.contains("Đã kết nối gian hàng") else {
            throw ConnectFailure(step: "the callback \(callback)", answer: "\(done.status) \(text.prefix(300))")
        }
        return (ContinuousClock.now - start).seconds
    }

    private static func redirect(from url: String, step: String) async throws -> String {
        let answer = try await client.execute(HTTPClientRequest(url: url), timeout: .seconds(30))
        guard (300..<400).contains(Int(answer.status.code)), let location = answer.headers.first(name: "location") else {
            let body = String(buffer: try await answer.body.collect(upTo: 1 << 20))
            throw ConnectFailure(step: step, answer: "\(answer.status) \(body.prefix(300))")
        }
        return location
    }

    /// `ocopsync ARGUMENTS`, awaited without holding a thread: its standard output (it must exit 0). Processes
    /// are started one at a time: Foundation's `Process.run()` crashed when several started at once.
    static func runCLI(_ executable: String, _ arguments: [String], adapters: String) async throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            spawning.lock()
            defer { spawning.unlock() }
            var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("OCOPSYNC_") }
            environment["OCOPSYNC_ADAPTERS"] = adapters
            process.environment = environment
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        guard status == 0 else {
            throw ConnectFailure(step: "ocopsync \(arguments.prefix(3).joined(separator: " "))",
                                 answer: "exit \(status): " + String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
        }
        return text
    }

    private static let spawning = NSLock()

    struct ConnectFailure: Error, CustomStringConvertible {
        var step: String
        var answer: String
        var description: String { "\(step): \(answer)" }
    }
}
