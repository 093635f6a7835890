import ArgumentParser

/// The options both scale benchmarks take: the catalog's size and where its seeds and manifests are.
struct ScaleOptions: ParsableArguments {
    @Option(help: "Variants in the catalog (copies of the seed catalog's).") var variants = 100_000
    @Option(help: "Producers the copies belong to (copies of the seed's; a province has a few thousand).") var producers = 2_000
    @Option(help: "Rate limits times this, for the simulators and the daemon alike.") var rateScale: Double = 1000
    @Option(help: "Stock movements added to the ledger before the sync (a year of sales: +1/-1 pairs, stock unchanged).") var movements = 0
    @Option(help: "The adapters folder.") var adapters = "adapters"
    @Option(help: "The seeds folder.") var seeds = "seeds"
}
