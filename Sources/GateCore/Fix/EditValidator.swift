import Foundation

/// Rejects edits that must never be applied, before anything is touched: paths outside the
/// repository (absolute, `..`, through a symlink), inside `.git`, or protected (tests, manifests,
/// lockfiles, CI config, `.gate.yml`, hooks, plus caller-supplied globs and paths).
public struct EditValidator: Sendable {
    /// Globs protected unless the caller opts out.
    public static let defaultProtectedGlobs: [String] = [
        // Test files: the tests are correct, the code under test is what changes.
        "test_*.py", "*_test.py", "**/tests/**", "**/test/**", "**/Tests/**", "*_test.go", "*.test.*", "*.spec.*", "**/__tests__/**",
        // Manifests and lockfiles.
        "Package.swift", "Package.resolved", "pyproject.toml", "setup.py", "setup.cfg", "requirements*.txt",
        "package.json", "package-lock.json", "yarn.lock", "pnpm-lock.yaml", "go.mod", "go.sum",
        // CI configuration.
        "/.github/**", ".gitlab-ci.yml", "/.ci/**",
        // gate's own configuration and hooks.
        ".gate.yml", "/.githooks/**", "/.husky/**",
    ]

    /// The repository root edits are relative to.
    public let root: String
    public let protectedGlobs: [GlobPattern]
    /// Exact relative paths protected on top of the globs, e.g. the test files the index knows.
    public let protectedPaths: Set<String>

    public init(root: String, extraProtectedGlobs: [String] = [], protectedPaths: [String] = [], includeDefaultGlobs: Bool = true) {
        self.root = root
        self.protectedGlobs = ((includeDefaultGlobs ? Self.defaultProtectedGlobs : []) + extraProtectedGlobs).map(GlobPattern.init)
        self.protectedPaths = Set(protectedPaths.filter { Self.pathProblem($0) == nil }.map(Self.normalized))
    }

    /// Every protected glob and path, for the prompt's "do not edit" list.
    public var protectedDescriptions: [String] {
        protectedGlobs.map(\.pattern) + protectedPaths.sorted()
    }

    /// Every rejection among `edits`, in order.
    public func rejections(for edits: [FileEdit]) -> [EditRejection] {
        edits.enumerated().compactMap { offset, edit in
            if case .failure(let rejection) = resolve(edit.path, block: offset + 1) { return rejection }
            return nil
        }
    }

    /// Throws the first rejection among `edits`.
    public func validate(_ edits: [FileEdit]) throws {
        if let first = rejections(for: edits).first { throw first }
    }

    /// Checks one path and returns where to write it: the absolute path, following in-repository symlinks.
    func resolve(_ path: String, block: Int) -> Result<String, EditRejection> {
        func reject(_ reason: EditRejection.Reason) -> Result<String, EditRejection> {
            .failure(EditRejection(block: block, path: path, reason: reason))
        }
        if let problem = Self.pathProblem(path) { return reject(problem) }
        let relative = Self.normalized(path)
        if let reason = forbiddenReason(relative) { return reject(reason) }

        guard let rootReal = Self.realPath(root) else { return reject(.unreadable("the repository root does not exist")) }
        var current = rootReal
        var walked: [String] = []
        for component in relative.split(separator: "/").map(String.init) {
            walked.append(component)
            let candidate = current + "/" + component
            var info = stat()
            guard lstat(candidate, &info) == 0 else {
                current = candidate
                continue
            }
            guard info.st_mode & S_IFMT == S_IFLNK else {
                current = candidate
                continue
            }
            guard let target = Self.realPath(candidate) ?? Self.danglingTarget(candidate, in: current),
                  Self.isInside(target, rootReal) else {
                return reject(.escapesRoot(through: walked.joined(separator: "/")))
            }
            current = target
        }
        let resolvedRelative = current == rootReal ? "" : String(current.dropFirst(rootReal.count + 1))
        if resolvedRelative.isEmpty { return reject(.emptyPath) }
        if resolvedRelative != relative, let reason = forbiddenReason(resolvedRelative) { return reject(reason) }
        return .success(current)
    }

    /// `.git` or protected; nil when the relative path may be edited.
    private func forbiddenReason(_ relative: String) -> EditRejection.Reason? {
        if relative.split(separator: "/").contains(where: { $0.lowercased() == ".git" }) {
            return .insideGitDirectory
        }
        if protectedPaths.contains(relative) {
            return .protectedPath(rule: "explicitly protected")
        }
        if let glob = protectedGlobs.first(where: { $0.matches(relative) }) {
            return .protectedPath(rule: "matches `\(glob.pattern)`")
        }
        return nil
    }

    /// Why a path is unusable as written (empty, absolute, `..`); nil when it is fine.
    static func pathProblem(_ path: String) -> EditRejection.Reason? {
        let trimmed = path.trimmingCharacters(in: .whitespaces)
        if trimmed.contains("\0") { return .emptyPath }
        if trimmed.hasPrefix("/") || trimmed.hasPrefix("~") { return .absolutePath }
        let parts = trimmed.split(separator: "/")
        if parts.contains("..") { return .parentTraversal }
        if parts.allSatisfy({ $0 == "." }) { return .emptyPath }
        return nil
    }

    /// The path without `.` and empty segments.
    static func normalized(_ path: String) -> String {
        path.trimmingCharacters(in: .whitespaces).split(separator: "/").filter { $0 != "." }.joined(separator: "/")
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// Where a symlink whose target does not exist yet points, resolved lexically.
    private static func danglingTarget(_ link: String, in directory: String) -> String? {
        guard let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: link) else { return nil }
        let joined = destination.hasPrefix("/") ? destination : directory + "/" + destination
        var parts: [Substring] = []
        for part in joined.split(separator: "/") where part != "." {
            if part == ".." {
                _ = parts.popLast()
            } else {
                parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }

    private static func isInside(_ path: String, _ root: String) -> Bool {
        path == root || path.hasPrefix(root.hasSuffix("/") ? root : root + "/")
    }
}
