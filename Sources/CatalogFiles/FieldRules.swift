import OCOPCatalog

/// Parsing of single field values; each returns the value or the message explaining the problem.
enum FieldRules {
    static let maxNameLength = 255

    /// A whole number of `what` at least `minimum` (of at most 15 digits), for a number with no shared
    /// ``Bounds`` (the stars, which the assembler checks against the rating scale).
    static func wholeNumber(_ text: String, minimum: Int, what: String) -> Result<Int, FieldProblem> {
        let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }), digits.utf8.count <= 15,
              let value = Int(text)
        else { return .failure(notAWholeNumber(text, what: what)) }
        guard value >= minimum else { return .failure(belowMinimum(String(value), minimum)) }
        return .success(value)
    }

    /// A whole number of `what` within `bounds`. Digits an `Int` cannot hold are beyond every bound and
    /// said to be so, not "not a whole number".
    static func wholeNumber(_ text: String, in bounds: ClosedRange<Int>, what: String) -> Result<Int, FieldProblem> {
        let negative = text.hasPrefix("-")
        let digits = negative ? text.dropFirst() : Substring(text)
        guard !digits.isEmpty, digits.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
            return .failure(notAWholeNumber(text, what: what))
        }
        guard let value = Int(text) else {
            return .failure(negative ? belowMinimum(clip(text), bounds.lowerBound) : aboveMaximum(clip(text), bounds.upperBound))
        }
        guard value >= bounds.lowerBound else { return .failure(belowMinimum(String(value), bounds.lowerBound)) }
        guard value <= bounds.upperBound else { return .failure(aboveMaximum(String(value), bounds.upperBound)) }
        return .success(value)
    }

    private static func notAWholeNumber(_ text: String, what: String) -> FieldProblem {
        FieldProblem("must be a whole number of \(what), got '\(Double(text) != nil ? text : clip(text))'")
    }

    private static func belowMinimum(_ value: String, _ minimum: Int) -> FieldProblem {
        FieldProblem(minimum == 0 ? "must not be negative, got \(value)" : "must be at least \(minimum), got \(value)")
    }

    private static func aboveMaximum(_ value: String, _ maximum: Int) -> FieldProblem {
        FieldProblem("must be at most \(maximum), got \(value)")
    }

    static func day(_ text: String) -> Result<CalendarDay, FieldProblem> {
        guard let day = CalendarDay(text) else {
            return .failure(FieldProblem("must be a date YYYY-MM-DD, got '\(clip(text))'"))
        }
        return .success(day)
    }

    static func flag(_ text: String?) -> Result<Bool, FieldProblem> {
        switch text {
        case nil, "false": .success(false)
        case "true": .success(true)
        case let other?: .failure(FieldProblem("must be true or false, got '\(clip(other))'"))
        }
    }

    static func choice<Value: RawRepresentable & CaseIterable>(_ text: String, _ type: Value.Type) -> Result<Value, FieldProblem>
    where Value.RawValue == String {
        guard let value = Value(rawValue: text) else {
            let allowed = Value.allCases.map(\.rawValue).joined(separator: ", ")
            return .failure(FieldProblem("must be one of \(allowed), got '\(clip(text))'"))
        }
        return .success(value)
    }

    static func url(_ text: String) -> Result<String, FieldProblem> {
        Identifiers.isValidWebURL(text)
            ? .success(text)
            : .failure(FieldProblem("must be an http(s) URL, got '\(clip(text))'"))
    }

    /// A phone number as people write it: digits, spaces, `+` (first only), `.` and `-`, with 8 to 15 digits
    /// (a Vietnamese landline "0203 3845 123" has 11, "+84 203 3845 123" 12).
    static func phone(_ text: String) -> Result<String, FieldProblem> {
        let digits = text.utf8.filter { $0 >= 48 && $0 <= 57 }.count
        let allowed = text.utf8.enumerated().allSatisfy { position, byte in
            (byte >= 48 && byte <= 57) || byte == 0x20 || byte == 0x2E || byte == 0x2D || (byte == 0x2B && position == 0)
        }
        guard allowed, (8...15).contains(digits) else {
            return .failure(FieldProblem("must be a phone number of 8 to 15 digits (spaces, '.', '-' and a leading '+' allowed), got '\(clip(text))'"))
        }
        return .success(text)
    }

    static func gtin(_ text: String) -> Result<String, FieldProblem> {
        if let problem = GTIN.problem(with: text) { return .failure(FieldProblem("'\(clip(text))' is not a valid GTIN: \(problem)")) }
        return .success(text)
    }

    /// `key=value; key=value` (a product's `category_ids` or `attributes`).
    static func keyedValues(_ text: String) -> Result<[String: String], FieldProblem> {
        KeyedValues.parse(text).mapError { FieldProblem($0.message) }
    }

    static func text(_ text: String, maxLength: Int) -> Result<String, FieldProblem> {
        if text.utf8.count <= maxLength { return .success(text) }
        let count = text.count
        guard count <= maxLength else { return .failure(FieldProblem("must be at most \(maxLength) characters, has \(count)")) }
        return .success(text)
    }

    /// Shortens a value quoted in a message.
    static func clip(_ text: String) -> String {
        text.count > 40 ? String(text.prefix(40)) + "…" : text
    }
}

/// Why one field value is refused.
struct FieldProblem: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
