/// Which repository paths may hold secrets. Such files never reach a provider: not as a source, and not with their
/// content in the push's diff (the diff says they changed, nothing more).
public struct SecretPathRule: Sendable {
    /// Always secret, on top of `fix.secrets`: dotenv files, keys and certificates, SSH private keys, keystores,
    /// and the credential files of npm, PyPI, netrc, git and cloud CLIs.
    public static let defaultGlobs = [
        ".env*", "*.pem", "*.key", "id_rsa*", "id_dsa*", "id_ecdsa*", "id_ed25519*", "*.p12", "*.pfx", "*.jks", "*.keystore",
        ".npmrc", ".pypirc", ".netrc", "_netrc", ".git-credentials", "credentials", "credentials.json", ".htpasswd",
    ]

    public let globs: [GlobPattern]

    /// The defaults plus `extraGlobs` (`fix.secrets`).
    public init(extraGlobs: [String] = []) {
        globs = (Self.defaultGlobs + extraGlobs).map(GlobPattern.init)
    }

    /// The first glob `path` matches, or nil when the path is not secret.
    public func matchingGlob(_ path: String) -> String? {
        globs.first { $0.matches(path) }?.pattern
    }

    public func isSecret(_ path: String) -> Bool {
        matchingGlob(path) != nil
    }
}
