import Foundation

/// JSON as it crosses the wire: request bodies written compactly with sorted keys and unescaped slashes,
/// answers read into a platform's wire types.
public enum WireCoding {
    /// `body` as compact JSON with its keys sorted.
    public static func encode(_ body: some Encodable) throws(AdapterError) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return Array(try encoder.encode(body))
        } catch {
            throw .rejected(code: "unencodable", message: "\(error)")
        }
    }

    /// `body` as a JSON string (for platforms that take JSON inside a form field).
    public static func string(_ body: some Encodable) throws(AdapterError) -> String {
        String(decoding: try encode(body), as: UTF8.self)
    }

    /// `bytes` read as `Message`, or ``AdapterError/malformedResponse(_:)`` saying what did not fit.
    public static func decode<Message: Decodable>(_ type: Message.Type, from bytes: [UInt8]) throws(AdapterError) -> Message {
        do {
            return try JSONDecoder().decode(type, from: Data(bytes))
        } catch let error as DecodingError {
            throw .malformedResponse("\(Message.self): \(describe(error)) (\(bytes.count) bytes)")
        } catch {
            throw .malformedResponse("\(Message.self): \(error) (\(bytes.count) bytes)")
        }
    }

    /// A decoding failure in a line: what went wrong and where.
    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let keys = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }
            return keys.isEmpty ? "the top level" : keys.joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context): return "\(path(context)) lacks \(key.stringValue)"
        case .valueNotFound(_, let context), .typeMismatch(_, let context): return "\(path(context)): \(context.debugDescription)"
        case .dataCorrupted(let context): return "\(path(context)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}

extension HTTPAnswer {
    /// The body read as `Message`, or ``AdapterError/malformedResponse(_:)``.
    public func decode<Message: Decodable>(_ type: Message.Type = Message.self) throws(AdapterError) -> Message {
        try WireCoding.decode(type, from: body)
    }
}

/// A JSON key known only at run time (a category attribute's name in a platform's body).
public struct DynamicKey: CodingKey {
    public let stringValue: String
    public init(_ name: String) { stringValue = name }
    public init?(stringValue: String) { self.stringValue = stringValue }
    public var intValue: Int? { nil }
    public init?(intValue: Int) { nil }
}
