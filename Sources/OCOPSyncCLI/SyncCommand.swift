import ArgumentParser
import Foundation
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
        discussion: "--dry-run reads the platforms and prints the plan without changing anything anywhere. Exit 1 if an account could not be synced or a change was refused."
    )

    @Flag(help: "Print the plan; change nothing.")
    var dryRun = false

    @OptionGroup var selection: AccountSelection

    func run() async throws {
        let (accounts, store, manifests) = try selection.open()
        let passes = try await Self.run(accounts, manifests: manifests, store: store,
                                        dryRun: dryRun, log: { Terminal.progress($0) })
        for pass in passes { print(pass.summary(dryRun: dryRun)) }
        if passes.contains(where: \.troubled) { throw CommandFailure(.failed, "") }
    }

    /// Runs a pass over each account, all accounts at once (each is paced by its own platform's limits),
    /// orders first so the stock pushed already counts them.
    static func run(_ accounts: [AccountConfig], manifests: [String: PlatformManifest], store: CatalogStore, dryRun: Bool,
                    log: @escaping @Sendable (String) -> Void) async throws -> [PassOutcome] {
        let index = CatalogIndex(try store.catalog())
        let day = CalendarDay.inVietnam()
        let made = AccountAdapters.make(accounts, manifests: manifests, store: store)
        let orders = Rendezvous(count: made.count)
        return try await withThrowingTaskGroup(of: (Int, PassOutcome).self) { group in
            for (position, (account, result)) in made.enumerated() {
                group.addTask {
                    guard case .success(let adapter) = result else {
                        await orders.arrive()
                        if case .failure(let failure) = result { return (position, PassOutcome(account: account.id, error: failure.message)) }
                        return (position, PassOutcome(account: account.id))
                    }
                    log("\(account.id): \(dryRun ? "planning" : "syncing")")
                    var outcome = PassOutcome(account: account.id)
                    do {
                        if !dryRun, let feed = adapter as? any OrderFeed { outcome.orders = try await OrderPoll.run(feed, store: store) }
                    } catch {
                        outcome.error = "orders: \(error)"
                    }
                    // Every account's orders are in the ledger before any account's targets are computed.
                    await orders.arrive()
                    await orders.wait()
                    do {
                        outcome.pass = try await SyncPass(account: account, adapter: adapter, store: store, index: index).run(dryRun: dryRun, on: day)
                    } catch {
                        outcome.error = [outcome.error, "\(error)"].compactMap { $0 }.joined(separator: "; ")
                    }
                    log("\(account.id): done")
                    return (position, outcome)
                }
            }
            var outcomes: [(Int, PassOutcome)] = []
            for try await outcome in group { outcomes.append(outcome) }
            let passes = outcomes.sorted { $0.0 < $1.0 }.map(\.1)
            if !dryRun {
                let synced = Set(zip(accounts, passes).filter { $0.1.completedFullPass }.map(\.0.platform))
                try ObservedCoverage.snapshot(store: store, accounts: accounts, manifests: manifests, platforms: Array(synced), index: index, on: day)
            }
            return passes
        }
    }
}

/// What `sync` did for one account.
struct PassOutcome: Sendable {
    var account: String
    var pass: AccountPass?
    var orders: OrderIntake?
    var error: String?

    /// The pass read the platform and applied its plan: coverage can be recorded.
    var completedFullPass: Bool {
        guard let pass, pass.health == .ok, let drain = pass.drain else { return false }
        return drain.needsReauth == nil
    }

    var troubled: Bool {
        if error != nil { return true }
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
            lines.append("\(account): \(link.listingsRead) listings read, \(link.bound.count) newly bound, \(link.alreadyBound) already bound, \(link.unbound.count) not in the catalog or ambiguous")
        }
        if let orders, orders.movements > 0 || !orders.oversold.isEmpty {
            lines.append("  orders: \(orders.movements) stock movements\(orders.oversold.isEmpty ? "" : ", OVERSOLD: " + orders.oversold.map { "\($0.key) by \($0.value)" }.sorted().joined(separator: ", "))")
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
            lines += drain.rejected.prefix(20).map { "  refused \($0)" }
        }
        return lines.joined(separator: "\n")
    }
}

/// Lets concurrent account passes wait until all of them reached the same point.
actor Rendezvous {
    private var remaining: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(count: Int) { remaining = count }

    func arrive() {
        remaining -= 1
        if remaining <= 0 {
            for continuation in waiting { continuation.resume() }
            waiting = []
        }
    }

    func wait() async {
        guard remaining > 0 else { return }
        await withCheckedContinuation { waiting.append($0) }
    }
}
