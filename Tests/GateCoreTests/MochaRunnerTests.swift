import Foundation
import Testing
@testable import GateCore

/// The mocha runner against the real mocha (Debian's 10.x): ids, failure vs error, load failures, the selection
/// overriding `.mocharc`'s `spec`, and a crash before the reporter starts.
@Suite("mocha runner", .enabled(if: GitSandbox.hasTool("mocha --version") || FileManager.default.fileExists(atPath: "/usr/bin/mocha")))
struct MochaRunnerTests {
    private let environment = ProcessInfo.processInfo.environment.merging(JavaScriptToolchains.mochaEnvironment) { _, new in new }

    static let files: [String: String] = [
        ".mocharc.json": "{\"spec\": [\"test/**/*.test.js\"], \"timeout\": 2000}\n",
        "test/a.test.js": """
        const assert = require('assert');
        describe('math', () => {
          it('adds', () => assert.strictEqual(1 + 1, 2));
          it('adds wrongly', () => assert.strictEqual(1 + 1, 3));
          it('throws a TypeError', () => { null.x; });
          it('is slow', function (done) { this.timeout(50); setTimeout(done, 500); });
          it.skip('is skipped', () => {});
          describe('hooked', () => {
            beforeEach(() => { throw new Error('hook boom'); });
            it('never runs', () => {});
          });
        });
        """,
        "test/b.test.js": "throw new Error('load boom');\n",
        "test/c.test.js": "it('top-level c', () => {});\n",
    ]

    @Test func classifiesFailuresErrorsTimeoutsHooksAndLoadFailures() throws {
        let project = try ScratchProject(Self.files)
        defer { project.remove() }
        let result = try MochaRunner().run(SuiteDefinition(name: "m", runner: .mocha), root: project.root, filter: nil,
                                           logPath: project.logPath, environment: environment, onOutput: nil)
        let status = Dictionary(result.cases.map { ($0.name, $0.status) }, uniquingKeysWith: { first, _ in first })
        #expect(status["test/a.test.js > math > adds"] == .passed)
        #expect(status["test/a.test.js > math > adds wrongly"] == .failed)
        #expect(status["test/a.test.js > math > throws a TypeError"] == .errored)
        #expect(status["test/a.test.js > math > is slow"] == .errored)
        #expect(status["test/a.test.js > math > is skipped"] == .skipped)
        #expect(status["test/a.test.js > math > hooked > \"before each\" hook for \"never runs\""] == .errored)
        // The file that throws while loading is an errored case of its own; the other files still ran.
        #expect(status["test/b.test.js"] == .errored)
        #expect(result.cases.first { $0.name == "test/b.test.js" }?.message?.contains("load boom") == true)
        #expect(status["test/c.test.js > top-level c"] == .passed)
        #expect(result.cases.filter { $0.name == "test/b.test.js" }.count == 1)
        #expect(result.suiteError == nil)
        #expect(result.cases.first { $0.status == .failed }?.file == "test/a.test.js")
    }

    @Test func aFilterRunsOnlyTheSelectedFilesWhateverTheMocharcSpec() throws {
        let project = try ScratchProject(Self.files)
        defer { project.remove() }
        let result = try MochaRunner().run(SuiteDefinition(name: "m", runner: .mocha), root: project.root,
                                           filter: TestFilter(ids: ["test/c.test.js"]), logPath: project.logPath,
                                           environment: environment, onOutput: nil)
        #expect(result.cases.map(\.name) == ["test/c.test.js > top-level c"])
        #expect(result.verdictPassed)
    }

    @Test func idsAreRepositoryRelativeForASubdirectorySuite() throws {
        let project = try ScratchProject(Dictionary(uniqueKeysWithValues: Self.files.map { ("pkg/" + $0.key, $0.value) }))
        defer { project.remove() }
        let suite = SuiteDefinition(name: "m", runner: .mocha, workingDirectory: "pkg")
        let result = try MochaRunner().run(suite, root: project.root, filter: TestFilter(ids: ["test/a.test.js"]),
                                           logPath: project.logPath, environment: environment, onOutput: nil)
        #expect(result.cases.contains { $0.name == "pkg/test/a.test.js > math > adds wrongly" && $0.status == .failed })
        #expect(result.cases.allSatisfy { $0.name.hasPrefix("pkg/test/a.test.js > ") })
    }

    @Test func aCrashBeforeReportingIsASuiteErrorWithTheLogTail() throws {
        let project = try ScratchProject([
            ".mocharc.json": "{\"require\": [\"./setup-that-throws.js\"]}\n",
            "setup-that-throws.js": "throw new Error('setup exploded');\n",
            "test/c.test.js": "it('c', () => {});\n",
        ])
        defer { project.remove() }
        let result = try MochaRunner().run(SuiteDefinition(name: "m", runner: .mocha), root: project.root, filter: nil,
                                           logPath: project.logPath, environment: environment, onOutput: nil)
        #expect(!result.verdictPassed)
        #expect(result.suiteError?.contains("setup exploded") == true, "\(result.suiteError ?? "no suite error")")
    }
}
