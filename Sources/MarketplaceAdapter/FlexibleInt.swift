/// A whole number as platforms write it: a JSON number (`12`, `12.0`) or a numeric string (`"12"`,
/// `"12.00"`). Anything else does not decode.
public struct FlexibleInt: Decodable, Hashable, Sendable {
    public let value: Int

    public init(_ value: Int) { self.value = value }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let int = try? container.decode(Int.self) {
            value = int
        } else if let double = try? container.decode(Double.self), let int = Self.whole(double) {
            value = int
        } else if let text = try? container.decode(String.self), let int = Int(text) ?? Double(text).flatMap(Self.whole) {
            value = int
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a whole number")
        }
    }

    private static func whole(_ double: Double) -> Int? {
        double == double.rounded() ? Int(exactly: double) : nil
    }
}
