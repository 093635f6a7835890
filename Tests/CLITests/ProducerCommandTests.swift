import Foundation
import OCOPStore
import Testing

/// `ocopsync producer link` from the command line: the link and its QR code, a new one each time (the old one
/// ends, since only its hash is kept), `--revoke`, and what is refused with exit 2.
@Suite struct ProducerCommandTests {
    @Test func aLinkIsPrintedWithItsQRCodeAndEachRunEndsTheLastOne() throws {
        let (workspace, config) = try AccountCommandTests.workspace()
        let table = try workspace.run("producer", "link", "htx-ba-che", "--config", config)
        #expect(table.status == 0, "\(table.stderr)")
        let first = try #require(table.stdout.split(separator: "\n").first { $0.hasPrefix("https://ocopsync.example.gov.vn/producer/") }.map(String.init))
        #expect(first.count >= 43 + "https://ocopsync.example.gov.vn/producer/".count)
        #expect(table.stdout.split(separator: "\n").filter { $0.contains("█") }.count >= 14, "\(table.stdout)")
        #expect(table.stdout.contains("running this again issues a new link and ends this one"), "\(table.stdout)")

        let json = try workspace.run("producer", "link", "htx-ba-che", "--format", "json", "--config", config)
        #expect(json.status == 0, "\(json.stderr)")
        let link = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: String])
        #expect(Set(link.keys) == ["producer", "url"] && link["producer"] == "htx-ba-che")
        #expect(link["url"] != first && link["url"]?.hasPrefix("https://ocopsync.example.gov.vn/producer/") == true)
        let again = try workspace.run("producer", "link", "htx-ba-che", "--config", config)
        #expect(again.stdout.contains("earlier link no longer works"), "\(again.stdout)")

        // Only hashes are kept.
        let store = try #require(try CatalogStore.open(stateDirectory: workspace.state, create: false))
        let database = try Data(contentsOf: URL(fileURLWithPath: store.path)) + ((try? Data(contentsOf: URL(fileURLWithPath: store.path + "-wal"))) ?? Data())
        for url in [first, link["url"]!] { #expect(database.range(of: Data(url.split(separator: "/").last!.utf8)) == nil) }

        let revoked = try workspace.run("producer", "link", "htx-ba-che", "--revoke", "--config", config)
        #expect(revoked.status == 0 && revoked.stdout.contains("ended"), "\(revoked.stdout)\(revoked.stderr)")
        let none = try workspace.run("producer", "link", "htx-ba-che", "--revoke", "--format", "json", "--config", config)
        #expect(none.status == 0 && none.stdout.contains("\"revoked\" : false"), "\(none.stdout)")
    }

    @Test func anUnknownProducerAndAServerWithoutPublicURLAreRefused() throws {
        let (workspace, config) = try AccountCommandTests.workspace()
        let unknown = try workspace.run("producer", "link", "htx-nobody", "--config", config)
        #expect(unknown.status == 2 && unknown.stderr.contains("no producer htx-nobody in the catalog"), "\(unknown.stderr)")
        let bare = try workspace.write("bare.yaml", "state_directory: \(workspace.state)\n")
        let noURL = try workspace.run("producer", "link", "htx-ba-che", "--config", bare)
        #expect(noURL.status == 2 && noURL.stderr.contains("public_url is not set"), "\(noURL.stderr)")
        #expect(!noURL.stdout.contains("/producer/"))
    }
}
