import Foundation
import OCOPStore

/// One change a sync would make, with what it changes, for `sync --dry-run` and `check`.
public struct PlannedChange: Equatable, Sendable {
    public var kind: QueuedOperation.Kind
    public var sku: String
    public var detail: String
}

/// Compares what each variant should show on an account (its target) with what the platform last showed
/// (the binding's observation) and plans the changes that bring them in line.
public enum Planner {
    /// The changes for one account. Listings under review, rejected or taken down are left alone (the
    /// platform decides); incomplete listings are not created (coverage reports them).
    public static func plan(targets: [String: ListingTarget], bindings: [Binding]) -> [PlannedChange] {
        let bound = Dictionary(bindings.map { ($0.sku, $0) }, uniquingKeysWith: { first, _ in first })
        var changes: [PlannedChange] = []
        for (sku, target) in targets.sorted(by: { $0.key < $1.key }) {
            guard let binding = bound[sku] else {
                if target.eligible && target.mapped.isComplete {
                    changes.append(PlannedChange(kind: .create, sku: sku, detail: "\(target.mapped.content.title), \(target.mapped.content.price) đ, \(target.quantity) in stock"))
                }
                continue
            }
            guard let seen = binding.observed else { continue }
            switch (seen.status, target.eligible) {
            case ("live", false):
                changes.append(PlannedChange(kind: .deactivate, sku: sku, detail: "no longer eligible"))
            case ("inactive", true):
                changes.append(PlannedChange(kind: .reactivate, sku: sku, detail: "eligible"))
            default: break
            }
            guard target.eligible, ["live", "inactive"].contains(seen.status) else { continue }
            if seen.stock != target.quantity {
                changes.append(PlannedChange(kind: .stock, sku: sku, detail: "\(seen.stock) → \(target.quantity)"))
            }
            if seen.price != target.mapped.content.price {
                changes.append(PlannedChange(kind: .price, sku: sku, detail: "\(seen.price) → \(target.mapped.content.price) đ"))
            }
        }
        return changes.sorted { ($0.kind, $0.sku) < ($1.kind, $1.sku) }
    }
}
