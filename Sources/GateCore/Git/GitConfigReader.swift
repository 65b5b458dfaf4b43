import CLibGit2

/// The scopes git reads configuration from, narrowest last.
public enum GitConfigScope: String, Sendable, CaseIterable {
    case system, xdg, global, local

    var level: git_config_level_t {
        switch self {
        case .system: return GIT_CONFIG_LEVEL_SYSTEM
        case .xdg: return GIT_CONFIG_LEVEL_XDG
        case .global: return GIT_CONFIG_LEVEL_GLOBAL
        case .local: return GIT_CONFIG_LEVEL_LOCAL
        }
    }
}

extension GitRepository {
    /// The effective value of a config key, or nil when unset.
    public func configString(_ key: String) throws -> String? {
        var config: OpaquePointer?
        try check(git_repository_config_snapshot(&config, handle), "git_repository_config_snapshot")
        defer { git_config_free(config) }
        return try Self.string(in: config, key)
    }

    /// The value of a key in each scope that sets it (for `gate doctor`).
    public func configValuesByScope(_ key: String) throws -> [(scope: GitConfigScope, value: String)] {
        var config: OpaquePointer?
        try check(git_repository_config_snapshot(&config, handle), "git_repository_config_snapshot")
        defer { git_config_free(config) }
        var result: [(GitConfigScope, String)] = []
        for scope in GitConfigScope.allCases {
            var levelConfig: OpaquePointer?
            guard git_config_open_level(&levelConfig, config, scope.level) == 0 else { continue }
            defer { git_config_free(levelConfig) }
            if let value = try Self.string(in: levelConfig, key) { result.append((scope, value)) }
        }
        return result
    }

    private static func string(in config: OpaquePointer?, _ key: String) throws -> String? {
        var entry: UnsafeMutablePointer<git_config_entry>?
        let code = git_config_get_entry(&entry, config, key)
        if code == GIT_ENOTFOUND.rawValue { return nil }
        try check(code, "git_config_get_entry")
        defer { git_config_entry_free(entry) }
        guard let value = entry?.pointee.value else { return nil }
        return String(cString: value)
    }
}
