import Synchronization

/// Progress of long work on stderr. On a terminal one line, redrawn at most ten times a second:
/// `label [#####...............] 1,234/5,000 rows · 25 % · 0:42 left`, the time left worked out from the rate
/// so far once there is one. Into a log (stderr not a terminal), a plain line at most every ``logInterval``,
/// and the last line that ``finish(_:)`` writes: a journal or a file stays readable.
final class ProgressBar: Sendable {
    enum Mode: Sendable {
        /// A line redrawn in place.
        case terminal
        /// Plain lines, a few of them.
        case log
    }

    /// The least time between two redraws on a terminal.
    static let redrawInterval: Duration = .milliseconds(100)
    /// The least time between two lines in a log.
    static let logInterval: Duration = .seconds(5)
    /// How long the rate is measured before a time left is shown.
    static let rateWarmUp: Duration = .seconds(1)
    /// Cells of the bar.
    static let width = 20

    private struct State {
        /// When the last line was drawn (or the bar made).
        var drawnAt: Duration
        var drewOnce = false
        /// The first count seen and when: the rate is measured from there.
        var baseline: (count: Int, at: Duration)?
        var finished = false
    }

    private let label: String
    private let unit: String
    private let mode: Mode
    /// A terminal's width: a longer line would wrap, and the next redraw would clear only its last part.
    private let columns: Int?
    private let now: @Sendable () -> Duration
    private let sink: @Sendable (String) -> Void
    private let state: Mutex<State>

    /// - Parameters:
    ///   - label: what is under way (`importing seeds/catalog.csv`).
    ///   - unit: what is counted, plural (`rows`).
    ///   - columns: the terminal's width; a line is cut to fit.
    ///   - now: a monotonic clock, as the time since some fixed start.
    ///   - sink: where the text goes (stderr).
    init(_ label: String, unit: String, mode: Mode = Terminal.stderrIsTerminal ? .terminal : .log, columns: Int? = Terminal.columns,
         now: @escaping @Sendable () -> Duration = ProgressBar.monotonic(), sink: @escaping @Sendable (String) -> Void = Terminal.standardError) {
        self.label = label
        self.unit = unit
        self.mode = mode
        self.columns = columns
        self.now = now
        self.sink = sink
        state = Mutex(State(drawnAt: now()))
    }

    /// The time since the call, by the continuous clock.
    static func monotonic() -> @Sendable () -> Duration {
        let start = ContinuousClock.now
        return { ContinuousClock.now - start }
    }

    /// `done` of `total` (`nil`: not known), with a `note` after the figures. A time left is shown only while
    /// `totalSettled` (a total that still grows would make it too short). Draws only when the last line is old enough.
    func update(_ done: Int, of total: Int?, note: String? = nil, totalSettled: Bool = true) {
        let time = now()
        let text: String? = state.withLock { state in
            guard !state.finished else { return nil }
            if state.baseline == nil { state.baseline = (done, time) }
            let interval = mode == .terminal ? Self.redrawInterval : Self.logInterval
            let first = mode == .terminal && !state.drewOnce
            guard first || time - state.drawnAt >= interval else { return nil }
            state.drawnAt = time
            state.drewOnce = true
            let left = totalSettled ? Self.timeLeft(done: done, total: total, since: state.baseline!, at: time) : nil
            let figures = Figures(done: done, total: total, unit: unit, left: left, note: note)
            return mode == .terminal ? "\r\u{1B}[2K" + fitted(label + " " + figures.bar) : "ocopsync: " + label + ": " + figures.plain + "\n"
        }
        if let text { sink(text) }
    }

    /// `line` cut to leave the terminal's last column free.
    private func fitted(_ line: String) -> String {
        guard let columns, line.count >= columns else { return line }
        return String(line.prefix(max(0, columns - 1)))
    }

    /// Ends the bar with a line that stays: on a terminal it replaces the bar (or the line before it); in a log it is
    /// the last line. Later updates draw nothing.
    func finish(_ summary: String) {
        let first: Bool = state.withLock { state in
            defer { state.finished = true }
            return !state.finished
        }
        guard first else { return }
        switch mode {
        case .terminal: sink("\r\u{1B}[2K" + summary + "\n")
        case .log: sink("ocopsync: " + summary + "\n")
        }
    }

    /// The time left at the rate since `baseline`, once it has been measured for ``rateWarmUp`` and work was done.
    static func timeLeft(done: Int, total: Int?, since baseline: (count: Int, at: Duration), at time: Duration) -> Duration? {
        guard let total, done < total else { return nil }
        let elapsed = time - baseline.at
        let progressed = done - baseline.count
        guard elapsed >= rateWarmUp, progressed > 0 else { return nil }
        let seconds = elapsed / .seconds(1) * Double(total - done) / Double(progressed)
        return .seconds(seconds.rounded())
    }
}

extension ProgressBar {
    /// What one line shows, as a bar (terminal) or as plain words (log).
    struct Figures: Equatable {
        var done: Int
        var total: Int?
        var unit: String
        var left: Duration?
        var note: String?

        /// `[#####...............] 1,234/5,000 rows · 25 % · 0:42 left`; without a total, `1,234 rows`.
        var bar: String {
            var parts: [String] = []
            if let total, total > 0 {
                let filled = min(ProgressBar.width, done * ProgressBar.width / total)
                let cells = String(repeating: "#", count: filled) + String(repeating: ".", count: ProgressBar.width - filled)
                parts = ["[\(cells)] \(done.grouped)/\(total.grouped) \(unit)", "\(percent(of: total)) %"]
            } else {
                parts = ["\(done.grouped) \(unit)"]
            }
            if let left { parts.append("\(left.clock) left") }
            if let note { parts.append(note) }
            return parts.joined(separator: " · ")
        }

        /// `1,234/5,000 rows (25 %), 0:42 left`.
        var plain: String {
            var text = total.map { "\(done.grouped)/\($0.grouped) \(unit)" + ($0 > 0 ? " (\(percent(of: $0)) %)" : "") } ?? "\(done.grouped) \(unit)"
            if let left { text += ", \(left.clock) left" }
            if let note { text += "; \(note)" }
            return text
        }

        private func percent(of total: Int) -> Int { min(100, done * 100 / total) }
    }
}

extension Int {
    /// With a comma between thousands: `12,345`.
    var grouped: String {
        let digits = String(magnitude)
        var result = ""
        for (position, digit) in digits.enumerated() {
            if position > 0, (digits.count - position) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return (self < 0 ? "-" : "") + result
    }
}

extension Duration {
    /// `0:42`, `12:05`, `1:02:03`.
    var clock: String {
        let total = Int(components.seconds)
        let (hours, minutes, seconds) = (total / 3600, total / 60 % 60, total % 60)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return hours > 0 ? "\(hours):\(two(minutes)):\(two(seconds))" : "\(minutes):\(two(seconds))"
    }
}
