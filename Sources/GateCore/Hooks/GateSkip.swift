import Foundation

/// `GATE_SKIP`: skips the gate for one push. `1`, `true` and `yes` (any case) skip; `0`, `false`, `no` and empty do
/// not; anything else does not skip and says so. Every skip is an event in the trail, so skipped pushes stay visible.
public enum GateSkip {
    public static let variable = "GATE_SKIP"

    public enum Request: Equatable, Sendable {
        case run
        case skip(String)
        /// A value gate does not understand: it runs, and says why.
        case unrecognised(String)
    }

    public static func request(_ environment: [String: String]) -> Request {
        guard let value = environment[variable] else { return .run }
        switch value.trimmingCharacters(in: .whitespaces).lowercased() {
        case "1", "true", "yes": return .skip(value)
        case "", "0", "false", "no": return .run
        default: return .unrecognised(value)
        }
    }

    /// Appends a `skipped` event to the trail of the repository at `directory`; returns the trail's path.
    @discardableResult
    public static func record(value: String, mode: RunMode, refs: Int, remote: String?, directory: String) -> String? {
        guard let repository = try? GitRepository(discoveringFrom: directory) else { return nil }
        let gate = GateDirectory(commonGitDirectory: repository.commonDirectory)
        guard (try? gate.ensureExists()) != nil else { return nil }
        var fields: [String: JSONValue] = ["mode": .string(mode.rawValue), "variable": .string(variable), "value": .string(value), "refs": .int(refs)]
        if let remote { fields["remote"] = .string(remote) }
        EventTrail(path: gate.events).append(run: RunID.make(), event: .skipped, fields)
        return gate.events
    }
}
