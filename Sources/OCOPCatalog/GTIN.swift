/// GS1 trade item numbers (GTIN-8, -12, -13, -14) and their mod-10 check digit.
public enum GTIN {
    /// The GS1 prefix of Vietnam.
    public static let vietnamPrefix = "893"

    /// Why a string is not a GTIN, or `nil` if it is one.
    public static func problem(with code: String) -> String? {
        let digits = Array(code.utf8)
        guard [8, 12, 13, 14].contains(digits.count) else {
            return "must have 8, 12, 13 or 14 digits, has \(code.count) characters"
        }
        guard digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            return "must contain digits only"
        }
        let values = digits.map { Int($0 - UInt8(ascii: "0")) }
        let expected = checkDigit(for: values.dropLast())
        guard values.last == expected else {
            return "check digit is \(values.last!), expected \(expected)"
        }
        return nil
    }

    /// The check digit completing `payload` (all digits but the last).
    public static func checkDigit(for payload: some Collection<Int>) -> Int {
        var sum = 0
        for (offset, digit) in payload.reversed().enumerated() {
            sum += digit * (offset % 2 == 0 ? 3 : 1)
        }
        return (10 - sum % 10) % 10
    }
}
