import Foundation
import Listings
import MarketplaceAdapter
import OCOPCatalog
import OCOPStore
import PlatformManifest

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
/// anything: the first link and the plan a sync would make (a session's preview), read as differences.
public enum Comparison {
    public static func differences(_ preview: Preview) -> [Difference] {
        guard let targets = preview.targets else {
            let why = switch preview.pass.health {
            case .ok: "the account could not be compared"
            case .needsReauth(let message): "needs_reauth: \(message)"
            case .unreachable(let message): "unreachable: \(message)"
            }
            return [Difference(mark: .error, sku: "", detail: why)]
        }
        let pass = preview.pass
        let changes = Dictionary(grouping: pass.plan, by: \.sku)
        let edits = Dictionary((pass.adopted.map { ($0.sku, "price edited on the platform: \($0.description); on_remote_edit adopt takes it into the catalog") }
                                + pass.reported.map { ($0.sku, "price edited on the platform: \($0.description); on_remote_edit report leaves it") }
                                + pass.stale.map { ($0.key, "content stale: \($0.value.joined(separator: ", ")) (the platform takes no content update)") }),
                               uniquingKeysWith: { first, _ in first })
        let bound = Dictionary(preview.bindings.map { ($0.sku, $0) }, uniquingKeysWith: { first, _ in first })
        var lines: [Difference] = []
        for (sku, target) in targets.sorted(by: { $0.key < $1.key }) {
            if let planned = changes[sku] {
                let create = planned.contains { $0.kind == .create }
                let details = planned.map { create ? "not listed" : "\($0.kind.rawValue) \($0.detail)" } + [edits[sku]].compactMap { $0 }
                lines.append(Difference(mark: create ? .missing : .differs, sku: sku, detail: details.joined(separator: "; ")))
            } else if let edit = edits[sku] {
                lines.append(Difference(mark: .differs, sku: sku, detail: edit))
            } else if let binding = bound[sku] {
                let status = binding.observed?.status
                let detail = status.map { $0.isSellerManaged ? $0.rawValue : "\($0.rawValue) (the platform decides)" } ?? "not seen"
                lines.append(Difference(mark: .same, sku: sku, detail: detail))
            } else if target.eligible {
                let missing = target.mapped.missing.map(\.description).joined(separator: ", ")
                lines.append(Difference(mark: .missing, sku: sku, detail: missing.isEmpty ? "not listed" : "not listed, incomplete: \(missing)"))
            }
        }
        lines += (pass.link?.unbound ?? []).map { Difference(mark: .onlyOnPlatform, sku: $0.remoteSKU, detail: "listing \($0.remoteID) \"\($0.title)\": \($0.reason)") }
        return lines
    }
}
