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
        abstract: "Compare catalog and platforms without writing: one line per difference, then a summary.",
        discussion: "Marks: + missing on the platform, - only on the platform, * differs (which fields), ! error; with --all also = the same. Every account's platform is read at once. Exit 1 if any difference."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    @Option(help: "table or json.")
    var format: Format = .table

    @Flag(help: "Also print the = lines (variants and listings the same on both sides).")
    var all = false

    @OptionGroup var selection: AccountSelection

    func run() async throws {
        let (accounts, store, manifests, box, pictures) = try selection.open(access: .singleConnection)
        let catalog = FixedCatalog(CatalogIndex(try store.catalog()))
        let sessions = AccountAdapters.sessions(accounts, manifests: manifests, store: store, box: box, catalog: catalog, pictures: pictures,
                                                vault: KeptTokens(store: store, box: box, onlyRefreshTokens: true))
        Terminal.progress("comparing \(sessions.count) account(s) with their platforms, all at once")
        // Every platform is read at once; the report keeps the accounts' order.
        let compared = await withTaskGroup(of: (Int, [Difference]).self) { group in
            for (position, (_, made)) in sessions.enumerated() {
                group.addTask {
                    switch made {
                    case .failure(let failure):
                        return (position, [Difference(mark: .error, sku: "", detail: failure.message)])
                    case .success(let session):
                        do {
                            return (position, Comparison.differences(try await session.preview()))
                        } catch {
                            return (position, [Difference(mark: .error, sku: "", detail: "\(error)")])
                        }
                    }
                }
            }
            var lines: [Int: [Difference]] = [:]
            for await (position, differences) in group { lines[position] = differences }
            return lines
        }
        let report = sessions.enumerated().map { position, pair in (pair.0.id, compared[position] ?? []) }
        let counts = CheckSummary(report.flatMap(\.1))
        switch format {
        case .table:
            for (account, lines) in report {
                for line in lines where all || line.mark != .same { print("\(line.mark.rawValue) \(account) \(line.sku) \(line.detail)") }
            }
            print(counts.line(accounts: report.count))
        case .json:
            struct Line: Encodable { var mark: String, sku: String, detail: String }
            struct Account: Encodable { var account: String, differences: [Line] }
            struct Document: Encodable { var accounts: [Account]; var summary: CheckSummary }
            let document = Document(accounts: report.map { account, lines in
                Account(account: account, differences: lines.filter { all || $0.mark != .same }.map { Line(mark: $0.mark.rawValue, sku: $0.sku, detail: $0.detail) })
            }, summary: counts)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(document), as: UTF8.self))
        }
        if counts.differences > 0 { throw CommandFailure(.failed, "") }
    }
}

/// The counts of `check`'s marks: its last line, and `summary` in its JSON.
struct CheckSummary: Encodable {
    var same = 0, missing = 0, onlyOnPlatform = 0, differs = 0, errors = 0
    /// Every line but the = ones.
    var differences = 0

    enum CodingKeys: String, CodingKey {
        case same, missing, onlyOnPlatform = "only_on_platform", differs, errors, differences
    }

    init(_ lines: [Difference]) {
        for line in lines {
            switch line.mark {
            case .same: same += 1
            case .missing: missing += 1
            case .onlyOnPlatform: onlyOnPlatform += 1
            case .differs: differs += 1
            case .error: errors += 1
            }
        }
        differences = missing + onlyOnPlatform + differs + errors
    }

    /// `summary: 66 differences (+ 40 missing on a platform, - 6 only on a platform, * 20 differ, ! 0 errors); 3472 the same, over 8 accounts`.
    func line(accounts: Int) -> String {
        "summary: \(differences) difference\(differences == 1 ? "" : "s") (+ \(missing) missing on a platform, - \(onlyOnPlatform) only on a platform, "
            + "* \(differs) differ, ! \(errors) error\(errors == 1 ? "" : "s")); \(same) the same, over \(accounts) account\(accounts == 1 ? "" : "s")"
    }
}
