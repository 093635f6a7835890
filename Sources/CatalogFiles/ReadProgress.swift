#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How far a check of a catalog file has come: the rows (variants) checked, of about how many the file holds.
public struct ReadProgress: Equatable, Sendable {
    /// Rows between two reports: often enough for a progress bar, rarely enough to cost nothing.
    public static let interval = 1_000

    public var rows: Int
    /// Counted before the check (a CSV's lines, a JSON file's variants); a quoted field over several lines makes it a little high.
    public var expectedRows: Int?

    public init(rows: Int, expectedRows: Int?) {
        self.rows = rows
        self.expectedRows = expectedRows
    }

    /// The lines after a CSV's header: its rows, unless a quoted field spans lines. `memchr` counts 45 MB in 5 ms,
    /// a byte loop in 35 ms.
    static func csvRows(_ body: ArraySlice<UInt8>) -> Int {
        var lines = body.last == UInt8(ascii: "\n") || body.isEmpty ? 0 : 1
        body.withUnsafeBytes { bytes in
            guard var cursor = bytes.baseAddress else { return }
            let end = cursor + bytes.count
            while cursor < end, let found = memchr(cursor, Int32(UInt8(ascii: "\n")), end - cursor) {
                lines += 1
                cursor = UnsafeRawPointer(found) + 1
            }
        }
        return max(0, lines - 1)
    }
}
