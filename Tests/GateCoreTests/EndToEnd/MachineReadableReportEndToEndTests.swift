import Foundation
import Testing
@testable import GateCore

/// The JSON report, the JUnit XML and the event trail of real pushes, checked by third-party tools: PyPI's
/// `jsonschema` against `Templates/schema/gate.report-1.schema.json`, PyPI's `junitparser`, and libxml2's `xmllint`
/// against Jenkins' junit-10.xsd (Tests/GateCoreTests/Resources).
@Suite("machine-readable reports end to end", .enabled(if: GitSandbox.hasTool("python3 -m pytest --version")
    && GitSandbox.hasTool("python3 -c 'import jsonschema, junitparser'") && GitSandbox.hasTool("xmllint --version")))
struct MachineReadableReportEndToEndTests {
    static let calc = "def add(a, b):\n    return a + b\n\n\ndef mul(a, b):\n    return a * b\n"
    static let tests = """
    import os
    import pathlib

    import pytest

    from calc import add, mul


    def test_add():
        assert add(2, 3) == 5


    def test_mul():
        assert mul(2, 3) == 6


    def test_boom():
        raise RuntimeError("boom \\x1b[31m <&> \\x01 end")


    def test_later():
        pytest.skip("not today")


    def test_flaky():
        marker = pathlib.Path(os.environ["FLAKY_MARKER"])
        if not marker.exists():
            marker.write_text("failed once")
            assert False, "first run fails"

    """
    static let config = "version: 1\nsuites:\n  - name: unit\n    runner: pytest\n    env:\n      PYTHONPATH: .\nfix:\n  provider: none\nreport:\n  junit: build/gate-junit.xml\n"
    static let schema = GitSandbox.packageRoot + "/Templates/schema/gate.report-1.schema.json"
    static let xsd = GitSandbox.packageRoot + "/Tests/GateCoreTests/Resources/junit-10.xsd"

    @Test func blockedPushWritesASchemaValidReportAndOneJUnitFile() throws {
        let box = try GitSandbox()
        try box.makeProject(["calc.py": Self.calc, "tests/test_calc.py": Self.tests, ".gate.yml": Self.config])
        try box.gate("install", in: "work")
        try box.write("work/calc.py", Self.calc.replacingOccurrences(of: "a + b", with: "a - b"))
        try box.sh("git commit -qam 'break add'", in: "work")
        let env = ["FLAKY_MARKER": box.path("flaky-marker")]
        let output = try box.sh("git push origin main", in: "work", env: env, expect: 1).output
        #expect(output.contains("JUnit XML written to \(box.path("work/build/gate-junit.xml"))"))

        let reportPath = try Self.newestReport(box)
        try Self.validate(report: reportPath, box: box)
        let report = try Self.json(reportPath)
        #expect(report["schema"] as? String == "gate.report/1")
        #expect(report["gateVersion"] as? String == GateVersion.current)
        #expect(report["verdict"] as? String == "blocked")
        let flaky = try #require(report["flaky"] as? [[String: Any]])
        #expect(flaky.map { $0["id"] as? String } == ["tests/test_calc.py::test_flaky"])
        let cases = try #require(((report["targets"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])?.first?["cases"] as? [[String: Any]])
        let add = try #require(cases.first { $0["name"] as? String == "tests/test_calc.py::test_add" })
        #expect(add["status"] as? String == "failed")
        #expect(add["file"] as? String == "tests/test_calc.py")
        #expect(add["line"] as? Int == 9)
        #expect(add["duration"] is Double)
        #expect((add["trace"] as? String)?.contains("assert") == true)
        #expect(cases.first { $0["name"] as? String == "tests/test_calc.py::test_boom" }?["status"] as? String == "errored")

        let junit = box.path("work/build/gate-junit.xml")
        try Self.xmllint(junit, box: box)
        let parsed = try Self.junitparser(junit, box: box)
        #expect(parsed.contains("SUITE unit tests=5 failures=1 errors=1 skipped=1"))
        #expect(parsed.contains("CASE tests/test_calc.py::test_add Failure"))
        #expect(parsed.contains("CASE tests/test_calc.py::test_boom Error"))
        #expect(parsed.contains("CASE tests/test_calc.py::test_later Skipped"))
        #expect(parsed.contains("CASE tests/test_calc.py::test_mul passed"))
        #expect(parsed.contains("CASE tests/test_calc.py::test_flaky passed"))
        #expect(parsed.contains("TEXT tests/test_calc.py::test_add tests/test_calc.py:9"))
        let boom = try #require(parsed.split(separator: "\n").first { $0.hasPrefix("MESSAGE tests/test_calc.py::test_boom ") })
        #expect(boom.contains("boom [31m <&>  end") && !boom.contains("\\u001b") && !boom.contains("\\u0001"))

        // `gate run --junit` writes the same kind of file where it is told, relative to the current directory.
        try box.gate("run --no-fix --junit ../cli/junit.xml", in: "work", env: env, expect: 1)
        try Self.xmllint(box.path("cli/junit.xml"), box: box)
        #expect(try Self.junitparser(box.path("cli/junit.xml"), box: box).contains("CASE tests/test_calc.py::test_add Failure"))
        try Self.checkEventFields(box)
    }

