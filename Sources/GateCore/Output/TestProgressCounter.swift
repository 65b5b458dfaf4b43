/// Counts the tests a running suite has finished, from the output its runner streams while it runs: `go test -json`
/// events, pytest's `-q` progress characters, node's `spec` reporter lines, and swift's XCTest and Swift Testing result
/// lines. A command suite streams nothing gate can read, so it has no count (nil).
public struct TestProgressCounter: Sendable {
    public let runner: RunnerKind
    public private(set) var finished = 0
    public private(set) var failed = 0
    private var partial: [UInt8] = []
    /// node prints a "failing tests" recap at the end; its lines are not new results.
    private var inRecap = false

    public init(runner: RunnerKind) { self.runner = runner }

    /// Whether this runner's stream can be counted at all.
    public var counts: Bool { runner != .command }

    /// Finished tests, the line being written included (pytest writes one character per test, the newline much later).
    public var current: (finished: Int, failed: Int) {
        guard runner == .pytest, let line = String(validating: partial, as: UTF8.self) else { return (finished, failed) }
        let progress = Self.pytestProgress(line)
        return (finished + progress.finished, failed + progress.failed)
    }

    public mutating func feed(_ bytes: [UInt8]) {
        guard counts else { return }
        for byte in bytes {
            if byte == UInt8(ascii: "\n") {
                take(String(decoding: partial, as: UTF8.self))
                partial.removeAll(keepingCapacity: true)
            } else if partial.count < 64 << 10 {
                partial.append(byte)
            }
        }
    }

    private mutating func take(_ line: String) {
        let result: (finished: Int, failed: Int)
        switch runner {
        case .go: result = Self.goEvent(line)
        case .pytest: result = Self.pytestProgress(line)
        case .node: result = nodeLine(line)
        case .swift: result = Self.swiftLine(line)
        case .command: result = (0, 0)
        }
        finished += result.finished
        failed += result.failed
    }

    /// `{"Action":"pass","Package":"…","Test":"TestX",…}`: one finished test (subtests count too).
    static func goEvent(_ line: String) -> (finished: Int, failed: Int) {
        guard line.hasPrefix("{"), line.contains("\"Test\":") else { return (0, 0) }
        if line.contains("\"Action\":\"fail\"") { return (1, 1) }
        if line.contains("\"Action\":\"pass\"") || line.contains("\"Action\":\"skip\"") { return (1, 0) }
        return (0, 0)
    }

    /// `..F.s    [ 40%]`: one character per finished test (`F` and `E` failed).
    static func pytestProgress(_ line: String) -> (finished: Int, failed: Int) {
        var marks = Substring(line)
        if let bracket = marks.range(of: "[", options: .backwards), marks.hasSuffix("%]") { marks = marks[..<bracket.lowerBound] }
        marks = marks.drop { $0 == " " }
        while marks.last == " " { marks = marks.dropLast() }
        guard !marks.isEmpty, marks.allSatisfy({ ".FEsxX".contains($0) }) else { return (0, 0) }
        return (marks.count, marks.count { $0 == "F" || $0 == "E" })
    }

    /// `✔ name (1.2ms)`, `✖ name (3ms)`, `﹣ name (0.1ms) # SKIP`; `▶` lines are suites.
    private mutating func nodeLine(_ line: String) -> (finished: Int, failed: Int) {
        let text = line.drop { $0 == " " }
        if text.hasPrefix("✖ failing tests") { inRecap = true }
        guard !inRecap else { return (0, 0) }
        if text.hasPrefix("✖ ") { return (1, 1) }
        if text.hasPrefix("✔ ") || text.hasPrefix("﹣ ") { return (1, 0) }
        return (0, 0)
    }

    /// XCTest `Test Case '…' passed (0.1 seconds).` and Swift Testing `✔ Test f() passed after 0.1 seconds.`
    static func swiftLine(_ line: String) -> (finished: Int, failed: Int) {
        if line.hasPrefix("["), line.contains("] Testing ") { return (1, 0) }  // `swift test --parallel`: one per test
        if line.hasPrefix("Test Case '") {
            if line.contains("' failed (") { return (1, 1) }
            if line.contains("' passed (") || line.contains("' skipped (") { return (1, 0) }
            return (0, 0)
        }
        guard line.contains(" Test "), !line.contains("Test run with") else { return (0, 0) }
        if line.contains(") failed after ") { return (1, 1) }
        if line.contains(") passed after ") || line.contains(") skipped") { return (1, 0) }
        return (0, 0)
    }
}
