import Foundation
import OCOPCatalog
import OCOPStore
import Reports

/// The stock form of a producer's page, read and checked: which variant, counted or sold, how many, and the
/// reason the ledger keeps. The bounds are the store's (``Bounds``), as for `stock set|adjust`.
struct StockEntry {
    enum Kind: String {
        /// Counted in the storeroom: on hand becomes the quantity (`stock set`).
        case counted
        /// Sold at a fair or showroom: on hand falls by the quantity (`stock adjust -N`).
        case sold
    }

    /// Why the form was not taken, in words for the producer.
    struct Problem: Error {
        var message: String
    }

    var sku: String
    var kind: Kind
    var quantity: Int
    var reason: String

    /// Reads the form; `variants` are the producer's own (SKU → product name): no other SKU is taken.
    init(form: [String: String], variants: [String: String]) throws(Problem) {
        let sku = (form["sku"] ?? "").trimmingCharacters(in: .whitespaces)
        guard variants[sku] != nil else { throw Problem(message: "Hãy chọn một sản phẩm của bạn trong danh sách.") }
        guard let kind = Kind(rawValue: form["kind"] ?? "") else { throw Problem(message: "Hãy chọn “Đếm kho” hoặc “Bán tại hội chợ / cửa hàng”.") }
        let typed = (form["quantity"] ?? "").trimmingCharacters(in: .whitespaces)
        let range = kind == .counted ? Bounds.quantity : 1...Bounds.quantityChange.upperBound
        guard !typed.isEmpty, typed.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }), let quantity = Int(typed), range.contains(quantity) else {
            throw Problem(message: "Số lượng phải là số nguyên từ \(ProducerPage.number(range.lowerBound)) đến \(ProducerPage.number(range.upperBound)).")
        }
        let note = String((form["note"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines).prefix(200))
        self.sku = sku
        self.kind = kind
        self.quantity = quantity
        switch kind {
        case .counted: reason = note.isEmpty ? "đếm kho" : "đếm kho: \(note)"
        case .sold: reason = note.isEmpty ? "bán tại hội chợ/cửa hàng" : "bán tại hội chợ/cửa hàng: \(note)"
        }
    }

    /// A refusal of the store, in words for the producer.
    static func words(_ error: StoreError, _ entry: StockEntry) -> String {
        switch error {
        case .wouldGoNegative(_, let onHand, _):
            "ocopsync ghi còn \(onHand) trong kho, ít hơn \(entry.quantity) đã bán: không có gì được ghi. Hãy đếm lại kho và ghi bằng “Đếm kho”."
        case .countOutOfBounds, .changeOutOfBounds, .wouldExceedBounds, .quantityOverflow:
            "Số lượng vượt quá giới hạn (\(ProducerPage.number(Bounds.quantity.upperBound))): không có gì được ghi."
        case .unknownSKU, .ambiguousSKU:
            "Không tìm thấy sản phẩm này: hãy tải lại trang."
        case .invalidQuantity:
            "Số lượng không hợp lệ: không có gì được ghi."
        }
    }
}
