import Foundation
import Hummingbird

/// What a simulated platform keeps of its shops' consents: codes waiting to be exchanged (once, ten
/// minutes, as Shopee and Lazada document), each shop's authorisation, and which shop each token is for.
struct ConsentBook: Sendable {
    static let codeLifetime: TimeInterval = 600

    struct Grant: Sendable {
        var shopID: String
        var shopName: String
        var expiresAt: Date
        /// How long the owner authorised the app for.
        var days: Int
    }

    struct Authorization: Sendable {
        var shopID: String
        var authorizedAt: Date
        var expiresAt: Date
    }

    var codes: [String: Grant] = [:]
    var authorizations: [String: Authorization] = [:]
    var tokenShops: [String: String] = [:]
    var refreshShops: [String: String] = [:]

    mutating func authorize(_ grant: Grant, pair: TokenPair, at now: Date) {
        authorizations[grant.shopID] = Authorization(shopID: grant.shopID, authorizedAt: now, expiresAt: now.addingTimeInterval(TimeInterval(grant.days * 86400)))
        tokenShops[pair.accessToken] = grant.shopID
        refreshShops[pair.refreshToken] = grant.shopID
    }

    /// A refresh keeps the pair's shop.
    mutating func carry(from refreshToken: String, to pair: TokenPair) {
        guard let shop = refreshShops.removeValue(forKey: refreshToken) else { return }
        tokenShops[pair.accessToken] = shop
        refreshShops[pair.refreshToken] = shop
    }
}

/// The consent page of a simulated platform: the shop owner logs in, chooses how long the app may act for
/// the shop (where the platform lets them), and authorises or cancels. Field names match what a browser
/// test fills in: `login`, `password`, `days`, and the buttons `decision=authorize|cancel`.
enum ConsentPage {
    static func html(platform: String, appName: String, hidden: [(String, String)], durations: [Int], error: String? = nil) -> String {
        let fields = hidden.map { "<input type=\"hidden\" name=\"\(escape($0.0))\" value=\"\(escape($0.1))\">" }.joined()
        let choice = durations.isEmpty ? "" : """
            <label>Thời hạn ủy quyền <select name="days">\(durations.map { "<option value=\"\($0)\"\($0 == durations.last ? " selected" : "")>\($0) ngày</option>" }.joined())</select></label>
            """
        return """
            <!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(escape(platform)) — ủy quyền ứng dụng</title></head><body>
            <h1>\(escape(platform))</h1><p>Ứng dụng <b>\(escape(appName))</b> xin quyền quản lý sản phẩm, tồn kho và đơn hàng của gian hàng.</p>
            \(error.map { "<p id=\"error\" style=\"color:#a12a1f\">\(escape($0))</p>" } ?? "")
            <form id="consent" method="post">\(fields)
            <label>Tài khoản <input name="login" id="login" autocomplete="username"></label>
            <label>Mật khẩu <input name="password" id="password" type="password" autocomplete="current-password"></label>
            \(choice)
            <button type="submit" name="decision" value="authorize" id="authorize">Authorize</button>
            <button type="submit" name="decision" value="cancel" id="cancel">Cancel</button>
            </form></body></html>
            """
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }

    /// An HTML answer.
    static func reply(_ html: String, status: Int = 200) -> Reply {
        var reply = Reply(["page": true] as [String: any Sendable], status: .init(code: status))
        reply.headers = [.contentType: "text/html; charset=utf-8"]
        reply.body = Array(html.utf8)
        return reply
    }

    /// A redirect to `url` with `parameters` added to its query.
    static func redirect(_ url: String, _ parameters: [(String, String)]) -> Reply {
        var reply = Reply(["redirect": true] as [String: any Sendable], status: .found)
        let separator = url.contains("?") ? "&" : "?"
        let query = parameters.map { "\(formEncode($0.0))=\(formEncode($0.1))" }.joined(separator: "&")
        reply.headers = [.location: url + separator + query]
        reply.body = []
        return reply
    }

    static func formEncode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// What the owner submitted: the shop of a valid login (or a page to try again), or a cancel.
    enum Decision {
        case authorize(SeededState.Owner, days: Int)
        case cancel
        case retry(String)
    }

    static func decision(_ form: [String: String], state: MarketplaceState, durations: [Int]) async -> Decision {
        if form["decision"] == "cancel" { return .cancel }
        guard let login = form["login"], let password = form["password"], let owner = await state.owner(login: login, password: password) else {
            return .retry("Sai tài khoản hoặc mật khẩu.")
        }
        let days = Int(form["days"] ?? "") ?? durations.last ?? 365
        guard durations.isEmpty || durations.contains(days) else { return .retry("Thời hạn không hợp lệ.") }
        return .authorize(owner, days: days)
    }
}
