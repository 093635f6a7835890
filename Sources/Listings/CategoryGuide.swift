import Foundation
import MarketplaceAdapter
import OCOPCatalog
import PlatformManifest

/// One platform's categories as ocopsync uses them: the tree and attributes read from the platform, and the
/// operator's mappings of OCOP groups over the manifest's defaults. Chooses each product's category and fills
/// its attributes from the catalog by the manifest's rules.
public struct CategoryGuide: Sendable {
    public var schema: CategorySchema
    /// The operator's category per OCOP group (`categories map`), over the manifest's.
    public var mappings: [OCOPGroup: String]
    /// The platform publishes its categories and attributes (``PlatformManifest/publishesCategorySchema``): until
    /// they are read, a listing would be created without the attributes the platform makes mandatory.
    public var published: Bool

    public init(schema: CategorySchema, mappings: [OCOPGroup: String] = [:], published: Bool = false) {
        self.schema = schema
        self.mappings = mappings
        self.published = published
    }

    /// The key of the catalog's `attributes` column that gives `attribute` a value: its rule's catalog source where
    /// a product's own value is what the rule reads (shelf life, or a source to override), else its platform name.
    func key(for attribute: CategoryAttribute, _ rules: AttributeRules) -> String {
        rules.source(forAttribute: attribute.id, name: attribute.name)?.rawValue ?? "\(schema.platform):\(attribute.name)"
    }

