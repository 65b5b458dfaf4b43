import CLibGit2

/// Calls `git_libgit2_init` exactly once per process.
enum LibGit2Runtime {
    private static let initialized: Bool = {
        git_libgit2_init()
        return true
    }()

    static func ensureInitialized() { _ = initialized }

    /// The linked libgit2 version, e.g. "1.5.1".
    static var version: String {
        var major: Int32 = 0, minor: Int32 = 0, patch: Int32 = 0
        git_libgit2_version(&major, &minor, &patch)
        return "\(major).\(minor).\(patch)"
    }
}

/// Facts about the linked libgit2, for `gate doctor`.
public enum LibGit2Info {
    public static var version: String { LibGit2Runtime.version }
}
