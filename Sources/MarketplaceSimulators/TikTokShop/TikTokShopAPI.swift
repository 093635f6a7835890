import Foundation
import Hummingbird
import OCOPCatalog
import PlatformManifest

/// The endpoints of the TikTok Shop simulator over one marketplace's state: the checks every call passes,
/// TikTok's envelope, and Get Authorized Shops. The product, order, category and picture calls are in the
/// files beside this one.
struct TikTokShopAPI: Sendable {
    let state: MarketplaceState
    /// Authorisation ends, create idempotency and daily upload counts.
    let ledger = TikTokShopLedger()

    // MARK: Checks

    /// Checks signature, `app_key`, timestamp, body format, the token header and the shop cipher (API.md,
    /// sections 2, 3 and 7); answers the access token for the marketplace to admit.
    func verify(_ call: PlatformCall, shopScoped: Bool, multipart: Bool) async throws(SimulatorFailure) -> String? {
        let query = call.query
        let credentials = await state.snapshotCredentials()
        guard let sign = query["sign"], !sign.isEmpty else {
            throw Self.failure(36009004, "Missing credentials. The request does not include a required signature in the query.", status: 401)
        }
        guard query["app_key"] == credentials.clientID else {
            throw Self.failure(36009004, "Invalid credentials. Invalid `app_key` query parameter.", status: 401)
        }
        let now = Int(await state.now.timeIntervalSince1970)
        guard let timestamp = query["timestamp"].flatMap({ Int($0) }), timestamp >= 0 else {
            throw Self.failure(36009004, "Invalid timestamp. The value of the `timestamp` query parameter must not be lesser than 0.", status: 401)
        }
        guard timestamp >= now - TikTokShopMarketplace.timestampBehind else {
            throw Self.failure(36009004, "Invalid timestamp. The value of the `timestamp` query parameter must not be earlier than 5 minutes before the current time.", status: 401)
        }
        guard timestamp <= now + TikTokShopMarketplace.timestampAhead else {
            throw Self.failure(36009004, "Invalid timestamp. The value of the `timestamp` query parameter must not exceed the current time by more than 30 seconds.", status: 401)
        }
        let type = call.header("content-type")?.lowercased() ?? ""
        if multipart {
            guard type.hasPrefix("multipart/form-data") else {
                throw Self.failure(36009023, "Invalid request format. The value of the `content-type` header must be `multipart/form-data`.")
            }
        } else if !call.body.isEmpty, !type.hasPrefix("application/json") {
            throw Self.failure(36009022, "Invalid request format. The request body format must be `application/json` for structured data or `multipart/form-data` for binary files.")
        }
        let expected = TikTokShopMarketplace.sign(appSecret: credentials.clientSecret, path: call.request.uri.path, query: query,
                                                  body: multipart ? [] : call.body)
        guard HexHMAC.equal(sign, expected) else {
            throw Self.failure(106001, "Invalid credentials. The `sign` query parameter is invalid.", status: 401)
        }
        if let version = query["version"], version != TikTokShopMarketplace.version {
            throw Self.failure(36009004, "Invalid API version. The `version` query parameter is invalid.")
        }
        guard let token = call.header("x-tts-access-token"), !token.isEmpty else {
            throw Self.failure(36009004, "Invalid credentials. The `x-tts-access-token` header is invalid.", status: 401)
        }
        let shopID = await state.shop(ofToken: token) ?? credentials.shopID ?? ""
        if let named = query["shop_id"], named != shopID {
            throw Self.failure(36009004, "Invalid identifier. The `shop_id` query parameter is invalid.")
        }
        if shopScoped {
            guard let cipher = query["shop_cipher"], !cipher.isEmpty else {
                throw Self.failure(106013, "Missing identifier. The `shop_cipher` query parameter is required to identify the target shop.")
            }
            guard cipher == TikTokShopMarketplace.cipher(shopID: shopID) else {
                throw Self.failure(101000, "Invalid query or header. The `category_asset_cipher` query parameter or `x-tts-access-token` header is invalid.", status: 401)
            }
        } else if query["shop_cipher"] != nil {
            throw Self.failure(36009004, "Unexpected identifier. The `shop_cipher` query parameter is not required for this request.")
        }
        return token
    }