    /// `text` without case or accents (đ as d), for matching what an operator or a platform wrote.
    public static func fold(_ text: String) -> String {
        text.replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "D")
            .folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
    }

    /// The product's category: its own for the platform, else the operator's for its group, else the manifest's.
    public func categoryID(of product: Product, manifest: PlatformManifest) -> String {
        Self.categoryID(of: product, manifest: manifest, mappings: mappings)
    }

    /// The same, with the operator's `mappings` given (none where the platform's categories were never read).
    public static func categoryID(of product: Product, manifest: PlatformManifest, mappings: [OCOPGroup: String]) -> String {
        product.categoryIDs[manifest.platform] ?? mappings[product.group] ?? manifest.categories[product.group] ?? ""
    }

    /// Why the platform's tree does not take `id`, or `nil` when it does (or the platform publishes no tree).
    public func categoryProblem(_ id: String) -> String? {
        guard !id.isEmpty else { return nil }
        guard schema.isKnown else {
            guard published else { return nil }
            return "\(schema.platform)'s categories have not been read yet (the account's next full pass reads them, or `ocopsync categories refresh --platform \(schema.platform)`)"
        }
        guard let category = schema.categories[id] else {
            return "\(id) is not in \(schema.platform)'s category tree: choose a leaf with `ocopsync categories show --platform \(schema.platform)`"
        }
        guard category.isLeaf else { return "\(id) \(schema.path(of: id)) is not a leaf category" }
        guard schema.attributes[id] != nil else {
            return "the attributes of \(id) have not been read: `ocopsync categories refresh --platform \(schema.platform)`"
        }
        return nil
    }

    /// The product's brand as the catalog names it: its own `brand` attribute, else its producer's name.
    public static func brand(of entry: CatalogIndex.Entry) -> String {
        entry.product.attributes[AttributeRules.Source.brand.rawValue] ?? entry.producer?.name ?? "No Brand"
    }

    /// The brand of the platform's list (category `id`'s, else the platform's one list) that `entry`'s brand is:
    /// the product's own `brand` attribute, else its producer's name with or without its legal form ("HTX Gà
    /// Hải Lạng" is the brand "Gà Hải Lạng"), compared without case or accents. `nil` when none is.
    public func listedBrand(of entry: CatalogIndex.Entry, category id: String) -> PlatformBrand? {
        guard let list = schema.brands[id] ?? schema.brands[""], !list.isEmpty else { return nil }
        var names: [String] = []
        if let own = entry.product.attributes[AttributeRules.Source.brand.rawValue] {
            names = [own]
        } else if let producer = entry.producer?.name {
            names = [producer] + (Self.withoutLegalForm(producer).map { [$0] } ?? [])
        }
        for name in names {
            if let brand = list.first(where: { AttributeFill.same($0.name, name) }) { return brand }
        }
        return nil
    }

    /// The legal forms a producer's registered name starts with, which its brand leaves out.
    static let legalForms = ["hợp tác xã", "htx", "công ty tnhh", "công ty cổ phần", "công ty cp", "công ty", "hộ kinh doanh", "cơ sở", "tổ hợp tác", "thg"]

    /// `name` without the legal form it starts with; `nil` when it starts with none.
    static func withoutLegalForm(_ name: String) -> String? {
        let folded = fold(name).lowercased()
        for form in legalForms {
            let key = fold(form).lowercased() + " "
            if folded.hasPrefix(key) {
                return String(name.dropFirst(key.count)).trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }

    /// The attribute values of `entry`'s listing in category `id`, and the mandatory attributes left without one.
    public func attributes(of entry: CatalogIndex.Entry, category id: String, rules: AttributeRules) -> (values: [AttributeValue], missing: [MissingAttribute]) {
        guard let attributes = schema.attributes[id] else { return ([], []) }
        var values: [AttributeValue] = []
        var missing: [MissingAttribute] = []
        for attribute in attributes where !rules.isSentByAdapter(id: attribute.id, name: attribute.name) {
            switch AttributeFill(entry: entry, platform: schema.platform, rules: rules).value(for: attribute) {
            case .value(var value):
                value.perVariant = attribute.perVariant
                values.append(value)
            case .refused(let why) where attribute.mandatory: missing.append(MissingAttribute(name: attribute.name, problem: why, catalogKey: key(for: attribute, rules)))
            case .none where attribute.mandatory: missing.append(MissingAttribute(name: attribute.name, catalogKey: key(for: attribute, rules)))
            default: break
            }
        }
        return (values, missing)
    }
}

/// One product's value for one attribute: from the product's own `attributes`, else from the catalog fact the
/// manifest's rules name; a choice attribute takes only one of its listed values.
struct AttributeFill {
    enum Outcome {
        case value(AttributeValue)
        case refused(String)
        case none
    }

    let entry: CatalogIndex.Entry
    let platform: String
    let rules: AttributeRules

    func value(for attribute: CategoryAttribute) -> Outcome {
        let product = entry.product
        let own = ["\(platform):\(attribute.name)", "\(platform):\(attribute.id)", attribute.name, attribute.id].lazy
            .compactMap { key in product.attributes.first { $0.key.lowercased() == key.lowercased() }?.value }.first
        let source = rules.source(forAttribute: attribute.id, name: attribute.name)
        if let own { return resolve([own], for: attribute, source: source, given: true) }
        guard let source else { return .none }
        let candidates = candidates(source)
        return candidates.isEmpty ? .none : resolve(candidates, for: attribute, source: source, given: product.attributes[source.rawValue] != nil)
    }

    /// The texts a catalog fact offers, best first.
    private func candidates(_ source: AttributeRules.Source) -> [String] {
        let product = entry.product
        if let own = product.attributes[source.rawValue] { return [own] }
        let producer = entry.producer
        switch source {
        case .brand: return (producer.map { [$0.name] } ?? []) + ["No Brand", "NoBrand", "No brand"]
        case .origin: return ["Việt Nam", "Vietnam", "VN"]
        case .province: return ["Quảng Ninh", "Quang Ninh"]
        case .weight: return product.weightGrams.map { ["\($0)"] } ?? []
        case .shelfLife: return []
        case .ocopStars: return ["OCOP \(product.rating.stars) sao", "\(product.rating.stars) sao", "\(product.rating.stars)"]
        case .gtin: return product.gtin.map { [$0] } ?? []
        case .producer: return producer.map { [$0.name] } ?? []
        case .summary:
            let text = product.description.trimmingCharacters(in: .whitespacesAndNewlines)
            return text.isEmpty ? [] : [String(text.prefix(250))]
        case .producerAddress:
            return producer.map { [[$0.commune, $0.district, "Quảng Ninh"].filter { !$0.isEmpty }.joined(separator: ", ")] } ?? []
        }
    }

    /// The first candidate the attribute takes. `given`: the value came from the product itself, so a refusal
    /// is reported (a rule's fallbacks are only tried).
    private func resolve(_ candidates: [String], for attribute: CategoryAttribute, source: AttributeRules.Source?, given: Bool) -> Outcome {
        switch attribute.input {
        case .choice, .multipleChoice:
            for candidate in candidates {
                if let listed = attribute.values.first(where: { Self.same($0.name, candidate) }) {
                    return .value(AttributeValue(attributeID: attribute.id, valueID: listed.id, text: listed.name))
                }
            }
            if attribute.allowsCustom, let first = candidates.first {
                return .value(AttributeValue(attributeID: attribute.id, text: first))
            }
            return given ? .refused("'\(candidates[0])' is not one of its values") : .none
        case .number:
            let text = candidates[0]
            guard let number = Double(text.replacingOccurrences(of: ",", with: ".")) else {
                return .refused("'\(text)' is not a number")
            }
            if source == .weight, !attribute.units.isEmpty {
                if let grams = attribute.units.first(where: { $0.lowercased() == "g" }) {
                    return .value(AttributeValue(attributeID: attribute.id, text: Self.number(number), unit: grams))
                }
                if let kilograms = attribute.units.first(where: { $0.lowercased() == "kg" }) {
                    return .value(AttributeValue(attributeID: attribute.id, text: Self.number(number / 1000), unit: kilograms))
                }
            }
            return .value(AttributeValue(attributeID: attribute.id, text: Self.number(number), unit: attribute.units.first))
        case .text, .date:
            let text = source == .weight ? "\(candidates[0]) g" : candidates[0]
            return .value(AttributeValue(attributeID: attribute.id, text: text))
        }
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }

    /// Equal without regard to case, accents or spaces (`Viet Nam` is `Việt Nam`).
    static func same(_ a: String, _ b: String) -> Bool { CategoryGuide.fold(a).filter { !$0.isWhitespace } == CategoryGuide.fold(b).filter { !$0.isWhitespace } }
}
