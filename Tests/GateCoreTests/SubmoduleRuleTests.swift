import Foundation
import Testing

@testable import GateCore

/// The selection rule for gitlinks, and the stale ref-lock rule, without a repository.
@Suite struct SubmoduleRuleTests {
    private func select(_ changes: [FileChange], rules: SelectionRules = SelectionRules()) throws -> Selection {
        let index = try InMemoryRepository(PythonSelectionTests.tree).index()
        return TestSelector.select(changed: changes.flatMap(\.paths), index: index, suites: SelectionRulesTests.suites, rules: rules,
                                   submodules: SubmoduleRule.paths(changes))
    }

    @Test func aSubmoduleBumpSelectsEveryTestEvenWhereItsPathLooksLikeDocumentation() throws {
        for path in ["vendor/sub", "docs/theme"] {
            let selection = try select([FileChange(kind: .modified, oldPath: path, newPath: path, isSubmodule: true)])
            #expect(selection.mode == .all)
            #expect(selection.reason == "\(path) changed: \(SubmoduleRule.reason)")
            #expect(selection.tests.count == 5)
        }
        // The same path as a plain directory of docs selects nothing: the gitlink, not the name, decides.
        #expect(try select([FileChange(kind: .modified, oldPath: "docs/theme", newPath: "docs/theme")]).mode == .none)
    }

    @Test func anIgnoredSubmoduleSelectsNothing() throws {
        let change = FileChange(kind: .added, oldPath: "vendor/sub", newPath: "vendor/sub", isSubmodule: true)
        #expect(try select([change], rules: SelectionRules(ignore: ["vendor/"])).mode == .none)
    }

    @Test func staleRefLocksAreClearedButAFreshNotesLockIsKept() throws {
        let git = NSTemporaryDirectory() + "/stale-locks-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: git) }
        let fm = FileManager.default
        try fm.createDirectory(atPath: git + "/refs/gate/fixes/feature", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: git + "/refs/notes", withIntermediateDirectories: true)
        for path in ["refs/gate/fixes/feature/x.lock", "refs/gate/fixes/main", "refs/notes/gate.lock", "refs/heads.lock"] {
            #expect(fm.createFile(atPath: git + "/" + path, contents: Data()))
        }
        let locks = StaleReferenceLocks(commonDirectory: git)
        #expect(locks.clear() == ["refs/gate/fixes/feature/x.lock"])
        #expect(fm.fileExists(atPath: git + "/refs/gate/fixes/main"))
        #expect(fm.fileExists(atPath: git + "/refs/heads.lock"))
        #expect(locks.clear(now: Date().addingTimeInterval(StaleReferenceLocks.liveWriteSeconds + 1)) == ["refs/notes/gate.lock"])
    }
}
