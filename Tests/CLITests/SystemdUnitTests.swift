import Foundation
import Testing

/// The systemd unit as systemd's own tools judge it.
@Suite struct SystemdUnitTests {
    static let unit = OCOPSyncProcess.repository.appendingPathComponent("systemd/ocopsync.service")

    @Test func theUnitIsHardenedToAnExposureOfAtMostOnePointFive() throws {
        let outcome = try Self.analyze(["security", "--offline=yes", Self.unit.path])
        let line = try #require(outcome.stdout.split(separator: "\n").first { $0.contains("Overall exposure level") }, "\(outcome.stdout)\(outcome.stderr)")
        let exposure = try #require(line.split(separator: " ").compactMap { Double($0) }.first, "\(line)")
        #expect(exposure <= 1.5, "\(line)")
    }

    @Test func theUnitVerifiesCleanWithTheBinaryInPlace() throws {
        // The unit names the installed path; verify a copy that names the binary just built.
        let text = try String(contentsOf: Self.unit, encoding: .utf8)
        #expect(text.contains("Type=notify") && text.contains("WatchdogSec=") && text.contains("DynamicUser=yes"))
        #expect(text.contains("StateDirectory=ocopsync") && text.contains("ConfigurationDirectory=ocopsync") && text.contains("LoadCredential=admin_token:"))
        let copy = try OCOPSyncProcess.temporaryDirectory().appendingPathComponent("ocopsync.service")
        try text.replacingOccurrences(of: "/usr/local/bin/ocopsync", with: OCOPSyncProcess.executable.path).write(to: copy, atomically: true, encoding: .utf8)
        let outcome = try Self.analyze(["verify", copy.path])
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
