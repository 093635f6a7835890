import OCOPCatalog
import PlatformManifest

/// A platform's picture rules with what fetching the catalog's pictures found: which of a product's pictures
/// the platform would refuse, and why.
public struct PictureCheck: Sendable {
    public var rules: PictureRules
    /// By URL; a URL not here has not been fetched yet (nothing is said about it).
    public var facts: [String: PictureFact]

    public init(rules: PictureRules, facts: [String: PictureFact]) {
        self.rules = rules
        self.facts = facts
    }

    /// What is wrong with each of `urls` the platform would refuse: `file.jpg: 320×320 px, takes at least 330 px a side`.
    public func problems(_ urls: [String]) -> [String] {
        urls.compactMap { url in
            guard let fact = facts[url] else { return nil }
            guard let picture = fact.picture else { return "\(fact.fileName): \(fact.problem ?? "could not be fetched")" }
            let problems = rules.problems(of: picture)
            return problems.isEmpty ? nil : "\(fact.fileName): \(problems.joined(separator: "; "))"
        }
    }
}
