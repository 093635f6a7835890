import Configuration
import Yams

/// The YAML file flattened to configuration keys (`accounts.0.platform`), with the line of each key and
/// the problems of its structure: syntax, unknown keys, wrong shapes, inline secrets.
struct ConfigDocument {
    var values: [AbsoluteConfigKey: ConfigValue] = [:]
    var lines: [String: Int] = [:]
    var accountCount = 0
    var problems: [ConfigProblem] = []

    init(yaml text: String) {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            problems.append(ConfigProblem(keyPath: "(file)", line: Self.line(of: error), message: "invalid YAML: \(Self.reason(of: error))"))
            return
        } catch {
            problems.append(ConfigProblem(keyPath: "(file)", message: "invalid YAML: \(error)"))
            return
        }
        guard let root else { return }
        guard case .mapping = root else {
            problems.append(ConfigProblem(keyPath: "(file)", line: root.mark?.line, message: "the top level must be a mapping of keys"))
            return
        }
        walk(root, shape: .map(ConfigSchema.root), path: [], display: "")
    }

    /// `accounts[1].platform` for `["accounts", "1", "platform"]`.
    static func display(_ components: [String]) -> String {
        var text = ""
        for component in components {
            if component.allSatisfy(\.isNumber) { text += "[\(component)]" } else { text += text.isEmpty ? component : ".\(component)" }
        }
        return text
    }

    private mutating func walk(_ node: Node, shape: ConfigSchema.Shape, path: [String], display: String) {
        let line = node.mark?.line
        switch (shape, node) {
        case (.scalar, .scalar(let scalar)):
            values[AbsoluteConfigKey(path)] = ConfigValue(.string(scalar.string), isSecret: false)
        case (.list, .sequence(let sequence)):
            var items: [String] = []
            for item in sequence {
                guard case .scalar(let scalar) = item else {
                    problems.append(ConfigProblem(keyPath: display, line: item.mark?.line, message: "must be a list of plain values"))
                    return
                }
                items.append(scalar.string)
            }
            values[AbsoluteConfigKey(path)] = ConfigValue(.stringArray(items), isSecret: false)
        case (.list, .scalar(let scalar)):
            values[AbsoluteConfigKey(path)] = ConfigValue(.stringArray([scalar.string]), isSecret: false)
        case (.map(let keys), .mapping(let mapping)):
            for (keyNode, valueNode) in mapping {
                guard case .scalar(let keyScalar) = keyNode else { continue }
                let key = keyScalar.string
                let childDisplay = display.isEmpty ? key : "\(display).\(key)"
                lines[childDisplay] = keyNode.mark?.line
                guard let childShape = keys[key] else {
                    if ConfigSchema.looksSecret(key) {
                        problems.append(ConfigProblem(keyPath: childDisplay, line: keyNode.mark?.line,
                            message: "secrets must not be written in the config; put it in a file and name the file in credentials_file (or admin_token_file)"))
                    } else {
                        problems.append(ConfigProblem(keyPath: childDisplay, line: keyNode.mark?.line,
                            message: "unknown key; known here: \(keys.keys.sorted().joined(separator: ", "))"))
                    }
                    continue
                }
                walk(valueNode, shape: childShape, path: path + [key], display: childDisplay)
            }
        case (.listOfMaps(let keys), .sequence(let sequence)):
            accountCount = sequence.count
            for (index, item) in sequence.enumerated() {
                let childDisplay = "\(display)[\(index)]"
                lines[childDisplay] = item.mark?.line
                guard case .mapping = item else {
                    problems.append(ConfigProblem(keyPath: childDisplay, line: item.mark?.line, message: "must be a mapping of keys"))
                    continue
                }
                walk(item, shape: .map(keys), path: path + [String(index)], display: childDisplay)
            }
        case (_, .scalar(let scalar)) where scalar.string.isEmpty || scalar.tag.description.hasSuffix("null"):
            break
        default:
            let expected = switch shape {
            case .scalar: "a single value"
            case .list: "a list"
            case .map: "a mapping of keys"
            case .listOfMaps: "a list of mappings"
            }
            problems.append(ConfigProblem(keyPath: display, line: line, message: "must be \(expected)"))
        }
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark.line
        default: nil
        }
    }

    private static func reason(of error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _): problem
        default: "\(error)"
        }
    }
}
