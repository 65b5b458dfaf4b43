import Foundation

/// Lock files of the refs gate writes (`refs/gate/**`, `refs/notes/gate`) that a killed gate run left behind.
/// gate writes those refs only while it holds its run lock, so once the next run holds it, a lock file under
/// `refs/gate/` belongs to no live process. `refs/notes/gate.lock` could also be a user's `git notes --ref gate`
/// at this very moment, so it counts as stale only when older than `liveWriteSeconds` (git holds it for milliseconds).
/// git's own `index.lock` and branch locks are never gate's: gate does not write the index or branches.
public struct StaleReferenceLocks {
    public let commonDirectory: String
    public static let liveWriteSeconds: TimeInterval = 2

    public init(commonDirectory: String) { self.commonDirectory = commonDirectory }

    /// Removes the stale lock files and returns their paths relative to the git dir. Call only while holding the run lock.
    public func clear(now: Date = Date()) -> [String] {
        let fm = FileManager.default
        var candidates: [String] = []
        let gateRefs = commonDirectory + "/refs/gate"
        if let walker = fm.enumerator(atPath: gateRefs) {
            for case let path as String in walker where path.hasSuffix(".lock") { candidates.append("refs/gate/" + path) }
        }
        let notes = "refs/notes/gate.lock"
        if let modified = (try? fm.attributesOfItem(atPath: commonDirectory + "/" + notes))?[.modificationDate] as? Date,
           now.timeIntervalSince(modified) >= Self.liveWriteSeconds {
            candidates.append(notes)
        }
        return candidates.filter { (try? fm.removeItem(atPath: commonDirectory + "/" + $0)) != nil }
    }
}
