import Foundation
import OCOPCatalog
import Yams

/// Reads and checks platform manifests.
public enum ManifestLoader {
    /// Every `adapters/*/manifest.yaml` below `directory`, by platform id: adding a platform is adding a folder.
    public static func loadAll(adaptersDirectory directory: String) throws -> [String: PlatformManifest] {
        let folders = try FileManager.default.contentsOfDirectory(atPath: directory).sorted()
        var manifests: [String: PlatformManifest] = [:]
        for folder in folders {
            let path = "\(directory)/\(folder)/manifest.yaml"
            guard FileManager.default.fileExists(atPath: path) else { continue }
            let manifest = try load(path: path)
            manifests[manifest.platform] = manifest
        }
        return manifests
    }

    public static func load(path: String) throws -> PlatformManifest {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ManifestError(file: path, problems: ["cannot be read"])
        }
        return try parse(text, file: path)
    }

    public static func parse(_ text: String, file: String) throws -> PlatformManifest {
        let root: Any?
        do {
            root = try Yams.load(yaml: text)
        } catch {
            throw ManifestError(file: file, problems: ["invalid YAML: \(error)"])
        }
        var reader = ManifestReader(root: root as? [String: Any] ?? [:])
        let manifest = reader.manifest()
        guard reader.problems.isEmpty, let manifest else { throw ManifestError(file: file, problems: reader.problems) }
        return manifest
    }
}

/// Walks the YAML of one manifest, collecting every problem with its key path.
struct ManifestReader {
    let root: [String: Any]
    var problems: [String] = []

    private func value(_ path: [String]) -> Any? {
        var node: Any? = root
        for key in path { node = (node as? [String: Any])?[key] }
        return node
    }

    private mutating func string(_ path: [String]) -> String {
        if let text = value(path) as? String, !text.isEmpty { return text }
        problems.append("\(path.joined(separator: ".")): is required (text)")
        return ""
    }

    private mutating func number(_ path: [String], minimum: Double = 0) -> Double {
        let raw = value(path)
        let number = (raw as? Double) ?? (raw as? Int).map(Double.init)
        guard let number, number >= minimum else {
            problems.append("\(path.joined(separator: ".")): is required (a number of at least \(minimum))")
            return minimum
        }
        return number
    }

    private mutating func integer(_ path: [String], minimum: Int = 1) -> Int {
        guard let number = value(path) as? Int, number >= minimum else {
            problems.append("\(path.joined(separator: ".")): is required (a whole number of at least \(minimum))")
            return minimum
        }
        return number
    }

    private mutating func endpoint(_ path: [String]) -> ProtocolSpec.Endpoint {
        let method = string(path + ["method"]).uppercased()
        let route = string(path + ["path"])
        if !["GET", "POST", "PUT", "PATCH", "DELETE"].contains(method) { problems.append("\(path.joined(separator: ".")).method: unknown HTTP method") }
        if !route.hasPrefix("/") { problems.append("\(path.joined(separator: ".")).path: must start with /") }
        return ProtocolSpec.Endpoint(method: method, path: route)
    }

    /// `pictures: {formats: [jpeg, png], max_bytes, min_side, max_side}`.
    mutating func pictureRules() -> PictureRules {
        var rules = PictureRules()
        if let formats = value(["pictures", "formats"]) as? [Any] {
            rules.formats = formats.compactMap { name in
                guard let format = Picture.Format(rawValue: "\(name)"), format != .unknown else {
                    problems.append("pictures.formats: '\(name)' is not jpeg, png, webp or gif")
                    return nil
                }
                return format
            }
        }
        if value(["pictures", "max_bytes"]) != nil { rules.maxBytes = integer(["pictures", "max_bytes"], minimum: 1) }
        if value(["pictures", "min_side"]) != nil { rules.minSide = integer(["pictures", "min_side"], minimum: 1) }
        if value(["pictures", "max_side"]) != nil { rules.maxSide = integer(["pictures", "max_side"], minimum: 1) }
        return rules
    }

    /// `attributes: {sent_by_adapter: [names], rules: {source: [names]}}`.
    mutating func attributeRules(_ node: Any) -> AttributeRules {
        guard let section = node as? [String: Any] else {
            problems.append("attributes: must be a mapping with sent_by_adapter and rules")
            return AttributeRules()
        }
        var rules = AttributeRules(sentByAdapter: Set((section["sent_by_adapter"] as? [Any] ?? []).map { "\($0)" }))
        for (key, names) in section["rules"] as? [String: Any] ?? [:] {
            guard let source = AttributeRules.Source(rawValue: key) else {
                problems.append("attributes.rules.\(key): not a catalog source (\(AttributeRules.Source.allCases.map(\.rawValue).joined(separator: ", ")))")
                continue
            }
            guard let list = names as? [Any], !list.isEmpty else {
                problems.append("attributes.rules.\(key): must list the platform's attribute names")
                continue
            }
            rules.sources[source] = list.map { "\($0)" }
        }
        return rules
    }

