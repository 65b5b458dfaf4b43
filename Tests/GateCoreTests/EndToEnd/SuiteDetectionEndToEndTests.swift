import Foundation
import Testing
@testable import GateCore

/// A `.gate.yml` never makes gate pass silently: suites it leaves out are detected and named, a push that nothing can
/// check says so loudly, and duplicate keys are errors with the line.
@Suite("suite detection end to end")
struct SuiteDetectionEndToEndTests {
    static let calc = "def add(a, b):\n    return a + b\n"
    static let tests = "from calc import add\n\n\ndef test_add():\n    assert add(2, 3) == 5\n"

    @Test(.enabled(if: GitSandbox.hasTool("python3 -m pytest --version")))
    func gateYmlWithoutSuitesRunsTheDetectedPytestSuite() throws {
        let box = try GitSandbox("gate-detect")
        try box.makeProject([".gate.yml": "version: 1\nfix:\n  provider: none\n", "calc.py": Self.calc,
                             "tests/test_calc.py": Self.tests, "pytest.ini": "[pytest]\npythonpath = .\n"])
        try box.gate("install", in: "work")
        try box.write("work/calc.py", Self.calc.replacingOccurrences(of: "a + b", with: "a - b"))
        try box.sh("git commit -qam 'break add'", in: "work")
        let push = try box.sh("git push origin main", in: "work", expect: 1)
        #expect(push.output.contains("no suites in .gate.yml: detected pytest (tests/)"), "\(push.output)")
        // Doctor says the same, instead of "0 suite(s)".
        let doctor = try box.gate("doctor", in: "work", expect: nil)
        #expect(doctor.output.contains("has no `suites:`; detected python (pytest)"), "\(doctor.output)")
        #expect(!doctor.output.contains("0 suite(s)"))
        #expect(push.output.contains("BLOCKED"))
        #expect(push.output.contains("test_add"))
        // Mended, the same detection lets it through, having run the test.
        try box.write("work/calc.py", Self.calc.replacingOccurrences(of: "a + b", with: "b + a"))
        try box.sh("git commit -qam mend", in: "work")
        let mended = try box.sh("git push origin main", in: "work")
        #expect(mended.output.contains("PASSED"))
        #expect(mended.output.contains("1 passed"))
    }

    /// A server config that sets only server keys: the pushed tree's suites are detected, not skipped.
    @Test(.enabled(if: GitSandbox.hasTool("python3 -m pytest --version")))
    func serverConfigWithoutSuitesChecksTheDetectedSuite() throws {
        let box = try GitSandbox("gate-detect")
        try box.makeProject(["calc.py": Self.calc, "tests/test_calc.py": Self.tests, "pytest.ini": "[pytest]\npythonpath = .\n"])
        try box.write("remote.git/gate/config.yml", "version: 1\nserver:\n  tags: check\n")
        try box.gate("install --server", in: "remote.git")
        try box.write("work/calc.py", Self.calc.replacingOccurrences(of: "a + b", with: "a - b"))
        try box.sh("git commit -qam 'break add'", in: "work")
        let push = try box.sh("git push origin main", in: "work", expect: 1)
        #expect(push.output.contains("no suites in the server config: detected pytest (tests/)"), "\(push.output)")
        #expect(push.output.contains("test_add"))
    }

    @Test func codeThatNothingCanTestIsALoudWarningAndDocsAreQuiet() throws {
        let box = try GitSandbox("gate-detect")
        try box.makeProject([".gate.yml": "version: 1\n", "main.c": "int main(void) { return 0; }\n", "README.md": "# c\n"])
        try box.gate("install", in: "work")
        try box.write("work/README.md", "# c project\n")
        try box.sh("git commit -qam docs", in: "work")
        let docs = try box.sh("git push origin main", in: "work")
        #expect(docs.output.contains("only documentation changed"), "\(docs.output)")
        #expect(!docs.output.contains("NOTHING CHECKED"))
        #expect(docs.output.contains("gate: nothing to check") || docs.output.contains("PASSED"), "\(docs.output)")
        try box.write("work/main.c", "int main(void) { return 1; }\n")
        try box.sh("git commit -qam code", in: "work")
        let code = try box.sh("git push origin main", in: "work")
        #expect(code.output.contains("no suites in .gate.yml: no test suite detected"), "\(code.output)")
        #expect(code.output.contains("warning: NOTHING CHECKED"))
        #expect(code.output.contains("main.c"))
        #expect(box.read("work/.git/gate/events.jsonl")?.contains("\"event\":\"nothing_checkable\"") == true)
        // The verdict itself says so: never a plain PASSED for code nothing checked.
        #expect(code.output.contains("gate: NOT CHECKED"), "\(code.output)")
        #expect(!code.output.contains("PASSED"))
        #expect(box.read("work/.git/gate/events.jsonl")?.contains("\"verdict\":\"unchecked\"") == true)
    }

    @Test func duplicateKeysInGateYmlAreExitTwoWithTheLine() throws {
        let box = try GitSandbox("gate-detect")
        let config = "version: 1\nsuites:\n  - name: check\n    runner: command\n    command: \"true\"\n    command: \"false\"\n"
        try box.makeProject([".gate.yml": config, "value.txt": "ok\n"])
        let run = try box.gate("run --no-fix --all", in: "work", expect: 2)
        #expect(run.output.contains(":6: duplicate key \"command\" (first on line 5)"), "\(run.output)")
        let doctor = try box.gate("doctor", in: "work", expect: nil)
        #expect(doctor.output.contains("duplicate key"))
    }
}
