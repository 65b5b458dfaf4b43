import Foundation
import Testing
@testable import GateCore

/// The Jest runner against the real Jest (Debian's jest 29 on Debian's nodejs 18, from Tests/setup_jest.sh).
@Suite("jest runner", .enabled(if: JavaScriptToolchains.hasJest))
struct JestRunnerTests {
    private var environment: [String: String] {
        var env = ProcessInfo.processInfo.environment.merging(JavaScriptToolchains.jestEnvironment) { _, new in new }
        env["PATH"] = JavaScriptToolchains.jestRoot + "/usr/bin:" + (env["PATH"] ?? "/usr/bin:/bin")
        return env
    }

    static let files: [String: String] = [
        "package.json": "{\"name\": \"j\", \"private\": true, \"scripts\": {\"test\": \"jest\"}}\n",
        "math.test.js": """
        const assert = require('assert');
        describe('math', () => {
          test('adds', () => { expect(1 + 1).toBe(2); });
          test('adds wrongly', () => { expect(1 + 1).toBe(3); });
          test('asserts wrongly', () => { assert.strictEqual(1, 2); });
          test('throws a TypeError', () => { null.x; });
          test('is slow', (done) => { setTimeout(done, 2000); }, 50);
          test.skip('is skipped', () => {});
          test.todo('is todo');
          describe('hooked', () => {
            beforeEach(() => { throw new Error('hook boom'); });
            test('never runs', () => {});
          });
        });
        """,
        "broken.test.js": "describe('x', () => { test('y', () => {}) ;\n",
        "fine.test.js": "test('fine', () => { expect(true).toBe(true); });\n",
    ]

    @Test func classifiesFailuresErrorsTimeoutsHooksAndBrokenFiles() throws {
        let project = try ScratchProject(Self.files)
        defer { project.remove() }
        let result = try JestRunner().run(SuiteDefinition(name: "j", runner: .jest), root: project.root, filter: nil,
                                          logPath: project.logPath, environment: environment, onOutput: nil)
        let status = Dictionary(result.cases.map { ($0.name, $0.status) }, uniquingKeysWith: { first, _ in first })
        #expect(status["math.test.js > math > adds"] == .passed)
        #expect(status["math.test.js > math > adds wrongly"] == .failed)
        #expect(status["math.test.js > math > asserts wrongly"] == .failed)
        #expect(status["math.test.js > math > throws a TypeError"] == .errored)
        #expect(status["math.test.js > math > is slow"] == .errored)
        #expect(status["math.test.js > math > is skipped"] == .skipped)
        #expect(status["math.test.js > math > is todo"] == .skipped)
        #expect(status["math.test.js > math > hooked > never runs"] == .errored)
        #expect(status["broken.test.js"] == .errored, "\(result.cases.map(\.name))")
        #expect(status["fine.test.js > fine"] == .passed)
        #expect(result.suiteError == nil)
        #expect(result.cases.first { $0.name == "math.test.js > math > adds wrongly" }?.message?.contains("expect(received).toBe(expected)") == true)
    }

    @Test func aFilterRunsOnlyTheSelectedFiles() throws {
        let project = try ScratchProject(Self.files)
        defer { project.remove() }
        let result = try JestRunner().run(SuiteDefinition(name: "j", runner: .jest), root: project.root,
                                          filter: TestFilter(ids: ["fine.test.js"]), logPath: project.logPath,
                                          environment: environment, onOutput: nil)
        #expect(result.cases.map(\.name) == ["fine.test.js > fine"])
        #expect(result.verdictPassed)
    }

    /// gate's index takes every script under `test/` for a test; Jest runs only what its `testMatch` accepts, so a
    /// helper handed to it is not run: not an error, and the result says so.
    @Test func aHelperUnderTestWithoutTestsIsNotAnError() throws {
        let project = try ScratchProject([
            "package.json": "{\"name\": \"h\", \"private\": true}\n",
            "test/helpers.js": "exports.two = () => 2;\n",
            "test/two.test.js": "const { two } = require('./helpers');\ntest('two', () => { expect(two()).toBe(2); });\n",
        ])
        defer { project.remove() }
        let result = try JestRunner().run(SuiteDefinition(name: "j", runner: .jest), root: project.root,
                                          filter: TestFilter(ids: ["test/helpers.js", "test/two.test.js"]), logPath: project.logPath,
                                          environment: environment, onOutput: nil)
        #expect(result.cases.map(\.name) == ["test/two.test.js > two"])
        #expect(result.verdictPassed, "\(result.cases) \(result.suiteError ?? "")")
        #expect(result.notes.contains { $0.contains("test/helpers.js") })
    }

    @Test func aCrashBeforeReportingIsASuiteErrorWithTheLogTail() throws {
        let project = try ScratchProject([
            "jest.config.js": "throw new Error('config exploded');\n",
            "fine.test.js": "test('fine', () => {});\n",
        ])
        defer { project.remove() }
        let result = try JestRunner().run(SuiteDefinition(name: "j", runner: .jest), root: project.root, filter: nil,
                                          logPath: project.logPath, environment: environment, onOutput: nil)
        #expect(!result.verdictPassed)
        #expect(result.suiteError?.contains("config exploded") == true, "\(result.suiteError ?? "no suite error")")
    }
}
