/// One PEP 508 requirement (`requests[socks]>=2.31 ; python_version < "3.13"`), split into its normalised name and
/// the rest as written, whitespace removed.
struct PythonRequirement: Sendable, Hashable {
    var name: String
    var rest: String

    /// Nil when `text` does not start with a distribution name.
    init?(_ text: String) {
        let trimmed = text.drop { $0 == " " || $0 == "\t" }
        let name = trimmed.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }
        guard !name.isEmpty, name.first!.isASCII else { return nil }
        self.name = Self.normalise(String(name))
        self.rest = String(trimmed.dropFirst(name.count).filter { !$0.isWhitespace })
    }

    /// PEP 503: lower case, runs of `-`, `_`, `.` become `-`.
    static func normalise(_ name: String) -> String {
        var out = ""
        var pendingDash = false
        for character in name.lowercased() {
            if character == "-" || character == "_" || character == "." {
                pendingDash = !out.isEmpty
            } else {
                if pendingDash { out.append("-"); pendingDash = false }
                out.append(character)
            }
        }
        return out
    }

    /// Whether the distribution is pytest or a pytest plugin by its name (the installed entry points say more,
    /// `PythonDistributions`).
    static func isTestRunner(_ name: String) -> Bool {
        name == "pytest" || name.hasPrefix("pytest-") || knownPlugins.contains(name)
    }

    /// Packages that register a `pytest11` entry point without a `pytest-` name.
    static let knownPlugins: Set<String> = [
        "hypothesis", "anyio", "faker", "syrupy", "time-machine", "typeguard", "pluggy",
        "iniconfig", "coverage", "logot", "respx", "inline-snapshot",
    ]
}
