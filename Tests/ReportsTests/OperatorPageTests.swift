import Foundation
import Listings
import OCOPCatalog
import Testing
@testable import Reports

/// The operator's page as its reader meets it: in Vietnamese with English beside, whom to call about each
/// missing product and why in words, every table downloadable on its own, every breakdown in every format.
@Suite struct OperatorPageTests {
    static let day = CalendarDay("2026-12-02")!
    static let names = ["voso": "Voso (Viettel Post)", "portal": "Cổng OCOP Quảng Ninh (ocopquangninh.com.vn)"]

    static func product(_ sku: String, producer: String, name: String, group: OCOPGroup = .food, stars: Int = 4) -> Product {
        Product(sku: sku, producerID: producer, name: name, group: group, rating: StarRating(stars: stars, ratedOn: CalendarDay("2026-01-10")!),
                qrURL: "https://example.vn/\(sku)", variants: [Variant(sku: sku + "-1", packSize: "hộp", priceVND: 10_000)])
    }

    static let catalog = Catalog(
        producers: [
            Producer(id: "htx-tra", name: "HTX Trà hoa vàng Ba Chẽ", type: .cooperative, district: "Ba Chẽ", commune: "Thanh Sơn", phone: "0203 3845 123"),
            Producer(id: "ho-ga", name: "Hộ kinh doanh gà Tiên Yên", type: .household, district: "Tiên Yên", commune: "Hải Lạng"),
        ],
        products: [
            product("QN-BC-0001", producer: "htx-tra", name: "Trà hoa vàng", group: .beverage, stars: 5),
            product("QN-BC-0002", producer: "htx-tra", name: "Miến dong Bình Liêu"),
            product("QN-TY-0001", producer: "ho-ga", name: "Gà Tiên Yên"),
        ])

    static let report = CoverageReport(generatedAt: Date(timeIntervalSince1970: 1_795_000_000), eligible: 3, platforms: [
        CoverageReport.Platform(platform: "voso", live: 0, eligible: 3, coverage: 0, complete: 1, missing: [
            CoverageReport.Missing(sku: "QN-BC-0001", reason: "incomplete: weight_g, images"),
            CoverageReport.Missing(sku: "QN-BC-0002", reason: "rejected: banned (counterfeit suspicion)"),
            CoverageReport.Missing(sku: "QN-TY-0001", reason: "incomplete: attributes (Hạn sử dụng), images (ảnh 1 nhỏ hơn 500 px)",
                                   gaps: [.attributes([MissingAttribute(name: "Hạn sử dụng", catalogKey: "shelf_life")]), .images(["ảnh 1 nhỏ hơn 500 px"])]),
        ]),
        CoverageReport.Platform(platform: "portal", live: 2, eligible: 3, coverage: 0.6667, complete: 3, missing: [
            CoverageReport.Missing(sku: "QN-TY-0001", reason: "needs_reauth"),
        ]),
    ])

    static var page: CoveragePage {
        CoveragePage(report: report, index: CatalogIndex(catalog), on: day, accounts: [
            CoveragePage.AccountLine(id: "voso-htx", platform: "voso", health: .needsReauth, message: "token refused"),
        ], names: names)
    }

    @Test func everyReasonCodeOfTheReportIsSaidInWordsInBothLanguages() {
        let codes = ["not_listed", "pending_review", "rejected: ảnh mờ", "rejected: banned (hàng giả)", "inactive", "incomplete: weight_g", "needs_reauth"]
        let reasons = codes.map(MissingReason.init(code:))
        #expect(reasons.map(\.kind) == [.notListed, .pendingReview, .rejected, .banned, .inactive, .incomplete, .needsReauth])
        #expect(reasons.map(\.detail) == ["", "", "ảnh mờ", "hàng giả", "", "weight_g", ""])
        for kind in MissingReason.Kind.allCases {
            let words = MissingReason.words(kind)
            #expect(!words.vi.isEmpty && !words.en.isEmpty && words.vi != words.en, "\(kind)")
        }
        #expect(Set(MissingReason.Kind.allCases.map { MissingReason.words($0).vi }).count == MissingReason.Kind.allCases.count)
        let unknown = MissingReason(code: "blocked_by_platform")
        #expect(unknown.kind == .other && unknown.detail == "blocked_by_platform")
    }

