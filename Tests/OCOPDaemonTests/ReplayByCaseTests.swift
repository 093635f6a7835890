import Foundation
import Logging
import MarketplaceAdapter
import NIOCore
import OCOPConfig
@testable import OCOPDaemon
import OCOPStore
import PlatformManifest
import ShopeeAdapter
import Testing

/// A captured push sent again with its signature's hex in other letters is the same push: the signature is
/// checked as bytes, and the message is known by its content, so each variant is answered as received and
/// nothing is done twice. A signature off by one digit, or not hex, is refused.
@Suite struct ReplayByCaseTests {
    @Test func aPushReplayedWithItsSignatureInOtherLettersIsARepeat() async throws {
        let (supervisor, _) = try await RevocationPushTests.shopeeSupervisor()
        let url = "http://localhost/webhooks/shopee"
        let body = #"{"code": 3, "shop_id": 801234567, "timestamp": 1764680000, "data": {"ordersn": "2512020001ABCD", "status": "READY_TO_SHIP", "update_time": 1764680000}}"#
        let signature = Signing.hmacSHA256Hex(key: "key", message: Array((url + "|" + body).utf8))
        func send(_ authorization: String) async -> WebhookVerdict {
            await supervisor.receiveWebhook(platform: "shopee", WebhookRequest(url: url, headers: ["authorization": authorization], body: Array(body.utf8)))
        }

        guard case .accepted = await send(signature) else { Issue.record("the first push is taken"); return }
        let letters = signature.enumerated().filter { $0.element.isLetter }.map(\.offset)
        #expect(letters.count >= 5)
        var variants: Set<String> = []
        for pattern in 1...21 {
            var characters = Array(signature)
            for (bit, offset) in letters.prefix(5).enumerated() where pattern & (1 << bit) != 0 {
                characters[offset] = Character(characters[offset].uppercased())
            }
            variants.insert(String(characters))
        }
        variants.insert(signature.uppercased())
        #expect(variants.count == 22)
        for variant in variants {
            let verdict = await send(variant)
            guard case .repeated(let account, _) = verdict else {
                Issue.record("\(variant): \(verdict), expected a repeat")
                continue
            }
            #expect(account == "shopee-a")
        }
        var forged = Array(signature)
        forged[0] = forged[0] == "0" ? "1" : "0"
        #expect(await send(String(forged)) == .badSignature)
        #expect(await send(signature + "00") == .badSignature)
        #expect(await send(String(signature.dropLast(2)) + "zz") == .badSignature)
        #expect(await send("") == .badSignature)
    }
}

@Suite struct SigningTests {
    @Test func hexIsDecodedInEitherCaseAndAnythingElseRefused() {
        #expect(Signing.bytes(hex: "0aFF10") == [0x0a, 0xff, 0x10])
        #expect(Signing.bytes(hex: "0aF") == nil)
        #expect(Signing.bytes(hex: "0g") == nil)
        #expect(Signing.bytes(hex: "") == nil)
        let message = Array("message".utf8)
        let hex = Signing.hmacSHA256Hex(key: "k", message: message)
        #expect(Signing.verifiesHMACSHA256Hex(hex.uppercased(), key: "k", message: message))
        #expect(!Signing.verifiesHMACSHA256Hex(hex, key: "other", message: message))
        #expect(Signing.sameSecret("Key-1", "Key-1"))
        #expect(!Signing.sameSecret("Key-1", "key-1"), "a secret that is not hex keeps its case")
    }
}
