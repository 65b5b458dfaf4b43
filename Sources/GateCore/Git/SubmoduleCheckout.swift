import CLibGit2
import Foundation

/// A gitlink in a tree: a submodule's path and the commit the superproject records for it.
public struct Gitlink: Sendable, Equatable {
    public let path: String
    public let commit: ObjectID
}

/// Why a submodule's files could not be written where tests run; gate says so out loud and never passes it silently.
public struct SubmoduleProblem: Sendable, Equatable, CustomStringConvertible {
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
    /// Every gitlink in a tree, recursively.
    public func gitlinks(inTree id: ObjectID) throws -> [Gitlink] {
        let tree = try lookupTree(id)
        defer { git_tree_free(tree) }
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

    /// Whether every gitlink of `tree` is checked out in the work tree at exactly its recorded commit.
    public func workTreeSubmodulesMatch(_ tree: ObjectID) throws -> Bool {
        for link in try gitlinks(inTree: tree) {
            var submodule: OpaquePointer?
            guard git_submodule_lookup(&submodule, handle, link.path) == 0 else { return false }
            defer { git_submodule_free(submodule) }
            guard let id = git_submodule_wd_id(submodule), ObjectID(id.pointee) == link.commit else { return false }
        }
        return true
    }

    /// Writes each submodule's recorded commit into `directory/<path>`, from the submodule's own repository (its work
    /// tree's `.git`, else `.git/modules/<name>`). Nothing is fetched. Returns what could not be written, and why.
    public func checkOutSubmodules(of tree: ObjectID, into directory: String) throws -> [SubmoduleProblem] {
        var problems: [SubmoduleProblem] = []
        for link in try gitlinks(inTree: tree) {
            do {
                try checkOutSubmodule(link, into: directory + "/" + link.path)
            } catch let problem as SubmoduleProblem {
                problems.append(problem)
            }
        }
        return problems
    }

    private func checkOutSubmodule(_ link: Gitlink, into target: String) throws {
        let repository = try openSubmoduleRepository(link)
        defer { git_repository_free(repository) }
        var oid = try link.commit.raw()
        var commit: OpaquePointer?
        guard git_commit_lookup(&commit, repository, &oid) == 0 else {
            throw SubmoduleProblem(gitlink: link, why: "that commit is not in the submodule's local repository; run `git submodule update --init \(link.path)` (it fetches what is missing) and push again")
        }
        defer { git_commit_free(commit) }
        var tree: OpaquePointer?
        try check(git_commit_tree(&tree, commit), "git_commit_tree")
        defer { git_tree_free(tree) }
        // The directory held another commit's files (or none): write this commit's tree whole.
        try? FileManager.default.removeItem(atPath: target)
        try FileManager.default.createDirectory(atPath: target, withIntermediateDirectories: true)
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

    /// The submodule's repository: through its initialized work tree, else `.git/modules/<name>`. The caller frees it.
    private func openSubmoduleRepository(_ link: Gitlink) throws -> OpaquePointer {
        var name = link.path
        var submodule: OpaquePointer?
        if git_submodule_lookup(&submodule, handle, link.path) == 0 {
            defer { git_submodule_free(submodule) }
            if let cName = git_submodule_name(submodule) { name = String(cString: cName) }
            var repository: OpaquePointer?
            if git_submodule_open(&repository, submodule) == 0, let repository { return repository }
        }
        var repository: OpaquePointer?
        if git_repository_open_ext(&repository, commonDirectory + "/modules/" + name, UInt32(GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue), nil) == 0,
           let repository {
            return repository
        }
        throw SubmoduleProblem(gitlink: link, why: "it has no local repository (not in .git/modules/\(name)); run `git submodule update --init \(link.path)` and push again")
    }
}

extension SubmoduleProblem: Error {}