    /// A refusal with TikTok's code (a number) and message; HTTP 200 unless said otherwise.
    static func failure(_ code: Int, _ message: String, status: Int = 200) -> SimulatorFailure {
        SimulatorFailure(status: status, code: String(code), message: message)
    }

    /// A refusal in TikTok's envelope. The marketplace's own refusals (token, rate limit, injected faults, the
    /// listing checks every simulator shares) get TikTok's codes here.
    static func render(_ failure: SimulatorFailure) -> Reply {
        let (status, code, message): (Int, Int, String) = if let number = Int(failure.code) { (failure.status, number, failure.message) } else {
            switch failure.code {
            case "invalid_token": (401, 36009004, "Invalid credentials. The `x-tts-access-token` header is invalid.")
            case "token_expired": (401, 105002, "Expired credentials. The `access_token` or `x-tts-access-token` header has expired.")
            case "rate_limited": (429, 36009002, "Too many requests. You've made too many requests in a short period of time.")
            case "unavailable": (503, 36009003, "Internal error. Please try again. If the issue persists after multiple attempts, please contact platform support.")
            case "not_found": (200, 12052032, "The product does not exist")
            case "duplicate_sku": (200, 12052910, "Invalid input parameters. Refer to the API documentation for details. (seller_sku is in use: \(failure.message))")
            case "field_too_long": (200, 12052051, "The product name exceed max limit characters")
            case "too_many_images": (200, 12052306, "main product images count exceed limit")
            case "invalid_category": (200, 12052023, "Category does not exist")
            case "category_not_leaf": (200, 12052024, "Category is not final category")
            case "missing_attribute": (200, 12052104, "property is required (\(failure.message))")
            case "invalid_attribute_value": (200, 12052529, "The property value id not exist. (\(failure.message))")
            case "invalid_price": (200, 12052073, "The product price is invalid")
            case "invalid_state": (200, 12052901, "The product in its current status is not available for this operation. Change the product status and try again.")
            default: (200, 12052910, "Invalid input parameters. Refer to the API documentation for details. (\(failure.message))")
            }
        }
        return Reply(TikTokShopResponses.Envelope<TikTokShopResponses.Empty>(code: code, message: message, requestId: requestID(), data: nil),
                     status: HTTPResponse.Status(code: status))
    }

    /// A success: `code` 0 and `data`.
    static func ok(_ data: some Encodable & Sendable) -> Reply {
        Reply(TikTokShopResponses.Envelope(code: 0, message: "Success", requestId: requestID(), data: data))
    }

    /// A request id as TikTok writes them: the time to the second, then hex (`202203070749000101890810281E8C70B7`).
    static func requestID() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMddHHmmss"
        return formatter.string(from: Date()) + String(format: "%016llX%04X", UInt64.random(in: 0...UInt64.max), UInt16.random(in: 0...UInt16.max))
    }

    // MARK: Shops

    /// The shop a call acts for: its id (the seeded shop's where the token came from no consent).
    func shopID(_ call: PlatformCall) async -> String {
        if let shop = call.shop { return shop }
        return (await state.snapshotCredentials()).shopID ?? ""
    }

    /// `GET /authorization/202309/shops`: the token's shop, with its cipher.
    func shops(_ call: PlatformCall) async throws -> Reply {
        let id = await shopID(call)
        let name = await state.shopName(id) ?? "Đặc sản OCOP Quảng Ninh"
        let shop = TikTokShopResponses.Shop(id: id, name: name, region: "VN", sellerType: "LOCAL",
                                            cipher: TikTokShopMarketplace.cipher(shopID: id), code: "VNLC" + String(id.suffix(6)))
        return Self.ok(TikTokShopResponses.Shops(shops: [shop]))
    }
}
