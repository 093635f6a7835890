import CQRencode

/// A QR code drawn by libqrencode (Debian's libqrencode-dev), for a link a cooperative scans with its phone:
/// in a terminal (half blocks, two rows of modules per line) and as SVG on a page.
public struct QRCode: Sendable {
    /// The modules, row by row; `true` is dark.
    public let modules: [[Bool]]

    /// The code of `text` at error correction level M; `nil` when libqrencode cannot encode it.
    public init?(_ text: String) {
        guard let code = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1) else { return nil }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        let data = code.pointee.data!
        modules = (0..<width).map { row in (0..<width).map { column in data[row * width + column] & 1 == 1 } }
    }

    /// The code for a terminal: dark modules as blocks on a light background, with the quiet zone
    /// around it that scanners need (four modules).
    public var terminalText: String {
        let quiet = 4
        let width = modules.count + 2 * quiet
        func dark(_ row: Int, _ column: Int) -> Bool {
            let (r, c) = (row - quiet, column - quiet)
            return r >= 0 && c >= 0 && r < modules.count && c < modules.count && modules[r][c]
        }
        var lines: [String] = []
        for row in stride(from: 0, to: width, by: 2) {
            var line = ""
            for column in 0..<width {
                // Light on dark terminals and dark on light ones alike: the blocks draw the light modules.
                switch (dark(row, column), dark(row + 1, column)) {
                case (false, false): line += "█"
                case (false, true): line += "▀"
                case (true, false): line += "▄"
                case (true, true): line += " "
                }
            }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    /// The code as an SVG image, `size` pixels wide, with its quiet zone.
    public func svg(size: Int = 200) -> String {
        let quiet = 4
        let width = modules.count + 2 * quiet
        var path = ""
        for (row, modulesOfRow) in modules.enumerated() {
            for (column, isDark) in modulesOfRow.enumerated() where isDark {
                path += "M\(column + quiet) \(row + quiet)h1v1h-1z"
            }
        }
        return """
            <svg xmlns="http://www.w3.org/2000/svg" class="qr" width="\(size)" height="\(size)" viewBox="0 0 \(width) \(width)" shape-rendering="crispEdges">\
            <rect width="\(width)" height="\(width)" fill="#fff"/><path fill="#000" d="\(path)"/></svg>
            """
    }
}
