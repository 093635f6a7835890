import ArgumentParser
import Foundation
import Listings
import MarketplaceAdapter
import OCOPCatalog
import OCOPConfig
import OCOPStore
import SyncEngine

/// `ocopsync check`: the catalog compared with every platform, without writing anywhere.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Compare catalog and platforms without writing: one line per variant or listing.",
        discussion: "Marks: = same, + missing on the platform, - only on the platform, * differs (which fields), ! error. Exit 1 if any line is not =."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    @Option(help: "table or json.")
    var format: Format = .table

    @OptionGroup var selection: AccountSelection

    func run() async throws {
        let (accounts, store, manifests, box, pictures) = try selection.open(access: .singleConnection)
        let catalog = FixedCatalog(CatalogIndex(try store.catalog()))
        var report: [(String, [Difference])] = []
        for (account, made) in AccountAdapters.sessions(accounts, manifests: manifests, store: store, box: box, catalog: catalog, pictures: pictures,
                                                        vault: KeptTokens(store: store, box: box, onlyRefreshTokens: true)) {
            Terminal.progress("\(account.id): comparing")
            switch made {
            case .failure(let failure):
                report.append((account.id, [Difference(mark: .error, sku: "", detail: failure.message)]))
            case .success(let session):
                do {
                    report.append((account.id, Comparison.differences(try await session.preview())))
                } catch {
                    report.append((account.id, [Difference(mark: .error, sku: "", detail: "\(error)")]))
                }
            }
        }
        switch format {
        case .table:
            for (account, lines) in report {
                for line in lines { print("\(line.mark.rawValue) \(account) \(line.sku) \(line.detail)") }
            }
        case .json:
            struct Line: Encodable { var mark: String, sku: String, detail: String }
            struct Account: Encodable { var account: String, differences: [Line] }
            struct Document: Encodable { var accounts: [Account] }
            let document = Document(accounts: report.map { account, lines in
                Account(account: account, differences: lines.map { Line(mark: $0.mark.rawValue, sku: $0.sku, detail: $0.detail) })
            })
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(document), as: UTF8.self))
        }
        if report.contains(where: { $0.1.contains { $0.mark != .same } }) { throw CommandFailure(.failed, "") }
    }
}