    mutating func manifest() -> PlatformManifest? {
        let platform = string(["platform"])
        var categories: [OCOPGroup: String] = [:]
        for (key, id) in value(["categories"]) as? [String: Any] ?? [:] {
            guard let group = OCOPGroup(rawValue: key) else {
                problems.append("categories.\(key): not an OCOP group (\(OCOPGroup.allCases.map(\.rawValue).joined(separator: ", ")))")
                continue
            }
            categories[group] = "\(id)"
        }
        var required: [PlatformManifest.ListingField] = []
        for name in value(["fields", "required"]) as? [String] ?? [] {
            guard let field = PlatformManifest.ListingField(rawValue: name) else {
                problems.append("fields.required: unknown field '\(name)'")
                continue
            }
            required.append(field)
        }
        let publicAPI = value(["public_api"]) as? Bool ?? false
        var spec: ProtocolSpec?
        if value(["protocol"]) != nil {
            let p = ["protocol"]
            spec = ProtocolSpec(
                tokenPath: string(p + ["auth", "token_path"]), tokenLifetimeSeconds: integer(p + ["auth", "token_lifetime_seconds"]),
                authHeader: string(p + ["auth", "header"]),
                listListings: endpoint(p + ["listings", "list"]), getListing: endpoint(p + ["listings", "get"]),
                createListing: endpoint(p + ["listings", "create"]), updatePrice: endpoint(p + ["listings", "update_price"]),
                updateStock: endpoint(p + ["listings", "update_stock"]), deactivate: endpoint(p + ["listings", "deactivate"]),
                reactivate: endpoint(p + ["listings", "reactivate"]), listOrders: endpoint(p + ["orders", "list"]),
                webhookSignatureHeader: string(p + ["webhook", "signature_header"]),
                webhookTimestampHeader: string(p + ["webhook", "timestamp_header"]))
        } else if !publicAPI {
            problems.append("protocol: is required for a platform without a public API (public_api: false)")
        }
        let manifest = PlatformManifest(
            platform: platform, displayName: string(["display_name"]), publicAPI: publicAPI,
            rateLimit: .init(requestsPerSecond: number(["rate_limit", "requests_per_second"], minimum: 0.1),
                             burst: integer(["rate_limit", "burst"])),
            batchSizes: .init(stockUpdate: integer(["batch_sizes", "stock_update"]), priceUpdate: integer(["batch_sizes", "price_update"])),
            pageSizeMax: integer(["paging", "page_size_max"]),
            fieldLimits: .init(titleMaxLength: integer(["fields", "title_max_length"]),
                               descriptionMaxLength: integer(["fields", "description_max_length"]),
                               imagesMax: integer(["fields", "images_max"])),
            requiredFields: required, categories: categories, priceRounding: integer(["price", "rounding"]),
            review: .init(required: value(["review", "required"]) as? Bool ?? false, seconds: integer(["review", "seconds"], minimum: 0)),
            protocolSpec: spec)
        var result = manifest
        if value(["report_order"]) != nil { result.reportOrder = integer(["report_order"], minimum: 0) }
        if let rules = value(["attributes"]) { result.attributeRules = attributeRules(rules) }
        if value(["pictures"]) != nil { result.pictureRules = pictureRules() }
        if value(["app_rate_limit"]) != nil {
            result.appRateLimit = .init(requestsPerSecond: number(["app_rate_limit", "requests_per_second"], minimum: 0.1),
                                        burst: integer(["app_rate_limit", "burst"]))
        }
        if let timeout = value(["call_timeout_seconds"]) {
            if let seconds = (timeout as? Double) ?? (timeout as? Int).map(Double.init), seconds > 0, seconds <= 300 {
                result.callTimeoutSeconds = seconds
            } else {
                problems.append("call_timeout_seconds: must be a number of seconds above 0 and at most 300")
            }
        }
        if let basePath = value(["base_path"]) {
            if let text = basePath as? String, text.hasPrefix("/"), !text.hasSuffix("/") {
                result.basePath = text
            } else {
                problems.append("base_path: must start with / and not end with one")
            }
        }
        return problems.isEmpty ? result : nil
    }
}
