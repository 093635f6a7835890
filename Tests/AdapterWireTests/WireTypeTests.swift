import Foundation
import MarketplaceAdapter
import Testing

/// The shared wire helpers: lenient numbers, strict ids, lenient extras, request encoding.
@Suite struct WireTypeTests {
    struct Numbers: Decodable {
        let value: FlexibleInt
    }

    struct Identified: Decodable {
        let id: FlexibleID
    }

    struct Extras: Decodable {
        @Lenient var barcode: String?
    }

    struct Present: Decodable {
        let result: UnreadValue
    }

    private func number(_ json: String) -> Int? {
        try? WireCoding.decode(Numbers.self, from: WireFixtures.bytes(#"{"value": \#(json)}"#)).value.value
    }

    private func id(_ json: String) -> String? {
        try? WireCoding.decode(Identified.self, from: WireFixtures.bytes(#"{"id": \#(json)}"#)).id.value
    }

    @Test func wholeNumbersComeAsNumbersOrNumericStrings() {
        #expect(number("12") == 12)
        #expect(number("12.0") == 12)
        #expect(number(#""12""#) == 12)
        #expect(number(#""150000.00""#) == 150_000)
        #expect(number("12.5") == nil)
        #expect(number(#""twelve""#) == nil)
        #expect(number("true") == nil)
        #expect(number("null") == nil)
    }

    @Test func idsAreNumbersOrDigitsAndNeverEmpty() {
        #expect(id("2300000001") == "2300000001")
        #expect(id(#""142873645429""#) == "142873645429")
        #expect(id(#""""#) == nil)
        #expect(id(#""abc""#) == nil)
        #expect(id("1.5") == nil)
        #expect(id("null") == nil)
    }

    @Test func aMalformedAnswerSaysWhereItFailed() {
        let error = #expect(throws: AdapterError.self) {
            try WireCoding.decode(Identified.self, from: WireFixtures.bytes(#"{"name": "x"}"#))
        }
        guard case .malformedResponse(let message)? = error else { Issue.record("not malformed: \(String(describing: error))"); return }
        #expect(message.contains("lacks id"))
    }

    @Test func lenientExtrasReadAnotherTypeAsAbsent() throws {
        #expect(try WireCoding.decode(Extras.self, from: WireFixtures.bytes(#"{"barcode": "893"}"#)).barcode == "893")
        #expect(try WireCoding.decode(Extras.self, from: WireFixtures.bytes(#"{"barcode": 893}"#)).barcode == nil)
        #expect(try WireCoding.decode(Extras.self, from: WireFixtures.bytes(#"{}"#)).barcode == nil)
    }

    @Test func anUnreadValueMustBeThereEvenAsNull() throws {
        _ = try WireCoding.decode(Present.self, from: WireFixtures.bytes(#"{"result": null}"#))
        #expect(throws: AdapterError.self) { try WireCoding.decode(Present.self, from: WireFixtures.bytes(#"{"success": true}"#)) }
        #expect(throws: AdapterError.self) { try WireCoding.decode(UnreadObject.self, from: WireFixtures.bytes("[1]")) }
    }

    @Test func requestsHaveSortedKeysAndPlainSlashes() throws {
        struct Body: Encodable {
            let url: String
            let amount: Double
            let name: String
        }
        #expect(try WireCoding.string(Body(url: "https://img.example/a.jpg", amount: 150_000, name: "Trà")) ==
                #"{"amount":150000,"name":"Trà","url":"https://img.example/a.jpg"}"#)
    }

    @Test func anIDThatIsNotANumberIsRefused() throws {
        #expect(throws: AdapterError.rejected(code: "bad_id", message: #"item_id "abc" is not a positive whole number"#)) {
            try RemoteID("abc").number()
        }
        #expect(throws: AdapterError.self) { try RemoteID("0").number() }
        #expect(try RemoteID("2300000001").number() == 2_300_000_001)
    }
}
