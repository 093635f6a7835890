import Foundation

/// Checks a JSON value, as `JSONSerialization` reads it, against a schema of docs/json/: the parts of JSON Schema
/// those files use — `type`, `properties`, `required`, `additionalProperties` (false, or a schema for every other
/// member), `items`, `enum` and `$ref` to `#/$defs/…` — recursively through objects and array items.
struct JSONSchemaCheck {
    let root: [String: Any]

    /// The schema file `docs/json/<name>.schema.json` of the repository.
    init(named name: String) throws {
        let url = OCOPSyncProcess.repository.appendingPathComponent("docs/json/\(name).schema.json")
        guard let schema = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] else {
            throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: url.path])
        }
        root = schema
    }

    init(schema: [String: Any]) {
        root = schema
    }

    /// What does not match, one line each with its path (`$.platforms[0].live: …`); empty when the value matches.
    func problems(_ value: Any) -> [String] {
        var problems: [String] = []
        check(value, root, at: "$", into: &problems)
        return problems
    }

    /// Checks `text` parsed as JSON; a text that does not parse is a problem too.
    func problems(json text: String) -> [String] {
        guard let value = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) else {
            return ["$: not JSON: \(text.prefix(200))"]
        }
        return problems(value)
    }

    private func check(_ value: Any, _ schema: [String: Any], at path: String, into problems: inout [String]) {
        if let reference = schema["$ref"] as? String {
            guard let resolved = resolve(reference) else { return problems.append("\(path): the schema's $ref \(reference) leads nowhere") }
            return check(value, resolved, at: path, into: &problems)
        }
        let kind = Self.kind(of: value)
        if let declared = schema["type"] {
            let types = (declared as? [String]) ?? [(declared as? String) ?? ""]
            guard types.contains(where: { Self.kind(kind, isA: $0) }) else {
                return problems.append("\(path): \(kind) where the schema says \(types.joined(separator: " or "))")
            }
        }
        if let allowed = schema["enum"] as? [Any], !allowed.contains(where: { Self.same($0, value) }) {
            problems.append("\(path): \(value) is not one of \(allowed)")
        }
        if let object = value as? [String: Any] {
            let properties = schema["properties"] as? [String: [String: Any]] ?? [:]
            for name in schema["required"] as? [String] ?? [] where object[name] == nil {
                problems.append("\(path): \(name) is required and missing")
            }
            for (name, member) in object.sorted(by: { $0.key < $1.key }) {
                if let declared = properties[name] {
                    check(member, declared, at: "\(path).\(name)", into: &problems)
                } else if let others = schema["additionalProperties"] as? [String: Any] {
                    check(member, others, at: "\(path).\(name)", into: &problems)
                } else if schema["additionalProperties"] as? Bool == false {
                    problems.append("\(path): \(name) is not a property the schema declares")
                }
            }
        }
        if let array = value as? [Any], let items = schema["items"] as? [String: Any] {
            for (position, item) in array.enumerated() { check(item, items, at: "\(path)[\(position)]", into: &problems) }
        }
    }

    /// The definition `#/$defs/name` of the root schema.
    private func resolve(_ reference: String) -> [String: Any]? {
        let prefix = "#/$defs/"
        guard reference.hasPrefix(prefix) else { return nil }
        return (root["$defs"] as? [String: Any])?[String(reference.dropFirst(prefix.count))] as? [String: Any]
    }

    /// The JSON type of a value `JSONSerialization` read: null, boolean, integer, number, string, array or object.
    static func kind(of value: Any) -> String {
        switch value {
        case is NSNull: return "null"
        case is String: return "string"
        case is [Any]: return "array"
        case is [String: Any]: return "object"
        case let number as NSNumber:
            if ["c", "B"].contains(String(cString: number.objCType)) { return "boolean" }
            let double = number.doubleValue
            return double.rounded() == double && abs(double) < 1e15 ? "integer" : "number"
        default: return "\(type(of: value))"
        }
    }

    /// Whether a value of JSON type `kind` is of the schema's `type` (an integer is a number too).
    static func kind(_ kind: String, isA type: String) -> Bool {
        kind == type || (kind == "integer" && type == "number")
    }

    private static func same(_ a: Any, _ b: Any) -> Bool {
        switch (a, b) {
        case let (a as String, b as String): a == b
        case let (a as NSNumber, b as NSNumber): kind(of: a) == kind(of: b) && a == b
        default: false
        }
    }
}
