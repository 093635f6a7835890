/// A field read as leniently as a platform's optional extras deserve: absent, `null` or a value of
/// another type all read as `nil`, and never make the answer malformed.
///
/// Meant for descriptive fields (a barcode, a rejection reason); ids, prices and stock are read strictly.
@propertyWrapper
public struct Lenient<Value: Decodable & Sendable>: Decodable, Sendable {
    public var wrappedValue: Value?

    public init(wrappedValue: Value?) { self.wrappedValue = wrappedValue }

    public init(from decoder: any Decoder) throws {
        wrappedValue = try? Value(from: decoder)
    }
}

extension KeyedDecodingContainer {
    /// A ``Lenient`` field may be missing altogether.
    public func decode<Value>(_ type: Lenient<Value>.Type, forKey key: Key) throws -> Lenient<Value> {
        try decodeIfPresent(type, forKey: key) ?? Lenient(wrappedValue: nil)
    }
}
