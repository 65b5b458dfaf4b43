import Foundation
import Testing
@testable import GateCore

/// Coverage selection on a real pytest project: seeded with `gate index build --coverage`, then `gate affected` on
/// real commits. A hub module holds a plain method, a cached function, code run at import time, module constants and
/// a class attribute; the safety check compares against the test ids pytest really fails.
@Suite("selection end to end: Python coverage",
       .enabled(if: GitSandbox.hasTool("python3 -c 'import pytest, coverage'")))
struct SelectionCoverageEndToEndTests {
    static let core = """
        import functools

        RATE = 3


        def scale(x):
            return x * 2


        def build_table():
            return {"a": 1, "b": 2}


        TABLE = build_table()


        @functools.lru_cache(maxsize=None)
        def palette():
            return ("red", "green")


        class Color:
            DEFAULT = "red"

            def __init__(self, name=None):
                self.name = name or self.DEFAULT

            def downgrade(self):
                return self.name.upper()

            def is_default(self):
                return self.name == self.DEFAULT
        """

    static let files: [String: String] = [
        ".gate.yml": "version: 1\nsuites:\n  - name: python\n    runner: pytest\n    timeout: 300\nfix:\n  provider: none\n",
        ".gitignore": "__pycache__/\n.pytest_cache/\n",
        "shop/__init__.py": "",
        "shop/core.py": withFinalNewline(core),
        "shop/alpha.py": "from shop.core import scale, RATE\n\n\ndef alpha(x):\n    return scale(x) + RATE\n",
        "shop/beta.py": "from shop import core\n\n\ndef first_colour():\n    return core.palette()[0]\n\n\ndef lookup(key):\n    return core.TABLE[key]\n",
        "tests/test_alpha.py": "from shop.alpha import alpha\n\n\ndef test_alpha():\n    assert alpha(1) == 5\n\n\ndef test_alpha_zero():\n    assert alpha(0) == 3\n",
        "tests/test_beta.py": "from shop.beta import first_colour, lookup\n\n\ndef test_first_colour():\n    assert first_colour() == \"red\"\n\n\ndef test_lookup():\n    assert lookup(\"b\") == 2\n",
        "tests/test_color.py": """
            from shop.core import Color, palette


            def test_downgrade():
                assert Color("x").downgrade() == "X"


            def test_default():
                assert Color().is_default() and Color().name == "red"


            def test_palette_size():
                assert len(palette()) == 2
            """,
    ]

    static let allTests: Set<String> = [
        "tests/test_alpha.py::test_alpha", "tests/test_alpha.py::test_alpha_zero", "tests/test_beta.py::test_first_colour",
        "tests/test_beta.py::test_lookup", "tests/test_color.py::test_downgrade", "tests/test_color.py::test_default",
        "tests/test_color.py::test_palette_size",
    ]

    /// A fixture repository with coverage recorded at its first commit.
    func seeded(_ extra: [String: String] = [:], tests: Int = 7) throws -> SelectionRepo {
        let repo = try SelectionRepo(Self.files.merging(extra) { $1 }.mapValues(withFinalNewline), name: "coverage")
        let output = try repo.box.gate("index build --coverage", in: "work").output
        #expect(output.contains("coverage: \(tests) tests recorded"), "\(output)")
        return repo
    }

    /// Back to the seeded commit: the records describe it, so each edit is judged alone.
    func reset(_ repo: SelectionRepo) throws {
        try repo.box.sh("git reset -q --hard \(repo.base) && git clean -q -fdx", in: "work")
    }

    func edit(_ repo: SelectionRepo, _ path: String, _ old: String, _ new: String) throws {
        let text = try repo.text(path)
        #expect(text.contains(old), "\(path) has no \(old.debugDescription)")
        try repo.commit("edit \(path)", write: [path: text.replacingOccurrences(of: old, with: new)])
    }

    func explain(_ repo: SelectionRepo) throws -> String {
        try repo.box.gate("affected --from HEAD~1 --explain", in: "work").output
    }

