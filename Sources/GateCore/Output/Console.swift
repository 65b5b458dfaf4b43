import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where gate talks to the user (stderr). On a TTY it keeps one live progress line and uses colour;
/// otherwise it prints plain lines. `NO_COLOR` turns colour off, `CLICOLOR_FORCE` on.
/// Everything printed goes through `TerminalText`: text from tests, providers or hook input cannot move the cursor,
/// clear the screen, set the title or the clipboard; only gate's own colours survive.
public final class Console: @unchecked Sendable {
    public enum Style: String, CaseIterable { case red = "31", green = "32", yellow = "33", bold = "1", dim = "2", cyan = "36" }

    /// The escape sequences `styled` writes: the only ones a printed line may keep.
    static let ownSequences: Set<String> = Set(Style.allCases.map { "\u{1B}[\($0.rawValue)m" } + ["\u{1B}[0m"])

    public let isInteractive: Bool
    public let usesColor: Bool
    /// Seconds between heartbeat lines while suites run and stderr is not a terminal (CI, GUI clients, `2>log`):
    /// `GATE_HEARTBEAT` (seconds, default 15; 0 turns them off).
    public let heartbeatInterval: Double
    public static let heartbeatVariable = "GATE_HEARTBEAT"
    private let lock = NSLock()
    private var progressShown = false
    private var passthroughStream = TerminalTextStream()

    public init(environment: [String: String] = ProcessInfo.processInfo.environment, plain: Bool = false) {
        let tty = isatty(STDERR_FILENO) == 1
        isInteractive = tty && !plain && environment["TERM"] != "dumb"
        heartbeatInterval = environment[Self.heartbeatVariable].flatMap(Double.init).flatMap { $0.isFinite && $0 >= 0 ? $0 : nil } ?? 15
        if plain || environment["NO_COLOR"].map({ !$0.isEmpty }) == true {
            usesColor = false
        } else if let force = environment["CLICOLOR_FORCE"], !force.isEmpty, force != "0" {
            usesColor = true
        } else {
            usesColor = isInteractive
        }
    }

    public func styled(_ text: String, _ style: Style) -> String {
        usesColor ? "\u{1B}[\(style.rawValue)m\(text)\u{1B}[0m" : text
    }

    /// Prints a line, clearing the progress line first.
    public func line(_ text: String = "") {
        lock.lock()
        defer { lock.unlock() }
        var output = progressShown ? "\r\u{1B}[2K" : ""
        progressShown = false
        output += printable(text) + "\n"
        Self.write(output)
    }

    /// Replaces the live progress line (TTY only; ignored otherwise).
    public func progress(_ text: String) {
        guard isInteractive else { return }
        lock.lock()
        defer { lock.unlock() }
        progressShown = true
        let width = 100
        let text = TerminalText.sanitize(text).replacingOccurrences(of: "\n", with: " ")
        let clipped = text.count > width ? String(text.prefix(width - 1)) + "…" : text
        Self.write("\r\u{1B}[2K" + styled(clipped, .dim))
    }

    /// A progress line for a reader without a terminal: printed as a plain line, only when there is no live line.
    public func heartbeat(_ text: String) {
        guard !isInteractive else { return }
        line(text)
    }

    public func clearProgress() {
        lock.lock()
        defer { lock.unlock() }
        if progressShown { Self.write("\r\u{1B}[2K") }
        progressShown = false
    }

    /// Test output, passed through as it arrives (plain mode and `--verbose`), with control and escape sequences removed.
    public func passthrough(_ bytes: [UInt8]) {
        lock.lock()
        defer { lock.unlock() }
        if progressShown { Self.write("\r\u{1B}[2K"); progressShown = false }
        Self.write(passthroughStream.feed(bytes))
    }

    /// `text` without control or escape sequences, except gate's own colours when colour is on.
    func printable(_ text: String) -> String {
        TerminalText.sanitize(text, keeping: usesColor ? Self.ownSequences : [])
    }

    private static func write(_ text: String) { write(Array(text.utf8)) }

    private static func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(STDERR_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
                if written <= 0 { if errno == EINTR { continue }; return }
                offset += written
            }
        }
    }
}
