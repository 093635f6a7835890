import ArgumentParser
import CatalogFiles
import Foundation
import OCOPCatalog
import OCOPConfig
import OCOPStore

/// `ocopsync catalog set SKU FIELD=VALUE…`: one product or variant changed from the command line.
struct CatalogSetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Change fields of one product or variant, checked as import checks them.",
        discussion: """
            Product fields: \(CatalogEdits.productFields.map(\.rawValue).joined(separator: ", ")). Variant fields: \
            \(CatalogEdits.variantFields.map(\.rawValue).joined(separator: ", ")). Prints the change as \
            `~ SKU field: old → new`; on a problem prints `SKU: field: message`, changes nothing and exits 3. \
            Numbers have the bounds import gives them: price_vnd \(Bounds.text(Bounds.priceVND)) đồng, weight_g \
            \(Bounds.text(Bounds.weightGrams)) grams, length_mm, width_mm and height_mm \(Bounds.text(Bounds.sideMillimetres)) \
            millimetres. A product leaves the platforms by withdrawn=true: nothing is ever deleted.
            """
    )

    @Argument(help: "A product or variant SKU.") var sku: String
    @Argument(help: "FIELD=VALUE, one or more (an empty VALUE clears an optional field).") var assignments: [String]
    @Flag(help: "Print the change without making it.") var dryRun = false
    @OptionGroup var common: CommonOptions

    func run() throws {
        var pairs: [(field: String, value: String)] = []
        for assignment in assignments {
            guard let equals = assignment.firstIndex(of: "=") else {
                throw CommandFailure(.badUsage, "'\(assignment)': write FIELD=VALUE")
            }
            pairs.append((String(assignment[..<equals]), String(assignment[assignment.index(after: equals)...])))
        }
        let config = try common.loadConfig()
        try CatalogEdit.run(sku: sku, pairs, command: "catalog set \(sku) \(assignments.joined(separator: " "))",
                            stateDirectory: config.stateDirectory, dryRun: dryRun)
    }
}

/// `ocopsync catalog rerate SKU --stars N --rated-on DATE [--expires-on DATE]`: a new OCOP rating.
struct CatalogRerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rerate",
        abstract: "Record a new OCOP rating of a product (valid 36 months unless --expires-on is given).",
        discussion: "A product whose rating had expired is put back on sale on its listings, without new listings."
    )

    @Argument(help: "The product SKU.") var sku: String
    @Option(help: "The new star rating, 1 to 5.") var stars: String
    @Option(help: "The day of the new rating, YYYY-MM-DD.") var ratedOn: String
    @Option(help: "The day the rating expires, YYYY-MM-DD (default: 36 months after --rated-on).") var expiresOn: String?
    @Flag(help: "Print the change without making it.") var dryRun = false
    @OptionGroup var common: CommonOptions

    func run() throws {
        let config = try common.loadConfig()
        let expiry = expiresOn ?? CalendarDay(ratedOn)?.adding(months: StarRating.validityMonths).description ?? ""
        try CatalogEdit.run(sku: sku, [("stars", stars), ("rated_on", ratedOn), ("rating_expires_on", expiry)],
                            command: "catalog rerate \(sku) --stars \(stars) --rated-on \(ratedOn)" + (expiresOn.map { " --expires-on \($0)" } ?? ""),
                            stateDirectory: config.stateDirectory, dryRun: dryRun)
    }
}

/// What `catalog set` and `catalog rerate` share: check, print the change, write it with its history.
enum CatalogEdit {
    static func run(sku: String, _ assignments: [(field: String, value: String)], command: String, stateDirectory: String, dryRun: Bool,
                    user: String = UnixUser.name) throws {
        let store = try CatalogStore.existing(in: stateDirectory)
        defer { try? store.close() }
        let (current, revision) = try store.catalogForUpdate()
        let edited: Catalog
        do {
            edited = try CatalogEdits.set(sku, assignments, in: current)
        } catch {
            for issue in error.issues { Terminal.error("\(issue.file): \(issue.field): \(issue.message)") }
            throw CommandFailure(.invalidInput, "\(sku): \(error.issues.count) problem(s); nothing was changed")
        }
        let update = CatalogDiff.update(current, to: edited)
        for line in update.planLines { print(line) }
        guard !update.isEmpty else {
            print("no change: \(sku) already has these values")
            return
        }
        guard !dryRun else {
            print("dry run, nothing written")
            return
        }
        do {
            try store.apply(update, readAt: revision, origin: ChangeOrigin(user: user, command: command))
        } catch let error as CatalogChangedMeanwhile {
            throw CommandFailure(.failed, error.description)
        }
    }
}
