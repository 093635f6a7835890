import Foundation
import MarketplaceAdapter
@testable import TikTokShopAdapter
import Testing

/// TikTok Shop's 202309 signing against what TikTok publishes (adapters/tiktokshop/API.md, section 3).
@Suite struct TikTokShopSigningTests {
    /// The worked example of "Sign your API request" (partner.tiktokshop.com/docv2/page/678e3a3d4ddec3030b238faf):
    /// `GET /authorization/202309/shops?app_key=29a39d&timestamp=1623812664` under the secret `e59af819cc`.
    @Test func signsThePublishedExample() {
        let signer = TikTokShopSigner(appKey: "29a39d", appSecret: "e59af819cc")
        let query = [("timestamp", "1623812664"), ("app_key", "29a39d")]
        #expect(String(decoding: signer.signedBytes(path: "/authorization/202309/shops", query: query, body: nil), as: UTF8.self)
                == "e59af819cc/authorization/202309/shopsapp_key29a39dtimestamp1623812664e59af819cc")
        #expect(signer.sign(path: "/authorization/202309/shops", query: query, body: nil)
                == "b596b73e0cc6de07ac26f036364178ab16b0a907af13d43f0a0cd2345f582dc8")
        // `sign` and `access_token` are never signed.
        #expect(signer.sign(path: "/authorization/202309/shops", query: query + [("sign", "x"), ("access_token", "y")], body: nil)
                == "b596b73e0cc6de07ac26f036364178ab16b0a907af13d43f0a0cd2345f582dc8")
    }

    /// The EcomPHP client's test vector (third-party, tests/ClientTest.php @09f172e): path `/test-api`, `foo=bar`, no body.
    @Test func signsTheEcomPHPVector() {
        #expect(TikTokShopSigner(appKey: "key", appSecret: "app_secret").sign(path: "/test-api", query: [("foo", "bar")], body: nil)
                == "d3cb7fe11ecae942802ceeca67e7cf10120cc12f1517d45fbc1c8cfe5413c80f")
    }

    /// No vector with a body is published: this one was computed with openssl for API.md (same algorithm), the body
    /// appended after the sorted parameters.
    @Test func signsTheBodyAfterTheParameters() {
        let signer = TikTokShopSigner(appKey: "29a39d", appSecret: "e59af819cc")
        let query = [("page_size", "10"), ("shop_cipher", "ROW_xkMbgAAAeVAQra0eZWebFQq5aIK"), ("app_key", "29a39d"), ("timestamp", "1623812664")]
        #expect(signer.sign(path: "/product/202309/products/search", query: query, body: Array(#"{"status":"ACTIVATE"}"#.utf8))
                == "40a46958cbebc04187d250fc32e7389e6ad9b925793b8a9fb22748572a114886")
    }

    /// A request carries the common parameters and `sign` in its query (values percent-encoded, signed raw) and the
    /// token in `x-tts-access-token`, never in the query.
    @Test func aRequestCarriesTheSignInItsQueryAndTheTokenInAHeader() throws {
        let signer = TikTokShopSigner(appKey: "29a39d", appSecret: "e59af819cc")
        let exchange = TikTokShopAdapter.exchange(signer: signer, "GET", base: "http://127.0.0.1:9", "/authorization/202309/shops", query: [], body: nil,
                                                  token: "TTP_token", now: Date(timeIntervalSince1970: 1623812664))
        #expect(exchange.url == "http://127.0.0.1:9/authorization/202309/shops?app_key=29a39d&timestamp=1623812664"
                + "&sign=b596b73e0cc6de07ac26f036364178ab16b0a907af13d43f0a0cd2345f582dc8")
        #expect(exchange.headers.contains { $0.0 == "x-tts-access-token" && $0.1 == "TTP_token" })
        let token = "6AsPQsUMvH3RkchNUPPh22NROHkE0D8pmq/N5M1kHYcZmtRyv9aVrNv65W7Q6tFA+7D1ud64MPNz5OaT"
        let paged = TikTokShopAdapter.exchange(signer: signer, "POST", base: "http://127.0.0.1:9", "/order/202309/orders/search",
                                               query: [("page_token", token)], body: Array("{}".utf8), token: "TTP_token",
                                               now: Date(timeIntervalSince1970: 1623812664))
        let sign = signer.sign(path: "/order/202309/orders/search", query: [("page_token", token), ("app_key", "29a39d"), ("timestamp", "1623812664")],
                               body: Array("{}".utf8))
        #expect(paged.url.contains("page_token=\(QueryString.escape(token))&timestamp=1623812664&sign=\(sign)"))
        #expect(!paged.url.contains("+"))
    }
}
