import ArgumentParser
import Foundation
import OCOPConfig
import OCOPStore

/// `ocopsync catalog history [SKU] [--format table|json]`: every change of the catalog.
struct CatalogHistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Every change of the catalog: when, who, from where (file:line or command), old → new.",
        discussion: "With a product SKU, its changes and its variants'. Prices adopted from a platform show the user `daemon`."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    @Argument(help: "A product or variant SKU (default: every change).") var sku: String?
    @Option(help: "table or json.") var format: Format = .table
    @OptionGroup var common: CommonOptions

    /// One change as `--format json` writes it.
    struct Entry: Encodable {
        var changedAt: Date
        var user: String
        var source: String
        var sku: String
        var field: String
        var old: String
        var new: String

        enum CodingKeys: String, CodingKey {
            case changedAt = "changed_at", user, source, sku, field, old, new
        }
    }

    func run() throws {
        let config = try common.loadConfig()
        let store = try CatalogStore.existing(in: config.stateDirectory)
        defer { try? store.close() }
        let entries = try store.catalogHistory(sku: sku)
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.dateEncodingStrategy = .iso8601
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let values = entries.map { Entry(changedAt: $0.changedAt, user: $0.user, source: $0.source, sku: $0.subject, field: $0.field, old: $0.old, new: $0.new) }
            print(String(decoding: try encoder.encode(values), as: UTF8.self))
        case .table:
            if entries.isEmpty {
                print(sku.map { "no change of \($0) recorded" } ?? "no change recorded")
                return
            }
            let formatter = ISO8601DateFormatter()
            for entry in entries {
                let change = entry.field == "added" ? "added" : "\(entry.field): \(entry.old.isEmpty ? "(empty)" : entry.old) → \(entry.new.isEmpty ? "(empty)" : entry.new)"
                print("\(formatter.string(from: entry.changedAt))  \(entry.user)  \(entry.source)  \(entry.subject)  \(change)")
            }
        }
    }
}
