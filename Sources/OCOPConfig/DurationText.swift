/// Durations written as `250ms`, `30s`, `5m`, `1h`, `1h30m`.
enum DurationText {
    static func parse(_ text: String) -> Duration? {
        var total = Duration.zero
        var digits = ""
        var index = text.startIndex
        var sawUnit = false
        while index < text.endIndex {
            let character = text[index]
            if character.isASCII, character.isNumber {
                digits.append(character)
                index = text.index(after: index)
                continue
            }
            guard let amount = Int(digits) else { return nil }
            digits = ""
            let rest = text[index...]
            if rest.hasPrefix("ms") {
                total += .milliseconds(amount)
                index = text.index(index, offsetBy: 2)
            } else {
                switch character {
                case "s": total += .seconds(amount)
                case "m": total += .seconds(amount * 60)
                case "h": total += .seconds(amount * 3600)
                default: return nil
                }
                index = text.index(after: index)
            }
            sawUnit = true
        }
        guard digits.isEmpty, sawUnit else { return nil }
        return total
    }
}
