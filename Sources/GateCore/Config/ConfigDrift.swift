import Foundation

/// gate reads `.gate.yml` from each pushed commit, never from the work tree. An edit that is not committed yet does
/// not apply, and gate says so (doctor, `gate init`, the first push of a run).
public enum ConfigDrift {
    /// One line when the work tree's `.gate.yml` differs from HEAD's; nil when they match or neither exists.
    public static func notice(_ repository: GitRepository) -> String? {
        guard let work = repository.workDirectory else { return nil }
        let inWorkTree = FileManager.default.contents(atPath: work + "/.gate.yml").map { [UInt8]($0) }
        var committed: [UInt8]?
        if let head = repository.headCommit(), let tree = try? repository.commit(head).tree,
           let blob = try? repository.blobID(atPath: ".gate.yml", inTree: tree) {
            committed = try? repository.blobContents(blob)
        }
        switch (inWorkTree, committed) {
        case (nil, nil): return nil
        case let (work?, head?) where work == head: return nil
        case (_?, nil): return ".gate.yml is not committed; gate reads the committed copy in each pushed commit, so it does not apply yet. Commit it."
        case (nil, _?): return ".gate.yml is deleted in the work tree but not in HEAD; gate reads the committed copy in each pushed commit."
        default: return ".gate.yml has uncommitted changes; gate reads the committed copy in each pushed commit, not the work tree. Commit them for them to apply."
        }
    }
}