    @Test func fixAttemptsCarryProviderTokensOutcomeAndTheirDiff() throws {
        let box = try GitSandbox()
        let config = "version: 1\nsuites:\n  - name: unit\n    runner: pytest\n    env:\n      PYTHONPATH: .\nfix:\n  provider: openai\n  model: gpt-test\n  timeout: 5\n"
        try box.makeProject(["calc.py": Self.calc, "tests/test_calc.py": "from calc import add\n\n\ndef test_add():\n    assert add(2, 3) == 5\n", ".gate.yml": config])
        try box.gate("install", in: "work")
        try box.write("work/calc.py", Self.calc.replacingOccurrences(of: "a + b", with: "a - b"))
        try box.sh("git commit -qam 'break add'", in: "work")
        let server = try LoopbackHTTPServer([FixLoopEndToEndTests.reply(FixLoopEndToEndTests.goodFix)])
        defer { server.stop() }
        let env = ["OPENAI_API_KEY": FixLoopEndToEndTests.key, "OPENAI_BASE_URL": server.baseURL.absoluteString + "/v1"]
        let output = try box.sh("git push origin main", in: "work", env: env, expect: 1).output
        #expect(output.contains("fixed in"))

        let reportPath = try Self.newestReport(box)
        try Self.validate(report: reportPath, box: box)
        let report = try Self.json(reportPath)
        #expect(report["verdict"] as? String == "fixed")
        let attempt = try #require((report["attempts"] as? [[String: Any]])?.first, "\((try? FileManager.default.contentsOfDirectory(atPath: box.path("work/.git/gate/reports"))) ?? []) \(output)")
        #expect(attempt["provider"] as? String == "openai")
        #expect(attempt["model"] as? String == "gpt-test")
        #expect(attempt["inputTokens"] as? Int == 900)
        #expect(attempt["outputTokens"] as? Int == 40)
        #expect(attempt["outcome"] as? String == "fixed")
        let diff = try #require(attempt["diff"] as? String)
        #expect(diff.contains("--- a/calc.py") && diff.contains("-    return a - b") && diff.contains("+    return a + b"))
        try Self.checkEventFields(box)
    }

    // MARK: - checks by third-party tools

    static func newestReport(_ box: GitSandbox) throws -> String {
        let directory = box.path("work/.git/gate/reports")
        return directory + "/" + (try #require(box.newestFile(in: "work/.git/gate/reports", suffix: ".json")))
    }

    static func json(_ path: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
    }

    /// jsonschema (Draft 2020-12, the schema itself checked first) validates the report; every error is printed.
    static func validate(report: String, box: GitSandbox) throws {
        try box.write("validate.py", """
        import json, sys
        import jsonschema
        schema = json.load(open(sys.argv[2]))
        jsonschema.Draft202012Validator.check_schema(schema)
        validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
        errors = list(validator.iter_errors(json.load(open(sys.argv[1]))))
        for error in errors:
            print("INVALID", "/".join(map(str, error.absolute_path)), error.message[:300])
        print("VALID" if not errors else "%d errors" % len(errors))
        sys.exit(1 if errors else 0)

        """)
        let result = try box.sh("python3 validate.py '\(report)' '\(schema)'", expect: nil)
        #expect(result.status == 0 && result.output.contains("VALID"), "jsonschema: \(result.output)")
    }

    static func xmllint(_ path: String, box: GitSandbox) throws {
        let result = try box.sh("xmllint --noout --schema '\(xsd)' '\(path)'", expect: nil)
        #expect(result.status == 0, "xmllint: \(result.output)")
    }

    /// What junitparser reads: suites with their counts, each case's result kinds, messages and texts.
    static func junitparser(_ path: String, box: GitSandbox) throws -> String {
        try box.write("junit.py", """
        import json, sys
        from junitparser import JUnitXml
        xml = JUnitXml.fromfile(sys.argv[1])
        for suite in xml:
            print("SUITE %s tests=%d failures=%d errors=%d skipped=%d" % (suite.name, suite.tests, suite.failures, suite.errors, suite.skipped))
            for case in suite:
                kinds = [type(r).__name__ for r in case.result]
                print("CASE", case.name, ",".join(kinds) or "passed")
                for r in case.result:
                    print("MESSAGE", case.name, json.dumps(r.message))
                    print("TEXT", case.name, (r.text or "").splitlines()[0] if r.text else "")

        """)
        return try box.sh("python3 junit.py '\(path)'").output
    }

    /// Every event the runs wrote carries exactly the fields README's table documents for its kind.
    static func checkEventFields(_ box: GitSandbox) throws {
        let documented = try EventFieldTable.fromREADME()
        let events = EventTrail(path: box.path("work/.git/gate/events.jsonl")).read().events
        #expect(!events.isEmpty)
        for event in events {
            let kind = try #require(event["event"]?.stringValue)
            let fields = try #require(documented[kind], "event kind \(kind) is not in README's table")
            #expect(Set(event.keys) == Set(fields + EventKind.commonFields), "\(kind): \(event.keys.sorted()) vs README \(fields)")
        }
    }
}

/// README's table of event fields ("Event trail"), read back: kind → fields.
enum EventFieldTable {
    static func fromREADME() throws -> [String: [String]] {
        let readme = try String(contentsOfFile: GitSandbox.packageRoot + "/README.md", encoding: .utf8)
        let section = try #require(readme.range(of: "<!-- event-fields -->"), "README has no event table")
        var table: [String: [String]] = [:]
        for line in readme[section.upperBound...].split(separator: "\n").dropFirst(2) {
            guard line.hasPrefix("| `") else { break }
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            let kind = cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            table[kind] = cells[1].matches(of: /`([a-z_]+)`/).map { String($0.1) }
        }
        return table
    }
}
