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

/// `ocopsync categories refresh|show|map`: the platforms' category trees and attributes, and which leaf
/// category each OCOP group goes in.
struct CategoriesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "categories",
        abstract: "The platforms' category trees and attributes, and the mapping from OCOP groups to leaf categories.",
        subcommands: [CategoriesRefresh.self, CategoriesShow.self, CategoriesMap.self]
    )
}

/// `categories refresh [--platform P]…`: reads each platform's tree and the attributes of the categories in use now.
struct CategoriesRefresh: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refresh",
        abstract: "Read each platform's category tree and the attributes of the categories the catalog uses, now.",
        discussion: "The daemon does this weekly on its own. One account of each platform is used. Exit 1 if a platform's read failed (the schema read before stays)."
    )

    @OptionGroup var selection: AccountSelection

    func run() async throws {
        let (accounts, store, manifests, box, pictures) = try selection.open(access: .pool)
        let index = CatalogIndex(try store.catalog())
        var failed = false
        for platform in PlatformManifest.platforms(of: manifests) where accounts.contains(where: { $0.platform == platform }) {
            let candidates = AccountAdapters.sessions(accounts.filter { $0.platform == platform }, manifests: manifests, store: store, box: box,
                                                      catalog: FixedCatalog(index), pictures: pictures)
            guard let session = candidates.lazy.compactMap({ try? $0.1.get() }).first else {
                let reason = candidates.lazy.compactMap { if case .failure(let failure) = $0.1 { failure.message } else { nil } }.first ?? ""
                print("\(platform): no account's adapter could be made: \(reason)")
                failed = true
                continue
            }
            guard session.adapter is any CategorySchemaFeed else {
                print("\(platform): publishes no category tree; its categories are the manifest's and the operator's (`categories map`)")
                continue
            }
            Terminal.progress("\(platform): reading the category tree with \(session.id)")
            do {
                if let summary = try await session.refreshCategories(force: true) { print(summary) }
            } catch let error as AdapterError {
                print("\(platform): the category tree could not be read (the one read before stays): \(error)")
                failed = true
            }
        }
        if failed { throw CommandFailure(.failed, "") }
    }
}

/// `categories show`: each platform's mapping, what its categories ask and what the catalog fills.
struct CategoriesShow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Each platform's category per OCOP group, whether its tree takes it, and its mandatory attributes.",
        discussion: "--search TEXT lists the leaf categories whose path holds the text (accents and case ignored), to choose one for `categories map`."
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    @Option(name: .customLong("platform"), help: "Only this platform (repeatable).") var platforms: [String] = []
    @Option(help: "List the leaf categories whose path holds this text.") var search: String?
    @Option(help: "table or json.") var format: Format = .table
    @Option(help: "Folder holding the platform manifests.") var adapters: String?
    @OptionGroup var common: CommonOptions

    func run() async throws {
        let config = try common.loadConfig(adapters: adapters)
        let manifests = try AccountAdapters.manifests(explicit: adapters)
        let chosen = try CategoriesMap.platforms(platforms, in: manifests)
        let store = try CatalogStore.existing(in: config.stateDirectory)
        let report = try CategoryReport(store: store, manifests: manifests, platforms: chosen, search: search)
        print(format == .json ? try report.json() : report.table())
    }
}

/// `categories map PLATFORM GROUP CATEGORY_ID` (or `--default`).
struct CategoriesMap: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "map",
        abstract: "Put an OCOP group's products in a leaf category of a platform (over the manifest's default).",
        discussion: "A product's own category (the catalog's category_ids column) still wins. With a tree read, the category must be one of its leaves."
    )

    @Argument(help: "The platform.") var platform: String
    @Argument(help: "The OCOP group (food, beverage, herbs-medicinal, handicraft-textile).") var group: String
    @Argument(help: "The platform's leaf category id.") var categoryID: String?
    @Flag(name: .customLong("default"), help: "Remove the operator's mapping: the manifest's default applies again.") var useDefault = false
    @Option(help: "Folder holding the platform manifests.") var adapters: String?
    @OptionGroup var common: CommonOptions

    func run() async throws {
        let config = try common.loadConfig(adapters: adapters)
        let manifests = try AccountAdapters.manifests(explicit: adapters)
        _ = try Self.platforms([platform], in: manifests)
        guard let group = OCOPGroup(rawValue: group), group.isGoods else {
            throw CommandFailure(.badUsage, "'\(self.group)' is not an OCOP group of goods (\(OCOPGroup.allCases.filter(\.isGoods).map(\.rawValue).joined(separator: ", ")))")
        }
        guard useDefault != (categoryID != nil) else {
            throw CommandFailure(.badUsage, "give a CATEGORY_ID or --default, not both")
        }
        let store = try CatalogStore.existing(in: config.stateDirectory)
        let guide = try CategoryGuide(store: store, platform: platform)
        if let categoryID, guide.schema.isKnown {
            guard let category = guide.schema.categories[categoryID] else {
                throw CommandFailure(.badUsage, "\(categoryID) is not in \(platform)'s category tree; `ocopsync categories show --platform \(platform) --search TEXT` lists its leaves")
            }
            guard category.isLeaf else {
                throw CommandFailure(.badUsage, "\(categoryID) \(guide.schema.path(of: categoryID)) has subcategories; choose one of its leaves")
            }
        }
        try store.setCategoryMapping(platform: platform, group: group, categoryID: categoryID, by: UnixUser.name, at: Date())
        if let categoryID {
            let path = guide.schema.isKnown ? " \(guide.schema.path(of: categoryID))" : " (the tree has not been read: `ocopsync categories refresh`)"
            print("\(platform) \(group.rawValue) → \(categoryID)\(path); its attributes are read at the next sync or `categories refresh`")
        } else {
            print("\(platform) \(group.rawValue) → the manifest's \(manifests[platform]?.categories[group] ?? "none")")
        }
    }

    /// `names`, checked against the manifests (all platforms, in report order, when empty).
    static func platforms(_ names: [String], in manifests: [String: PlatformManifest]) throws -> [String] {
        let known = PlatformManifest.platforms(of: manifests)
        if let unknown = names.first(where: { !known.contains($0) }) {
            throw CommandFailure(.badUsage, "no platform '\(unknown)' (platforms: \(known.joined(separator: ", ")))")
        }
        return names.isEmpty ? known : known.filter(names.contains)
    }
}
