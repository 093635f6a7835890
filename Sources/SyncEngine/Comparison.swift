import Foundation
import MarketplaceAdapter
import OCOPConfig
import OCOPStore

/// One line of `ocopsync check`: how a variant or a remote listing compares.
public struct Difference: Equatable, Sendable {
    public enum Mark: String, Sendable {
        /// The same on both sides.
        case same = "="
        /// In the catalog, missing on the platform.
        case missing = "+"
        /// Only on the platform.
        case onlyOnPlatform = "-"
        /// On both sides, differing.
        case differs = "*"
        /// The account could not be compared.
        case error = "!"
    }

    public var mark: Mark
    public var sku: String
    public var detail: String

    public init(mark: Mark, sku: String, detail: String) {
        self.mark = mark
        self.sku = sku
        self.detail = detail
    }
}

/// Compares what an account should show with what its platform shows right now, without writing
/// anything: the first link and the plan a sync would make, read as differences.
public enum Comparison {
    public static func compare(account: AccountRef, listings: [RemoteListing], targets: AccountTargets, index: CatalogIndex,
                               bindings: [Binding], producers: Set<String>?, onRemoteEdit: RemoteEditRule = .overwrite) -> [Difference] {
        let now = Date()
        let link = FirstLink.plan(account: account, listings: listings, index: index, existing: bindings, producers: producers, at: now)
        let shown = Dictionary(listings.map { ($0.id.value, $0) }, uniquingKeysWith: { first, _ in first })
        var current = bindings.map { binding -> Binding in
            var binding = binding
            if let listing = shown[binding.remoteID] { binding.observed = FirstLink.observation(listing, at: now) }
            return binding
        }
        current += link.bound
        let reconciliation = Planner.reconcile(targets: targets, bindings: current, onRemoteEdit: onRemoteEdit)
        let changes = Dictionary(grouping: reconciliation.changes, by: \.sku)
        let edits = Dictionary((reconciliation.adopted.map { ($0.sku, "price edited on the platform: \($0.description); on_remote_edit adopt takes it into the catalog") }
                                + reconciliation.reported.map { ($0.sku, "price edited on the platform: \($0.description); on_remote_edit report leaves it") }),
                               uniquingKeysWith: { first, _ in first })
        let bound = Dictionary(current.map { ($0.sku, $0) }, uniquingKeysWith: { first, _ in first })
        var lines: [Difference] = []
        for (sku, target) in targets.sorted(by: { $0.key < $1.key }) {
            if let planned = changes[sku] {
                let create = planned.contains { $0.kind == .create }
                let details = planned.map { create ? "not listed" : "\($0.kind.rawValue) \($0.detail)" } + [edits[sku]].compactMap { $0 }
                lines.append(Difference(mark: create ? .missing : .differs, sku: sku, detail: details.joined(separator: "; ")))
            } else if let edit = edits[sku] {
                lines.append(Difference(mark: .differs, sku: sku, detail: edit))
            } else if let binding = bound[sku] {
                let status = binding.observed?.status ?? "not seen"
                lines.append(Difference(mark: .same, sku: sku, detail: status == "live" || status == "inactive" ? status : "\(status) (the platform decides)"))
            } else if target.eligible {
                let missing = target.mapped.missing.map(\.rawValue).joined(separator: ", ")
                lines.append(Difference(mark: .missing, sku: sku, detail: missing.isEmpty ? "not listed" : "not listed, incomplete: \(missing)"))
            }
        }
        lines += link.unbound.map { Difference(mark: .onlyOnPlatform, sku: $0.remoteSKU, detail: "listing \($0.remoteID) \"\($0.title)\": \($0.reason)") }
        return lines
    }
}
