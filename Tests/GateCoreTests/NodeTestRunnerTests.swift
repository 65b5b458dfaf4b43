import Foundation
import Testing
@testable import GateCore

@Suite struct NodeTestRunnerTests {
    private let environment = ProcessInfo.processInfo.environment

    @Test func reportsPassAndFailFromJUnit() throws {
        let project = try ScratchProject([
            "test/math.test.js": """
            const test = require('node:test');
            const assert = require('node:assert');
            test('adds', () => { assert.strictEqual(1 + 1, 2); });
            test('subtracts wrongly', () => { assert.strictEqual(2 - 1, 3); });
            test.describe('group', () => {
                test.it('throws a TypeError', () => { null.property; });
            });
            """,
            "test/other.test.js": """
            const test = require('node:test');
            test('other passes', () => {});
            """,
        ])
        defer { project.remove() }
        let runner = NodeTestRunner()
        let suite = SuiteDefinition(name: "node", runner: .node)
        let result = try runner.run(suite, root: project.root, filter: nil, logPath: project.logPath,
                                    environment: environment, onOutput: nil)
        #expect((result.passed, result.failed, result.errored) == (2, 1, 1))
        #expect(result.suiteError == nil)
        #expect(result.cases.first { $0.status == .failed }?.name == "test/math.test.js > subtracts wrongly")
        #expect(result.cases.first { $0.status == .errored }?.name == "test/math.test.js > group > throws a TypeError")

        let filtered = try runner.run(suite, root: project.root, filter: TestFilter(ids: ["test/other.test.js"]),
                                      logPath: project.logPath, environment: environment, onOutput: nil)
        #expect(filtered.verdictPassed)
        #expect(filtered.cases.map(\.name) == ["test/other.test.js > other passes"])
    }
}
