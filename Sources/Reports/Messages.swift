import Listings
import OCOPCatalog

/// A text in Vietnamese, the page's language, and in English, shown beside it.
public struct Bilingual: Equatable, Sendable {
    public var vi: String
    public var en: String

    /// The Vietnamese, then the English in a smaller grey `span` (escaped for HTML).
    public var html: String {
        "\(CoveragePage.escape(vi)) <span class=\"en\" lang=\"en\">\(CoveragePage.escape(en))</span>"
    }
}

/// Every label of the operator's page, in Vietnamese and English: the one place its words are written.
public enum Messages {
    public static let title = Bilingual(vi: "Độ phủ sản phẩm OCOP Quảng Ninh trên các sàn", en: "Quang Ninh OCOP products on the marketplaces")
    public static let pageTitle = Bilingual(vi: "ocopsync — độ phủ OCOP", en: "ocopsync — OCOP coverage")
    public static let intro = Bilingual(
        vi: "Độ phủ: trong các sản phẩm đủ điều kiện (3–5 sao, còn hạn công nhận, không thuộc nhóm dịch vụ du lịch, không bị rút), bao nhiêu sản phẩm đang bán trên mỗi sàn.",
        en: "Coverage: of the eligible products (3–5 stars, rating not expired, not tourism services, not withdrawn), how many each marketplace shows on sale.")
    public static func summary(eligible: Int, generated: String) -> Bilingual {
        Bilingual(vi: "\(eligible) sản phẩm đủ điều kiện; số liệu lúc \(generated).", en: "\(eligible) eligible products; figures of \(generated).")
    }
    public static let completeExplained = Bilingual(
        vi: "Cột «Đủ nội dung»: số sản phẩm đủ điều kiện có đủ mọi thông tin sàn đó bắt buộc (ảnh, khối lượng, danh mục, thuộc tính…) để đăng được, dù đã đăng hay chưa. Thấp hơn «Đủ điều kiện» nghĩa là phải bổ sung dữ liệu trong danh mục trước.",
        en: "“Complete”: eligible products whose listing would have every field the platform requires (pictures, weight, category, attributes…), listed or not. Below “Eligible” means the catalog needs filling in first.")

    // The platforms' table.
    public static let coverageHeading = Bilingual(vi: "Độ phủ theo sàn", en: "Coverage per platform")
    public static let platform = Bilingual(vi: "Sàn", en: "Platform")
    public static let live = Bilingual(vi: "Đang bán", en: "Live")
    public static let eligible = Bilingual(vi: "Đủ điều kiện", en: "Eligible")
    public static let coverage = Bilingual(vi: "Độ phủ", en: "Coverage")
    public static let complete = Bilingual(vi: "Đủ nội dung", en: "Complete")
    public static func stale(_ count: Int) -> Bilingual {
        Bilingual(vi: "\(count) sản phẩm đang bán với nội dung cũ (danh mục đã sửa sau lần sàn xác nhận)",
                  en: "\(count) live listing(s) showing content the catalog changed since")
    }

    // The trend and the breakdowns.
    public static let trend = Bilingual(vi: "Độ phủ theo thời gian", en: "Coverage over time")
    public static let trendEmpty = Bilingual(vi: "Chưa ghi nhận độ phủ: mỗi lần đồng bộ đầy đủ xong sẽ thêm một điểm.",
                                             en: "No coverage recorded yet: a point is added at the end of every full sync.")
    public static let trendChart = Bilingual(vi: "Độ phủ của từng sàn theo thời gian", en: "Coverage per platform over time")
    public static func breakdown(_ dimension: CoverageBreakdown.Dimension) -> Bilingual {
        switch dimension {
        case .commune: Bilingual(vi: "Theo xã, phường", en: "By commune or ward")
        case .district: Bilingual(vi: "Theo huyện, thị xã cũ (trước 7/2025)", en: "By former district (before July 2025)")
        case .stars: Bilingual(vi: "Theo số sao", en: "By star rating")
        case .category: Bilingual(vi: "Theo nhóm sản phẩm OCOP", en: "By OCOP group")
        case .producer: Bilingual(vi: "Theo cơ sở sản xuất", en: "By producer")
        }
    }
    public static func group(_ dimension: CoverageBreakdown.Dimension) -> Bilingual {
        switch dimension {
        case .commune: Bilingual(vi: "Xã, phường", en: "Commune")
        case .district: Bilingual(vi: "Huyện cũ", en: "Former district")
        case .stars: Bilingual(vi: "Số sao", en: "Stars")
        case .category: Bilingual(vi: "Nhóm", en: "Group")
        case .producer: Bilingual(vi: "Cơ sở sản xuất", en: "Producer")
        }
    }
    public static let breakdownExplained = Bilingual(vi: "Mỗi ô: số sản phẩm của nhóm đang bán trên sàn, so với cột «Đủ điều kiện».",
                                                     en: "Each cell: the group's products live on the platform, out of “Eligible”.")
    /// A group of a breakdown as the page shows it: OCOP groups in words, every other group as it is.
    public static func groupName(_ group: String, _ dimension: CoverageBreakdown.Dimension) -> Bilingual? {
        guard dimension == .category, let group = OCOPGroup(rawValue: group) else { return nil }
        return switch group {
        case .food: Bilingual(vi: "Thực phẩm", en: "Food")
        case .beverage: Bilingual(vi: "Đồ uống", en: "Beverages")
        case .herbsMedicinal: Bilingual(vi: "Thảo dược", en: "Herbs and medicinal plants")
        case .handicraftTextile: Bilingual(vi: "Thủ công mỹ nghệ, dệt may", en: "Handicrafts and textiles")
        case .tourismService: Bilingual(vi: "Dịch vụ du lịch", en: "Tourism services")
        }
    }

