/// Why a suite ran within one push: the push's own run, the flake check's re-run of failing tests, or a fix attempt's
/// run on the fix commit.
public enum TestRunPhase: String, Codable, Sendable, CaseIterable {
    case first
    case rerun
    case fix
}
