import Foundation

/// Where commands write: results to stdout, progress and problems to stderr.
enum Terminal {
    /// Whether stderr is a terminal (progress can redraw a line) or a log (one plain line per step).
    static let stderrIsTerminal = isatty(STDERR_FILENO) == 1

    /// How many columns stderr's terminal has; nil when it is not a terminal or does not say.
    static var columns: Int? {
        var size = winsize()
        guard withUnsafeMutablePointer(to: &size, { ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), $0) }) == 0, size.ws_col > 0 else { return nil }
        return Int(size.ws_col)
    }

    static func error(_ message: String) {
        standardError(message + "\n")
    }

    /// Writes `text` to stderr as it is.
    static func standardError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// A progress step: redrawn in place on a terminal, a plain `ocopsync: …` line otherwise.
    static func progress(_ message: String, done: Bool = true) {
        if stderrIsTerminal {
            let line = "\r\u{1B}[2K" + message + (done ? "\n" : "")
            FileHandle.standardError.write(Data(line.utf8))
        } else if done {
            error("ocopsync: " + message)
        }
    }
}

/// Standard output as a `TextOutputStream`, buffered.
struct StandardOutput: TextOutputStream {
    private var buffer: [UInt8] = []

    mutating func write(_ string: String) {
        buffer.append(contentsOf: string.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        FileHandle.standardOutput.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}
