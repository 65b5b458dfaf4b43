import CLibGit2

/// git's rules for reference names (`git check-ref-format`), through libgit2's `git_reference_name_is_valid`:
/// no `..`, no `.lock` suffix, no control characters, spaces, `~ ^ : ? * [ \`, no `@{`, no empty component.
public enum RefNameRules {
    /// Longer names cannot be stored as loose refs (PATH_MAX); gate refuses them before any work.
    public static let maxBytes = 4096

    /// Why `name` is not a full ref name git would accept, or nil when it is one.
    public static func problem(_ name: String) -> String? {
        if name.utf8.count > maxBytes { return "the ref name is \(name.utf8.count) bytes long (at most \(maxBytes))" }
        guard name.hasPrefix("refs/") else { return "the ref name does not start with refs/" }
        guard TerminalText.isClean(name) else { return "the ref name holds control characters or escape sequences" }
        LibGit2Runtime.ensureInitialized()
        var valid: Int32 = 0
        guard git_reference_name_is_valid(&valid, name) == 0, valid == 1 else {
            return "git does not accept this ref name (see `git check-ref-format`)"
        }
        return nil
    }
}
