import ArgumentParser
import Foundation
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

    static func perform(_ body: () throws -> StockLevel) throws -> StockLevel {
        do {
            return try body()
        } catch let error as StoreError {
            throw CommandFailure(.failed, "stock: \(error)")
        }
    }

    static func describe(_ level: StockLevel) -> String {
        "\(level.variantSKU): on hand \(level.onHand), reserved \(-level.reserved), available \(level.available())"
    }
}

struct StockSetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "Record a physical count: on hand becomes QTY."
    )

    @Argument(help: "Variant SKU, or the SKU of a product with one variant.")
    var sku: String

    @Argument(help: "Units counted, 0 or more.")
    var qty: Int

    @OptionGroup var common: CommonOptions

    func validate() throws {
        guard qty >= 0 else { throw ValidationError("QTY must be 0 or more, got \(qty)") }
    }

    func run() throws {
        let store = try StockCommand.openStore(common)
        let level = try StockCommand.perform { try store.setStock(sku, to: qty) }
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

    @Argument(parsing: .allUnrecognized, help: "The change, e.g. -3 or +10.")
    var change: [String] = []

    @Option(help: "Why the stock changed (kept in the ledger).")
    var reason: String

    @OptionGroup var common: CommonOptions

    var delta: Int? {
        guard change.count == 1 else { return nil }
        let text = change[0].hasPrefix("+") ? String(change[0].dropFirst()) : change[0]
        return Int(text)
    }

    func validate() throws {
        guard let delta else { throw ValidationError("give one change such as -3 or +10, got \(change.joined(separator: " "))") }
        guard delta != 0 else { throw ValidationError("a change of 0 changes nothing") }
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw ValidationError("--reason must not be empty") }
    }

    func run() throws {
        let store = try StockCommand.openStore(common)
        let level = try StockCommand.perform { try store.adjustStock(sku, by: delta!, reason: reason) }
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
            print("\(sku): balance on hand \(pair.balance.onHand), reserved \(-pair.balance.reserved); ledger on hand \(pair.ledger.onHand), reserved \(-pair.ledger.reserved)")
        }
        guard mismatches.isEmpty else { throw CommandFailure(.failed, "\(mismatches.count) balance(s) differ from the ledger") }
        print("stock balances agree with the ledger")
    }
}
