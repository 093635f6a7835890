import Foundation
import MarketplaceAdapter
import OCOPCatalog
import OCOPConfig
import OCOPStore
import Reports

/// What a producer's private link answers: its page, the stock it records there (the ledger movements of
/// `stock set` and `stock adjust`, with `producer:<id>` as their author), and the connect links its
/// buttons ask for. A link that ended or never was gets a page in Vietnamese that says so (404).
public struct ProducerPages: Sendable {
    let connections: ShopConnections
    let links: ProducerLinks

    public init(connections: ShopConnections) {
        self.connections = connections
        links = ProducerLinks(store: connections.store, publicURL: connections.config.publicURL, clock: connections.clock)
    }

    /// An answer: a page with its status, or a redirect (after a form, or to a connect link).
    public enum Answer: Sendable, Equatable {
        case page(status: Int, html: String)
        /// `Location` as given: relative to the request's URL, or a full URL.
        case redirect(String)
    }

    /// The author a producer's movements carry in the ledger.
    public static func author(_ producer: String) -> String { "producer:\(producer)" }

    /// `GET /producer/{token}`; `recorded` is the SKU whose movement the last form wrote (`?ghi=`).
    public func show(token: String, recorded: String? = nil) -> Answer {
        guard case .live(let id) = links.lookup(token: token) else { return ended(token) }
        var notice: ProducerPage.Notice?
        if let recorded, let level = try? connections.store.stockLevel(recorded) {
            notice = ProducerPage.Notice(ok: true, text: "Đã ghi \(recorded): còn \(level.available()) có thể bán. "
                                         + "ocopsync cập nhật tồn kho trên các sàn trong ít phút.")
        }
        return page(producer: id, token: token, notice: notice, chosenSKU: recorded, status: 200)
    }

    /// `POST /producer/{token}/stock`: a count (`kind=counted`, like `stock set`) or units sold at a fair or
    /// showroom (`kind=sold`, like `stock adjust -N`), for one of the producer's variants.
    public func record(token: String, form: [String: String]) -> Answer {
        guard case .live(let id) = links.lookup(token: token) else { return ended(token) }
        guard checks(form, token: token) else { return refusedForm(id, token) }
        let entry: StockEntry
        do {
            entry = try StockEntry(form: form, variants: try variants(of: id))
        } catch let problem as StockEntry.Problem {
            return page(producer: id, token: token, notice: ProducerPage.Notice(ok: false, text: problem.message), status: 400)
        } catch {
            return trouble(id, token)
        }
        do {
            switch entry.kind {
            case .counted: try connections.store.setStock(entry.sku, to: entry.quantity, reason: entry.reason, author: Self.author(id))
            case .sold: try connections.store.adjustStock(entry.sku, by: -entry.quantity, reason: entry.reason, author: Self.author(id))
            }
        } catch let error as StoreError {
            return page(producer: id, token: token, notice: ProducerPage.Notice(ok: false, text: StockEntry.words(error, entry)), status: 400)
        } catch {
            return trouble(id, token)
        }
        return .redirect("../\(token)?ghi=\(QueryString.escape(entry.sku))")
    }

    /// `POST /producer/{token}/connect`: a connect link for a new shop on `platform`, or to connect `account`
    /// again, made as `account connect` makes it; the answer leads the owner's browser to it.
    public func connect(token: String, form: [String: String]) -> Answer {
        guard case .live(let id) = links.lookup(token: token) else { return ended(token) }
        guard checks(form, token: token) else { return refusedForm(id, token) }
        let platform = form["platform"] ?? ""
        if let why = ProducerPageModel(connections: connections).canConnect(platform) {
            return page(producer: id, token: token, notice: ProducerPage.Notice(ok: false, text: why), status: 400)
        }
        do {
            let link = try connections.newLink(platform: platform, producer: id, reconnect: form["account"].flatMap { $0.isEmpty ? nil : $0 })
            return .redirect(link.url)
        } catch {
            return page(producer: id, token: token, notice: ProducerPage.Notice(ok: false, text: "Chưa tạo được liên kết kết nối: hãy liên hệ cán bộ Sở Công Thương."),
                        status: 400)
        }
    }

    // MARK: Helpers

    /// The code the page's forms carry for this link: only this server, with its secrets key, makes it.
    func formCode(_ token: String) -> String {
        connections.box.code(for: ShopConnections.hash(token), purpose: "producer-page-form")
    }

    private func checks(_ form: [String: String], token: String) -> Bool {
        connections.box.verifies(form["code"] ?? "", for: ShopConnections.hash(token), purpose: "producer-page-form")
    }

    private func variants(of producer: String) throws -> [String: String] {
        var names: [String: String] = [:]
        for product in try connections.store.products(ofProducers: [producer]) {
            for variant in product.variants { names[variant.sku] = product.name }
        }
        return names
    }

    private func page(producer id: String, token: String, notice: ProducerPage.Notice?, chosenSKU: String? = nil, status: Int) -> Answer {
        do {
            guard let producer = try connections.store.producer(id: id) else { return ended(token) }
            let page = try ProducerPageModel(connections: connections).page(producer: producer, token: token, formCode: formCode(token), notice: notice,
                                                                      chosenSKU: chosenSKU)
            return .page(status: status, html: page.html())
        } catch {
            return .page(status: 503, html: OwnerPage(.refused, status: 503, title: "Tạm thời chưa mở được trang",
                                                      message: "ocopsync chưa đọc được dữ liệu lúc này.", next: "Hãy thử lại sau ít phút.").html)
        }
    }

    private func ended(_ token: String) -> Answer {
        let page: OwnerPage = links.lookup(token: token) == .ended
            ? OwnerPage(.refused, status: 404, title: "Liên kết đã kết thúc",
                        message: "Liên kết đến trang riêng này đã bị thu hồi hoặc đã được thay bằng một liên kết mới.",
                        next: "Hãy xin cán bộ Sở Công Thương liên kết mới.")
            : OwnerPage(.refused, status: 404, title: "Liên kết không hợp lệ", message: "Không có trang nào ở liên kết này.",
                        next: "Hãy kiểm tra lại liên kết, hoặc xin cán bộ Sở Công Thương liên kết mới.")
        return .page(status: 404, html: page.html)
    }

    private func refusedForm(_ id: String, _ token: String) -> Answer {
        page(producer: id, token: token, notice: ProducerPage.Notice(ok: false, text: "Biểu mẫu không hợp lệ hoặc đã cũ: không có gì được ghi. Hãy gửi lại từ trang này."),
             status: 403)
    }

    private func trouble(_ id: String, _ token: String) -> Answer {
        page(producer: id, token: token, notice: ProducerPage.Notice(ok: false, text: "Chưa ghi được: hãy thử lại sau ít phút."), status: 503)
    }
}
