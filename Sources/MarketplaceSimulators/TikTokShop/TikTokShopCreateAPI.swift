import Foundation
import Hummingbird
import OCOPCatalog
import PlatformManifest

/// Create Product (`POST /product/202309/products`, API.md "Create product"): a VN title of 25–255 characters,
/// a leaf category of tree v1, 1–9 main images uploaded through Upload Product Image, 1–100 SKUs each with a seller
/// SKU, a VND price as a string (1–180,000,000) and inventory per warehouse, a weight in kilograms; the new product
/// goes to audit. Each refusal carries the code the reference gives it.
extension TikTokShopAPI {
    static let titleFormat = "The title must follow these formatting rules: it cannot contain HTML escape characters (e.g.,  ), emojis, or ASCII control characters (e.g., \\u007F). It also cannot consist solely of symbols (e.g., //// or !@#$$$&), nor can it have more than 9 consecutive repeated characters (e.g., aaaaaaaaa or 111111111)."

    static func invalid(_ detail: String) -> SimulatorFailure {
        failure(12052910, "Invalid input parameters. Refer to the API documentation for details. (\(detail))")
    }

    func create(_ call: PlatformCall) async throws -> Reply {
        let body = try TikTokShopRequests.decode(call, as: TikTokShopRequests.CreateProduct.self)
        let shop = await shopID(call)
        if let key = body.idempotencyKey {
            guard key.count <= 128 else { throw Self.invalid("idempotency_key: at most 128 characters") }
            if let earlier = await ledger.created(key: key, shop: shop) { return Self.ok(earlier) }
        }
        guard (body.saveMode ?? "LISTING") == "LISTING" else {
            throw Self.invalid("save_mode: LISTING (AS_DRAFT is not simulated)")
        }
        let limits = state.manifest.fieldLimits
        var draft = ListingDraft()
        draft.title = try Self.checkTitle(body.title, max: limits.titleMaxLength)
        guard let description = body.description, !description.isEmpty else { throw Self.failure(12052015, "The product description is required") }
        guard description.count <= min(10_000, limits.descriptionMaxLength) else {
            throw Self.failure(12052013, "The product description cannot exceed maximum characters")
        }
        draft.description = description
        draft.categoryId = try await checkCategory(body.categoryID, version: body.categoryVersion)
        draft.images = try await checkImages(body.mainImages)
        let skus = try Self.checkSKUs(body.skus)
        draft.sku = skus[0].sellerSKU
        draft.price = skus[0].price
        draft.stock = skus[0].stock
        draft.weightGrams = try Self.grams(body.packageWeight)
        draft.dimensions = try Self.millimetres(body.packageDimensions)
        var attributes: [String: [String]] = [:]
        for attribute in body.productAttributes ?? [] {
            let values = attribute.values.map { $0.id ?? $0.name ?? "" }
            guard !values.isEmpty, values.allSatisfy({ !$0.isEmpty }) else {
                throw Self.failure(12052248, "The product attribute value name or attribute value id is empty. (attribute \(attribute.id))")
            }
            attributes[attribute.id] = values
        }
        draft.attributes = attributes
        var warnings: [Wire.Warning] = []
        if let brand = body.brandID, !brand.isEmpty {
            if await state.categories.takesBrand(id: brand, name: nil, category: draft.categoryId) {
                draft.brandID = brand
            } else {
                warnings.append(Wire.Warning(message: "The [brand_id]:\(brand) field is incorrect and has been automatically cleared by the system. Reason: [Brand does not exist]. You can edit it later."))
            }
        }
        let day = Int(await state.now.timeIntervalSince1970) / 86400
        guard await ledger.countUpload(shop: shop, day: day, limit: TikTokShopMarketplace.dailyListingLimit) else {
            throw Self.failure(12052093, "Exceeded the product listing limit for the seller.")
        }
        let product = try await state.create(draft, shop: call.shop)
        var made = [product]
        if skus.count > 1 {
            let models = skus.map { (sku: $0.sellerSKU, option: $0.option, price: $0.price, stock: $0.stock) }
            made = try await state.addModels(item: product.id, models, itemSKU: "TTS-ITEM-\(product.id)", shop: call.shop)
        }
        let created = Wire.Created(productId: product.id, skus: zip(made, skus).map { listing, sku in
            Wire.CreatedSKU(id: TikTokShopMarketplace.skuID(ofListing: listing.id), sellerSku: listing.sku,
                            salesAttributes: listing.option.map { [Wire.SalesAttributeRef(id: Self.variationAttribute.id, valueId: Self.optionValueID($0))] } ?? [],
                            externalSkuId: sku.externalID)
        }, warnings: warnings)
        if let key = body.idempotencyKey { await ledger.remember(created, key: key, shop: shop) }
        return Self.ok(created)
    }

