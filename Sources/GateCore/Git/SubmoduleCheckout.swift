import CLibGit2
import Foundation

/// A gitlink in a tree: a submodule's path and the commit the superproject records for it.
public struct Gitlink: Sendable, Equatable {
    public let path: String
    public let commit: ObjectID
}

/// Why a submodule's files could not be written where tests run; gate says so out loud and never passes it silently.
public struct SubmoduleProblem: Error, Sendable, Equatable, CustomStringConvertible {
    public let gitlink: Gitlink
    public let why: String
    public var description: String {
        "submodule \(gitlink.path) at \(gitlink.commit.short) is not checked out where tests run: \(why). Tests that read its files will fail or be wrong."
    }
}

private final class GitlinkCollector {
    var links: [Gitlink] = []
}

extension GitRepository {
    /// Every gitlink in a tree, recursively (not into the submodules themselves).
    public func gitlinks(inTree id: ObjectID) throws -> [Gitlink] {
        let tree = try lookupTree(id)
        defer { git_tree_free(tree) }
        return try Self.gitlinks(in: tree)
    }

    /// Whether every submodule of `tree`, nested ones included, is checked out in the work tree at its recorded commit,
    /// without edits to its tracked files.
    public func workTreeSubmodulesMatch(_ tree: ObjectID) throws -> Bool {
        let root = try lookupTree(tree)
        defer { git_tree_free(root) }
        return try Self.submodulesMatch(repository: handle, tree: root)
    }

    /// Writes each submodule's recorded commit into `directory/<path>`, nested submodules too, from the submodule's
    /// own repository (its work tree's `.git`, else `modules/<name>` in its parent's git dir). Nothing is fetched.
    /// Returns what could not be written, and why.
    public func checkOutSubmodules(of tree: ObjectID, into directory: String) throws -> [SubmoduleProblem] {
        let root = try lookupTree(tree)
        defer { git_tree_free(root) }
        return try Self.checkOutSubmodules(repository: handle, tree: root, into: directory, prefix: "")
    }

    private static func gitlinks(in tree: OpaquePointer) throws -> [Gitlink] {
        let collector = GitlinkCollector()
        let payload = Unmanaged.passUnretained(collector).toOpaque()
        let code = git_tree_walk(tree, GIT_TREEWALK_PRE, { root, entry, payload in
            guard let entry, let payload, git_tree_entry_filemode(entry) == GIT_FILEMODE_COMMIT else { return 0 }
            let collector = Unmanaged<GitlinkCollector>.fromOpaque(payload).takeUnretainedValue()
            let path = (root.map { String(cString: $0) } ?? "") + String(cString: git_tree_entry_name(entry))
            collector.links.append(Gitlink(path: path, commit: ObjectID(git_tree_entry_id(entry).pointee)))
            return 0
        }, payload)
        try check(code, "git_tree_walk")
        return collector.links
    }

    private static func submodulesMatch(repository: OpaquePointer, tree: OpaquePointer) throws -> Bool {
        for link in try gitlinks(in: tree) {
            var submodule: OpaquePointer?
            guard git_submodule_lookup(&submodule, repository, link.path) == 0 else { return false }
            defer { git_submodule_free(submodule) }
            guard let id = git_submodule_wd_id(submodule), ObjectID(id.pointee) == link.commit else { return false }
            // Edits inside the submodule make its files differ from the recorded commit's, like a dirty tracked file.
            var status: UInt32 = 0
            guard let name = git_submodule_name(submodule),
                  git_submodule_status(&status, repository, name, GIT_SUBMODULE_IGNORE_UNTRACKED) == 0 else { return false }
            let dirty = GIT_SUBMODULE_STATUS_WD_INDEX_MODIFIED.rawValue | GIT_SUBMODULE_STATUS_WD_WD_MODIFIED.rawValue
            guard status & dirty == 0 else { return false }
            var inner: OpaquePointer?
            guard git_submodule_open(&inner, submodule) == 0, let inner else { return false }
            defer { git_repository_free(inner) }
            guard let innerTree = commitTree(link.commit, in: inner) else { return false }
            defer { git_tree_free(innerTree) }
            guard try submodulesMatch(repository: inner, tree: innerTree) else { return false }
        }
        return true
    }

