import Foundation
import OCOPCatalog

/// A producer's own page, opened from its private link on a phone: its products with stock, price and where
/// each is live, its shops with their health and a Connect or Reconnect button, and a form to record stock
/// counted or sold at a fair or showroom. In Vietnamese; no scripts; it holds no secret but its own link
/// (the forms post to it) and the forms' code.
public struct ProducerPage: Sendable {
    /// Where a product stands on one platform.
    public enum Presence: String, Sendable {
        case live, pending, missing

        var words: String {
            switch self {
            case .live: "Đang bán"
            case .pending: "Chờ sàn duyệt"
            case .missing: "Chưa có"
            }
        }
    }

    public struct VariantLine: Sendable {
        public var sku: String
        public var packSize: String
        public var priceVND: Int
        /// Units that can be sold now (on hand less what open orders hold).
        public var available: Int

        public init(sku: String, packSize: String, priceVND: Int, available: Int) {
            self.sku = sku
            self.packSize = packSize
            self.priceVND = priceVND
            self.available = available
        }
    }

    public struct ProductLine: Sendable {
        public var sku: String
        public var name: String
        public var stars: Int
        /// Whether the product may be sold as OCOP now (3–5 stars, rating valid, not withdrawn).
        public var eligible: Bool
        public var variants: [VariantLine]
        /// Per platform (its display name), in the report's order.
        public var presence: [(platform: String, presence: Presence)]

        public init(sku: String, name: String, stars: Int, eligible: Bool, variants: [VariantLine], presence: [(platform: String, presence: Presence)]) {
            self.sku = sku
            self.name = name
            self.stars = stars
            self.eligible = eligible
            self.variants = variants
            self.presence = presence
        }
    }

    /// What the owner can do about a shop.
    public enum ShopAction: Sendable, Equatable {
        /// Connect it again by consent (a shop connected that way): the platform id and the account.
        case reconnect(platform: String, account: String)
        /// Nothing here; the sentence says why or whom to ask.
        case none(String)
    }

    public struct ShopLine: Sendable {
        public var account: String
        /// The platform's display name.
        public var platform: String
        public var shopName: String?
        public var health: AccountHealthState
        /// Kept but not synced (`account disable`).
        public var disabled: Bool
        public var coverage: AccountCoverage?
        public var action: ShopAction

        public init(account: String, platform: String, shopName: String?, health: AccountHealthState, disabled: Bool, coverage: AccountCoverage?,
                    action: ShopAction) {
            self.account = account
            self.platform = platform
            self.shopName = shopName
            self.health = health
            self.disabled = disabled
            self.coverage = coverage
            self.action = action
        }
    }

    /// A platform the producer can connect a new shop on, or why it cannot from here.
    public struct NewShop: Sendable {
        public var platform: String
        public var name: String
        /// Why the button is missing (no public address, no consent on this platform); nil: it is there.
        public var unavailable: String?

        public init(platform: String, name: String, unavailable: String? = nil) {
            self.platform = platform
            self.name = name
            self.unavailable = unavailable
        }
    }

    /// The outcome of the last form sent, shown on top.
    public struct Notice: Sendable {
        public var ok: Bool
        public var text: String

        public init(ok: Bool, text: String) {
            self.ok = ok
            self.text = text
        }
    }

    public var producerName: String
    public var products: [ProductLine]
    public var shops: [ShopLine]
    public var newShops: [NewShop]
    public var notice: Notice?
    /// The variant the form shows chosen (the one last recorded).
    public var chosenSKU: String?
    /// The link's last path segment: the forms post to `<token>/stock` and `<token>/connect`, relative to the page.
    public var token: String
    /// The code the forms carry, which only this server makes for this link.
    public var formCode: String

    public init(producerName: String, products: [ProductLine], shops: [ShopLine], newShops: [NewShop], notice: Notice? = nil, chosenSKU: String? = nil,
                token: String, formCode: String) {
        self.chosenSKU = chosenSKU
        self.producerName = producerName
        self.products = products
        self.shops = shops
        self.newShops = newShops
        self.notice = notice
        self.token = token
        self.formCode = formCode
    }

