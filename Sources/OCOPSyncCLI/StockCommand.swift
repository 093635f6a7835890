import ArgumentParser
import Foundation
import OCOPCatalog
import OCOPConfig
import OCOPStore

/// `ocopsync stock set|adjust|check`: stock counted or sold outside the platforms, and the balances checked
/// against the ledger.
struct StockCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stock",
        abstract: "Record stock counted or sold outside the platforms (fairs, showrooms).",
        subcommands: [StockSetCommand.self, StockAdjustCommand.self, StockCheckCommand.self]
    )

    static func openStore(_ common: CommonOptions) throws -> CatalogStore {
        try CatalogStore.existing(in: try common.loadConfig().stateDirectory)
    }

    /// Runs a store operation; a refusal ends the command: a number outside the shared bounds (`Bounds`) is
    /// invalid input data (exit 3), any other refusal a failed operation (exit 1). Either way nothing changed.
    static func perform(_ body: () throws -> StockLevel) throws -> StockLevel {
        do {
            return try body()
        } catch let error as StoreError {
            throw CommandFailure(error.isOutOfBounds ? .invalidInput : .failed, "stock: \(error)")
        }
    }

    /// Who the ledger says recorded a movement from the command line.
    static var author: String { "user:\(UnixUser.name)" }

    static func describe(_ level: StockLevel) -> String {
        "\(level.variantSKU): on hand \(level.onHand), reserved \(level.reservedUnits), available \(level.available())"
    }

    /// A whole number as typed on the command line: an optional `+` or `-`, then digits.
    enum TypedNumber: Equatable {
        case value(Int)
        /// Digits beyond what an `Int` holds (as typed): beyond every bound, refused as invalid input data.
        case beyond(String)
        case notANumber
    }

    static func number(_ text: String) -> TypedNumber {
        let digits = text.hasPrefix("+") || text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return .notANumber }
        guard let value = Int(text) else { return .beyond(text) }
        return .value(value)
    }
}

struct StockSetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Record a physical count: on hand becomes QTY."
    )

    @Argument(help: "Variant SKU, or the SKU of a product with one variant.")
    var sku: String

    @Argument(help: ArgumentHelp("Units counted, \(Bounds.text(Bounds.quantity))."))
    var qty: String

    @OptionGroup var common: CommonOptions

    func validate() throws {
        guard StockCommand.number(qty) != .notANumber else { throw ValidationError("QTY must be a whole number of units, got '\(qty)'") }
    }

    func run() throws {
        let count: Int
        switch StockCommand.number(qty) {
        case .value(let value): count = value
        case .beyond(let text):
            throw CommandFailure(.invalidInput, "stock: \(sku): a count must be \(Bounds.text(Bounds.quantity)) units, got \(text)")
        case .notANumber: throw CommandFailure(.badUsage, "QTY must be a whole number of units, got '\(qty)'")
        }
        let store = try StockCommand.openStore(common)
        let level = try StockCommand.perform { try store.setStock(sku, to: count, author: StockCommand.author) }
        print(StockCommand.describe(level))
    }
}

struct StockAdjustCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "adjust",
        abstract: "Record a change of on-hand stock, e.g. -3 sold at a fair or +10 received.",
        usage: "ocopsync stock adjust SKU ±N --reason TEXT"
    )

    @Argument(help: "Variant SKU, or the SKU of a product with one variant.")
    var sku: String

    @Argument(parsing: .allUnrecognized, help: ArgumentHelp("The change, e.g. -3 or +10; \(Bounds.text(Bounds.quantityChange))."))
    var change: [String] = []

    @Option(help: "Why the stock changed (kept in the ledger).")
    var reason: String

    @OptionGroup var common: CommonOptions

    /// The one change given; `.notANumber` for none, several, or one that is not a whole number.
    var typedChange: StockCommand.TypedNumber {
        change.count == 1 ? StockCommand.number(change[0]) : .notANumber
    }

    func validate() throws {
        let typed = typedChange
        guard typed != .notANumber else { throw ValidationError("give one change such as -3 or +10, got \(change.joined(separator: " "))") }
        guard typed != .value(0) else { throw ValidationError("a change of 0 changes nothing") }
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--reason must not be empty") }
    }

    func run() throws {
        let delta: Int
        switch typedChange {
        case .value(let value): delta = value
        case .beyond(let text):
            throw CommandFailure(.invalidInput, "stock: \(sku): a change must be \(Bounds.text(Bounds.quantityChange)) units, got \(text)")
        case .notANumber: throw CommandFailure(.badUsage, "give one change such as -3 or +10, got \(change.joined(separator: " "))")
        }
        let store = try StockCommand.openStore(common)
        let level = try StockCommand.perform { try store.adjustStock(sku, by: delta, reason: reason, author: StockCommand.author) }
        print(StockCommand.describe(level))
    }
}

struct StockCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Recompute every variant's stock from the whole ledger and compare it with the balance passes read.",
        discussion: "Exit 1 if any balance differs from the ledger (the ledger is the truth; report it)."
    )

    @OptionGroup var common: CommonOptions

    func run() throws {
        let store = try StockCommand.openStore(common)
        let mismatches = try store.stockBalanceMismatches()
        for (sku, pair) in mismatches.sorted(by: { $0.key < $1.key }) {
            print("\(sku): balance on hand \(pair.balance.onHand), reserved \(pair.balance.reservedUnits); ledger on hand \(pair.ledger.onHand), reserved \(pair.ledger.reservedUnits)")
        }
        guard mismatches.isEmpty else { throw CommandFailure(.failed, "\(mismatches.count) balance(s) differ from the ledger") }
        print("stock balances agree with the ledger")
    }
}