    private static func checkOutSubmodules(repository: OpaquePointer, tree: OpaquePointer, into directory: String, prefix: String) throws -> [SubmoduleProblem] {
        var problems: [SubmoduleProblem] = []
        for link in try gitlinks(in: tree) {
            let shown = Gitlink(path: prefix + link.path, commit: link.commit)
            let target = directory + "/" + link.path
            // The directory held another commit's files, or none: it is rewritten whole, or left empty when that fails.
            try? FileManager.default.removeItem(atPath: target)
            try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
            guard let inner = openSubmodule(link.path, in: repository) else {
                problems.append(SubmoduleProblem(gitlink: shown, why: "it has no local repository; run `git submodule update --init --recursive` and push again"))
                continue
            }
            defer { git_repository_free(inner) }
            guard let innerTree = commitTree(link.commit, in: inner) else {
                problems.append(SubmoduleProblem(gitlink: shown, why: "that commit is not in the submodule's local repository; run `git submodule update --init --recursive` (it fetches what is missing) and push again"))
                continue
            }
            defer { git_tree_free(innerTree) }
            try writeTree(innerTree, of: inner, into: target)
            problems += try checkOutSubmodules(repository: inner, tree: innerTree, into: target, prefix: shown.path + "/")
        }
        return problems
    }

    /// The tree of `commit` in `repository`, or nil when the commit is not there. The caller frees it.
    private static func commitTree(_ commit: ObjectID, in repository: OpaquePointer) -> OpaquePointer? {
        guard var oid = try? commit.raw() else { return nil }
        var object: OpaquePointer?
        guard git_commit_lookup(&object, repository, &oid) == 0 else { return nil }
        defer { git_commit_free(object) }
        var tree: OpaquePointer?
        guard git_commit_tree(&tree, object) == 0 else { return nil }
        return tree
    }

    private static func writeTree(_ tree: OpaquePointer, of repository: OpaquePointer, into target: String) throws {
        var options = git_checkout_options()
        try check(git_checkout_options_init(&options, UInt32(GIT_CHECKOUT_OPTIONS_VERSION)), "git_checkout_options_init")
        options.checkout_strategy = GIT_CHECKOUT_FORCE.rawValue | GIT_CHECKOUT_DONT_UPDATE_INDEX.rawValue | GIT_CHECKOUT_RECREATE_MISSING.rawValue
        var empty: OpaquePointer?
        try check(git_index_new(&empty), "git_index_new")
        defer { git_index_free(empty) }
        options.baseline_index = empty
        try target.withCString { path in
            options.target_directory = path
            try check(git_checkout_tree(repository, tree, &options), "git_checkout_tree")
        }
    }

    /// The submodule's repository: through its initialized work tree, else `modules/<name>` in the parent's git dir.
    /// The caller frees it.
    private static func openSubmodule(_ path: String, in parent: OpaquePointer) -> OpaquePointer? {
        var name = path
        var submodule: OpaquePointer?
        if git_submodule_lookup(&submodule, parent, path) == 0 {
            defer { git_submodule_free(submodule) }
            if let cName = git_submodule_name(submodule) { name = String(cString: cName) }
            var repository: OpaquePointer?
            if git_submodule_open(&repository, submodule) == 0, let repository { return repository }
        }
        guard let common = git_repository_commondir(parent) else { return nil }
        var repository: OpaquePointer?
        let modules = String(cString: common) + "/modules/" + name
        guard git_repository_open_ext(&repository, modules, UInt32(GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue), nil) == 0 else { return nil }
        return repository
    }
}
