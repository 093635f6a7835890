import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationEssentialsCompat
import NIOHTTP1
import Testing

/// Every `--format json` output and the admin API's JSON answers match their schema in docs/json/, run on a real
/// state: the seed catalog synced to two simulated platforms by `ocopsync serve`.
@Suite struct JSONSchemaTests {
    /// `output` matches `docs/json/<schema>.schema.json`.
    static func expectMatches(_ output: String, schema name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let problems = try JSONSchemaCheck(named: name).problems(json: output)
        #expect(problems.isEmpty, "\(name): \(problems.prefix(10).joined(separator: "\n"))", sourceLocation: sourceLocation)
    }

    @Test(.timeLimit(.minutes(3)))
    func theCommandsAndTheAdminAPIAnswerAsDocumented() async throws {
        let harness = try await DaemonHarness(platforms: ["voso", "portal"], ordersInterval: "1h", syncInterval: "1h")
        try harness.startDaemon()
        defer { harness.killDaemon() }
        #expect(try await harness.settledAfterFirstPasses(of: ["voso-test", "portal-test"]), "\(harness.log)")

        let environment = ["OCOPSYNC_ADAPTERS": harness.directory.appendingPathComponent("adapters").path]
        let commands: [(arguments: [String], schema: String)] = [
            (["coverage"], "coverage"),
            (["coverage", "--by", "district"], "coverage-by"),
            (["coverage", "--by", "stars"], "coverage-by"),
            (["status"], "status"),
            (["check", "--all"], "check"),
            (["account", "list"], "account-list"),
            (["account", "show", "voso-test"], "account-show"),
            (["categories", "show"], "categories-show"),
            (["categories", "show", "--platform", "voso", "--search", "chè"], "categories-show"),
            (["catalog", "export"], "catalog-export"),
        ]
        for (arguments, schema) in commands {
            let outcome = try OCOPSyncProcess.run(arguments + ["--config", harness.configPath, "--format", "json"], environment: environment)
            // check exits 1 when it finds differences; its JSON is written all the same.
            #expect(outcome.status == 0 || arguments[0] == "check" && outcome.status == 1, "\(arguments): \(outcome.stderr)")
            try Self.expectMatches(outcome.stdout, schema: schema)
        }

        let admin = "http://127.0.0.1:\(harness.adminPort)"
        for (path, schema) in [("/api/v1/coverage", "coverage"), ("/api/v1/coverage/missing?platform=voso&limit=20", "api-coverage-missing"),
                               ("/api/v1/status", "status")] {
            let answer = try await HTTPClient.shared.execute(HTTPClientRequest(url: admin + path), timeout: .seconds(10))
            #expect(answer.status == .ok, "\(path)")
            try Self.expectMatches(String(buffer: try await answer.body.collect(upTo: 1 << 22)), schema: schema)
        }
    }

    @Test func aConnectLinkAndTheCatalogsHistoryAnswerAsDocumented() throws {
        let (workspace, config) = try AccountCommandTests.workspace()
        let link = try workspace.run("account", "connect", "shopee", "--producer", "htx-ba-che", "--format", "json", "--config", config)
        #expect(link.status == 0, "\(link.stderr)")
        try Self.expectMatches(link.stdout, schema: "account-connect")

        #expect(try workspace.run("catalog", "set", "QN-BC-0002", "price_vnd=99000", "name=Miến dong Bình Liêu").status == 0)
        let history = try workspace.run("catalog", "history", "QN-BC-0002", "--format", "json", "--config", config)
        #expect(history.status == 0, "\(history.stderr)")
        #expect((try JSONSerialization.jsonObject(with: Data(history.stdout.utf8)) as? [Any])?.count == 2)
        try Self.expectMatches(history.stdout, schema: "catalog-history")
        let accounts = try workspace.run("account", "list", "--format", "json", "--config", config)
        try Self.expectMatches(accounts.stdout, schema: "account-list")
    }

    /// The check itself finds what a reader of the docs would trip over.
    @Test func theCheckFindsAMissingFieldAWrongTypeAndAnUndeclaredOne() throws {
        let schema: [String: Any] = [
            "type": "object", "required": ["sku", "live"], "additionalProperties": false,
            "properties": ["sku": ["type": "string"], "live": ["type": "integer"], "ok": ["type": "boolean"],
                           "rows": ["type": "array", "items": ["$ref": "#/$defs/row"]]],
            "$defs": ["row": ["type": "object", "required": ["n"], "properties": ["n": ["type": "number"]],
                              "additionalProperties": ["type": "string"]]],
        ]
        let check = JSONSchemaCheck(schema: schema)
        #expect(check.problems(json: #"{"sku": "QN-BC-0001", "live": 3, "ok": true, "rows": [{"n": 0.5, "x": "y"}]}"#).isEmpty)
        #expect(check.problems(json: #"{"sku": "QN-BC-0001"}"#) == ["$: live is required and missing"])
        #expect(check.problems(json: #"{"sku": "QN-BC-0001", "live": 0.5}"#) == ["$.live: number where the schema says integer"])
        #expect(check.problems(json: #"{"sku": "QN-BC-0001", "live": 1, "ok": 1}"#) == ["$.ok: integer where the schema says boolean"])
        #expect(check.problems(json: #"{"sku": "QN-BC-0001", "live": true}"#) == ["$.live: boolean where the schema says integer"])
        #expect(check.problems(json: #"{"sku": "QN-BC-0001", "live": 1, "extra": 1}"#) == ["$: extra is not a property the schema declares"])
        #expect(check.problems(json: #"{"sku": "A", "live": 1, "rows": [{"x": 2}]}"#) == ["$.rows[0]: n is required and missing", "$.rows[0].x: integer where the schema says string"])
    }
}
