/// The command a hook manager's (tracked, shared) configuration uses to call gate. It never holds an absolute path:
/// `$GATE_BIN` wins, then the clone's `git config gate.bin` (written by `gate install`, so GUI clients with a minimal
/// PATH still find the binary), then `gate` on PATH.
public enum GateHookLine {
    /// The shell words that name the gate binary.
    public static let binary = #""${GATE_BIN:-$(git config --get gate.bin || echo gate)}""#
    /// One shell line for a hook script that receives git's arguments as "$@" and its stdin.
    public static let shellLine = binary + #" pre-push "$@""#
    /// Whether a manager's configuration calls gate's pre-push: this line, or a hand-written `gate pre-push`.
    public static func isCalled(in text: String) -> Bool {
        text.contains(binary + " pre-push") || text.contains("gate pre-push")
    }
    /// The git config key holding this clone's gate binary.
    public static let binaryConfigKey = "gate.bin"
}
