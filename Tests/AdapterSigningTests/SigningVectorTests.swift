import Foundation
import LazadaAdapter
import MarketplaceAdapter
import ShopeeAdapter
import Testing

/// The adapters' signing against what the platforms publish, not only against our own simulators.
@Suite struct SigningVectorTests {
    /// RFC 4231, test case 2: the keyed hash every platform's signature is built on.
    @Test func hmacSHA256MatchesRFC4231() {
        #expect(Signing.hmacSHA256Hex(key: "Jefe", message: "what do ya want for nothing?")
                == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    /// Lazada's worked example (GetOrder with app secret "helloworld"): "Signature algorithm" in the Lazada
    /// Open Platform documentation, mirrored at https://open.alitrip.com/docs/doc.htm?articleId=108069&docType=1&treeId=499.
    @Test func lazadaSignsThePublishedExample() {
        let signer = LazadaSigner(appKey: "123456", appSecret: "helloworld")
        let parameters = ["app_key": "123456", "access_token": "test", "timestamp": "1517820392000", "sign_method": "sha256", "order_id": "1234"]
        #expect(LazadaSigner.signedText(apiPath: "/order/get", parameters: parameters)
                == "/order/getaccess_tokentestapp_key123456order_id1234sign_methodsha256timestamp1517820392000")
        #expect(signer.sign(apiPath: "/order/get", parameters: parameters.merging(["sign": "ignored"]) { $1 })
                == "4190D32361CFB9581350222F345CB77F3B19F0E31D162316848A2C1FFD5FAB4A")
    }

    /// The sort example of the same guide (https://open.alitrip.com/docs/doc.htm?articleId=108068&docType=1&treeId=499):
    /// names in byte order, so `foo_bar` comes before `foobar`.
    @Test func lazadaSortsParameterNamesAsTheGuideShows() {
        #expect(LazadaSigner.signedText(apiPath: "/test/api", parameters: ["foo": "1", "bar": "2", "foo_bar": "3", "foobar": "4"])
                == "/test/apibar2foo1foo_bar3foobar4")
    }

    /// Shopee's published base strings (developer guide "API calls", open.shopee.com/developer-guide/16, "Signature
    /// calculation"). The guide shows a sign for them but not the partner key, so the hash is checked by RFC 4231 above
    /// and by its form here: lower-case hex of 64 digits.
    @Test func shopeeBuildsThePublishedBaseStrings() {
        let signer = ShopeeSigner(partnerID: "2001887", partnerKey: "any-partner-key")
        let shop = signer.shopBaseString(path: "/api/v2/shop/get_shop_info", timestamp: 1655714431,
                                         accessToken: "59777174636562737266615546704c6d", shopID: "14701711")
        #expect(shop == "2001887/api/v2/shop/get_shop_info165571443159777174636562737266615546704c6d14701711")
        #expect(signer.publicBaseString(path: "/api/v2/public/get_shops_by_partner", timestamp: 1655714431)
                == "2001887/api/v2/public/get_shops_by_partner1655714431")
        let sign = signer.sign(shop)
        #expect(sign.count == 64 && sign.allSatisfy { "0123456789abcdef".contains($0) })
        #expect(sign == Signing.hmacSHA256Hex(key: "any-partner-key", message: shop))
    }

    /// Shopee's push signature: hex HMAC-SHA256 of `<url>|<body>` under the partner key ("Push Mechanism").
    @Test func shopeeVerifiesAPushOverItsURLAndBody() {
        let signer = ShopeeSigner(partnerID: "2001887", partnerKey: "key")
        let body = Array(#"{"code":3}"#.utf8)
        let good = Signing.hmacSHA256Hex(key: "key", message: "https://ocopsync.example/hooks/shopee|{\"code\":3}")
        #expect(signer.verifyPush(url: "https://ocopsync.example/hooks/shopee", body: body, authorization: good))
        #expect(!signer.verifyPush(url: "https://ocopsync.example/hooks/other", body: body, authorization: good))
    }
}
