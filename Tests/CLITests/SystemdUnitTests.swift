import Foundation
import Testing

/// The systemd unit as systemd's own tools judge it.
@Suite struct SystemdUnitTests {
    static let unit = OCOPSyncProcess.repository.appendingPathComponent("systemd/ocopsync.service")

    static let backup = OCOPSyncProcess.repository.appendingPathComponent("systemd/ocopsync-backup.service")
    static let timer = OCOPSyncProcess.repository.appendingPathComponent("systemd/ocopsync-backup.timer")

    @Test(arguments: [unit, backup])
    func eachServiceIsHardenedToAnExposureOfAtMostOnePointFive(_ file: URL) throws {
        let outcome = try Self.analyze(["security", "--offline=yes", file.path])
        let line = try #require(outcome.stdout.split(separator: "\n").first { $0.contains("Overall exposure level") }, "\(outcome.stdout)\(outcome.stderr)")
        let exposure = try #require(line.split(separator: " ").compactMap { Double($0) }.first, "\(line)")
        #expect(exposure <= 1.5, "\(line)")
    }

    @Test func theUnitsVerifyCleanWithTheBinaryInPlace() throws {
        // The units name the installed path; verify copies that name the binary just built.
        let text = try String(contentsOf: Self.unit, encoding: .utf8)
        #expect(text.contains("Type=notify") && text.contains("WatchdogSec=") && text.contains("User=ocopsync") && text.contains("Group=ocopsync"))
        // The state directory the package makes, shared with the service's group (set-group-id).
        #expect(text.contains("StateDirectory=ocopsync") && text.contains("StateDirectoryMode=2770") && text.contains("ConfigurationDirectory=ocopsync"))
        let directory = try OCOPSyncProcess.temporaryDirectory()
        for file in [Self.unit, Self.backup, Self.timer] {
            let copy = directory.appendingPathComponent(file.lastPathComponent)
            try String(contentsOf: file, encoding: .utf8).replacingOccurrences(of: "/usr/bin/ocopsync", with: OCOPSyncProcess.executable.path)
                .write(to: copy, atomically: true, encoding: .utf8)
        }
        let outcome = try Self.analyze(["verify"] + [Self.unit, Self.backup, Self.timer].map { directory.appendingPathComponent($0.lastPathComponent).path })
        #expect(outcome.status == 0 && outcome.stderr.isEmpty && outcome.stdout.isEmpty, "\(outcome.stdout)\(outcome.stderr)")
    }

    static func analyze(_ arguments: [String]) throws -> OCOPSyncProcess.Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/systemd-analyze")
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return OCOPSyncProcess.Outcome(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
                                       stderr: String(decoding: errData, as: UTF8.self))
    }
}