    /// A VN title: 25 to 255 characters (the manifest's maximum), no Chinese, no emojis, HTML escapes or control
    /// characters, not symbols only, no character more than 9 times in a row.
    static func checkTitle(_ title: String?, max: Int) throws(SimulatorFailure) -> String {
        guard let title, !title.trimmingCharacters(in: .whitespaces).isEmpty else { throw failure(12052261, "product name is empty") }
        guard title.count >= TikTokShopMarketplace.titleMinLength else {
            throw invalid("title: \(title.count) characters; a VN title has [\(TikTokShopMarketplace.titleMinLength), \(max)]")
        }
        guard title.count <= max else { throw failure(12052051, "The product name exceed max limit characters") }
        let scalars = title.unicodeScalars
        guard !scalars.contains(where: { (0x4E00...0x9FFF).contains($0.value) }) else {
            throw failure(12052262, "Chinese characters are not supported in product name")
        }
        let control = scalars.contains { $0.properties.generalCategory == .control || $0.properties.isEmojiPresentation }
        let escape = title.contains(/&(#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z]+);/)
        let symbolsOnly = !scalars.contains { $0.properties.isAlphabetic || $0.properties.numericType != nil }
        var run = 1, longest = 1
        for (previous, next) in zip(title, title.dropFirst()) {
            run = previous == next ? run + 1 : 1
            longest = Swift.max(longest, run)
        }
        guard !control, !escape, !symbolsOnly, longest <= 9 else { throw failure(12052931, titleFormat) }
        return title
    }

    /// A leaf of category tree v1.
    func checkCategory(_ id: String?, version: String?) async throws(SimulatorFailure) -> String {
        guard let id, !id.isEmpty, Int(id) != nil else { throw Self.failure(12052002, "Incorrect category format") }
        guard (version ?? "v1") == "v1" else {
            throw Self.failure(12052217, "Incorrect category version. For US shops or global sellers with an active US shop, specify 'category version=v2'. For shops in other regions specify 'category_version=v1'.")
        }
        guard let category = await state.categories.tree[id] else { throw Self.failure(12052023, "Category does not exist") }
        guard category.isLeaf else { throw Self.failure(12052024, "Category is not final category") }
        return id
    }

    /// 1–9 main images (at most the manifest's), each the `uri` of an upload.
    func checkImages(_ images: [TikTokShopRequests.ImageRef]?) async throws(SimulatorFailure) -> [String] {
        let uris = (images ?? []).map(\.uri)
        guard !uris.isEmpty else { throw Self.failure(12052028, "Main product image is required") }
        guard uris.count <= min(9, state.manifest.fieldLimits.imagesMax) else { throw Self.failure(12052306, "main product images count exceed limit") }
        let pictures = await state.pictures
        for uri in uris where !pictures.contains(uri) {
            throw Self.failure(12052300, "product main image uri illegal (\(uri) was not uploaded through Upload Product Image)")
        }
        return uris
    }

    /// A SKU of a create, checked.
    struct CheckedSKU {
        var sellerSKU: String
        var price: Int
        var stock: Int
        /// The SKU's option (its sales attributes' values), for a product of several SKUs.
        var option: String
        var externalID: String
    }

    /// 1–100 SKUs; several differ by their sales attributes (at most 3 kinds).
    static func checkSKUs(_ skus: [TikTokShopRequests.CreateSKU]?) throws(SimulatorFailure) -> [CheckedSKU] {
        guard let skus, !skus.isEmpty else { throw invalid("skus: at least one SKU") }
        guard skus.count <= TikTokShopMarketplace.skuLimit else { throw failure(12052050, "A single product cannot have more than 100 different SKUs") }
        var checked: [CheckedSKU] = []
        for sku in skus {
            guard let seller = sku.sellerSKU, !seller.isEmpty, !seller.contains(" ") else { throw invalid("seller_sku: 1-50 characters, no spaces") }
            guard seller.count <= 50 else { throw failure(12052054, "The seller SKU text length cannot exceed max limit characters") }
            guard let price = sku.price else { throw failure(12052073, "The product price is invalid") }
            guard price.currency == "VND" else { throw failure(12052084, "The provided currency is not available for this shop/region.") }
            let amount = try amount(price.amount)
            guard let inventory = sku.inventory, !inventory.isEmpty else { throw invalid("skus.inventory: required") }
            var stock = 0
            for entry in inventory {
                guard let warehouse = entry.warehouseID, !warehouse.isEmpty else { throw invalid("skus.inventory.warehouse_id: required") }
                guard warehouse == TikTokShopMarketplace.salesWarehouseID else { throw failure(12052097, "The warehouse does not exist") }
                guard TikTokShopMarketplace.quantityRange.contains(entry.quantity) else {
                    throw failure(12052055, "The SKU inventory quantity for the warehouse must be within allowed limits.")
                }
                stock += entry.quantity
            }
            let attributes = sku.salesAttributes ?? []
            guard attributes.count <= 3 else { throw failure(12052525, "The attribute max num cannot exceed 3.") }
            for attribute in attributes {
                guard attribute.id?.isEmpty == false || attribute.name.map({ (1...20).contains($0.count) }) == true else {
                    throw failure(12052241, "attribute name or attribute id is empty.")
                }
                guard attribute.valueID?.isEmpty == false || attribute.valueName.map({ (1...50).contains($0.count) }) == true else {
                    throw failure(12052248, "The sales attribute value name or attribute value id is empty.")
                }
            }
            let option = attributes.map { $0.valueName ?? $0.valueID ?? "" }.joined(separator: " / ")
            checked.append(CheckedSKU(sellerSKU: seller, price: amount, stock: stock, option: option, externalID: sku.externalSKUID ?? ""))
        }
        if checked.count > 1 {
            let kinds = skus.map { ($0.salesAttributes ?? []).count }
            guard kinds.allSatisfy({ $0 > 0 && $0 == kinds[0] }) else { throw failure(12052550, "SKU property must contain all properties") }
            guard Set(checked.map(\.option)).count == checked.count else { throw failure(12052560, "The SKU contains duplicate sales attribute.") }
        }
        guard Set(checked.map(\.sellerSKU)).count == checked.count else { throw invalid("seller_sku: each SKU of a product has its own") }
        return checked
    }

    /// A VND `amount`: a string of whole đồng (".00" tolerated), 1 to 180,000,000.
    static func amount(_ text: String?) throws(SimulatorFailure) -> Int {
        guard let text, let match = text.wholeMatch(of: /([0-9]{1,12})(\.0{1,2})?/), let value = Int(match.1) else {
            throw failure(12052073, "The product price is invalid")
        }
        guard value >= TikTokShopMarketplace.priceRange.lowerBound else { throw failure(12052073, "The product price is invalid") }
        guard value <= TikTokShopMarketplace.priceRange.upperBound else { throw failure(12052570, "product price exceed limit") }
        return value
    }

    /// `package_weight`: a positive number of kilograms (at most 3 decimals) as a string, unit KILOGRAM.
    static func grams(_ weight: TikTokShopRequests.Weight?) throws(SimulatorFailure) -> Int {
        guard let weight else { throw failure(12052006, "Incorrect parcel weight format") }
        guard weight.unit == "KILOGRAM" else {
            throw weight.unit == "POUND" ? failure(12019061, "Product weight or dimensions unit does not support the imperial units on non-US local products.")
                : failure(12052006, "Incorrect parcel weight format")
        }
        guard weight.value.wholeMatch(of: /[0-9]{1,6}(\.[0-9]{1,3})?/) != nil, let kilograms = Double(weight.value) else {
            throw failure(12052006, "Incorrect parcel weight format")
        }
        guard kilograms > 0 else { throw failure(12052181, "The package weight of the product can not be zero.") }
        return Int((kilograms * 1000).rounded())
    }

    /// `package_dimensions` (optional for VN): positive whole centimetres as strings, unit CENTIMETER; answered in millimetres.
    static func millimetres(_ box: TikTokShopRequests.Dimensions?) throws(SimulatorFailure) -> [Int]? {
        guard let box else { return nil }
        guard box.unit == "CENTIMETER" else {
            throw failure(12019061, "Product weight or dimensions unit does not support the imperial units on non-US local products.")
        }
        let sides: [(String, Int, String)] = [(box.length, 12052005, "Incorrect parcel length format"), (box.width, 12052004, "Incorrect parcel width format"),
                                              (box.height, 12052003, "Incorrect parcel height format")]
        var millimetres: [Int] = []
        for (text, code, message) in sides {
            guard text.wholeMatch(of: /[0-9]{1,5}/) != nil, let value = Int(text), value > 0 else { throw failure(code, message) }
            millimetres.append(value * 10)
        }
        return millimetres
    }
}
