import Foundation
import GRDB
import OCOPCatalog
import PropertyBased
import Testing
@testable import OCOPStore

/// Random sequences of ledger operations — counts inside and outside the bounds, adjustments by any `Int`
/// (`Int.max` and `Int.min` among them), orders opened, cancelled and shipped — against a model of the
/// ledger in plain arithmetic with the bounds: the store never traps, every operation either applies or is
/// refused with the model's error and nothing written, and after every step the stock is the model's.
@Suite struct StockBoundsPropertyTests {
    static let sku = "QN-HL-0001-500G"

    /// One operation, decoded from three generated integers so that the generators stay the library's
    /// simplest (and shrink): `kind` picks the operation, `shape` the kind of number, `raw` its bits.
    enum Operation: Equatable, CustomStringConvertible {
        case set(Int)
        case adjust(Int)
        case order(id: Int, quantity: Int, status: OrderLine.Status)

        init(kind: Int, shape: Int, raw: Int) {
            switch kind {
            case 0: self = .set(Self.number(shape: shape, raw: raw))
            case 1: self = .adjust(Self.number(shape: shape, raw: raw))
            default:
                let statuses: [OrderLine.Status] = [.open, .cancelled, .shipped]
                // Within the bounds: order lines come from the platforms, which this issue does not bound.
                let quantity = shape % 2 == 0 ? 1 + Int(raw.magnitude % 20) : Bounds.quantity.upperBound
                self = .order(id: Int(raw.magnitude % 3), quantity: quantity, status: statuses[Int((kind - 2).magnitude % 3)])
            }
        }

        /// The numbers that matter at the edges, and any `Int` at all.
        static func number(shape: Int, raw: Int) -> Int {
            let top = Bounds.quantity.upperBound
            switch shape {
            case 0: return .max
            case 1: return .min
            case 2: return top
            case 3: return top + 1
            case 4: return -1
            case 5: return Bounds.quantityChange.lowerBound - 1
            case 6: return raw % 50
            case 7: return top - Int(raw.magnitude % 5)
            default: return raw
            }
        }

        var description: String {
            switch self {
            case .set(let count): "set \(count)"
            case .adjust(let delta): "adjust \(delta)"
            case .order(let id, let quantity, let status): "order \(id) \(status.rawValue) \(quantity)"
            }
        }
    }

    /// The ledger of one variant in plain arithmetic with the bounds (an adjustment's result in `Int128`, so
    /// the model itself cannot overflow whatever change it is given; order quantities are within the bounds,
    /// so their sums over one sequence stay far from `Int`'s limits).
    struct Model {
        struct Order {
            var quantity: Int
            var reserved = false
            var released = false
            var sold = false
            var oversold = false
        }

        var onHand: Int
        var reserved = 0
        var orders: [Int: Order] = [:]
        /// On hand went below zero by a sale (platform sales are not refused; a change or a count never leaves it there).
        var shortBySales = false

        /// What the store must answer to `operation`: `nil` when it applies (the model applied it too),
        /// else its refusal (the model unchanged).
        mutating func apply(_ operation: Operation, sku: String) -> StoreError? {
            switch operation {
            case .set(let count):
                guard Bounds.quantity.contains(count) else { return .countOutOfBounds(sku: sku, count: count) }
                onHand = count
                shortBySales = false
                return nil
            case .adjust(let delta):
                guard delta != 0 else { return .invalidQuantity("an adjustment of 0 changes nothing") }
                guard Bounds.quantityChange.contains(delta) else { return .changeOutOfBounds(sku: sku, change: delta) }
                let after = Int128(onHand) + Int128(delta)
                guard after >= Int128(Bounds.quantity.lowerBound) else { return .wouldGoNegative(sku: sku, onHand: onHand, change: delta) }
                guard after <= Int128(Bounds.quantity.upperBound) else { return .wouldExceedBounds(sku: sku, onHand: onHand, change: delta) }
                onHand = Int(after)
                shortBySales = false
                return nil
            case .order(let id, let quantity, let status):
                // A platform sends an order's lines with the same quantity each time.
                var order = orders[id] ?? Order(quantity: quantity)
                let units = order.quantity
                switch status {
                case .open:
                    guard !order.reserved, !order.oversold else { break }
                    if onHand + reserved >= units {
                        reserved -= units
                        order.reserved = true
                    } else {
                        order.oversold = true
                    }
                case .cancelled:
                    if order.reserved, !order.released {
                        reserved += units
                        order.released = true
                    }
                case .shipped:
                    guard !order.oversold else { break }
                    if order.reserved, !order.released {
                        reserved += units
                        order.released = true
                    }
                    if !order.sold {
                        onHand -= units
                        order.sold = true
                        if onHand < 0 { shortBySales = true }
                    }
                }
                orders[id] = order
                return nil
            }
        }
    }

