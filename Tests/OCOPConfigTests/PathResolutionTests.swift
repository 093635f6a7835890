import Testing
@testable import OCOPConfig

@Suite struct PathResolutionTests {
    let all: Set<String> = ["/x/explicit.yaml", "/x/env.yaml", ConfigLoader.systemPath, ConfigLoader.checkoutPath]

    func resolve(_ explicit: String?, _ environment: [String: String], existing: Set<String>) -> Result<String, ConfigProblem> {
        ConfigLoader.resolvePath(explicit: explicit, environment: environment, fileExists: existing.contains)
    }

    @Test func theContractOrderIsFollowed() throws {
        let env = ["OCOPSYNC_CONFIG": "/x/env.yaml"]
        #expect(try resolve("/x/explicit.yaml", env, existing: all).get() == "/x/explicit.yaml")
        #expect(try resolve(nil, env, existing: all).get() == "/x/env.yaml")
        #expect(try resolve(nil, [:], existing: all).get() == "/etc/ocopsync/ocopsync.yaml")
        #expect(try resolve(nil, ["OCOPSYNC_CONFIG": ""], existing: all).get() == "/etc/ocopsync/ocopsync.yaml")
        #expect(try resolve(nil, [:], existing: [ConfigLoader.checkoutPath]).get() == "Config/ocopsync.yaml")
    }

    @Test func aNamedFileMustExist() {
        #expect(throws: ConfigProblem(keyPath: "--config", message: "/nope.yaml: no such file")) {
            try resolve("/nope.yaml", [:], existing: all).get()
        }
        #expect(throws: ConfigProblem(keyPath: "OCOPSYNC_CONFIG", message: "/nope.yaml: no such file")) {
            try resolve(nil, ["OCOPSYNC_CONFIG": "/nope.yaml"], existing: all).get()
        }
    }

    @Test func noFileFoundListsThePlacesLooked() throws {
        let outcome = ConfigLoader.load(explicitPath: nil, environment: ["OCOPSYNC_CONFIG": "/nonexistent/x.yaml"], platforms: TestFiles.platforms)
        #expect(outcome.errors.map(\.description) == ["error: OCOPSYNC_CONFIG: /nonexistent/x.yaml: no such file"])
        guard case .failure(let problem) = resolve(nil, [:], existing: []) else { Issue.record("found a file"); return }
        #expect(problem.message.contains("/etc/ocopsync/ocopsync.yaml"))
        #expect(problem.message.contains("Config/ocopsync.yaml"))
    }
}
