import ArgumentParser
import Foundation
import Listings
import MarketplaceAdapter
import OCOPCatalog
import OCOPConfig
import OCOPStore
import PlatformManifest
import Reports
import SyncEngine

/// `ocopsync sync`: one full reconcile pass over the configured accounts, or its plan with `--dry-run`.
struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "One full reconcile pass: link listings, read orders, bring every platform in line with the catalog.",
        discussion: "--dry-run reads the platforms and prints the plan without changing anything anywhere. Exit 1 if an account could not be synced, its orders could not be read or a change was refused."
    )

    @Flag(help: "Print the plan; change nothing.")
    var dryRun = false

    @OptionGroup var selection: AccountSelection

    func run() async throws {
        let (accounts, store, manifests, box, pictures) = try selection.open(access: dryRun ? .singleConnection : .pool)
        let passes = try await Self.run(accounts, manifests: manifests, store: store, box: box, pictures: pictures,
                                        dryRun: dryRun, log: { Terminal.progress($0) })
        for pass in passes { print(pass.summary(dryRun: dryRun)) }
        if passes.contains(where: \.troubled) { throw CommandFailure(.failed, "") }
    }

    /// Runs a pass over each account, all accounts at once (each is paced by its own platform's limits).
    /// Orders first: every account's orders are read before any quantity is worked out, and while an
    /// account's orders cannot be read, no quantity of what it sells is raised anywhere. A dry run reads
    /// the platforms and writes nothing.
    static func run(_ accounts: [AccountConfig], manifests: [String: PlatformManifest], store: CatalogStore, box: SecretBox, pictures: PictureSettings,
                    dryRun: Bool, log: @escaping @Sendable (String) -> Void) async throws -> [PassOutcome] {
        let index = CatalogIndex(try store.catalog())
        let readiness = OrderReadiness()
        // A dry run keeps no token but a refresh token the platform rotated (losing it would lose the shop).
        let made = AccountAdapters.sessions(accounts, manifests: manifests, store: store, box: box, catalog: FixedCatalog(index), pictures: pictures, readiness: readiness,
                                            vault: KeptTokens(store: store, box: box, onlyRefreshTokens: dryRun))
        var outcomes = made.map { account, session in
            var outcome = PassOutcome(account: account.id)
            if case .failure(let failure) = session { outcome.error = failure.message }
            return outcome
        }
        let sessions = made.enumerated().compactMap { position, made in (try? made.1.get()).map { (position, $0) } }
        if !dryRun {
            try await forEach(sessions) { session in
                log("\(session.id): reading orders")
                return try await session.readOrders()
            } into: { position, read in outcomes[position].orders = read }
        }
        // A bar of the changes sent, of those due; a dry run sends none.
        let progress = dryRun ? nil : SyncProgress(accounts: sessions.map(\.1.id))
        let started = Date()
        try await forEach(sessions) { session -> Result<AccountPass, CommandFailure> in
            log("\(session.id): \(dryRun ? "planning" : "syncing")")
            defer {
                progress?.ended(session.id)
                log("\(session.id): done")
            }
            do {
                return .success(dryRun ? try await session.preview().pass : try await session.fullPass(.init(progress: progress?.observer(for: session.id))))
            } catch {
                return .failure(CommandFailure(.failed, "\(error)"))
            }
        } into: { (position: Int, result: Result<AccountPass, CommandFailure>) in
            switch result {
            case .success(let pass): outcomes[position].pass = pass
            case .failure(let failure): outcomes[position].error = failure.message
            }
        }
        progress?.finish(after: CatalogImport.elapsed(since: started))
        if !dryRun {
            let synced = Set(zip(accounts, outcomes).filter { $0.1.pass?.completed ?? false }.map(\.0.platform))
            try ObservedCoverage.snapshot(store: store, accounts: accounts.map(\.accountPolicy), manifests: manifests, platforms: Array(synced),
                                          index: index, on: .inVietnam())
        }
        return outcomes
    }

    /// Runs `work` for every session at once and hands each result to `record`, in the sessions' positions.
    private static func forEach<Value: Sendable>(_ sessions: [(Int, AccountSession)], _ work: @escaping @Sendable (AccountSession) async throws -> Value,
                                                 into record: (Int, Value) -> Void) async throws {
        try await withThrowingTaskGroup(of: (Int, Value).self) { group in
            for (position, session) in sessions { group.addTask { (position, try await work(session)) } }
            for try await (position, value) in group { record(position, value) }
        }
    }
}

/// What `sync` did for one account.
struct PassOutcome: Sendable {
    var account: String
    var pass: AccountPass?
    var orders: OrderRead?
    var error: String?

    var troubled: Bool {
        if error != nil || orders?.failure != nil { return true }
        guard let pass else { return true }
        if pass.health != .ok { return true }
        return !(pass.drain?.rejected.isEmpty ?? true) || (pass.drain?.failed ?? 0) > 0
    }

    func summary(dryRun: Bool) -> String {
        if let error { return "\(account): ! \(error)" }
        guard let pass else { return "\(account): nothing done" }
        switch pass.health {
        case .needsReauth(let message): return "\(account): needs_reauth — \(message); renew the shop's authorisation and its credentials file"
        case .unreachable(let message): return "\(account): unreachable — \(message)"
        case .ok: break
        }
        var lines: [String] = []
        if let link = pass.link {
            lines.append("\(account): \(link.listingsRead) listings read, \(link.bound.count) \(dryRun ? "would be bound" : "newly bound"), \(link.alreadyBound) already bound, \(link.unbound.count) not in the catalog or ambiguous")
        } else {
            lines.append("\(account):")
        }
        switch orders {
        case .read(let intake) where intake.movements > 0 || !intake.oversold.isEmpty:
            lines.append("  orders: \(intake.movements) stock movements\(intake.oversold.isEmpty ? "" : ", OVERSOLD: " + intake.oversold.map { "\($0.key) by \($0.value)" }.sorted().joined(separator: ", "))")
        case .failed(let message), .needsReauth(let message):
            lines.append("  ! orders could not be read: \(message); no platform is told a higher quantity of what this account sells until they are")
        default: break
        }
        lines += pass.adopted.map { "  price edited on the platform, \(dryRun ? "would be taken" : "taken") into the catalog (on_remote_edit: adopt): \($0.description)" }
        lines += pass.reported.map { "  price edited on the platform, left as it is (on_remote_edit: report): \($0.description)" }
        let counts = Dictionary(grouping: pass.plan, by: \.kind).mapValues(\.count)
        let plan = QueuedOperation.Kind.allCases.compactMap { kind in counts[kind].map { "\($0) \(kind.rawValue)" } }
        if dryRun {
            lines.append("  plan: \(plan.isEmpty ? "nothing to change" : plan.joined(separator: ", "))")
            lines += pass.plan.map { "  \($0.kind.rawValue) \($0.sku): \($0.detail)" }
        } else if let drain = pass.drain {
            lines.append("  \(plan.isEmpty ? "nothing to change" : plan.joined(separator: ", ")): \(drain.applied) applied, \(drain.deferred) deferred, \(drain.rejected.count) refused, \(drain.failed) failed")
            if drain.held > 0 {
                lines.append("  \(drain.held) stock increase(s) held back (queued): the orders of an account selling them could not be read")
            }
            lines += drain.rejected.prefix(20).map { "  refused \($0)" }
        }
        return lines.joined(separator: "\n")
    }
}
