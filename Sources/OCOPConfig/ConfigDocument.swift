import Configuration
import Yams

/// The YAML file flattened to configuration keys (`accounts.0.platform`), with the line of each key and
/// the problems of its structure: syntax, unknown keys, wrong shapes, inline secrets.
struct ConfigDocument {
    var values: [AbsoluteConfigKey: ConfigValue] = [:]
    /// Line of each key written in the file, by display path (`accounts[0].platform`).
    var lines: [String: Int] = [:]
    /// The items of each list of mappings (`accounts`, `apps`).
    var listCounts: [String: Int] = [:]
    /// Items of a list written as something other than a mapping (reported), to be skipped.
    var malformedItems: [String: Set<Int>] = [:]
    var problems: [ConfigProblem] = []

    init(yaml text: String) {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            problems.append(ConfigProblem(keyPath: "(file)", line: Self.line(of: error), message: "invalid YAML: \(Self.reason(of: error))"))
            return
        } catch {
            problems.append(ConfigProblem(keyPath: "(file)", message: "invalid YAML"))
            return
        }
        guard let root, !Self.isNull(root) else { return }
        guard case .mapping = root else {
            problems.append(ConfigProblem(keyPath: "(file)", line: root.mark?.line, message: "the top level must be a mapping of keys"))
            return
        }
        walk(root, shape: .map(ConfigSchema.root), path: [])
    }

    /// `accounts[1].platform` for `["accounts", "1", "platform"]`.
    static func display(_ components: [String]) -> String {
        var text = ""
        for component in components {
            if component.allSatisfy(\.isNumber) { text += "[\(component)]" } else { text += text.isEmpty ? component : ".\(component)" }
        }
        return text
    }

    private mutating func walk(_ node: Node, shape: ConfigSchema.Shape, path: [String]) {
        let display = Self.display(path)
        if Self.isNull(node) { return }
        switch (shape, node) {
        case (.scalar, .scalar(let scalar)):
            values[AbsoluteConfigKey(path)] = ConfigValue(.string(scalar.string), isSecret: false)
        case (.list, .sequence(let sequence)):
            var items: [String] = []
            for (index, item) in sequence.enumerated() {
                guard case .scalar(let scalar) = item, !Self.isNull(item) else {
                    return problem("\(display)[\(index)]", item, "must be a plain value")
                }
                items.append(scalar.string)
            }
            values[AbsoluteConfigKey(path)] = ConfigValue(.stringArray(items), isSecret: false)
        case (.map(let keys), .mapping(let mapping)):
            for (keyNode, valueNode) in mapping {
                guard case .scalar(let keyScalar) = keyNode else {
                    problem(display.isEmpty ? "(file)" : display, keyNode, "keys must be plain names")
                    continue
                }
                let key = keyScalar.string
                let childPath = path + [key]
                lines[Self.display(childPath)] = keyNode.mark?.line
                if let childShape = keys[key] {
                    walk(valueNode, shape: childShape, path: childPath)
                } else if ConfigSchema.looksSecret(key) {
                    problem(Self.display(childPath), keyNode,
                            "secrets must not be written in the config; put it in a file and name it in credentials_file (or admin_token_file)")
                } else {
                    problem(Self.display(childPath), keyNode, "unknown key; known here: \(keys.keys.sorted().joined(separator: ", "))")
                }
            }
        case (.listOfMaps(let keys), .sequence(let sequence)):
            listCounts[display] = sequence.count
            for (index, item) in sequence.enumerated() {
                lines["\(display)[\(index)]"] = item.mark?.line
                guard case .mapping = item else {
                    malformedItems[display, default: []].insert(index)
                    problem("\(display)[\(index)]", item, "must be a mapping of keys")
                    continue
                }
                walk(item, shape: .map(keys), path: path + [String(index)])
            }
        default:
            let expected = switch shape {
            case .scalar: "a single value"
            case .list: "a list such as [a, b]"
            case .map: "a mapping of keys"
            case .listOfMaps: "a list of mappings"
            }
            problem(display, node, "must be \(expected)")
        }
    }

    private mutating func problem(_ keyPath: String, _ node: Node, _ message: String) {
        problems.append(ConfigProblem(keyPath: keyPath, line: node.mark?.line, message: message))
    }

    /// `~`, `null` or nothing at all: the key counts as absent.
    private static func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        case .duplicatedKeysInMapping(_, let context): context.mark.line
        default: nil
        }
    }

    /// libyaml's words, without the snippet of the file (it could hold a secret).
    private static func reason(of error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _), .composer(let context, let problem, _, _):
            context.map { "\($0.text), \(problem)" } ?? problem
        case .duplicatedKeysInMapping(let duplicates, _): "a key is given twice: \(duplicates.sorted().joined(separator: ", "))"
        case .reader(let problem, _, _, _): problem
        default: "cannot be parsed"
        }
    }
}
