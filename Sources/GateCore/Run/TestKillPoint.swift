import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A TEST HOOK, not a setting: `GATE_TEST_KILL_AT=<step>` makes gate SIGKILL itself at that step of fix delivery, so
/// tests can prove a kill there leaves the repository sound. It only ever kills gate's own process (what `kill -9` by
/// the same user already can), at the named steps below; any other value is ignored. A hook killed by a signal makes
/// git refuse the push, so the hook can never make a push pass; a client cannot set it on a server (pre-receive gets
/// the server's environment, and gate's server mode never delivers fixes).
public enum TestKillPoint: String, CaseIterable, Sendable {
    /// The fix's edits are written into gate's fix checkout, no commit yet.
    case checkout
    /// The fix commit's objects are written, no ref points at them yet.
    case commit
    /// `refs/gate/fixes/<branch>.lock` is held with the new target, not yet renamed over the ref.
    case ref
    /// `refs/notes/gate.lock` is held with the report's note, not yet renamed over the ref.
    case note

    public static let variable = "GATE_TEST_KILL_AT"

    /// Kills this process with SIGKILL when `environment` names this step.
    public func reach(_ environment: [String: String]) {
        guard environment[Self.variable] == rawValue else { return }
        kill(getpid(), SIGKILL)
    }
}