    @Test func thePageIsVietnameseWithEnglishBesideAndExplainsTheCompleteColumn() {
        let html = Self.page.html()
        #expect(html.contains("<html lang=\"vi\">"))
        #expect(html.contains("<h1>Độ phủ sản phẩm OCOP Quảng Ninh trên các sàn <span class=\"en\" lang=\"en\">Quang Ninh OCOP products on the marketplaces</span></h1>"))
        #expect(html.contains("<th data-type=\"number\">Đủ nội dung <span class=\"en\" lang=\"en\">Complete</span></th>"))
        #expect(html.contains("id=\"complete-explained\">Cột «Đủ nội dung»"))
        // Platforms by their display names, the id kept for scripts.
        #expect(html.contains("<tr data-platform=\"voso\"><td class=\"name\">Voso (Viettel Post)</td><td class=\"live\">0</td><td class=\"eligible\">3</td>"))
        #expect(html.contains("<tr data-platform=\"portal\"><td class=\"name\">Cổng OCOP Quảng Ninh (ocopquangninh.com.vn)</td>"))
        #expect(!html.contains("<td>voso</td>"))
        #expect(html.contains("cần ủy quyền lại <span class=\"en\" lang=\"en\">needs the owner to authorise again</span>"))
    }

    @Test func theMissingListNamesWhomToCallAndWhyInWords() throws {
        let html = Self.page.html()
        let row = try #require(html.split(separator: "\n").first { $0.contains("data-platform=\"voso\" data-reason=\"incomplete\"") })
        #expect(row.contains("<td class=\"sku\">QN-BC-0001</td><td class=\"product\">Trà hoa vàng</td><td class=\"producer\">HTX Trà hoa vàng Ba Chẽ</td>"))
        #expect(row.contains("<td class=\"commune\">Thanh Sơn</td><td class=\"phone\"><a href=\"tel:02033845123\">0203 3845 123</a></td>"))
        #expect(row.contains("Thiếu thông tin sàn bắt buộc") && row.contains("<span class=\"detail\">weight_g, images</span>"))
        let banned = try #require(html.split(separator: "\n").first { $0.contains("data-reason=\"banned\"") })
        #expect(banned.contains("Sàn đã gỡ sản phẩm") && banned.contains("counterfeit suspicion"))
        // What an incomplete listing lacks, field by field in words, with the platform's own words kept.
        let lacking = try #require(html.split(separator: "\n").first { $0.contains("<td class=\"sku\">QN-TY-0001</td>") && $0.contains("data-platform=\"voso\"") })
        #expect(lacking.contains("<span class=\"detail\">Thiếu: thuộc tính bắt buộc (Hạn sử dụng), ảnh (ảnh 1 nhỏ hơn 500 px) <span class=\"en\" lang=\"en\">Missing: required attributes (Hạn sử dụng), pictures (ảnh 1 nhỏ hơn 500 px)</span></span>"), "\(lacking)")
        // A producer without a phone shows a dash, not an empty cell.
        let household = try #require(html.split(separator: "\n").first { $0.contains("data-platform=\"portal\" data-reason=\"needs_reauth\"") })
        #expect(household.contains("<td class=\"producer\">Hộ kinh doanh gà Tiên Yên</td><td class=\"commune\">Hải Lạng</td><td class=\"phone\">–</td>"))
        // The filters are there for the script to show; without it the table reads on its own.
        #expect(html.contains("<div class=\"filters\" id=\"missing-filters\" hidden>"))
        #expect(html.contains("<option value=\"voso\">Voso (Viettel Post) (3)</option>"))
        #expect(html.contains("<table id=\"missing-table\" class=\"sortable\">"))
    }

