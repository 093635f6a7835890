import Foundation

/// Why an eligible product is not live on a platform, read from the report's reason code
/// (`not_listed`, `pending_review`, `rejected: …`, `inactive`, `incomplete: …`, `needs_reauth`) and said in
/// words an operator acts on, in Vietnamese and English.
public struct MissingReason: Equatable, Sendable {
    public enum Kind: String, CaseIterable, Sendable {
        case notListed = "not_listed"
        case pendingReview = "pending_review"
        case rejected
        /// Taken down by the platform (`rejected: banned (…)`).
        case banned
        case inactive
        case incomplete
        case needsReauth = "needs_reauth"
        /// A code this version does not know: shown as written.
        case other
    }

    public var kind: Kind
    /// The platform's message, or the fields an incomplete listing lacks; empty when the code carries none.
    public var detail: String

    public init(code: String) {
        let (head, rest) = code.firstIndex(of: ":").map { (String(code[..<$0]), code[code.index(after: $0)...].trimmingCharacters(in: .whitespaces)) }
            ?? (code, "")
        switch head {
        case "rejected" where rest.hasPrefix("banned"):
            kind = .banned
            detail = rest.dropFirst("banned".count).trimmingCharacters(in: CharacterSet(charactersIn: " ()"))
        case "rejected": kind = .rejected; detail = rest
        case "incomplete": kind = .incomplete; detail = rest
        default:
            kind = Kind(rawValue: head) ?? .other
            detail = kind == .other ? code : rest
        }
    }

    /// What it means and what to do.
    public var words: Bilingual { Self.words(kind) }

    /// The words for each kind (`other` shows the code itself as detail).
    public static func words(_ kind: Kind) -> Bilingual {
        switch kind {
        case .notListed:
            Bilingual(vi: "Chưa đăng lên sàn: chưa có gian hàng nhận sản phẩm này, hoặc chưa đồng bộ lần nào",
                      en: "Not listed: no shop takes this product yet, or it has not been synced")
        case .pendingReview:
            Bilingual(vi: "Đã đăng, đang chờ sàn duyệt", en: "Listed, waiting for the platform's review")
        case .rejected:
            Bilingual(vi: "Sàn từ chối tin đăng — sửa theo lời sàn rồi đồng bộ lại", en: "The platform refused the listing — fix what it says, then sync again")
        case .banned:
            Bilingual(vi: "Sàn đã gỡ sản phẩm (vi phạm chính sách)", en: "Taken down by the platform (policy)")
        case .inactive:
            Bilingual(vi: "Đã đăng nhưng đang tắt (hết hàng hoặc người bán ẩn)", en: "Listed but switched off (out of stock or hidden by the seller)")
        case .incomplete:
            Bilingual(vi: "Thiếu thông tin sàn bắt buộc — bổ sung trong danh mục", en: "Lacks information the platform requires — fill it in the catalog")
        case .needsReauth:
            Bilingual(vi: "Gian hàng cần chủ shop ủy quyền lại cho ocopsync", en: "The shop's owner must authorise ocopsync again")
        case .other:
            Bilingual(vi: "Lý do khác", en: "Other reason")
        }
    }
}
