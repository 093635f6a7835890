import Foundation
import OCOPCatalog
import Testing
@testable import Reports

/// The producer's page as HTML: prices as Vietnamese write them, a shop's health in words, the forms posting
/// to the page's own link.
@Suite struct ProducerPageRenderTests {
    @Test func theProducerPageWritesPricesAsVietnameseDoAndHealthInWords() {
        #expect(ProducerPage.vnd(336_000) == "336.000 ₫")
        #expect(ProducerPage.vnd(1_250_000) == "1.250.000 ₫")
        #expect(ProducerPage.vnd(900) == "900 ₫")
        let page = ProducerPage(
            producerName: "HTX <Ba Kích>", products: [],
            shops: [ProducerPage.ShopLine(account: "shopee-htx", platform: "Shopee", shopName: "Ba Kích Store", health: .needsReauth, disabled: false,
                                          coverage: AccountCoverage(live: 2, eligible: 3), action: .reconnect(platform: "shopee", account: "shopee-htx"))],
            newShops: [], token: "TOKEN", formCode: "CODE")
        let html = page.html()
        #expect(html.contains("HTX &lt;Ba Kích&gt;"))
        #expect(html.contains("Cần kết nối lại") && html.contains("Kết nối lại gian hàng"))
        #expect(html.contains("2 trên 3 sản phẩm OCOP"))
        #expect(html.contains("action=\"TOKEN/connect\"") && html.contains("action=\"TOKEN/stock\""))
        #expect(html.contains("<html lang=\"vi\">") && html.contains("width=device-width"))
    }

    /// After a form, the page shows what was recorded and keeps that variant chosen for the next entry.
    @Test func theLastRecordedVariantStaysChosen() {
        let product = ProducerPage.ProductLine(
            sku: "QN-1", name: "Chè", stars: 4, eligible: true,
            variants: [ProducerPage.VariantLine(sku: "QN-1-A", packSize: "100 g", priceVND: 85_000, available: 3),
                       ProducerPage.VariantLine(sku: "QN-1-B", packSize: "500 g", priceVND: 336_000, available: 9)],
            presence: [("Shopee", .live), ("Tiki", .pending)])
        let html = ProducerPage(producerName: "HTX", products: [product], shops: [], newShops: [], notice: ProducerPage.Notice(ok: true, text: "Đã ghi QN-1-B"),
                                chosenSKU: "QN-1-B", token: "T", formCode: "C").html()
        #expect(html.contains("<option value=\"QN-1-B\" selected>") && html.contains("<option value=\"QN-1-A\">"))
        #expect(html.contains("<p id=\"notice\" class=\"ok\" role=\"status\">Đã ghi QN-1-B</p>"))
        #expect(html.contains("Shopee: Đang bán") && html.contains("Tiki: Chờ sàn duyệt"))
        #expect(html.contains("336.000 ₫"))
    }
}