    static func movements(_ store: CatalogStore) throws -> Int {
        try store.database.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM stock_movement") ?? 0 }
    }

    /// Runs `operations` on a new store and on the model, checking each step; records an issue for any
    /// difference.
    static func check(_ operations: [Operation]) {
        do {
            let (store, directory) = try StockLedgerTests.store(stock: 40)
            defer {
                try? store.close()
                try? FileManager.default.removeItem(atPath: directory)
            }
            var model = Model(onHand: 40)
            for (step, operation) in operations.enumerated() {
                let before = try movements(store)
                let expected = model.apply(operation, sku: sku)
                var refusal: StoreError?
                do {
                    switch operation {
                    case .set(let count): try store.setStock(sku, to: count)
                    case .adjust(let delta): try store.adjustStock(sku, by: delta, reason: "step \(step)")
                    case .order(let id, _, let status):
                        let units = model.orders[id]?.quantity ?? 1
                        _ = try store.record([OrderLine(accountID: "shopee-a", orderID: "\(id)", sku: sku, quantity: units, status: status, at: Date())])
                    }
                } catch let error as StoreError {
                    refusal = error
                }
                let context = "step \(step): \(operation) in \(operations)"
                #expect(refusal == expected, "\(context)")
                if refusal != nil { #expect(try movements(store) == before, "a refused operation wrote to the ledger: \(context)") }

                let level = try store.stockLevel(sku)
                #expect(level == StockLevel(variantSKU: sku, onHand: model.onHand, reserved: model.reserved), "\(context)")
                #expect(level.onHand <= Bounds.quantity.upperBound, "\(context)")
                #expect(level.onHand >= Bounds.quantity.lowerBound || model.shortBySales, "\(context)")
                #expect(Bounds.quantity.contains(level.available()), "\(context)")
            }
            #expect(try store.stockBalanceMismatches().isEmpty, "\(operations)")
        } catch {
            Issue.record("unexpected error \(error) in \(operations)")
        }
    }

    @Test func everyOperationAppliesOrIsRefusedAndTheStockIsTheModels() async {
        let kinds = Gen.int(in: 0...4).array(of: 1...25)
        let shapes = Gen.int(in: 0...9).array(of: 25)
        let raws = Gen.int(in: Int.min...Int.max).array(of: 25)
        await propertyCheck(input: kinds, shapes, raws) { kinds, shapes, raws in
            guard !shapes.isEmpty, !raws.isEmpty else { return }
            let operations = kinds.indices.map { Operation(kind: kinds[$0], shape: shapes[$0 % shapes.count], raw: raws[$0 % raws.count]) }
            Self.check(operations)
        }
    }

    /// The sequences of the issue, always checked whatever the generator gives.
    @Test func theIssuesSequencesNeverTrap() {
        Self.check([.adjust(.max)])
        Self.check([.set(.max), .adjust(1), .adjust(1)])
        Self.check([.set(Bounds.quantity.upperBound), .adjust(1), .adjust(-1), .adjust(.min)])
        Self.check([.order(id: 0, quantity: 40, status: .open), .set(0), .order(id: 0, quantity: 40, status: .shipped), .adjust(1), .adjust(40)])
    }
}
