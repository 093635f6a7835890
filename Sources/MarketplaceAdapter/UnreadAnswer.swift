/// An answer whose content ocopsync does not read: decoding it only checks that it is a JSON object.
public struct UnreadObject: Decodable, Sendable {
    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        _ = try decoder.container(keyedBy: AnyKey.self)
    }
}

/// A field that must be present, whatever its value (`null` included), and is not read.
public struct UnreadValue: Decodable, Sendable {
    public init(from decoder: any Decoder) throws {}
}
