import Foundation
import Testing

@testable import GateCore

@Suite struct AffectedReportTests {
    private func selection() throws -> Selection {
        let index = try InMemoryRepository(PythonSelectionTests.tree).index()
        return TestSelector.select(
            changed: ["pkg/util.py"], index: index, suites: PythonSelectionTests.suites, rules: SelectionRules())
    }

    @Test func encodesTheCliContractShape() throws {
        let report = AffectedReport(selection: try selection(), from: "a1", to: "b2", changed: ["pkg/util.py"])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let object = try JSONSerialization.jsonObject(with: try encoder.encode(report)) as! [String: Any]
        #expect(Set(object.keys) == ["from", "to", "changed", "mode", "reason", "tests"])
        #expect(object["mode"] as? String == "selected")
        let first = (object["tests"] as! [[String: Any]])[0]
        #expect(first["suite"] as? String == "py")
        #expect(first["runner"] as? String == "pytest")
        #expect(first["id"] as? String == "tests/test_api.py")
        #expect(first["because"] as? [String] == ["pkg/util.py", "pkg/api.py", "tests/test_api.py"])
    }

    @Test func leavesOutWhatTheCallerDidNotGive() throws {
        let data = try JSONEncoder().encode(AffectedReport(selection: Selection(mode: .none, reason: "no files changed", tests: [])))
        let object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        #expect(Set(object.keys) == ["mode", "reason", "tests"])
        #expect(try JSONDecoder().decode(AffectedReport.self, from: data).reason == "no files changed")
    }

    @Test func explainPrintsEachChainBackwards() throws {
        let text = SelectionExplanation.render(try selection())
        #expect(text == """
            selected: 1 file changed, 2 tests affected
              [py] tests/test_api.py ← pkg/api.py ← pkg/util.py (changed)
              [py] tests/test_models.py ← pkg/models.py ← pkg/util.py (changed)

            """)
    }
}
