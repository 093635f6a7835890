import OCOPCatalog

/// Writes a catalog as the JSON document `catalog import` reads, sorted by SKU, keys in documented order.
public enum JSONCatalogWriter {
    public static func write(_ catalog: Catalog, into output: inout some TextOutputStream) {
        output.write("{\n  \"format\": \"\(JSONCatalogReader.formatName)\",\n  \"version\": 1,\n  \"producers\": [")
        for (position, producer) in catalog.producers.sorted(by: { $0.id < $1.id }).enumerated() {
            output.write(position == 0 ? "\n" : ",\n")
            output.write("    {\"id\": \(quoted(producer.id)), \"name\": \(quoted(producer.name)), \"type\": \(quoted(producer.type.rawValue)), ")
            output.write("\"district\": \(quoted(producer.district)), \"commune\": \(quoted(producer.commune))")
            if let phone = producer.phone { output.write(", \"phone\": \(quoted(phone))") }
            output.write("}")
        }
        output.write(catalog.producers.isEmpty ? "],\n  \"products\": [" : "\n  ],\n  \"products\": [")
        for (position, product) in catalog.products.sorted(by: { $0.sku < $1.sku }).enumerated() {
            output.write(position == 0 ? "\n" : ",\n")
            write(product, stock: catalog.stock, into: &output)
        }
        output.write(catalog.products.isEmpty ? "]\n}\n" : "\n  ]\n}\n")
    }

    private static func write(_ product: Product, stock: [String: Int], into output: inout some TextOutputStream) {
        var fields: [String] = [
            "\"sku\": \(quoted(product.sku))", "\"producer_id\": \(quoted(product.producerID))",
            "\"name\": \(quoted(product.name))", "\"description\": \(quoted(product.description))",
            "\"group\": \(quoted(product.group.rawValue))", "\"stars\": \(product.rating.stars)",
            "\"rated_on\": \"\(product.rating.ratedOn)\"", "\"rating_expires_on\": \"\(product.rating.expiresOn)\"",
            "\"withdrawn\": \(product.withdrawn)",
        ]
        if let gtin = product.gtin { fields.append("\"gtin\": \(quoted(gtin))") }
        if let qr = product.qrURL { fields.append("\"qr_url\": \(quoted(qr))") }
        if let weight = product.weightGrams { fields.append("\"weight_g\": \(weight)") }
        if let size = product.dimensions {
            fields.append("\"dimensions_mm\": {\"length\": \(size.lengthMM), \"width\": \(size.widthMM), \"height\": \(size.heightMM)}")
        }
        fields.append("\"image_urls\": [\(product.imageURLs.map(quoted).joined(separator: ", "))]")
        for (key, values) in [("category_ids", product.categoryIDs), ("attributes", product.attributes)] where !values.isEmpty {
            let entries = values.sorted { $0.key < $1.key }.map { "\(quoted($0.key)): \(quoted($0.value))" }
            fields.append("\"\(key)\": {\(entries.joined(separator: ", "))}")
        }
        let variants = product.variants.sorted(by: { $0.sku < $1.sku }).map {
            "      {\"sku\": \(quoted($0.sku)), \"pack_size\": \(quoted($0.packSize)), \"price_vnd\": \($0.priceVND), \"stock\": \(stock[$0.sku] ?? 0)}"
        }
        fields.append("\"variants\": [\n\(variants.joined(separator: ",\n"))\n    ]")
        output.write("    {\n      ")
        output.write(fields.joined(separator: ",\n      "))
        output.write("\n    }")
    }

    /// A JSON string literal; non-ASCII text is written as UTF-8, not escaped.
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
