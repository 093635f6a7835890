import CatalogFiles
import OCOPCatalog

/// Small catalog files built by hand for the reader tests.
enum Fixtures {
    static let header = CatalogField.allCases.map(\.rawValue).joined(separator: ",")

    /// A valid row; `overrides` replaces columns by name.
    static func row(
        sku: String = "QN-BC-0001", variant: String? = nil, producer: String = "htx-tra-hoa-vang-ba-che",
        _ overrides: [String: String] = [:]
    ) -> String {
        var values: [String: String] = [
            "producer_id": producer, "producer_name": "HTX Trà hoa vàng Ba Chẽ", "producer_type": "cooperative",
            "district": "Ba Chẽ", "commune": "Thanh Sơn", "producer_phone": "0203 3845 123", "sku": sku, "name": "Trà hoa vàng Ba Chẽ \(sku)",
            "description": "Trà từ hoa vàng, vùng núi Ba Chẽ", "group": "beverage", "stars": "4", "rated_on": "2025-09-01",
            "rating_expires_on": "2028-09-01", "withdrawn": "false", "gtin": gtin(for: sku),
            "qr_url": "https://ocopquangninh.com.vn/truy-xuat/\(sku.lowercased())", "weight_g": "120", "length_mm": "180",
            "width_mm": "90", "height_mm": "60", "image_urls": "https://ocopquangninh.com.vn/images/a.jpg",
            "variant_sku": variant ?? sku + "-H50G", "pack_size": "hộp 50 g", "price_vnd": "350000", "stock": "40",
        ]
        values.merge(overrides) { _, new in new }
        return CatalogField.allCases.map { field in
            let value = values[field.rawValue] ?? ""
            let quoted = value.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D }
            return quoted ? "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : value
        }.joined(separator: ",")
    }

    /// A distinct valid GTIN-13 for each SKU.
    static func gtin(for sku: String) -> String {
        let digits = sku.unicodeScalars.filter { ("0"..."9").contains($0) }.map { Int($0.value - 48) }
        var payload = [8, 9, 3, 5, 0, 0, 0] + Array(repeating: 0, count: 5)
        for (offset, digit) in digits.suffix(5).reversed().enumerated() { payload[11 - offset] = digit }
        return payload.map(String.init).joined() + String(GTIN.checkDigit(for: payload))
    }

    static func csv(_ rows: String...) -> [UInt8] {
        Array(([header] + rows).joined(separator: "\n").utf8) + [0x0A]
    }

    /// Reads a CSV and returns the issues, or an empty list on success.
    static func issues(_ bytes: [UInt8], format: CatalogFileFormat = .csv, lookup: any CatalogLookup = EmptyCatalogLookup()) -> [ImportIssue] {
        do {
            _ = try CatalogReader.read(bytes, format: format, file: "in.\(format.rawValue)", lookup: lookup)
            return []
        } catch {
            return error.issues
        }
    }
}

extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
