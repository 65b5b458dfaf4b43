import Foundation
import Testing
@testable import GateCore

/// `.gate.yml` never silently means "no tests": left-out suites are detected, duplicate keys are errors.
@Suite struct ConfigSuitesTests {
    @Test func duplicateKeysAreErrorsWithTheLine() throws {
        let cases: [(String, Int, String)] = [
            ("version: 1\nversion: 1\n", 2, "version"),
            ("version: 1\nfix:\n  provider: none\nfix:\n  provider: openai\n", 4, "fix"),
            ("version: 1\nsuites:\n  - name: unit\n    runner: command\n    command: \"true\"\n    command: \"false\"\n", 6, "command"),
            ("version: 1\nsuites:\n  - name: unit\n    runner: pytest\n    env: {A: one, A: two}\n", 5, "A"),
            ("version: 1\nselection:\n  always: []\n  ignore: []\n  always: [\"x/**\"]\n", 5, "always"),
        ]
        for (text, line, key) in cases {
            let error = try #require(throws: ConfigError.self) { try ConfigParser().parse(text) }
            #expect(error.line == line, "\(text)")
            #expect(error.message.contains("duplicate key \"\(key)\""), "\(error)")
        }
        let first = try #require(throws: ConfigError.self) { try ConfigParser().parse("version: 1\nrun:\n  lock_wait: 1\n  lock_wait: 2\n") }
        #expect(first.message.contains("first on line 3"))
        // The same key in two different mappings is fine.
        let config = try ConfigParser().parse("version: 1\nsuites:\n  - name: a\n    runner: go\n  - name: b\n    runner: swift\n")
        #expect(config.suites.map(\.name) == ["a", "b"])
    }

    @Test func suitesLeftOutAreMarkedForDetectionAndDeclaredOnesAreNot() throws {
        #expect(try ConfigParser().parse("version: 1\n").suiteSource == .detectedWithoutSuitesKey)
        #expect(try ConfigParser().parse("version: 1\nfix:\n  provider: none\n").suiteSource == .detectedWithoutSuitesKey)
        #expect(try ConfigParser().parse("version: 1\nsuites: []\n").suiteSource == .configFile)
        let files = ["calc.py", "tests/test_calc.py", "README.md"].map { TreeFile(path: $0, blob: ObjectID(hex: String(repeating: "1", count: 40))!, isSymlink: false, isExecutable: false) }
        let completed = try ConfigLoader.completed(try ConfigParser().parse("version: 1\n"), files: { files })
        #expect(completed.suites.map(\.runner) == [.pytest])
        let declared = try ConfigLoader.completed(try ConfigParser().parse("version: 1\nsuites: []\n"), files: { files })
        #expect(declared.suites.isEmpty)
        #expect(SuiteDetector.describe(completed.suites, paths: files.map(\.path)) == "pytest (tests/)")
    }

    @Test func nothingToCheckSaysWhetherOnlyDocsChanged() {
        #expect(TestPlanner.noSuitesReason(["README.md", "docs/guide.md"]).hasPrefix("only documentation changed"))
        let code = TestPlanner.noSuitesReason(["README.md", "src/main.c"])
        #expect(code.hasPrefix("NOTHING CHECKED"))
        #expect(code.contains("src/main.c"))
    }
}