    /// pyflakes' history had this miss: a test runs the package's command line in a child process (`sys.executable
    /// -m`), so coverage records nothing of the code the child runs, and a fault there selected no test. A test file
    /// that starts processes is selected by its imports whenever they reach the change: the tests of it that started a
    /// process in their recorded run, not the ones that did not (pyflakes' test_api.py: only `IntegrationTests`).
    @Test func aTestFileThatStartsProcessesIsSelectedByItsImports() throws {
        let cli = """
            import sys
            from shop.core import label, scale


            def main():
                print(render(int(sys.argv[1])))


            def render(n):
                return label(scale(n))


            if __name__ == "__main__":
                main()
            """
        let test = """
            import subprocess
            import sys

            import shop.cli


            def test_cli_prints_the_value():
                out = subprocess.run([sys.executable, "-m", "shop.cli", "2"], capture_output=True, text=True, check=True)
                assert out.stdout.strip() == "value=4"


            def test_scale_in_process():
                assert shop.cli.scale(3) == 6
            """
        // `label` runs only in the child: no recorded test executed it.
        let core = Self.core + "\n\ndef label(n):\n    return \"value=%d\" % n\n"
        let repo = try seeded(["shop/core.py": core, "shop/cli.py": cli, "tests/test_cli.py": test], tests: 9)
        try edit(repo, "shop/core.py", "return \"value=%d\" % n", "return \"value=%d\" % (n + 1)")
        let report = try repo.affectedByLastCommit()
        #expect(report.ids == ["tests/test_cli.py::test_cli_prints_the_value"], "\(report.reason)")
        let explained = try explain(repo)
        #expect(explained.contains("started a process in its recorded run, which coverage cannot see"), "\(explained)")
        let run = try repo.box.sh("python3 -m pytest -q -p no:cacheprovider tests/test_cli.py", in: "work", expect: nil)
        #expect(run.status == 1, "the selected file really fails: \(run.output)")
    }

    @Test func bodyChangeSelectsOnlyTheTestsThatExecutedIt() throws {
        let repo = try seeded()
        try edit(repo, "shop/core.py", "return self.name.upper()", "return self.name.lower()")
        #expect(try repo.affectedByLastCommit().ids == ["tests/test_color.py::test_downgrade"])
        #expect(try explain(repo).contains("tests/test_color.py::test_downgrade: coverage: executed `Color.downgrade` in shop/core.py"))
        try reset(repo)
        try edit(repo, "shop/core.py", "return x * 2", "return x * 3")
        #expect(try repo.affectedByLastCommit().ids == ["tests/test_alpha.py::test_alpha", "tests/test_alpha.py::test_alpha_zero"])
        // Comments and formatting change no block.
        try reset(repo)
        try edit(repo, "shop/core.py", "def is_default(self):", "def is_default(self):  # compares")
        #expect(try repo.affectedByLastCommit().mode == .none)
    }

    @Test func cachedAndImportTimeFunctionsAreFollowedByName() throws {
        let repo = try seeded()
        try edit(repo, "shop/core.py", "return (\"red\", \"green\")", "return (\"red\",)")
        // test_palette_size only ever saw palette's cached value: coverage alone would miss it; it mentions `palette`.
        #expect(try repo.affectedByLastCommit().ids == ["tests/test_beta.py::test_first_colour", "tests/test_color.py::test_palette_size"])
        let cached = try explain(repo)
        #expect(cached.contains("tests/test_color.py::test_palette_size: tests/test_color.py ← shop/core.py (safety net: mentions `palette`, changed by `palette` in shop/core.py is cached by @functools.lru_cache)"), "\(cached)")
        try reset(repo)
        // TABLE = build_table() runs at import; lookup uses TABLE.
        try edit(repo, "shop/core.py", "return {\"a\": 1, \"b\": 2}", "return {\"a\": 1}")
        #expect(try repo.affectedByLastCommit().ids == ["tests/test_beta.py::test_lookup"])
        #expect(try explain(repo).contains("executed `lookup` in shop/beta.py, which uses `TABLE`, changed by `build_table` in shop/core.py runs at import time"))
    }

    @Test func moduleLevelAndClassBodyChangesAreFollowedByName() throws {
        let repo = try seeded()
        try edit(repo, "shop/core.py", "RATE = 3", "RATE = 4")
        #expect(try repo.affectedByLastCommit().ids == ["tests/test_alpha.py::test_alpha", "tests/test_alpha.py::test_alpha_zero"])
        #expect(try explain(repo).contains("executed `alpha` in shop/alpha.py, which uses `RATE`, changed by module-level change in shop/core.py"))
        try reset(repo)
        try edit(repo, "shop/core.py", "DEFAULT = \"red\"", "DEFAULT = \"blue\"")
        // Color.DEFAULT: what uses DEFAULT (and the tests that name Color) runs.
        #expect(try repo.affectedByLastCommit().ids == ["tests/test_color.py::test_default", "tests/test_color.py::test_downgrade"])
        #expect(try explain(repo).contains("in shop/core.py, which uses `DEFAULT`, changed by class body of `Color` changed in shop/core.py"))
        // A renamed function: the tests that mention either name run.
        try reset(repo)
        try edit(repo, "shop/beta.py", "def lookup(key):\n    return core.TABLE[key]", "def find(key):\n    return core.TABLE[key]\n\n\nlookup = find")
        #expect(try repo.affectedByLastCommit().ids == ["tests/test_beta.py::test_lookup"])
        #expect(try explain(repo).contains("mentions `lookup`, changed by module-level change in shop/beta.py"))
        // A module-level call that uses a changed name falls back to the import closure.
        try reset(repo)
        try edit(repo, "shop/core.py", "RATE = 3\n", "RATE = 3\nprint(RATE)\n")
        #expect(try explain(repo).contains("module-level change in shop/core.py: a module-level statement changed (shop/core.py line 4) → import closure"))
    }

