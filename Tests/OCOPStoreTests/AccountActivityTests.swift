import Foundation
import GRDB
import OCOPCatalog
import Testing
@testable import OCOPStore

/// What `status` and `/metrics` show of each account, counted from index ranges: at 100,000 SKUs a shop holds
/// hundreds of thousands of done operations and bindings, and a count that visits them all made a scrape wait.
@Suite struct AccountActivityTests {
    @Test func refusalsOfTheWeekAndPriceEditsAreCountedFromIndexRanges() throws {
        let (store, _) = try StockLedgerTests.store()
        let t0 = Date(timeIntervalSince1970: 1_790_000_000)
        try store.registerAccount(id: "tiki-1", platform: "tiki")
        try store.enqueue([OperationRequest(accountID: "tiki-1", kind: .stock, sku: "QN-HL-0001-500G", factAt: t0),
                           OperationRequest(accountID: "tiki-1", kind: .price, sku: "QN-HL-0001-500G", factAt: t0)], at: t0)
        let due = try store.dueOperations(account: "tiki-1", at: t0)
        try store.finish(due[0].id, .rejected, outcome: "refused", at: t0.addingTimeInterval(-10 * 86_400))
        try store.finish(due[1].id, .rejected, outcome: "refused", at: t0)
        let activity = try #require(try store.accountActivity(now: t0.addingTimeInterval(60)).first { $0.accountID == "tiki-1" })
        #expect(activity.refused == 1, "only the refusal of the last week")
        #expect(activity.failed == 0)

        let plan = try store.database.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + CatalogStore.activitySQL, arguments: ["x", "x"]).map { $0["detail"] as String }
        }
        #expect(plan.contains { $0.contains("operation_finished (account_id=? AND state=? AND finished_at>?)") }, "\(plan)")
        #expect(plan.contains { $0.contains("binding_price_edit") }, "\(plan)")
        #expect(!plan.contains { $0.contains("SCAN o") || $0.contains("SCAN b") }, "\(plan)")
    }
}
