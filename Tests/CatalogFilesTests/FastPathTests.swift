import Foundation
import Testing
import CatalogFiles
import OCOPCatalog

/// The shortcuts of the reader and of the update give what the long way gives.
@Suite struct FastPathTests {
    /// A row whose producer details differ from the row that declared the producer in one field only is still
    /// refused (a row that repeats them byte for byte is not parsed again).
    @Test(arguments: [("producer_name", "HTX Trà hoa vàng Ba Chẽ mới"), ("producer_type", "household"), ("district", "Tiên Yên"),
                      ("commune", "Thanh Lâm"), ("producer_phone", "0203 3845 124"), ("producer_phone", "")])
    func aProducerDetailDifferingInOneRowIsFound(field: String, value: String) {
        let issues = Fixtures.issues(Fixtures.csv(
            Fixtures.row(), Fixtures.row(sku: "QN-BC-0002"), Fixtures.row(sku: "QN-BC-0003", [field: value]), Fixtures.row(sku: "QN-BC-0004")))
        #expect(issues.map(\.description) == ["in.csv:4: producer_id: producer 'htx-tra-hoa-vang-ba-che' differs from line 2 (\(field))"])
    }

    /// A producer's row that failed its check is checked again on its next row, with the same problem.
    @Test func aBadProducerRowIsReportedOnEveryRow() {
        let issues = Fixtures.issues(Fixtures.csv(
            Fixtures.row(["producer_type": "guild"]), Fixtures.row(sku: "QN-BC-0002", ["producer_type": "guild"])))
        #expect(issues.map(\.line) == [2, 3])
        #expect(issues.allSatisfy { $0.field == "producer_type" })
    }

    /// Quoted fields, with and without doubled quotes, on one line and over several.
    @Test func quotedFieldsAreReadAsWritten() throws {
        let descriptions = ["Trà, hoa vàng", "Trà \"hoa\" vàng", "\"\"", "dòng 1\ndòng 2, \"3\"", "a\"", ","]
        let rows = descriptions.enumerated().map { Fixtures.row(sku: "QN-BC-000\($0.offset + 1)", ["description": $0.element]) }
        let catalog = try CatalogReader.read(Fixtures.csv(rows[0], rows[1], rows[2], rows[3], rows[4], rows[5]), format: .csv, file: "in.csv")
        #expect(catalog.products.map(\.description) == descriptions)
    }

    /// `key=value` lists split by bytes where that is the same as by characters, and by characters elsewhere: the
    /// same values and problems as the way by characters and Foundation's trimming throughout.
    @Test func keyedValuesAsByCharacters() {
        let texts = [
            "", ";", " ; ; ", "shelf_life=12 tháng", "a=1; b=2", " a = 1 ;b=2 ", "a=1;a=2", "a", "=1", "a=", "a=b=c",
            "hạn=12 tháng; vùng=Ba Chẽ", "\u{00A0}a=1\u{00A0}", "a=\u{3000}1\u{3000}", "\ta=1\t", "a;\u{0301}=1", "a=1;\u{0301}b=2",
            "é=1", "a\u{0301}=1", "a=\u{0301}1", "k=v\u{00A0}; k2=v2", "x=1;;y=2", "a =;", "; =1",
        ]
        for text in texts {
            #expect(describe(KeyedValues.parse(text).mapError { Message(text: $0.message) }) == describe(Self.byCharacters(text)), "\(text.debugDescription)")
        }
    }

    private struct Message: Error { var text: String }

    private func describe(_ result: Result<[String: String], Message>) -> String {
        switch result {
        case .success(let values): "ok " + values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "|")
        case .failure(let message): "problem " + message.text
        }
    }

    /// The parse as it was written first: characters and Foundation throughout.
    private static func byCharacters(_ text: String) -> Result<[String: String], Message> {
        var values: [String: String] = [:]
        for entry in text.split(separator: ";") {
            let trimmed = entry.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            guard let equals = trimmed.firstIndex(of: "=") else {
                return .failure(Message(text: "'\(trimmed)' is not key=value (entries are separated by ';')"))
            }
            let key = trimmed[..<equals].trimmingCharacters(in: .whitespaces)
            let value = trimmed[trimmed.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty, !value.isEmpty else { return .failure(Message(text: "'\(trimmed)' needs a key and a value")) }
            guard values.updateValue(value, forKey: key) == nil else { return .failure(Message(text: "'\(key)' is given twice")) }
        }
        return .success(values)
    }
}
