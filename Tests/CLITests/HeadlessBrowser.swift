import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Debian's Chromium, headless, driven through the DevTools protocol over `--remote-debugging-pipe` (file
/// descriptors 3 and 4, messages ending in NUL): open a page, read it, fill a form and press a button as a
/// person would. Used where a page test must act, not only read (the consent pages of the connect flow).
final class HeadlessBrowser: @unchecked Sendable {
    // @unchecked: the pipe ends and the message counter are used by one test task at a time (calls are sequential).
    private let pid: pid_t
    private let commands: FileHandle
    private let events: FileHandle
    private var buffer = Data()
    private var nextID = 1
    private var session = ""

    /// Starts Chromium on `about:blank` with a fresh profile in `profile`.
    init(chromium: String, profile: URL) throws {
        var toBrowser: [Int32] = [0, 0], fromBrowser: [Int32] = [0, 0]
        guard pipe(&toBrowser) == 0, pipe(&fromBrowser) == 0 else { throw BrowserFailure("pipe failed") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, toBrowser[0], 3)
        posix_spawn_file_actions_adddup2(&actions, fromBrowser[1], 4)
        let devNull = Glibc.open("/dev/null", O_WRONLY)
        posix_spawn_file_actions_adddup2(&actions, devNull, 1)
        posix_spawn_file_actions_adddup2(&actions, devNull, 2)
        let arguments = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-dev-shm-usage",
                         "--remote-debugging-pipe", "--user-data-dir=\(profile.path)", "about:blank"]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        let spawned = posix_spawn(&child, chromium, &actions, nil, &argv, environ)
        Glibc.close(toBrowser[0])
        Glibc.close(fromBrowser[1])
        Glibc.close(devNull)
        guard spawned == 0 else { throw BrowserFailure("cannot start \(chromium): \(spawned)") }
        pid = child
        commands = FileHandle(fileDescriptor: toBrowser[1], closeOnDealloc: true)
        events = FileHandle(fileDescriptor: fromBrowser[0], closeOnDealloc: true)
        let target = try send("Target.createTarget", ["url": "about:blank"])
        guard let targetID = target["targetId"] as? String else { throw BrowserFailure("no target: \(target)") }
        let attached = try send("Target.attachToTarget", ["targetId": targetID, "flatten": true])
        guard let session = attached["sessionId"] as? String else { throw BrowserFailure("not attached: \(attached)") }
        self.session = session
        _ = try send("Page.enable", [:], inSession: true)
        _ = try send("Runtime.enable", [:], inSession: true)
    }

    deinit { close() }

    func close() {
        guard kill(pid, 0) == 0 else { return }
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
    }

    /// Opens `url` and waits until the page (after any redirects) has loaded.
    func open(_ url: String, within seconds: Double = 20) throws {
        _ = try send("Page.navigate", ["url": url], inSession: true)
        try waitForLoad(within: seconds)
    }

    /// The value of a JavaScript expression in the page (strings, numbers, booleans).
    func evaluate(_ expression: String) throws -> Any? {
        let answer = try send("Runtime.evaluate", ["expression": expression, "returnByValue": true, "awaitPromise": true], inSession: true)
        if let exception = answer["exceptionDetails"] { throw BrowserFailure("script failed: \(exception)") }
        return (answer["result"] as? [String: Any])?["value"]
    }

    /// The page's address now.
    var location: String { ((try? evaluate("location.href")) as? String) ?? "" }

    /// The page's text as a person reads it.
    var text: String { ((try? evaluate("document.body ? document.body.innerText : ''")) as? String) ?? "" }

    /// Types `value` into the field `selector`.
    func fill(_ selector: String, _ value: String) throws {
        let script = "(() => { const e = document.querySelector(\(Self.quoted(selector))); if (!e) return false; e.focus(); e.value = \(Self.quoted(value)); e.dispatchEvent(new Event('input', {bubbles: true})); return true })()"
        guard try evaluate(script) as? Bool == true else { throw BrowserFailure("no field \(selector) on \(location):\n\(text)") }
    }

    /// Presses the button `selector` and waits for the page it leads to.
    func click(_ selector: String, within seconds: Double = 20) throws {
        let before = location
        guard try evaluate("(() => { const e = document.querySelector(\(Self.quoted(selector))); if (!e) return false; e.click(); return true })()") as? Bool == true else {
            throw BrowserFailure("no button \(selector) on \(before):\n\(text)")
        }
        try waitForLoad(within: seconds)
    }

    /// Lays pages out as a screen `width` × `height` CSS pixels wide would (a phone's when `mobile`: its viewport
    /// meta tag honoured), for the pages opened after.
    func emulate(width: Int, height: Int, mobile: Bool) throws {
        _ = try send("Emulation.setDeviceMetricsOverride", ["width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile], inSession: true)
    }

    /// The whole page as PNG, at the width emulated (``emulate(width:height:mobile:)``), as tall as its content.
    func screenshot() throws -> Data {
        let width = try evaluate("window.innerWidth") as? Int ?? 0
        let height = try evaluate("document.documentElement.scrollHeight") as? Int ?? 0
        let clip: [String: Any] = ["x": 0, "y": 0, "width": width, "height": height, "scale": 1]
        let answer = try send("Page.captureScreenshot", ["format": "png", "captureBeyondViewport": true, "clip": clip], inSession: true)
        guard let text = answer["data"] as? String, let png = Data(base64Encoded: text) else { throw BrowserFailure("no screenshot") }
        return png
    }

    // MARK: The protocol

    private func waitForLoad(within seconds: Double) throws {
        let deadline = Date().addingTimeInterval(seconds)
        var seenLoad = false
        while Date() < deadline {
            if let message = try read(until: deadline), message["method"] as? String == "Page.loadEventFired" { seenLoad = true }
            if seenLoad, (try? evaluate("document.readyState")) as? String == "complete" { return }
        }
        throw BrowserFailure("the page did not load within \(seconds) s (at \(location))")
    }

    private func send(_ method: String, _ parameters: [String: Any], inSession: Bool = false) throws -> [String: Any] {
        let id = nextID
        nextID += 1
        var message: [String: Any] = ["id": id, "method": method, "params": parameters]
        if inSession { message["sessionId"] = session }
        commands.write(try JSONSerialization.data(withJSONObject: message) + Data([0]))
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            guard let answer = try read(until: deadline), answer["id"] as? Int == id else { continue }
            if let error = answer["error"] { throw BrowserFailure("\(method): \(error)") }
            return answer["result"] as? [String: Any] ?? [:]
        }
        throw BrowserFailure("\(method): no answer")
    }

    /// The next message from the browser (an answer or an event), or nil at the deadline.
    private func read(until deadline: Date) throws -> [String: Any]? {
        while true {
            if let end = buffer.firstIndex(of: 0) {
                let message = buffer[buffer.startIndex..<end]
                buffer = Data(buffer[buffer.index(after: end)...])
                return try JSONSerialization.jsonObject(with: message) as? [String: Any]
            }
            let left = deadline.timeIntervalSinceNow
            guard left > 0 else { return nil }
            var poller = pollfd(fd: events.fileDescriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, Int32(min(left, 1) * 1000)) > 0 else { continue }
            let chunk = events.availableData
            guard !chunk.isEmpty else { throw BrowserFailure("the browser closed its pipe") }
            buffer += chunk
        }
    }

    static func quoted(_ text: String) -> String {
        String(decoding: (try? JSONSerialization.data(withJSONObject: [text])) ?? Data("[\"\"]".utf8), as: UTF8.self).dropFirst().dropLast().description
    }
}

struct BrowserFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
