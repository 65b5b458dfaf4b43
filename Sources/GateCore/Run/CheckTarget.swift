/// One commit to test, with every pushed ref that points at it and the union of their changes.
public struct CheckTarget: Sendable {
    public let tip: ObjectID
    public var refs: [String]
    /// The local refs pushed at this tip (pre-push), where a fix may be delivered.
    public var localRefs: [String]
    /// The first range's bases: what the push is compared with.
    public let bases: [ObjectID]
    public var changes: [FileChange]

    /// Groups the ranges that need tests by tip commit, keeping first-seen order.
    public static func group(_ ranges: [RefRange]) -> [CheckTarget] {
        var targets: [CheckTarget] = []
        for range in ranges where range.needsTests {
            guard let tip = range.tip else { continue }
            if let index = targets.firstIndex(where: { $0.tip == tip }) {
                targets[index].refs.append(range.ref)
                if let local = range.localRef { targets[index].localRefs.append(local) }
                let known = Set(targets[index].changes.map { $0.oldPath + "\u{0}" + $0.newPath })
                targets[index].changes += range.changes.filter { !known.contains($0.oldPath + "\u{0}" + $0.newPath) }
            } else {
                targets.append(CheckTarget(tip: tip, refs: [range.ref], localRefs: range.localRef.map { [$0] } ?? [],
                                           bases: range.bases, changes: range.changes))
            }
        }
        return targets
    }

    /// Every changed path, old and new sides of renames, sorted.
    public var changedPaths: [String] { Array(Set(changes.flatMap(\.paths))).sorted() }
}