    /// A module-level lambda runs inside the test that calls it: that is no sign the test imported the module.
    @Test func moduleLevelLambdaRunInATestIsNotALazyImport() throws {
        let repo = try seeded([
            "shop/streams.py": "import sys\n\n_stdout = (lambda: sys.stdout)\n\n\ndef name():\n    return \"out\" if _stdout() is sys.stdout else \"other\"\n\n\ndef shout(text):\n    return text.upper()\n",
            "tests/test_streams.py": "from shop import streams\n\n\ndef test_name():\n    assert streams.name() == \"out\"\n\n\ndef test_shout():\n    assert streams.shout(\"a\") == \"A\"\n",
        ], tests: 9)
        try edit(repo, "shop/streams.py", "return \"out\" if", "return \"OUT\" if")
        let explained = try explain(repo)
        #expect(try repo.affectedByLastCommit().ids == ["tests/test_streams.py::test_name"], "\(explained)")
    }

    /// Issue 13 class 2: execution belongs to an import only while that import is on the stack. `fmt` ran before
    /// the test's lazy import of shop/rows.py; `stamp` ran inside the lazy import of shop/header.py.
    @Test func aLazyImportOwnsOnlyWhatRanWhileItWasOnTheStack() throws {
        let repo = try seeded([
            "shop/report.py": "def fmt(x):\n    return \"%d\" % x\n\n\ndef stamp(x):\n    return \"#%d\" % x\n\n\ndef table():\n    from shop import rows\n    return rows.ROWS\n\n\ndef title():\n    from shop import header\n    return header.TITLE\n\n\ndef other():\n    return 0\n",
            "shop/rows.py": "from shop.report import fmt\n\nROWS = [1, 2]\n",
            "shop/header.py": "from shop.report import stamp\n\nTITLE = stamp(7)\n",
            "tests/test_report.py": "from shop import report\n\n\ndef test_both():\n    assert report.fmt(1) == \"1\"\n    assert report.table() == [1, 2]\n\n\ndef test_fmt_only():\n    assert report.fmt(2) == \"2\"\n\n\ndef test_other():\n    assert report.other() == 0\n",
            "tests/test_title.py": "from shop import report\n\n\ndef test_title():\n    assert report.title() == \"#7\"\n",
        ], tests: 11)
        try edit(repo, "shop/report.py", "return \"%d\" % x", "return \"%03d\" % x")
        let explained = try explain(repo)
        #expect(try repo.affectedByLastCommit().ids == ["tests/test_report.py::test_both", "tests/test_report.py::test_fmt_only"], "\(explained)")
        #expect(!explained.contains("→ import closure"), "\(explained)")
        // stamp ran inside the import of header.py, whose TITLE test_title reads: it must still run.
        try reset(repo)
        try edit(repo, "shop/report.py", "return \"#%d\" % x", "return \"no. %d\" % x")
        let stamped = try repo.affectedByLastCommit().ids
        let stampExplained = try explain(repo)
        #expect(stamped.contains("tests/test_title.py") || stamped.contains("tests/test_title.py::test_title"), "\(stampExplained)")
        #expect(try Self.failingTests(repo.box) == ["tests/test_title.py::test_title"])
    }

    @Test func aFailedTestRunsAgainAndANewTestFileRunsWhole() throws {
        let repo = try seeded()
        try repo.install()
        try edit(repo, "shop/core.py", "return self.name.upper()", "return self.name.lower()")
        let blocked = try repo.push(expect: 1)
        #expect(blocked.output.contains("test_downgrade"), "\(blocked.output)")
        // The blocked run recorded test_downgrade as failed: an unrelated change runs it again.
        try edit(repo, "shop/core.py", "return x * 2", "return x * 3")
        let ids = try repo.affectedByLastCommit().ids
        #expect(ids.contains("tests/test_color.py::test_downgrade"), "\(ids)")
        #expect(try explain(repo).contains("tests/test_color.py::test_downgrade: coverage: failed last time"))
        // A test file nobody recorded yet runs whole when a module it imports changes.
        try repo.commit("new test", write: ["tests/test_new.py": "from shop.alpha import alpha\n\n\ndef test_new():\n    assert alpha(2) > 0\n"])
        try edit(repo, "shop/core.py", "return x * 3", "return x * 4")
        #expect(try repo.affectedByLastCommit().ids.contains("tests/test_new.py"))
    }

