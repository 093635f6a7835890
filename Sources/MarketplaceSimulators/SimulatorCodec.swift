import Foundation

/// JSON as the simulated platforms write it: snake_case keys, ISO 8601 times.
enum SimulatorCodec {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}

extension SimulatorCodec {
    /// Times as Tiki and Sendo write them: `2026-11-24 17:00:00`, Vietnam time (UTC+7).
    static func timeText(_ date: Date) -> String { vietnamTime.string(from: date) }

    static func time(_ text: String) -> Date? { vietnamTime.date(from: text) }

    private static var vietnamTime: DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 7 * 3600)
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter
    }
}