    // The missing list.
    public static let missingHeading = Bilingual(vi: "Sản phẩm chưa bán, và vì sao", en: "Not live, and why")
    public static let missingExplained = Bilingual(
        vi: "Gọi cho cơ sở sản xuất theo số điện thoại, hoặc sửa dữ liệu theo lý do. Bấm tiêu đề cột để sắp xếp; lọc theo sàn, lý do hoặc chữ bất kỳ.",
        en: "Call the producer, or fix the data the reason names. Click a column header to sort; filter by platform, reason or any text.")
    public static let sku = Bilingual(vi: "Mã SP", en: "SKU")
    public static let product = Bilingual(vi: "Sản phẩm", en: "Product")
    public static let producer = Bilingual(vi: "Cơ sở sản xuất", en: "Producer")
    public static let commune = Bilingual(vi: "Xã, phường", en: "Commune")
    public static let phone = Bilingual(vi: "Điện thoại", en: "Phone")
    public static let reason = Bilingual(vi: "Lý do", en: "Reason")
    public static let filter = Bilingual(vi: "Lọc", en: "Filter")
    public static let allPlatforms = Bilingual(vi: "Mọi sàn", en: "All platforms")
    public static let allReasons = Bilingual(vi: "Mọi lý do", en: "All reasons")
    public static let searchPlaceholder = Bilingual(vi: "Tên, mã, xã, số điện thoại…", en: "Name, SKU, commune, phone…")
    public static func shownRows(_ count: Int) -> Bilingual { Bilingual(vi: "\(count) dòng", en: "\(count) rows") }
    public static let nothingMissing = Bilingual(vi: "Mọi sản phẩm đủ điều kiện đều đang bán trên mọi sàn.", en: "Every eligible product is live on every platform.")
    public static func cut(platform: String, shown: Int, of count: Int) -> Bilingual {
        Bilingual(vi: "\(platform): hiện \(shown) sản phẩm đầu trong \(count). Danh sách đầy đủ:",
                  en: "\(platform): the first \(shown) of \(count). The whole list:")
    }
    public static let unknown = "–"
    /// What an incomplete listing lacks, in words: "Thiếu: khối lượng, ảnh (…)".
    public static func lacking(_ gaps: [ListingGap]) -> Bilingual {
        func list(_ words: (Bilingual) -> String) -> String {
            gaps.map { gap in (field(gap.field).map(words) ?? gap.field) + (gap.detail.isEmpty ? "" : " (\(gap.detail))") }.joined(separator: ", ")
        }
        return Bilingual(vi: "Thiếu: " + list(\.vi), en: "Missing: " + list(\.en))
    }
    /// A listing field, by its name in the reports (`weight_grams`, `category_id`, `attributes`…).
    public static func field(_ name: String) -> Bilingual? {
        switch name {
        case "sku": Bilingual(vi: "mã SKU", en: "SKU")
        case "title": Bilingual(vi: "tên sản phẩm", en: "title")
        case "description": Bilingual(vi: "mô tả", en: "description")
        case "category_id": Bilingual(vi: "danh mục của sàn", en: "platform category")
        case "price": Bilingual(vi: "giá", en: "price")
        case "stock": Bilingual(vi: "tồn kho", en: "stock")
        case "images": Bilingual(vi: "ảnh", en: "pictures")
        case "weight_grams": Bilingual(vi: "khối lượng", en: "weight")
        case "dimensions": Bilingual(vi: "kích thước", en: "dimensions")
        case "barcode": Bilingual(vi: "mã vạch", en: "barcode")
        case "attributes": Bilingual(vi: "thuộc tính bắt buộc", en: "required attributes")
        default: nil
        }
    }

    // Accounts and connect links.
    public static let accountsHeading = Bilingual(vi: "Tài khoản gian hàng", en: "Shop accounts")
    public static let account = Bilingual(vi: "Tài khoản", en: "Account")
    public static let producers = Bilingual(vi: "Cơ sở", en: "Producers")
    public static let health = Bilingual(vi: "Tình trạng", en: "Health")
    public static let authorisedUntil = Bilingual(vi: "Được ủy quyền đến", en: "Authorised until")
    public static let ownCoverage = Bilingual(vi: "Độ phủ của gian hàng", en: "Own coverage")
    public static let note = Bilingual(vi: "Ghi chú", en: "Note")
    public static let allProducers = Bilingual(vi: "mọi cơ sở", en: "all producers")
    public static func health(_ state: AccountHealthState) -> Bilingual {
        switch state {
        case .unknown: Bilingual(vi: "chưa đồng bộ", en: "not synced yet")
        case .ok: Bilingual(vi: "hoạt động tốt", en: "working")
        case .needsReauth: Bilingual(vi: "cần ủy quyền lại", en: "needs the owner to authorise again")
        case .unreachable: Bilingual(vi: "không kết nối được sàn", en: "platform unreachable")
        case .ordersUnread: Bilingual(vi: "chưa đọc được đơn hàng", en: "orders not read")
        }
    }
    public static let linksHeading = Bilingual(vi: "Liên kết kết nối đang chờ", en: "Connect links not yet used")
    public static let newShop = Bilingual(vi: "kết nối gian hàng mới", en: "connect a new shop")
    public static func reconnect(_ account: String) -> Bilingual { Bilingual(vi: "kết nối lại \(account)", en: "reconnect \(account)") }
    public static func usableUntil(_ day: String) -> Bilingual { Bilingual(vi: "dùng được đến \(day)", en: "valid until \(day)") }

    // Export.
    public static let download = Bilingual(vi: "Tải về", en: "Download")
    public static let csvNote = Bilingual(vi: "CSV (mở bằng Excel)", en: "CSV (opens in Excel)")
}
