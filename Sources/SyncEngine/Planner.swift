import Foundation
import Listings
import OCOPCatalog
import OCOPConfig
import OCOPStore

/// One change a sync would make, with what it changes, for `sync --dry-run` and `check`.
public struct PlannedChange: Equatable, Sendable {
    public var kind: QueuedOperation.Kind
    public var sku: String
    /// What changes, in words. Written when read: a first sync of a large catalog plans a change per variant.
    public var detail: String { about.text }
    let about: About

    /// What a change changes, kept small until it is put in words.
    enum About: Sendable {
        case text(String)
        case create(ListingTarget)
        case value(from: Int, to: Int, unit: String)

        var text: String {
            switch self {
            case .text(let text): text
            case .create(let target): "\(target.title), \(target.price) đ, \(target.quantity) in stock"
            case .value(let from, let to, let unit): "\(from) → \(to)\(unit)"
            }
        }
    }

    init(kind: QueuedOperation.Kind, sku: String, about: About) {
        self.kind = kind
        self.sku = sku
        self.about = about
    }

    init(kind: QueuedOperation.Kind, sku: String, detail: String) {
        self.init(kind: kind, sku: sku, about: .text(detail))
    }

    public static func == (a: PlannedChange, b: PlannedChange) -> Bool {
        a.kind == b.kind && a.sku == b.sku && a.detail == b.detail
    }
}

/// Compares what each variant should show on an account (its target) with what the platform last showed
/// (the binding's observation) and plans the changes that bring them in line.
public enum Planner {
    /// The changes for one account, the catalog winning every difference. Listings under review,
    /// rejected or taken down are left alone (the platform decides); incomplete listings are not created
    /// (coverage reports them).
    public static func plan(targets: AccountTargets, bindings: [Binding]) -> [PlannedChange] {
        reconcile(targets: targets, bindings: bindings, onRemoteEdit: .overwrite).changes
    }

    /// The changes for one account, prices edited on the platform handled by `onRemoteEdit`: overwritten,
    /// adopted into the catalog, or reported and left. Stock always follows the ledger (a stock edited on
    /// the platform is overwritten: the ledger is what keeps sales from exceeding the goods). When the
    /// catalog price changed too, the catalog wins.
    public static func reconcile(targets: AccountTargets, bindings: [Binding], onRemoteEdit: RemoteEditRule, updatesContent: Bool = false) -> Reconciliation {
        reconcile(targets: targets, onRemoteEdit: onRemoteEdit, updatesContent: updatesContent) { (visit: (Binding) -> Void) throws(Never) in
            bindings.forEach(visit)
        }
    }

    /// As ``reconcile(targets:bindings:onRemoteEdit:)``, the bindings handed over one at a time by
    /// `bindings` (read from the store as they are compared, not held). Content the catalog changed since the
    /// platform last agreed is sent again where the adapter `updatesContent`, and reported stale elsewhere.
    public static func reconcile<Failure: Error>(targets: AccountTargets, onRemoteEdit: RemoteEditRule, updatesContent: Bool,
                                                 bindings: ((Binding) -> Void) throws(Failure) -> Void) throws(Failure) -> Reconciliation {
        var result = Reconciliation()
        // Bound variants by their position in the catalog (a bit each, not a set of SKUs); a binding of a
        // variant the catalog no longer has is left alone.
        let index = targets.index
        var bound = [Bool](repeating: false, count: index.positions)
        try bindings { binding in
            guard let entry = index.entries[binding.sku], !bound[Int(entry.position)] else { return }
            bound[Int(entry.position)] = true
            guard let target = targets.target(binding.sku, entry) else { return }
            compare(target, binding, onRemoteEdit: onRemoteEdit, into: &result)
            compareContent(target, binding, updatesContent: updatesContent, into: &result)
        }
        for (sku, entry) in index.entries where !bound[Int(entry.position)] {
            guard let target = targets.target(sku, entry), target.eligible, target.isComplete else { continue }
            result.changes.append(PlannedChange(kind: .create, sku: sku, about: .create(target)))
        }
        result.changes.sort { ($0.kind, $0.sku) < ($1.kind, $1.sku) }
        result.adopted.sort { $0.sku < $1.sku }
        result.reported.sort { $0.sku < $1.sku }
        return result
    }