    @Test func missingCoverageModuleFallsBackToStaticAndSaysSo() throws {
        let yml = "version: 1\nsuites:\n  - name: python\n    runner: pytest\n    env: {PYTHONPATH: fake}\nfix:\n  provider: none\n"
        let repo = try SelectionRepo(Self.files.merging([".gate.yml": yml, "fake/coverage/__init__.py": "raise ImportError('no coverage here')\n"]) { $1 }
            .mapValues(withFinalNewline), name: "nocoverage")
        let output = try repo.box.gate("index build --coverage", in: "work").output
        #expect(output.contains("coverage not recorded: coverage.py is not installed"), "\(output)")
        try edit(repo, "shop/core.py", "return self.name.upper()", "return self.name.lower()")
        let report = try repo.affectedByLastCommit()
        #expect(report.reason.contains("coverage.py is not installed"))
        #expect(report.ids == ["tests/test_alpha.py", "tests/test_beta.py", "tests/test_color.py"])
    }

    /// One fault per changed line, each in a different kind of block: whatever pytest then fails (by test id) must
    /// have been selected, and body faults must select fewer tests than all.
    @Test func safetyEveryFailingTestIsSelected() throws {
        let repo = try seeded()
        let faults: [(path: String, old: String, new: String)] = [
            ("shop/core.py", "return self.name.upper()", "return self.name.lower()"),
            ("shop/core.py", "return self.name == self.DEFAULT", "return self.name != self.DEFAULT"),
            ("shop/core.py", "return x * 2", "return x * 3"),
            ("shop/core.py", "return (\"red\", \"green\")", "return (\"red\",)"),
            ("shop/core.py", "return {\"a\": 1, \"b\": 2}", "return {\"a\": 1}"),
            ("shop/core.py", "RATE = 3", "RATE = 4"),
            ("shop/core.py", "DEFAULT = \"red\"", "DEFAULT = \"blue\""),
            ("shop/core.py", "self.name = name or self.DEFAULT", "self.name = name or \"blue\""),
            ("shop/alpha.py", "return scale(x) + RATE", "return scale(x) - RATE"),
            ("shop/beta.py", "return core.palette()[0]", "return core.palette()[1]"),
            ("shop/beta.py", "return core.TABLE[key]", "return core.TABLE.get(key, 0) + 1"),
            ("shop/core.py", "RATE = 3", "RATE = 3\nRATE = RATE + 1"),
            ("shop/core.py", "TABLE = build_table()", "TABLE = dict(build_table(), b=5)"),
            ("shop/core.py", "def downgrade(self):\n        return self.name.upper()", "def downgrade(self, loud=False):\n        return self.name.upper() if loud else self.name"),
            ("shop/core.py", "\n\nclass Color:", "\n\nimport os\nscale = os.path.join\n\n\nclass Color:"),
        ]
        var selectedTotal = 0
        for fault in faults {
            try reset(repo)
            try edit(repo, fault.path, fault.old, fault.new)
            let report = try repo.affected(from: repo.base)
            let selected = Set(report.ids)
            let failing = try Self.failingTests(repo.box)
            #expect(!failing.isEmpty, "the fault \(fault.new) broke no test")
            let missed = failing.filter { id in
                report.mode != .all && !selected.contains(id) && !selected.contains(String(id.prefix { $0 != ":" }))
            }
            #expect(missed.isEmpty, "\(fault.path) \(fault.new): \(missed.sorted()) fail but were not selected (\(report.reason); \(report.ids))")
            selectedTotal += report.mode == .all ? Self.allTests.count : report.tests.count
        }
        #expect(selectedTotal < faults.count * Self.allTests.count)
        try repo.box.sh("git reset -q --hard \(repo.base)", in: "work")
    }

    /// Test ids pytest fails in a full run (`tests/test_x.py::test_y`).
    static func failingTests(_ box: GitSandbox) throws -> Set<String> {
        let run = try box.sh("python3 -m pytest -rA -p no:cacheprovider tests", in: "work", env: ["PYTHONDONTWRITEBYTECODE": "1"], expect: nil)
        var failed = Set<String>()
        for line in run.output.split(separator: "\n") {
            let words = line.split(separator: " ")
            guard words.count >= 2, ["FAILED", "ERROR"].contains(words[0]) else { continue }
            failed.insert(String(words[1]))
        }
        return failed
    }
}
