/// What a shop owner sees after opening a connect link or coming back from the platform's consent page:
/// a short page in Vietnamese, on a phone. It never holds a token.
public struct OwnerPage: Sendable, Equatable {
    public enum Outcome: String, Sendable {
        case connected, refused
    }

    public var outcome: Outcome
    /// The HTTP status it is served with.
    public var status: Int
    public var title: String
    public var message: String
    /// What to do next, when there is something to do.
    public var next: String?

    public init(_ outcome: Outcome, status: Int, title: String, message: String, next: String? = nil) {
        self.outcome = outcome
        self.status = status
        self.title = title
        self.message = message
        self.next = next
    }

    /// The page as HTML (UTF-8, readable on a phone).
    public var html: String {
        let colour = outcome == .connected ? "#1b7f3b" : "#a12a1f"
        return """
            <!DOCTYPE html>
            <html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(CoveragePage.escape(title))</title>
            <style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:2rem auto;padding:0 1rem;line-height:1.5}
            h1{font-size:1.4rem;color:\(colour)}p.next{background:#f3f3f3;padding:.75rem;border-radius:.5rem}</style></head>
            <body data-outcome="\(outcome.rawValue)"><h1>\(CoveragePage.escape(title))</h1><p>\(CoveragePage.escape(message))</p>\(next.map { "<p class=\"next\">\(CoveragePage.escape($0))</p>" } ?? "")
            <p><small>ocopsync — Sở Công Thương Quảng Ninh</small></p></body></html>
            """
    }
}
