import Foundation

extension AccountHealth {
    /// The health an account shows to `probe`, the lightest read its platform has: refused credentials
    /// mean re-authorisation, any other failure that the platform could not be judged.
    public static func judging(_ probe: () async throws(AdapterError) -> Void) async -> AccountHealth {
        do {
            try await probe()
            return .ok
        } catch .credentialsRejected(let message) {
            return .needsReauth(message)
        } catch .missingCredentials(let keys) {
            return .needsReauth("the credentials file lacks \(keys.joined(separator: ", "))")
        } catch {
            return .unreachable(error.description)
        }
    }
}

extension ItemOutcome {
    /// The outcome of one item the platform refused with `code`: an internal error may pass, a stale
    /// write is superseded, anything else is the platform's rejection.
    public static func refused(sku: String, code: String, message: String) -> ItemOutcome {
        switch code {
        case "internal_error": ItemOutcome(sku: sku, result: .failed(message))
        case "stale_write": ItemOutcome(sku: sku, result: .stale)
        default: ItemOutcome(sku: sku, result: .rejected(message == code || message.isEmpty ? code : "\(code): \(message)"))
        }
    }
}

extension AdapterError {
    /// A duplicate-SKU refusal whose message ends with the id of the listing that has the SKU
    /// (`…: 2300000123`).
    public static func duplicate(message: String) -> AdapterError {
        .duplicate(sku: "", existing: message.split(separator: ":").last.map { RemoteID($0.trimmingCharacters(in: .whitespaces)) })
    }
}

/// Times as Vietnamese platforms write them: in Vietnam's time (UTC+7), without a zone.
public enum VietnamTime {
    /// `yyyy-MM-dd HH:mm:ss`.
    public static var dateTime: DateFormatter { formatter("yyyy-MM-dd HH:mm:ss") }
    /// `yyyy/MM/dd`.
    public static var slashedDay: DateFormatter { formatter("yyyy/MM/dd") }
    /// `yyyy-MM-ddTHH:mm:ss+07:00`: ISO 8601 with the offset written out.
    public static var withOffset: DateFormatter { formatter("yyyy-MM-dd'T'HH:mm:ssxxx") }

    private static func formatter(_ format: String) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(secondsFromGMT: 7 * 3600)
        formatter.dateFormat = format
        return formatter
    }
}