    @Test func aPhoneReadsThePageWithoutScrollingSideways() {
        let html = Self.page.html()
        #expect(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"))
        #expect(html.contains("@media (max-width:480px)"))
        #expect(html.contains(".scroll{overflow-x:auto;max-width:100%}"))
        // The missing list and the accounts stack: each cell a line led by its column's name.
        #expect(html.contains("#missing-table td:nth-child(3)::before{content:\"Sản phẩm\"}"))
        #expect(html.contains("#accounts td:nth-child(4)::before{content:\"Tình trạng\"}"))
        // Every table sits in a box that scrolls on its own.
        #expect(html.components(separatedBy: "<table").count == html.components(separatedBy: "<div class=\"scroll\"><table").count)
    }

    @Test func everyTableHasItsOwnCSVWithAByteOrderMarkAndItsJSON() throws {
        let page = Self.page
        let html = page.html()
        for table in CoverageTable.all {
            #expect(html.contains("<p class=\"export\" data-table=\"\(table.name)\">"), "\(table.name)")
            #expect(html.contains("href=\"\(table.csvPath)\""), "\(table.name)")
            let csv = page.csv(table)
            #expect(csv.hasPrefix("\u{FEFF}"), "\(table.name)")
            #expect(Array(csv.utf8.prefix(3)) == [0xEF, 0xBB, 0xBF], "\(table.name)")
            // One table: no blank line, every line as many fields as the header.
            let lines = csv.dropFirst().split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            #expect(!lines.contains(""), "\(table.name)")
        }
        #expect(page.csv(.platforms) == "\u{FEFF}platform,platform_name,live,eligible,coverage,complete\nvoso,Voso (Viettel Post),0,3,0.0,1\n"
                + "portal,Cổng OCOP Quảng Ninh (ocopquangninh.com.vn),2,3,0.6667,3\n")
        let missing = page.csv(.missing).split(separator: "\n")
        #expect(missing.count == 5)
        #expect(missing[0] == "\u{FEFF}platform,sku,product,producer,commune,district,phone,reason,reason_vi,reason_en,detail")
        #expect(missing[1].hasPrefix("voso,QN-BC-0001,Trà hoa vàng,HTX Trà hoa vàng Ba Chẽ,Thanh Sơn,Ba Chẽ,0203 3845 123,\"incomplete: weight_g, images\",Thiếu thông tin"))
        #expect(CoverageTable.missing.fileName(at: Self.report.generatedAt) == "ocop-coverage-missing-2026-11-18.csv")
        #expect(CoverageTable.by(.stars).jsonPath == "api/v1/coverage?by=stars")
        #expect(CoverageTable.all.allSatisfy { CoverageTable(name: $0.name) == $0 })
    }

    @Test(arguments: CoverageBreakdown.Dimension.allCases)
    func everyBreakdownInEveryFormat(_ dimension: CoverageBreakdown.Dimension) throws {
        let page = Self.page.focused(on: dimension)
        let html = page.html()
        // The page opens at the breakdown asked for, before every other.
        let first = try #require(html.firstRange(of: "<details id=\"by-"))
        #expect(html[first.lowerBound...].hasPrefix("<details id=\"by-\(dimension.rawValue)\" open>"))
        #expect(html.components(separatedBy: " open>").count == 2)
        let breakdown = page.breakdown(dimension)
        #expect(breakdown.table().hasPrefix(dimension.rawValue))
        #expect(breakdown.csv().hasPrefix("\u{FEFF}\(dimension.rawValue),eligible,voso,portal\n"))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(breakdown.json().utf8)) as? [String: Any])
        #expect(json["by"] as? String == dimension.rawValue)
        #expect((json["groups"] as? [[String: Any]])?.map { $0["eligible"] as? Int ?? 0 }.reduce(0, +) == 3)
        #expect(page.csv(.by(dimension)) == breakdown.csv())
    }

    @Test func groupsOfTheCategoryBreakdownAreNamedInWords() {
        let html = Self.page.focused(on: .category).html()
        #expect(html.contains("<td>Đồ uống <span class=\"en\" lang=\"en\">Beverages</span></td><td>1</td>"))
        #expect(html.contains("<td>Thực phẩm <span class=\"en\" lang=\"en\">Food</span></td><td>2</td>"))
    }
}
