/// The hooks gate installs.
public enum HookKind: String, Sendable {
    case prePush = "pre-push"
    case preReceive = "pre-receive"

    /// The first line after the shebang that marks a shim as gate's.
    public var marker: String { "# gate-shim: \(rawValue)" }
    /// Where a foreign hook is kept when gate chains it.
    public var legacyName: String { rawValue + ".gate-legacy" }
}
