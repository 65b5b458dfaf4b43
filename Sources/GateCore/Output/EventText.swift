import Foundation

/// Renders trail events for `gate log`.
public enum EventText {
    public static func line(_ event: [String: JSONValue]) -> String {
        let time = event["time"]?.stringValue.map { String($0.prefix(19)).replacingOccurrences(of: "T", with: " ") } ?? "?"
        let run = event["run"]?.stringValue ?? "?"
        let name = event["event"]?.stringValue ?? "?"
        let details = event.keys.sorted().filter { !["time", "run", "event"].contains($0) && event[$0] != .null }.map { key in
            "\(key)=\(text(event[key]!))"
        }
        // Fields hold ref names, messages and test output: never raw control characters on the terminal.
        return TerminalText.sanitize("\(time)  \(run)  \(name.padding(toLength: 18, withPad: " ", startingAt: 0)) \(details.joined(separator: " "))")
    }

    public static func json(_ event: [String: JSONValue]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(JSONValue.object(event))).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }

    static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): return text.contains(" ") ? text.debugDescription : text
        case .int(let number): return String(number)
        case .double(let number): return String(format: "%.2f", number)
        case .bool(let flag): return String(flag)
        case .null: return "null"
        case .array, .object: return json(["v": value]).dropFirst(5).dropLast().description
        }
    }
}
