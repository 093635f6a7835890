import Foundation
import OCOPCatalog

/// Each table of the operator's page as a CSV file of its own (UTF-8 behind a byte-order mark): what the
/// page's download links and `coverage --format csv` give.
extension CoveragePage {
    public func csv(_ table: CoverageTable) -> String {
        switch table {
        case .platforms: report.csv(names: names)
        case .by(let dimension): breakdown(dimension).csv()
        case .missing: Self.missingCSV(directory.lines(of: report))
        case .accounts:
            CSVText.document(header: ["account", "platform", "producers", "health", "own_live", "own_eligible", "authorised_until", "message"],
                             rows: accounts.map { account in
                [account.id, account.platform, account.producers.joined(separator: " "), account.health.rawValue,
                 account.coverage.map { String($0.live) } ?? "", account.coverage.map { String($0.eligible) } ?? "",
                 account.authorizationEndsAt.map { $0.formatted(.iso8601) } ?? "", account.message]
            })
        }
    }

    /// The whole missing list (not cut as the page's is): the reason's code, then its words in both languages.
    static func missingCSV(_ lines: [MissingLine]) -> String {
        CSVText.document(header: ["platform", "sku", "product", "producer", "commune", "district", "phone", "reason", "reason_vi", "reason_en", "detail"],
                         rows: lines.map { line in
                             [line.platform, line.sku, line.product, line.producer, line.commune, line.district, line.phone, line.code,
                              line.reason.words.vi, line.reason.words.en, line.reason.detail]
                         })
    }
}
