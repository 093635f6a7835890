import OCOPCatalog

/// The fields of producers, products and variants as a catalog file writes them: what an update compares and
/// what the history keeps.
enum CatalogFieldText {
    static func producer(_ producer: Producer) -> [(CatalogField, String)] {
        [(.producerName, producer.name), (.producerType, producer.type.rawValue), (.district, producer.district), (.commune, producer.commune),
         (.producerPhone, producer.phone ?? "")]
    }

    static func product(_ product: Product) -> [(CatalogField, String)] {
        [
            (.producerID, product.producerID), (.name, product.name), (.description, product.description), (.group, product.group.rawValue),
            (.stars, String(product.rating.stars)), (.ratedOn, product.rating.ratedOn.description),
            (.ratingExpiresOn, product.rating.expiresOn.description), (.withdrawn, product.withdrawn ? "true" : "false"),
            (.gtin, product.gtin ?? ""), (.qrURL, product.qrURL ?? ""), (.weightGrams, product.weightGrams.map(String.init) ?? ""),
            (.lengthMM, product.dimensions.map { String($0.lengthMM) } ?? ""), (.widthMM, product.dimensions.map { String($0.widthMM) } ?? ""),
            (.heightMM, product.dimensions.map { String($0.heightMM) } ?? ""), (.imageURLs, product.imageURLs.joined(separator: " ")),
            (.categoryIDs, KeyedValues.text(product.categoryIDs)), (.attributes, KeyedValues.text(product.attributes)),
        ]
    }

    static func variant(_ variant: Variant) -> [(CatalogField, String)] {
        [(.packSize, variant.packSize), (.priceVND, String(variant.priceVND))]
    }

    /// The fields that differ, old → new.
    static func changes(of subject: String, _ old: [(CatalogField, String)], _ new: [(CatalogField, String)]) -> [CatalogChange] {
        zip(old, new).compactMap { was, now in
            was.1 == now.1 ? nil : CatalogChange(subject: subject, field: now.0.rawValue, old: was.1, new: now.1)
        }
    }
}
