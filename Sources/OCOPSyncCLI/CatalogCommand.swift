import ArgumentParser

/// `ocopsync catalog …`
struct CatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "Import, export and change the canonical catalog, and show its history.",
        subcommands: [CatalogImportCommand.self, CatalogExportCommand.self, CatalogSetCommand.self, CatalogRerateCommand.self, CatalogHistoryCommand.self]
    )
}
