import Foundation
import OCOPCatalog
import Testing
@testable import OCOPStore

/// The outbox as a drain reads it: a chunk at a time past the last operation read, and an operation
/// joined by a newer fact while its value was on the way left pending.
@Suite struct OutboxTests {
    @Test func anOperationJoinedByANewerFactStaysPendingWhenItsOlderValueLands() throws {
        let (store, _) = try StockLedgerTests.store()
        let t0 = Date(timeIntervalSince1970: 1_790_000_000)
        try store.enqueue([OperationRequest(accountID: "tiki-1", kind: .stock, sku: "QN-HL-0001-500G", factAt: t0)], at: t0)
        let sent = try #require(try store.dueOperations(account: "tiki-1", at: t0).first)

        // An order moves the stock while the value read before it is on the way.
        try store.enqueue([OperationRequest(accountID: "tiki-1", kind: .stock, sku: "QN-HL-0001-500G", factAt: t0.addingTimeInterval(1))], at: t0)
        #expect(try !store.finishApplied(sent, outcome: "applied"))
        let waiting = try store.dueOperations(account: "tiki-1", at: t0.addingTimeInterval(2))
        #expect(waiting.map(\.id) == [sent.id], "the same operation, still pending, to send the newer value")
        #expect(waiting.first?.factAt == t0.addingTimeInterval(1))

        #expect(try store.finishApplied(try #require(waiting.first), outcome: "applied"))
        #expect(try store.dueOperations(account: "tiki-1", at: t0.addingTimeInterval(2)).isEmpty)
    }

    @Test func chunksOfOneKindComeInOrderPastTheLastOneRead() throws {
        let (store, _) = try StockLedgerTests.store()
        let t0 = Date(timeIntervalSince1970: 1_790_000_000)
        try store.enqueue([OperationRequest(accountID: "tiki-1", kind: .price, sku: "QN-HL-0001-1KG", factAt: t0),
                           OperationRequest(accountID: "tiki-1", kind: .stock, sku: "QN-HL-0001-500G", factAt: t0),
                           OperationRequest(accountID: "tiki-1", kind: .stock, sku: "QN-HL-0001-1KG", factAt: t0)], at: t0)
        let first = try store.dueOperations(account: "tiki-1", kind: .stock, after: 0, at: t0, limit: 1)
        #expect(first.map(\.sku) == ["QN-HL-0001-500G"])
        let second = try store.dueOperations(account: "tiki-1", kind: .stock, after: first[0].id, at: t0, limit: 1)
        #expect(second.map(\.sku) == ["QN-HL-0001-1KG"])
        #expect(try store.dueOperations(account: "tiki-1", kind: .stock, after: second[0].id, at: t0, limit: 1).isEmpty)

        try store.postponePending(account: "tiki-1", kind: .stock, until: t0.addingTimeInterval(30), outcome: "deferred: 429")
        #expect(try store.dueOperations(account: "tiki-1", at: t0.addingTimeInterval(29)).map(\.kind) == [.price],
                "a deferral puts off the rest of its kind, and only that kind")
        #expect(try store.dueOperations(account: "tiki-1", at: t0.addingTimeInterval(30)).count == 3)
    }

    /// Finished operations are deleted once older than the retention; pending ones stay, however old.
    @Test func pruningDeletesFinishedOperationsOlderThanTheRetentionOnly() throws {
        let (store, _) = try StockLedgerTests.store()
        let t0 = Date(timeIntervalSince1970: 1_790_000_000)
        try store.enqueue([OperationRequest(accountID: "tiki-1", kind: .stock, sku: "QN-HL-0001-500G", factAt: t0),
                           OperationRequest(accountID: "tiki-1", kind: .price, sku: "QN-HL-0001-500G", factAt: t0),
                           OperationRequest(accountID: "tiki-1", kind: .stock, sku: "QN-HL-0001-1KG", factAt: t0)], at: t0)
        let due = try store.dueOperations(account: "tiki-1", at: t0)
        try store.finish(due[0].id, .done, outcome: "applied", at: t0)
        try store.finish(due[1].id, .rejected, outcome: "refused", at: t0.addingTimeInterval(20 * 86_400))

        #expect(try store.pruneOperations(finishedBefore: t0.addingTimeInterval(14 * 86_400)) == 1)
        #expect(try store.operations(account: "tiki-1", state: .done).isEmpty)
        #expect(try store.operations(account: "tiki-1", state: .rejected).count == 1, "finished within the retention: kept")
        #expect(try store.operations(account: "tiki-1", state: .pending).count == 1, "pending: kept however old")
    }
}

/// Every health the engine can judge an account to be in is one the database takes.
@Suite struct AccountHealthTests {
    @Test(arguments: AccountHealthState.allCases)
    func everyHealthIsStoredAndReadBack(health: AccountHealthState) throws {
        let (store, _) = try StockLedgerTests.store()
        try store.registerAccount(id: "voso-a", platform: "voso")
        try store.setHealth(account: "voso-a", health, message: "why")
        #expect(try store.accountHealth()["voso-a"]?.health == health)
    }
}
