/// A platform's numeric id as platforms write it: a whole JSON number (``FlexibleInt``) or a string of
/// digits, kept as text. An empty or non-numeric id does not decode.
public struct FlexibleID: Decodable, Hashable, Sendable {
    public let value: String

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            guard !text.isEmpty, text.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "id \"\(text)\" is not a number")
            }
            value = text
        } else if let number = try? FlexibleInt(from: decoder) {
            value = String(number.value)
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not an id (a whole number or a string of digits)")
        }
    }

    /// The id as ocopsync keeps it.
    public var remote: RemoteID { RemoteID(value) }
}
