import Foundation

/// CSV as spreadsheets read it: UTF-8 behind a byte-order mark (without it Excel reads Vietnamese as
/// Windows-1252), RFC 4180 quoting, one table per file.
public enum CSVText {
    /// U+FEFF, written first: Excel then reads the file as UTF-8.
    public static let byteOrderMark = "\u{FEFF}"

    /// The document: the mark, the header, one line per row.
    public static func document(header: [String], rows: [[String]]) -> String {
        var text = byteOrderMark + header.map(field).joined(separator: ",") + "\n"
        for row in rows { text += row.map(field).joined(separator: ",") + "\n" }
        return text
    }

    /// A field quoted where it must be.
    public static func field(_ text: String) -> String {
        text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }
}
