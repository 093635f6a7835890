import ArgumentParser

/// `ocopsync catalog …`
struct CatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "Import and export the canonical catalog.",
        subcommands: [CatalogImportCommand.self, CatalogExportCommand.self]
    )
}
