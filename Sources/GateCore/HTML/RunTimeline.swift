import Foundation

/// The steps of one run as the event trail recorded them (selection, each suite, the flaky re-run, each fix attempt,
/// the verdict), with the time since the run began.
public struct RunTimeline: Sendable {
    public struct Step: Sendable {
        public var offset: String
        public var title: String
        public var detail: String
        public var tone: String
    }

    public var steps: [Step]

    /// The steps of `run` in `events` (oldest first).
    public init(run: String, events: [[String: JSONValue]]) {
        let own = events.filter { $0["run"]?.stringValue == run }
        let start = own.first.flatMap { $0["time"]?.stringValue }.flatMap(Self.date)
        steps = own.compactMap { event in
            guard let kind = event["event"]?.stringValue.flatMap(EventKind.init(rawValue:)), let step = Self.step(kind, event) else { return nil }
            var offset = ""
            if let start, let time = event["time"]?.stringValue.flatMap(Self.date) { offset = String(format: "+%.1f s", time.timeIntervalSince(start)) }
            return Step(offset: offset, title: step.title, detail: step.detail, tone: step.tone.rawValue)
        }
    }

    static func step(_ kind: EventKind, _ event: [String: JSONValue]) -> (title: String, detail: String, tone: ChartTone)? {
        func text(_ key: String) -> String { event[key].map { $0.stringValue ?? EventText.text($0) } ?? "" }
        switch kind {
        case .runStart: return ("run started (\(text("mode")))", "\(text("refs")) ref(s)", .neutral)
        case .range: return ("ref \(text("ref"))", text("note"), .neutral)
        case .selection: return ("selection: \(text("mode"))", "\(text("tests")) test unit(s) — \(text("reason"))", .neutral)
        case .suite:
            let failing = (event["failed"]?.intValue ?? 0) + (event["errors"]?.intValue ?? 0)
            let attempt = event["attempt"]?.intValue ?? 0
            let title = "suite \(text("suite")) (\(text("runner")))" + (attempt > 0 ? " after fix attempt \(attempt)" : "")
            var detail = "\(text("passed")) passed, \(text("failed")) failed, \(text("errors")) errors, \(text("skipped")) skipped in \(text("duration")) s"
            if event["error"] != nil && event["error"] != .null { detail += " — " + text("error") }
            return (title, detail, failing > 0 || (event["error"] ?? .null) != .null ? .fail : .pass)
        case .flaky: return ("re-run: \(text("test")) is flaky", "failed, then passed on re-run", .skip)
        case .fixSkipped: return ("no fix attempted", text("reason"), .skip)
        case .fixAttempt:
            let outcome = text("outcome")
            var detail = "\(text("provider"))/\(text("model")): \(text("detail"))"
            if let input = event["input_tokens"]?.intValue, let output = event["output_tokens"]?.intValue { detail += " — tokens \(input) in / \(output) out" }
            return ("fix attempt \(text("attempt")): \(outcome)", detail, outcome == FixAttemptOutcome.fixed.rawValue ? .pass : .error)
        case .fixDelivered: return ("fix delivered", "\(text("ref")) at \(String(text("commit").prefix(10)))", .pass)
        case .verdict:
            let verdict = text("verdict")
            return ("verdict: \(verdict)", "exit \(text("exit")) after \(text("elapsed")) s", verdict == Verdict.passed.rawValue ? .pass : .fail)
        case .verifiedCacheHit: return ("already verified", "tree \(String(text("tree").prefix(10))) passed these tests before", .pass)
        case .nothingCheckable: return ("nothing checked", text("reason"), .skip)
        case .submoduleMissing: return ("submodule missing", text("path"), .error)
        case .toolMissing, .internalError: return ("gate could not run", text("error"), .error)
        default: return nil
        }
    }

    static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}
