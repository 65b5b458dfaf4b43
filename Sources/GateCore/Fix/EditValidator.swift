import Foundation

/// Rejects edits that must never be applied, before anything is touched: a reply over the caps (`EditLimits`), paths
/// outside the repository (absolute, `..`, through a symlink), inside `.git`, or not code under test (`EditPolicy`:
/// default deny, checked on the path as named and as resolved through symlinks).
public struct EditValidator: Sendable {
    /// The repository root edits are relative to.
    public let root: String
    public let policy: EditPolicy
    public let limits: EditLimits

    public init(root: String, policy: EditPolicy, limits: EditLimits = EditLimits()) {
        self.root = root
        self.policy = policy
        self.limits = limits
    }

    /// The deny list, for the prompt's "never edit" list.
    public var protectedDescriptions: [String] { policy.deniedDescriptions }

    /// Every rejection among `edits`, in order.
    public func rejections(for edits: [FileEdit]) -> [EditRejection] {
        if let overCap = limits.rejection(for: edits) { return [overCap] }
        return edits.enumerated().compactMap { offset, edit in
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
        if let reason = forbiddenReason(relative, written: false) { return reject(reason) }

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
        // The named path passes the deny list; the file actually written must be code under test.
        if let reason = forbiddenReason(resolvedRelative, written: true) { return reject(reason) }
        return .success(current)
    }

    /// `absolute` (as `resolve` returns it) relative to the root; nil when it is outside.
    func relativeToRoot(_ absolute: String) -> String? {
        guard let rootReal = Self.realPath(root), absolute.hasPrefix(rootReal + "/") else { return nil }
        return String(absolute.dropFirst(rootReal.count + 1))
    }

    /// `.git`, denied, or (for the path written) not code under test; nil when the relative path may be edited.
    private func forbiddenReason(_ relative: String, written: Bool) -> EditRejection.Reason? {
        if relative.split(separator: "/").contains(where: { $0.lowercased() == ".git" }) {
            return .insideGitDirectory
        }
        if let refusal = written ? policy.refusal(for: relative) : policy.deniedRule(relative) { return .notCodeUnderTest(refusal) }
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
