import OCOPCatalog

/// Reads a catalog JSON document (`format: ocopsync-catalog`, version 1) into an assembler.
enum JSONCatalogReader {
    static let formatName = "ocopsync-catalog"

    private static let producerKeys: [String: CatalogField] = [
        "id": .producerID, "name": .producerName, "type": .producerType, "district": .district, "commune": .commune,
        "phone": .producerPhone,
    ]
    private static let productKeys: [String: CatalogField] = [
        "sku": .sku, "producer_id": .producerID, "name": .name, "description": .description, "group": .group,
        "stars": .stars, "rated_on": .ratedOn, "rating_expires_on": .ratingExpiresOn, "withdrawn": .withdrawn,
        "gtin": .gtin, "qr_url": .qrURL, "weight_g": .weightGrams,
    ]
    private static let variantKeys: [String: CatalogField] = [
        "sku": .variantSKU, "pack_size": .packSize, "price_vnd": .priceVND, "stock": .stock,
    ]
    private static let dimensionKeys: [String: CatalogField] = ["length": .lengthMM, "width": .widthMM, "height": .heightMM]
    private static let numericFields: Set<CatalogField> = [
        .stars, .weightGrams, .lengthMM, .widthMM, .heightMM, .priceVND, .stock,
    ]

    static func read(_ body: ArraySlice<UInt8>, into assembler: inout CatalogAssembler) {
        let document: JSONValue
        do {
            document = try JSONParser.parse(body)
        } catch {
            assembler.report(error.line, "file", "invalid JSON: \(error.message)")
            return
        }
        guard case .object(let members) = document.node else {
            assembler.report(document.line, "file", "expected a JSON object with \"format\", \"version\", \"producers\" and \"products\", found \(document.kindName)")
            return
        }
        var found: [String: JSONValue] = [:]
        for member in members {
            guard ["format", "version", "producers", "products"].contains(member.key) else {
                assembler.report(member.line, member.key, "unknown key")
                continue
            }
            found[member.key] = member.value
        }
        if let format = found["format"] {
            guard case .string(formatName) = format.node else {
                assembler.report(format.line, "format", "must be \"\(formatName)\"")
                return
            }
        } else {
            assembler.report(document.line, "format", "is required and must be \"\(formatName)\"")
        }
        if let version = found["version"], case .number(let number) = version.node, number != "1" {
            assembler.report(version.line, "version", "version \(number) is not supported; this ocopsync reads version 1")
            return
        }
        for key in ["producers", "products"] {
            guard let list = found[key] else {
                assembler.report(document.line, key, "is required (an array, possibly empty)")
                continue
            }
            guard case .array(let elements) = list.node else {
                assembler.report(list.line, key, "must be an array, found \(list.kindName)")
                continue
            }
            if key == "products", assembler.wantsProgress { assembler.countedRows = variantCount(elements) }
            for element in elements {
                if key == "producers" {
                    if let record = record(element, keys: producerKeys, what: "producer", assembler: &assembler) {
                        assembler.addProducer(record)
                    }
                } else {
                    readProduct(element, assembler: &assembler)
                }
            }
        }
    }

    /// The variants of the products, counted ahead of the check (for its progress).
    private static func variantCount(_ products: [JSONValue]) -> Int {
        products.reduce(0) { count, product in
            guard case .object(let members) = product.node, case .array(let variants)? = members.first(where: { $0.key == "variants" })?.value.node
            else { return count }
            return count + variants.count
        }
    }

