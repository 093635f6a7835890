import Foundation

/// `ocopsync serve` as a child process, its stderr in a file, its memory and CPU read from /proc.
final class DaemonProcess: Sendable {
    let logPath: String
    private let process: Process

    init(executable: String, config: String, adapters: String, log: String) throws {
        logPath = log
        process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["serve", "--config", config]
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("OCOPSYNC_") && $0.key != "NOTIFY_SOCKET" }
        environment["OCOPSYNC_ADAPTERS"] = adapters
        process.environment = environment
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardError = handle
        process.standardOutput = handle
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }
    var exitStatus: Int32 { process.isRunning ? -1 : process.terminationStatus }
    var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    var residentMB: Int { Self.statusKB("VmRSS:", of: "\(pid)") / 1024 }
    var peakMB: Int { Self.statusKB("VmHWM:", of: "\(pid)") / 1024 }

    /// User and system CPU time so far (fields 14 and 15 of /proc/PID/stat, in clock ticks).
    var cpuSeconds: Double {
        let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
        let fields = stat.split(separator: ")").last?.split(separator: " ") ?? []
        guard fields.count > 13, let user = Double(fields[11]), let system = Double(fields[12]) else { return 0 }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// SIGTERM, then the exit status (or -1 if it is still running after `seconds`).
    func stop(within seconds: Double = 30) async -> Int32 {
        guard process.isRunning else { return process.terminationStatus }
        kill(pid, SIGTERM)
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning && Date() < deadline { try? await Task.sleep(for: .milliseconds(50)) }
        return exitStatus
    }

    /// A kB figure of /proc/`pid`/status (`self` for this process).
    static func statusKB(_ key: String, of pid: String) -> Int {
        let status = (try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)) ?? ""
        let line = status.split(separator: "\n").first { $0.hasPrefix(key) } ?? ""
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0
    }
}
