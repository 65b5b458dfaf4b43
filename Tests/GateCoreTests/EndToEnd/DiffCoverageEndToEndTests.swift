import Foundation
import Testing
@testable import GateCore

/// `quality.diff_coverage.min` through the installed hook to a bare remote, per language: a push whose changed lines
/// the tests run passes and shows the figure; one whose changed lines no test runs is blocked with the uncovered
/// lines (`file:line: source`), the tests that ran, and next steps that never offer an AI fix; comments, blank lines
/// and deletions count nothing; a renamed file counts only its changed lines.
@Suite("diff coverage end to end", .serialized)
struct DiffCoverageEndToEndTests {
    /// A project with one covered and one uncovered function per language, and a hook installed.
    struct Project {
        let repo: SelectionRepo
        init(_ files: [String: String], name: String) throws {
            repo = try SelectionRepo(files, name: name)
            try repo.install()
        }

        /// Commits `write`/`move`/`delete` and pushes through the hook.
        func push(write: [String: String] = [:], delete: [String] = [], move: [(from: String, to: String)] = [],
                  expect: Int32) throws -> String {
            try repo.commit("change", write: write, delete: delete, move: move)
            return try repo.push(expect: expect).output
        }

        /// The newest report's JSON and Markdown.
        func lastReport() throws -> (json: [String: Any], markdown: String) {
            let directory = repo.box.path("work/.git/gate/reports")
            let json = try #require(repo.box.newestFile(in: "work/.git/gate/reports", suffix: ".json"))
            let object = try JSONSerialization.jsonObject(with: try #require(FileManager.default.contents(atPath: directory + "/" + json)))
            let markdown = try #require(repo.box.read("work/.git/gate/reports/" + json.replacingOccurrences(of: ".json", with: ".md")))
            return (try #require(object as? [String: Any]), markdown)
        }
    }

    static func config(_ runner: String, extra: String = "") -> String {
        "version: 1\nsuites:\n  - name: unit\n    runner: \(runner)\n    timeout: 600\nfix:\n  provider: none\nquality:\n  diff_coverage: {min: 80}\n" + extra
    }

    // MARK: Python

    static let python: [String: String] = [
        ".gate.yml": config("pytest"),
        ".gitignore": "__pycache__/\n",
        "src/calc/__init__.py": "",
        "src/calc/ops.py": "def add(a, b):\n    return a + b\n\n\ndef sub(a, b):\n    return a - b\n",
        "tests/test_ops.py": "import sys, pathlib\nsys.path.insert(0, str(pathlib.Path(__file__).parents[1] / 'src'))\nfrom calc.ops import add\n\n\ndef test_add():\n    assert add(2, 3) == 5\n",
    ]

    @Test(.enabled(if: GitSandbox.hasTool("python3 -c 'import pytest, coverage'")))
    func python() throws {
        let project = try Project(Self.python, name: "dc-python")
        // Covered change plus a comment and blank lines: 100 %, shown on a passing push.
        let covered = try project.push(write: ["src/calc/ops.py": "def add(a, b):\n    # the sum\n\n    total = a + b\n    return total\n\n\ndef sub(a, b):\n    return a - b\n"], expect: 0)
        #expect(covered.contains("coverage diff coverage 100.0% (2 of 2 changed lines); min 80.0%"), "\(covered)")
        // Only a deletion: nothing to measure, passes.
        let deleted = try project.push(write: ["src/calc/ops.py": "def add(a, b):\n    total = a + b\n    return total\n\n\ndef sub(a, b):\n    return a - b\n"], expect: 0)
        #expect(deleted.contains("diff coverage n/a (no changed executable line)"), "\(deleted)")
        // Uncovered change: blocked, the line and its source listed, no fix attempted.
        let blocked = try project.push(write: ["src/calc/ops.py": "def add(a, b):\n    total = a + b\n    return total\n\n\ndef sub(a, b):\n    diff = a - b\n    return diff\n"], expect: 1)
        #expect(blocked.contains("BLOCKED — coverage below the threshold (tests passed)"), "\(blocked)")
        #expect(blocked.contains("diff coverage 0.0% (0 of 2 changed lines); min 80.0% — BELOW THRESHOLD"), "\(blocked)")
        #expect(blocked.contains("Add tests that run the uncovered changed lines"), "\(blocked)")
        #expect(!blocked.contains("fix attempt"))
        let report = try project.lastReport()
        #expect(report.json["verdict"] as? String == "belowCoverage")
        #expect(report.json["diffCoverage"] as? Double == 0)
        #expect(report.markdown.contains("src/calc/ops.py:7: diff = a - b\nsrc/calc/ops.py:8: return diff"), "\(report.markdown)")
        #expect(report.markdown.contains("- `tests/test_ops.py::test_add`"), "\(report.markdown)")
        #expect(report.markdown.contains("threshold 80.0%"))
        // The history keeps each measured push's figure, and `gate stats` shows the trend.
        let stats = try project.repo.box.gate("stats", in: "work").output
        #expect(stats.contains("diff coverage median 50.0%, lowest 0.0%, over 2 measured pushes (latest 0.0%)"), "\(stats)")
        // The blocked commit stays in the next push. A rename counts only its changed lines: sub's two (now tested),
        // and neg's `def` (run at import) and body (never run).
        let renamed = try project.push(
            write: ["src/calc/arith.py": "def add(a, b):\n    total = a + b\n    return total\n\n\ndef sub(a, b):\n    diff = a - b\n    return diff\n\n\ndef neg(a):\n    return -a\n",
                    "tests/test_ops.py": "import sys, pathlib\nsys.path.insert(0, str(pathlib.Path(__file__).parents[1] / 'src'))\nfrom calc.arith import add, sub, neg\n\n\ndef test_add():\n    assert add(2, 3) == 5\n\n\ndef test_sub():\n    assert sub(2, 3) == -1\n"],
            delete: ["src/calc/ops.py"], expect: 1)
        #expect(renamed.contains("diff coverage 75.0% (3 of 4 changed lines); min 80.0% — BELOW THRESHOLD"), "\(renamed)")
        let renamedReport = try project.lastReport().markdown
        #expect(renamedReport.contains("src/calc/arith.py:12: return -a"), "\(renamedReport)")
        #expect(!renamedReport.contains("arith.py:2:"), "an unchanged line of a renamed file counted: \(renamedReport)")
    }

    /// Python's whole-project figure counts a module no test imports (coverage.py's `source` reporting): 3 of 6 lines.
    @Test(.enabled(if: GitSandbox.hasTool("python3 -c 'import pytest, coverage'")))
    func pythonWholeProjectCoverageCountsNeverImportedModules() throws {
        var files = Self.python
        files[".gate.yml"] = "version: 1\nsuites:\n  - name: unit\n    runner: pytest\nfix:\n  provider: none\nquality:\n  coverage: {min: 60}\n"
        files["src/calc/never.py"] = "def unused():\n    return 1\n"
        files["pyproject.toml"] = "[project]\nname = \"calc\"\n"
        let project = try Project(files, name: "dc-python-total")
        // pytest's own section changed: every test runs (a version bump alone would run none).
        let output = try project.push(write: ["pyproject.toml": "[project]\nname = \"calc\"\n\n[tool.pytest.ini_options]\nxfail_strict = true\n"], expect: 1)
        #expect(output.contains("coverage 50.0%; min 60.0% — BELOW THRESHOLD"), "\(output)")
    }

    /// A configured AI provider is never asked about a coverage block: tests are protected, only the author can add them.
    @Test(.enabled(if: GitSandbox.hasTool("python3 -c 'import pytest, coverage'")))
    func coverageBlockNeverAsksTheProvider() throws {
        let box = try GitSandbox("dc-provider")
        try box.write("agent.sh", "#!/bin/sh\ncat > '\(box.path("asked.txt"))'\necho 'no edits'\n")
        try box.sh("chmod +x agent.sh")
        var files = Self.python
        files[".gate.yml"] = "version: 1\nsuites:\n  - name: unit\n    runner: pytest\nfix:\n  provider: command\n  command: \(box.path("agent.sh"))\n  timeout: 30\nquality:\n  diff_coverage: {min: 80}\n"
        try box.makeProject(files)
        try box.gate("install", in: "work")
        try box.write("work/src/calc/ops.py", "def add(a, b):\n    return a + b\n\n\ndef sub(a, b):\n    diff = a - b\n    return diff\n")
        try box.sh("git commit -qam uncovered", in: "work")
        let output = try box.sh("git push origin main", in: "work", expect: 1).output
        #expect(output.contains("BLOCKED — coverage below the threshold (tests passed)"), "\(output)")
        #expect(!box.exists("asked.txt"), "the provider was asked to fix a coverage block")
        let trail = try #require(box.read("work/.git/gate/events.jsonl"))
        #expect(trail.contains("\"event\":\"coverage\"") && trail.contains("\"verdict\":\"belowCoverage\""), "\(trail)")
        #expect(!trail.contains("fix_attempt"))
    }

    // MARK: Go

    static let go: [String: String] = [
        ".gate.yml": config("go"),
        "go.mod": "module example.com/calc\n\ngo 1.19\n",
        "ops/ops.go": "package ops\n\n// Add adds.\nfunc Add(a, b int) int {\n\treturn a + b\n}\n\n// Sub subtracts.\nfunc Sub(a, b int) int {\n\treturn a - b\n}\n",
        "ops/ops_test.go": "package ops\n\nimport \"testing\"\n\nfunc TestAdd(t *testing.T) {\n\tif Add(2, 3) != 5 {\n\t\tt.Fatal(\"Add\")\n\t}\n}\n",
    ]

    @Test(.enabled(if: GitSandbox.hasTool("go version")))
    func go() throws {
        let project = try Project(Self.go, name: "dc-go")
        let covered = try project.push(write: ["ops/ops.go": "package ops\n\n// Add adds.\nfunc Add(a, b int) int {\n\t// the sum\n\n\ttotal := a + b\n\treturn total\n}\n\n// Sub subtracts.\nfunc Sub(a, b int) int {\n\treturn a - b\n}\n"], expect: 0)
        #expect(covered.contains("diff coverage 100.0% (2 of 2 changed lines)"), "\(covered)")
        let blocked = try project.push(write: ["ops/ops.go": "package ops\n\n// Add adds.\nfunc Add(a, b int) int {\n\t// the sum\n\n\ttotal := a + b\n\treturn total\n}\n\n// Sub subtracts.\nfunc Sub(a, b int) int {\n\tdiff := a - b\n\treturn diff\n}\n"], expect: 1)
        #expect(blocked.contains("diff coverage 0.0% (0 of 2 changed lines); min 80.0% — BELOW THRESHOLD"), "\(blocked)")
        let report = try project.lastReport()
        #expect(report.markdown.contains("ops/ops.go:13: diff := a - b\nops/ops.go:14: return diff"), "\(report.markdown)")
        #expect(report.markdown.contains("- `example.com/calc/ops.TestAdd`"), "\(report.markdown)")
    }

    /// `coverage.min` is checked only when every test ran (here: a file matching an `always` glob changed), and says so
    /// otherwise.
    @Test(.enabled(if: GitSandbox.hasTool("go version")))
    func wholeProjectCoverage() throws {
        var files = Self.go
        files[".gate.yml"] = Self.config("go", extra: "  coverage: {min: 60}\nselection:\n  always: [\"VERSION\"]\n")
        files["VERSION"] = "1\n"
        let project = try Project(files, name: "dc-go-total")
        let selected = try project.push(write: ["ops/ops.go": try project.repo.text("ops/ops.go").replacingOccurrences(of: "return a + b", with: "return b + a")], expect: 0)
        #expect(selected.contains("coverage not checked (only the selected tests ran"), "\(selected)")
        // Add: `func` line and body ran; Sub: neither; closing braces and comments are not code: 2 of 4.
        let all = try project.push(write: ["VERSION": "2\n"], expect: 1)
        #expect(all.contains("coverage 50.0%; min 60.0% — BELOW THRESHOLD"), "\(all)")
    }

    // MARK: node

    static let node: [String: String] = [
        ".gate.yml": config("node"),
        "package.json": "{\"name\": \"calc\", \"version\": \"1.0.0\"}\n",
        "lib/ops.js": "// Arithmetic.\nfunction add(a, b) {\n  return a + b;\n}\n\nfunction sub(a, b) {\n  return a - b;\n}\n\nmodule.exports = { add, sub };\n",
        "test/ops.test.js": "const test = require('node:test');\nconst assert = require('node:assert');\nconst { add } = require('../lib/ops.js');\n\ntest('add', () => {\n  assert.strictEqual(add(2, 3), 5);\n});\n",
    ]

    @Test(.enabled(if: GitSandbox.hasTool("node --version")))
    func node() throws {
        let project = try Project(Self.node, name: "dc-node")
        let covered = try project.push(write: ["lib/ops.js": "// Arithmetic.\nfunction add(a, b) {\n  /* the\n     sum */\n\n  const total = a + b;\n  return total;\n}\n\nfunction sub(a, b) {\n  return a - b;\n}\n\nmodule.exports = { add, sub };\n"], expect: 0)
        #expect(covered.contains("diff coverage 100.0% (2 of 2 changed lines)"), "\(covered)")
        let blocked = try project.push(write: ["lib/ops.js": "// Arithmetic.\nfunction add(a, b) {\n  /* the\n     sum */\n\n  const total = a + b;\n  return total;\n}\n\nfunction sub(a, b) {\n  const diff = a - b;\n  return diff;\n}\n\nmodule.exports = { add, sub };\n"], expect: 1)
        #expect(blocked.contains("diff coverage 0.0% (0 of 2 changed lines); min 80.0% — BELOW THRESHOLD"), "\(blocked)")
        let report = try project.lastReport()
        #expect(report.markdown.contains("lib/ops.js:11: const diff = a - b;\nlib/ops.js:12: return diff;"), "\(report.markdown)")
        #expect(report.markdown.contains("- `test/ops.test.js > add`"), "\(report.markdown)")
    }

    // MARK: Swift

    static let swift: [String: String] = [
        ".gate.yml": config("swift"),
        ".gitignore": ".build/\n",
        "Package.swift": "// swift-tools-version:5.9\nimport PackageDescription\n\nlet package = Package(\n    name: \"Calc\",\n    targets: [\n        .target(name: \"Calc\"),\n        .testTarget(name: \"CalcTests\", dependencies: [\"Calc\"]),\n    ]\n)\n",
        "Sources/Calc/Ops.swift": "/// Adds.\npublic func add(_ a: Int, _ b: Int) -> Int {\n    return a + b\n}\n\n/// Subtracts.\npublic func sub(_ a: Int, _ b: Int) -> Int {\n    return a - b\n}\n",
        "Tests/CalcTests/OpsTests.swift": "import XCTest\n@testable import Calc\n\nfinal class OpsTests: XCTestCase {\n    func testAdd() {\n        XCTAssertEqual(add(2, 3), 5)\n    }\n}\n",
    ]

    @Test(.enabled(if: GitSandbox.hasTool("swift --version")))
    func swift() throws {
        let project = try Project(Self.swift, name: "dc-swift")
        let covered = try project.push(write: ["Sources/Calc/Ops.swift": "/// Adds.\npublic func add(_ a: Int, _ b: Int) -> Int {\n    // the sum\n\n    let total = a + b\n    return total\n}\n\n/// Subtracts.\npublic func sub(_ a: Int, _ b: Int) -> Int {\n    return a - b\n}\n"], expect: 0)
        #expect(covered.contains("diff coverage 100.0% (2 of 2 changed lines)"), "\(covered)")
        let blocked = try project.push(write: ["Sources/Calc/Ops.swift": "/// Adds.\npublic func add(_ a: Int, _ b: Int) -> Int {\n    // the sum\n\n    let total = a + b\n    return total\n}\n\n/// Subtracts.\npublic func sub(_ a: Int, _ b: Int) -> Int {\n    let diff = a - b\n    return diff\n}\n"], expect: 1)
        #expect(blocked.contains("diff coverage 0.0% (0 of 2 changed lines); min 80.0% — BELOW THRESHOLD"), "\(blocked)")
        let report = try project.lastReport()
        #expect(report.markdown.contains("Sources/Calc/Ops.swift:11: let diff = a - b\nSources/Calc/Ops.swift:12: return diff"), "\(report.markdown)")
        #expect(report.markdown.contains("- `CalcTests.OpsTests/testAdd`"), "\(report.markdown)")
    }
}