    private static func readProduct(_ element: JSONValue, assembler: inout CatalogAssembler) {
        guard case .object(let members) = element.node else {
            assembler.report(element.line, "products", "each product must be an object, found \(element.kindName)")
            return
        }
        let nested = Set(["dimensions_mm", "image_urls", "variants", "category_ids", "attributes"])
        let flat = members.filter { !nested.contains($0.key) }
        guard var product = record(JSONValue(line: element.line, node: .object(flat)), keys: productKeys, what: "product", assembler: &assembler)
        else { return }
        var variants: [JSONValue] = []
        var sawVariants = false
        for member in members where nested.contains(member.key) {
            switch (member.key, member.value.node) {
            case (_, .null):
                continue
            case ("dimensions_mm", .object):
                guard let sides = record(member.value, keys: dimensionKeys, what: "dimensions_mm", assembler: &assembler) else { return }
                for field in dimensionKeys.values {
                    product.set(field, sides[field], line: sides.line(of: field))
                }
            case ("category_ids", .object), ("attributes", .object):
                let field: CatalogField = member.key == "attributes" ? .attributes : .categoryIDs
                guard let text = keyedText(member.value, what: member.key, assembler: &assembler) else { return }
                product.set(field, text, line: member.line)
            case ("image_urls", .array(let urls)):
                var texts: [String] = []
                for url in urls {
                    guard case .string(let text) = url.node, !text.contains(" ") else {
                        assembler.report(url.line, "image_urls", "each image URL must be a string without spaces, found \(url.kindName)")
                        return
                    }
                    texts.append(text)
                }
                product.set(.imageURLs, texts.joined(separator: " "), line: member.line)
            case ("variants", .array(let list)):
                variants = list
                sawVariants = true
            default:
                let expected = ["dimensions_mm", "category_ids", "attributes"].contains(member.key) ? "an object" : "an array"
                assembler.report(member.line, member.key, "must be \(expected), found \(member.value.kindName)")
                return
            }
        }
        guard sawVariants, !variants.isEmpty else {
            assembler.report(element.line, "variants", "a product needs at least one variant")
            return
        }
        for variant in variants {
            guard let fields = record(variant, keys: variantKeys, what: "variant", assembler: &assembler) else { continue }
            var row = product
            row.line = fields.line
            for field in variantKeys.values {
                row.set(field, fields[field], line: fields.line(of: field))
            }
            assembler.addVariantRow(row)
        }
    }

    /// The scalar members of an object as a record, checking keys and JSON types.
    private static func record(_ value: JSONValue, keys: [String: CatalogField], what: String, assembler: inout CatalogAssembler) -> SourceRecord? {
        guard case .object(let members) = value.node else {
            assembler.report(value.line, what, "each \(what) must be an object, found \(value.kindName)")
            return nil
        }
        var record = SourceRecord(line: value.line)
        var ok = true
        for member in members {
            guard let field = keys[member.key] else {
                assembler.report(member.line, member.key, "unknown key in a \(what)")
                ok = false
                continue
            }
            let text: String?
            switch (member.value.node, field) {
            case (.null, _): text = nil
            case (.number(let number), _) where numericFields.contains(field): text = number
            case (.string(let string), _) where !numericFields.contains(field) && field != .withdrawn: text = string
            case (.bool(let flag), .withdrawn): text = flag ? "true" : "false"
            default:
                let expected = numericFields.contains(field) ? "a number" : field == .withdrawn ? "true or false" : "a string"
                assembler.report(member.line, field.rawValue, "must be \(expected), found \(member.value.kindName)")
                ok = false
                continue
            }
            record.set(field, text, line: member.line)
        }
        return ok ? record : nil
    }

    /// An object of string values (`{"shopee": "100629"}`) in the text form a CSV cell holds.
    private static func keyedText(_ value: JSONValue, what: String, assembler: inout CatalogAssembler) -> String? {
        guard case .object(let members) = value.node else { return nil }
        var values: [String: String] = [:]
        for member in members {
            guard case .string(let text) = member.value.node, !text.isEmpty, !text.contains(";"), !member.key.contains("="), !member.key.contains(";") else {
                assembler.report(member.line, what, "'\(member.key)' must be a non-empty string without ';' (and its key without '=' or ';')")
                return nil
            }
            values[member.key] = text
        }
        return KeyedValues.text(values)
    }
}
