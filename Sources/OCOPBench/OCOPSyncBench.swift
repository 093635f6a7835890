import ArgumentParser

/// `ocopsync-bench`: the benchmarks whose figures BENCHMARKS.md records (build with -c release).
@main
struct OCOPSyncBench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ocopsync-bench", abstract: "ocopsync's benchmarks.",
                                                    subcommands: [PropagationBenchmark.self, ScaleBenchmark.self, DaemonScaleBenchmark.self, ShopsBenchmark.self, PushBurstBenchmark.self])
}
