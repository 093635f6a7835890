import ArgumentParser
import Foundation

/// `ocopsync-bench`: the benchmarks whose figures BENCHMARKS.md records (build with -c release).
@main
struct OCOPSyncBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ocopsync-bench", abstract: "ocopsync's benchmarks.",
                                                    subcommands: [PropagationBenchmark.self, ScaleBenchmark.self, DaemonScaleBenchmark.self, ShopsBenchmark.self, PushBurstBenchmark.self])

    /// As `ocopsync` does: the files a benchmark writes (credentials among them) are its owner's only.
    static func main() async {
        umask(0o077)
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}
