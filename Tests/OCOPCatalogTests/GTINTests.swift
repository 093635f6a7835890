import Testing
import OCOPCatalog

@Suite struct GTINTests {
    @Test func acceptsValidCheckDigits() {
        // GS1's worked example and a Vietnamese 893 code.
        #expect(GTIN.problem(with: "4006381333931") == nil)
        #expect(GTIN.problem(with: "8934563138165") == nil)
        #expect(GTIN.problem(with: "96385074") == nil)
    }

    @Test func rejectsWrongCheckDigitWithTheExpectedOne() {
        #expect(GTIN.problem(with: "8934563138164") == "check digit is 4, expected 5")
    }

    @Test func rejectsWrongLengthsAndLetters() {
        #expect(GTIN.problem(with: "8934563131")?.contains("8, 12, 13 or 14 digits") == true)
        #expect(GTIN.problem(with: "893456313816A")?.contains("digits only") == true)
        #expect(GTIN.problem(with: "89345631381") != nil)
    }
}
