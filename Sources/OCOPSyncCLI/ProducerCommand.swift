import ArgumentParser
import Connections
import Foundation
import OCOPConfig
import OCOPStore
import Reports

/// `ocopsync producer …`: what the province gives a producer of its own.
struct ProducerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "producer",
        abstract: "A producer's private link to its own page.",
        subcommands: [ProducerLinkCommand.self]
    )
}

/// `ocopsync producer link ID [--revoke]`
struct ProducerLinkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "link",
        abstract: "The private link (and QR code) to a producer's own page: its products, stock, shops, and a form to record stock.",
        discussion: """
            Only a hash of the link is kept, so it cannot be shown twice: each run makes a new link and ends the one the \
            producer had. --revoke ends it without a new one; opening it then shows that it ended.
            """
    )

    @Argument(help: "The producer's id.") var id: String
    @Flag(help: "End the producer's link; make no new one.") var revoke = false
    @Option(help: "table or json.") var format: AccountCommand.Format = .table
    @OptionGroup var common: CommonOptions

    func run() throws {
        let config = try common.loadConfig()
        let store = try CatalogStore.existing(in: config.stateDirectory)
        defer { try? store.close() }
        let links = ProducerLinks(store: store, publicURL: config.publicURL)
        do {
            if revoke { try revokeLink(links) } else { try issueLink(links) }
        } catch let refusal as ShopConnections.Refusal {
            throw CommandFailure(.badUsage, refusal.description)
        }
    }

    private func issueLink(_ links: ProducerLinks) throws {
        let link = try links.issue(producer: id)
        switch format {
        case .json:
            print(try AccountCommand.json(link))
        case .table:
            print("Private link to the page of \(id), until revoked (whoever holds it sees the page and can record stock):")
            print(link.url)
            if let code = QRCode(link.url) { print("\n" + code.terminalText + "\n") }
            print(link.replacedEarlier
                  ? "The producer's earlier link no longer works: only a hash of each link is kept, so showing it again means issuing a new one."
                  : "Only a hash of the link is kept: running this again issues a new link and ends this one.")
            print("Send it to the producer (Zalo, e-mail) or let them scan the code; `ocopsync producer link \(id) --revoke` ends it.")
        }
    }

    private func revokeLink(_ links: ProducerLinks) throws {
        let revoked = try links.revoke(producer: id)
        switch format {
        case .json:
            struct Revoked: Encodable { var producer: String; var revoked: Bool }
            print(try AccountCommand.json(Revoked(producer: id, revoked: revoked)))
        case .table:
            print(revoked ? "The link to the page of \(id) ended: opening it now says so. `ocopsync producer link \(id)` issues a new one."
                          : "\(id) had no link that works; nothing changed.")
        }
    }
}