    public func html() -> String {
        var body = "<header><h1>\(Self.escape(producerName))</h1><p class=\"note\">Trang riêng của chủ thể OCOP trên ocopsync — "
            + "Sở Công Thương Quảng Ninh. Đừng chia sẻ liên kết này.</p></header>\n"
        if let notice {
            body += "<p id=\"notice\" class=\"\(notice.ok ? "ok" : "problem")\" role=\"status\">\(Self.escape(notice.text))</p>\n"
        }
        body += stockForm() + productsSection() + shopsSection()
        return """
            <!DOCTYPE html>
            <html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="referrer" content="no-referrer"><meta name="robots" content="noindex">
            <title>\(Self.escape(producerName)) — ocopsync</title>
            <style>
            body{font-family:system-ui,"Noto Sans","DejaVu Sans",sans-serif;margin:0 auto;padding:0 .8rem 2rem;max-width:40rem;color:#222;line-height:1.45}
            h1{font-size:1.35rem;margin:.8rem 0 .2rem}h2{font-size:1.1rem;margin:1.4rem 0 .5rem}.note{color:#555;font-size:.9rem;margin:.2rem 0}
            #notice{padding:.6rem .8rem;border-radius:.5rem}#notice.ok{background:#e4f4e9;color:#1b5e33}#notice.problem{background:#fbe7e5;color:#8a1f14}
            .card{border:1px solid #ddd;border-radius:.6rem;padding:.6rem .8rem;margin:.5rem 0}.card h3{font-size:1rem;margin:0 0 .3rem}
            .stars{color:#c98a00}table{border-collapse:collapse;width:100%;font-size:.92rem}td,th{padding:.2rem .3rem;text-align:left;border-bottom:1px solid #eee}
            td.num{text-align:right;white-space:nowrap}.chips{display:flex;flex-wrap:wrap;gap:.3rem;margin-top:.4rem;padding:0;list-style:none}
            .chips li{font-size:.82rem;padding:.1rem .5rem;border-radius:1rem;background:#eee}.chips li.live{background:#dff1e5;color:#1b5e33}
            .chips li.pending{background:#fff3d6;color:#7a5200}.chips li.missing{background:#f1f1f1;color:#666}
            .health-ok{color:#1b5e33}.health-problem{color:#8a1f14;font-weight:600}
            form.stock label{display:block;margin:.5rem 0 .2rem;font-weight:600}
            select,input[type=number],input[type=text]{width:100%;box-sizing:border-box;font-size:1.05rem;padding:.5rem;border:1px solid #aaa;border-radius:.4rem}
            fieldset{border:0;padding:0;margin:.5rem 0}form.stock fieldset label{font-weight:400;display:block;padding:.3rem 0}
            button{font-size:1.05rem;padding:.6rem 1rem;border-radius:.5rem;border:0;background:#1b6e3b;color:#fff;margin-top:.6rem;width:100%}
            form.shop button{background:#1d4f91}
            </style></head><body>
            \(body)<p class="note">ocopsync — Sở Công Thương Quảng Ninh</p></body></html>

            """
    }

    /// The form that records stock counted or sold outside the platforms.
    private func stockForm() -> String {
        let options = products.flatMap { product in
            product.variants.map { variant in
                "<option value=\"\(Self.escape(variant.sku))\"\(variant.sku == chosenSKU ? " selected" : "")>\(Self.escape(product.name)) — \(Self.escape(variant.packSize)) (\(Self.escape(variant.sku)))</option>"
            }
        }.joined()
        return """
            <section id="record"><h2>Ghi số lượng hàng</h2>
            <p class="note">Số đếm được trong kho, hoặc số đã bán tại hội chợ hay cửa hàng giới thiệu sản phẩm: ocopsync cập nhật tồn kho trên mọi sàn.</p>
            <form class="stock" method="post" action="\(Self.escape(token))/stock">
            <input type="hidden" name="code" value="\(Self.escape(formCode))">
            <label for="sku">Sản phẩm</label><select id="sku" name="sku" required>\(options)</select>
            <fieldset><legend><b>Loại</b></legend>
            <label><input type="radio" name="kind" value="counted" checked> Đếm kho: số lượng hiện có</label>
            <label><input type="radio" name="kind" value="sold"> Bán tại hội chợ / cửa hàng: số lượng đã bán</label></fieldset>
            <label for="quantity">Số lượng</label><input id="quantity" name="quantity" type="number" inputmode="numeric" min="0" max="\(Bounds.quantity.upperBound)" step="1" required>
            <label for="note">Ghi chú (không bắt buộc)</label><input id="note" name="note" type="text" maxlength="200" placeholder="Ví dụ: Hội chợ OCOP Hạ Long">
            <button id="submit-stock" type="submit">Ghi lại</button>
            </form></section>

            """
    }