    /// Content the catalog changed since the platform last agreed: a content update, or stale where the
    /// platform takes none. A listing compared for the first time agrees with the catalog as it is.
    private static func compareContent(_ target: ListingTarget, _ binding: Binding, updatesContent: Bool, into result: inout Reconciliation) {
        guard let seen = binding.observed, seen.status.isSellerManaged else { return }
        let content = target.content
        guard let agreed = binding.agreedContent else {
            result.agreedContent[target.sku] = content
            return
        }
        let fields = content.fields(differingFrom: agreed)
        guard !fields.isEmpty else { return }
        if updatesContent, target.eligible {
            result.changes.append(PlannedChange(kind: .content, sku: target.sku, detail: fields.joined(separator: ", ")))
        } else {
            result.stale[target.sku] = fields
        }
    }

    /// The changes that bring one bound listing in line with its target.
    private static func compare(_ target: ListingTarget, _ binding: Binding, onRemoteEdit: RemoteEditRule, into result: inout Reconciliation) {
        let sku = target.sku
        guard let seen = binding.observed else { return }
        switch (seen.status, target.eligible) {
        case (.live, false):
            result.changes.append(PlannedChange(kind: .deactivate, sku: sku, detail: "no longer eligible"))
        case (.inactive, true):
            result.changes.append(PlannedChange(kind: .reactivate, sku: sku, detail: "eligible"))
        default: break
        }
        guard target.eligible, seen.status.isSellerManaged else { return }
        if seen.stock != target.quantity {
            result.changes.append(PlannedChange(kind: .stock, sku: sku, about: .value(from: seen.stock, to: target.quantity, unit: "")))
        }
        let price = target.price
        guard seen.price != price else {
            if binding.agreedPrice != price { result.agreed[sku] = price }
            return
        }
        if let agreed = binding.agreedPrice, seen.price != agreed {
            let edit = RemoteEdit(sku: sku, platformPrice: seen.price, agreedPrice: agreed, targetPrice: price)
            switch onRemoteEdit {
            case .adopt where price == agreed:
                result.adopted.append(edit)
            case .report where price == agreed:
                result.reported.append(edit)
            default:
                result.changes.append(PlannedChange(kind: .price, sku: sku, detail: "\(seen.price) → \(price) đ (edited on the platform from \(agreed) đ)"))
            }
            return
        }
        result.changes.append(PlannedChange(kind: .price, sku: sku, about: .value(from: seen.price, to: price, unit: " đ")))
    }
}

/// A price changed on the platform since ocopsync and the platform last agreed on one.
public struct RemoteEdit: Equatable, Sendable {
    public var sku: String
    public var platformPrice: Int
    public var agreedPrice: Int
    /// The price the catalog asks for on this account.
    public var targetPrice: Int

    public var description: String {
        "\(sku): \(platformPrice) đ on the platform (was \(agreedPrice) đ; the catalog asks \(targetPrice) đ)"
    }
}

/// What one account's reconcile decided.
public struct Reconciliation: Equatable, Sendable {
    public var changes: [PlannedChange] = []
    /// Prices edited on the platform to take into the catalog (`on_remote_edit: adopt`).
    public var adopted: [RemoteEdit] = []
    /// Prices edited on the platform and left as they are (`on_remote_edit: report`).
    public var reported: [RemoteEdit] = []
    /// Variants whose platform price now equals the catalog's: the price agreed from now on.
    public var agreed: [String: Int] = [:]
    /// Listings compared for the first time: the catalog's content is the content agreed from now on.
    public var agreedContent: [String: ContentFingerprint] = [:]
    /// Listings whose content the catalog changed, on a platform that takes no content update: the fields.
    public var stale: [String: [String]] = [:]
}
