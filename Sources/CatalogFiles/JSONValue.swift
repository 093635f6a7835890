/// A parsed JSON value that remembers the line it starts on.
struct JSONValue {
    indirect enum Node {
        case object([Member])
        case array([JSONValue])
        case string(String)
        /// The number as written, checked later against the field's rule.
        case number(String)
        case bool(Bool)
        case null
    }

    struct Member {
        var key: String
        var line: Int
        var value: JSONValue
    }

    var line: Int
    var node: Node

    /// How this value's kind is named in messages.
    var kindName: String {
        switch node {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .number: "a number"
        case .bool: "true or false"
        case .null: "null"
        }
    }
}