    private func productsSection() -> String {
        var html = "<section id=\"products\"><h2>Sản phẩm (\(products.count))</h2>\n"
        for product in products {
            let stars = String(repeating: "★", count: max(0, min(5, product.stars))) + String(repeating: "☆", count: max(0, 5 - product.stars))
            html += "<div class=\"card product\" data-sku=\"\(Self.escape(product.sku))\"><h3>\(Self.escape(product.name))</h3>"
                + "<p class=\"note\"><span class=\"stars\" title=\"\(product.stars) sao OCOP\">\(stars)</span> \(product.stars) sao"
                + (product.eligible ? "" : " · chưa đủ điều kiện bán dưới nhãn OCOP") + "</p>"
                + "<table><thead><tr><th>Mã (SKU)</th><th>Quy cách</th><th>Giá</th><th>Còn bán được</th></tr></thead><tbody>"
            for variant in product.variants {
                html += "<tr data-variant=\"\(Self.escape(variant.sku))\"><td>\(Self.escape(variant.sku))</td><td>\(Self.escape(variant.packSize))</td>"
                    + "<td class=\"num\">\(Self.vnd(variant.priceVND))</td><td class=\"num stock\">\(variant.available)</td></tr>"
            }
            html += "</tbody></table>"
            if !product.presence.isEmpty {
                html += "<ul class=\"chips\">" + product.presence.map { platform, presence in
                    "<li class=\"\(presence.rawValue)\">\(Self.escape(platform)): \(presence.words)</li>"
                }.joined() + "</ul>"
            }
            html += "</div>\n"
        }
        return html + "</section>\n"
    }

    private func shopsSection() -> String {
        var html = "<section id=\"shops\"><h2>Gian hàng của bạn</h2>\n"
        if shops.isEmpty { html += "<p class=\"note\">Chưa có gian hàng riêng nào được kết nối.</p>\n" }
        for shop in shops {
            let problem = shop.disabled || shop.health != .ok
            html += "<div class=\"card shop\" data-account=\"\(Self.escape(shop.account))\"><h3>\(Self.escape(shop.platform))"
                + (shop.shopName.map { " — \(Self.escape($0))" } ?? "") + "</h3>"
                + "<p class=\"\(problem ? "health-problem" : "health-ok")\">\(Self.words(shop.health, disabled: shop.disabled))</p>"
            if let coverage = shop.coverage {
                html += "<p class=\"note coverage\">\(coverage.live) trên \(coverage.eligible) sản phẩm OCOP đủ điều kiện của bạn đang bán ở đây.</p>"
            }
            switch shop.action {
            case .reconnect(let platform, let account):
                html += connectForm(platform: platform, account: account, label: "Kết nối lại gian hàng")
            case .none(let why):
                html += "<p class=\"note\">\(Self.escape(why))</p>"
            }
            html += "</div>\n"
        }
        for new in newShops {
            html += "<div class=\"card new-shop\" data-platform=\"\(Self.escape(new.platform))\"><h3>\(Self.escape(new.name))</h3>"
            if let why = new.unavailable {
                html += "<p class=\"note\">\(Self.escape(why))</p>"
            } else {
                html += "<p class=\"note\">Bạn có gian hàng trên \(Self.escape(new.name))? Kết nối để ocopsync đưa sản phẩm OCOP và tồn kho lên đó.</p>"
                    + connectForm(platform: new.platform, account: nil, label: "Kết nối gian hàng trên \(new.name)")
            }
            html += "</div>\n"
        }
        return html + "</section>\n"
    }

    private func connectForm(platform: String, account: String?, label: String) -> String {
        "<form class=\"shop\" method=\"post\" action=\"\(Self.escape(token))/connect\"><input type=\"hidden\" name=\"code\" value=\"\(Self.escape(formCode))\">"
            + "<input type=\"hidden\" name=\"platform\" value=\"\(Self.escape(platform))\">"
            + (account.map { "<input type=\"hidden\" name=\"account\" value=\"\(Self.escape($0))\">" } ?? "")
            + "<button type=\"submit\">\(Self.escape(label))</button></form>"
    }

    /// A shop's health in words a cooperative reads.
    static func words(_ health: AccountHealthState, disabled: Bool) -> String {
        if disabled { return "Tạm dừng đồng bộ (Sở đã tắt gian hàng này)" }
        switch health {
        case .ok: return "Hoạt động tốt"
        case .unknown: return "Chưa đồng bộ lần nào"
        case .needsReauth: return "Cần kết nối lại: sàn không còn cho ocopsync truy cập"
        case .unreachable: return "Tạm thời không liên lạc được với sàn"
        case .ordersUnread: return "Chưa đọc được đơn hàng từ sàn"
        }
    }

    /// An amount in đồng as Vietnamese write it: `336.000 ₫`.
    public static func vnd(_ amount: Int) -> String { number(amount) + " ₫" }

    /// A whole number with its thousands separated by dots, as Vietnamese write it: `1.000.000`.
    public static func number(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        for (position, digit) in digits.enumerated() {
            if position > 0, (digits.count - position) % 3 == 0 { grouped += "." }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }

    static func escape(_ text: String) -> String { CoveragePage.escape(text) }
}
