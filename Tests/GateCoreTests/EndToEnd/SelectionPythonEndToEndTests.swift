import Foundation
import Testing
@testable import GateCore

/// Impact selection on a real pytest project: `gate affected` on real commits, real pushes through the hook,
/// and the safety check against what pytest actually fails.
@Suite("selection end to end: Python", .enabled(if: GitSandbox.hasTool("python3 -c 'import pytest'")))
struct SelectionPythonEndToEndTests {
    /// A package with a shared module, leaf modules, a subpackage imported lazily, an orphan module, tests per
    /// module with a conftest fixture, a test helper and a data file read by a test.
    static let files: [String: String] = [
        ".gate.yml": "version: 1\nsuites:\n  - name: python\n    runner: pytest\n    timeout: 300\nfix:\n  provider: none\n",
        ".gitignore": "__pycache__/\n.pytest_cache/\n",
        "pyproject.toml": "[project]\nname = \"shop\"\nversion = \"0.1.0\"\n",
        "requirements.txt": "pytest\n",
        "README.md": "# shop\n",
        "docs/guide.md": "# Guide\n",
        "shop/__init__.py": "",
        "shop/shared.py": "def scale(x):\n    return x * 2\n",
        "shop/alpha.py": "from shop.shared import scale\n\n\ndef alpha(x):\n    return scale(x) + 1\n",
        "shop/beta.py": "from . import shared\n\n\ndef beta(x):\n    return shared.scale(x) - 1\n",
        "shop/gamma.py": "def gamma(x):\n    from shop.pricing import RATE\n    return x * RATE\n",
        "shop/pricing/__init__.py": "from .rates import RATE\n",
        "shop/pricing/rates.py": "RATE = 3\n",
        "shop/orphan.py": "def unused():\n    return 0\n",
        "tests/conftest.py": "import pytest\n\n\n@pytest.fixture\ndef base():\n    return 10\n",
        "tests/helpers.py": "def same(actual, expected):\n    return actual == expected\n",
        "tests/data/rate.txt": "3\n",
        "tests/test_alpha.py": """
            from helpers import same
            from shop.alpha import alpha


            def test_alpha(base):
                assert same(alpha(base), 21)


            def test_alpha_zero():
                assert alpha(0) == 1
            """,
        "tests/test_beta.py": """
            from shop import beta


            def test_beta(base):
                assert beta.beta(base) == 19
            """,
        "tests/test_shared.py": """
            import shop.shared as shared


            def test_scale():
                assert shared.scale(3) == 6
            """,
        "tests/test_gamma.py": """
            import pathlib

            from shop.gamma import gamma


            def test_gamma():
                expected = int((pathlib.Path(__file__).parent / "data" / "rate.txt").read_text())
                assert gamma(2) == 2 * expected
            """,
    ].mapValues(withFinalNewline)

    static let allTests: Set<String> = ["tests/test_alpha.py", "tests/test_beta.py", "tests/test_gamma.py", "tests/test_shared.py"]

    func repo() throws -> SelectionRepo {
        try SelectionRepo(Self.files, name: "gate-sel-py")
    }

    @Test func leafChangeSelectsOnlyItsTestsAndThePushRunsOnlyThem() throws {
        let repo = try repo()
        try repo.install()
        try repo.commit("tweak alpha", write: ["shop/alpha.py": try repo.text("shop/alpha.py") + "\n\nLIMIT = 5\n"])
        let report = try repo.affectedByLastCommit()
        #expect(report.mode == .selected)
        #expect(report.ids == ["tests/test_alpha.py"])
        #expect(report.tests.first?.because == ["shop/alpha.py", "tests/test_alpha.py"])
        let push = try repo.push()
        #expect(push.output.contains("python (1 selected)"))
        // test_alpha.py has two tests; the other files' three tests did not run.
        #expect(push.output.contains("python (pytest): 2 passed, 0 failed, 0 errors"))
        #expect(push.output.contains("PASSED"))
        #expect(try repo.remoteHead() == repo.box.rev("HEAD"))
    }

    @Test func sharedChangeSelectsEveryDependent() throws {
        let repo = try repo()
        try repo.commit("tweak shared", write: ["shop/shared.py": try repo.text("shop/shared.py") + "\n\nFACTOR = 2\n"])
        let report = try repo.affectedByLastCommit()
        #expect(report.mode == .selected)
        #expect(report.ids == ["tests/test_alpha.py", "tests/test_beta.py", "tests/test_shared.py"])
        // A subpackage reached only through an import inside a function.
        try repo.commit("tweak rates", write: ["shop/pricing/rates.py": "RATE = 3\nSPARE = 4\n"])
        #expect(try repo.affectedByLastCommit().ids == ["tests/test_gamma.py"])
        // conftest.py and data files under tests/ affect the tests of their directory.
        try repo.commit("tweak conftest", write: ["tests/conftest.py": try repo.text("tests/conftest.py") + "\n# more\n"])
        #expect(try repo.affectedByLastCommit().ids == Self.allTests.sorted())
        try repo.commit("tweak helper", write: ["tests/helpers.py": try repo.text("tests/helpers.py") + "\n# more\n"])
        #expect(try repo.affectedByLastCommit().ids == ["tests/test_alpha.py"])
        try repo.commit("tweak data", write: ["tests/data/rate.txt": "3\n\n"])
        #expect(try repo.affectedByLastCommit().ids == Self.allTests.sorted())
    }

    @Test func manifestOrLockfileRunsEverything() throws {
        let repo = try repo()
        for (file, text) in [("pyproject.toml", "\n[tool.pytest.ini_options]\naddopts = \"-q\"\n"), ("requirements.txt", "pytest>=7\n"),
                             ("setup.cfg", "[metadata]\nname = shop\n")] {
            try repo.commit("change \(file)", write: [file: (repo.box.read("work/" + file) ?? "") + text])
            let report = try repo.affectedByLastCommit()
            #expect(report.mode == .all, "\(file): \(report.reason)")
            #expect(report.reason.contains(file))
            #expect(Set(report.ids) == Self.allTests)
        }
    }

    @Test func docsOnlyPushRunsNothingAndSaysWhy() throws {
        try repo().expectDocsOnlyPushRunsNothing(runner: "pytest")
    }

    @Test func deletedModuleSelectsItsDependentsAndThePushIsBlocked() throws {
        let repo = try repo()
        try repo.install()
        let before = try repo.remoteHead()
        try repo.commit("drop beta", delete: ["shop/beta.py"])
        let report = try repo.affectedByLastCommit()
        #expect(report.mode == .selected)
        #expect(report.ids == ["tests/test_beta.py"])
        let push = try repo.push(expect: 1)
        #expect(push.output.contains("python (1 selected)"))
        #expect(push.output.contains("BLOCKED"))
        #expect(try repo.remoteHead() == before)
        // A deleted conftest.py (its fixture is gone) affects every test of its directory.
        try repo.box.sh("git reset -q --hard \(repo.base)", in: "work")
        try repo.commit("drop conftest", delete: ["tests/conftest.py"])
        #expect(try repo.affectedByLastCommit().ids == Self.allTests.sorted())
        // A deleted test helper reaches the tests importing it.
        try repo.box.sh("git reset -q --hard \(repo.base)", in: "work")
        try repo.commit("drop helpers", delete: ["tests/helpers.py"])
        #expect(try repo.affectedByLastCommit().ids == ["tests/test_alpha.py"])
    }

    @Test func renameCountsBothPaths() throws {
        let repo = try repo()
        // Renamed without fixing the importer: the old path's dependents are selected.
        try repo.commit("rename beta", move: [("shop/beta.py", "shop/beta2.py")])
        let moved = try repo.affectedByLastCommit()
        #expect(moved.changed == ["shop/beta.py", "shop/beta2.py"])
        #expect(moved.ids == ["tests/test_beta.py"])
        // Renamed with the importers fixed: the new path's dependents too.
        try repo.box.sh("git reset -q --hard \(repo.base)", in: "work")
        try repo.commit("rename shared", write: [
            "shop/alpha.py": try repo.text("shop/alpha.py").replacingOccurrences(of: "shop.shared", with: "shop.common"),
            "shop/beta.py": try repo.text("shop/beta.py").replacingOccurrences(of: "import shared", with: "import common as shared"),
            "tests/test_shared.py": try repo.text("tests/test_shared.py").replacingOccurrences(of: "shop.shared", with: "shop.common"),
        ], move: [("shop/shared.py", "shop/common.py")])
        let renamed = try repo.affectedByLastCommit()
        #expect(renamed.changed?.contains("shop/shared.py") == true && renamed.changed?.contains("shop/common.py") == true)
        #expect(renamed.ids == ["tests/test_alpha.py", "tests/test_beta.py", "tests/test_shared.py"])
    }

    @Test func unparseableFileSelectsItsDependents() throws {
        let repo = try repo()
        // beta.py stops parsing (an unclosed bracket): its importers are still known.
        let broken = try repo.commit("break beta", write: ["shop/beta.py": try repo.text("shop/beta.py") + "\nBROKEN = (\n"])
        let report = try repo.affectedByLastCommit()
        #expect(report.ids == ["tests/test_beta.py"])
        // While it stays unparseable its own imports are unknown: any Python change may reach it.
        try repo.commit("tweak rates", write: ["shop/pricing/rates.py": "RATE = 3\nSPARE = 4\n"])
        let later = try repo.affected(from: broken)
        #expect(later.ids == ["tests/test_beta.py", "tests/test_gamma.py"])
    }

    /// Every non-test file, broken three ways (module-level raise, syntax error, deletion): whatever pytest
    /// then fails must have been selected.
    @Test func safetyEveryFailingTestIsSelected() throws {
        let repo = try repo()
        let box = repo.box
        let sources = Self.files.keys.filter { !Self.allTests.contains($0) && ![".gate.yml", ".gitignore"].contains($0) }.sorted()
        let isPython: @Sendable (String) -> Bool = { $0.hasSuffix(".py") }
        let check = SafetyCheck(
            repo: repo, allTests: Self.allTests, files: sources,
            mutations: [
                .breaking("raise", isCode: isPython) { _, text in text + "\nraise RuntimeError('mutated by the safety test')\n" },
                SafetyMutation(name: "syntax error") { path, text in isPython(path) ? .rewrite(text + "\nBROKEN = (\n") : .skip },
                .delete,
            ],
            failingTests: { try Self.failingTests(box) })
        let outcome = try check.run()
        #expect(outcome.missed.isEmpty)
        #expect(outcome.mutationsThatBrokeTests >= 20, "the mutations broke too few tests to prove anything")
        // Not everything: the selection is smaller than running all.
        #expect(outcome.selected < outcome.possible)
    }

    /// Runs the whole suite; a test file fails unless pytest reports every one of its tests as passed.
    static func failingTests(_ box: GitSandbox) throws -> Set<String> {
        let run = try box.sh("python3 -m pytest -rA -p no:cacheprovider --continue-on-collection-errors tests", in: "work",
                             env: ["PYTHONDONTWRITEBYTECODE": "1"], expect: nil)
        var passed = Set<String>()
        var failed = Set<String>()
        for line in run.output.split(separator: "\n") {
            let words = line.split(separator: " ")
            guard words.count >= 2 else { continue }
            let file = String(words[1].split(separator: ":").first ?? "")
            switch words[0] {
            case "PASSED": passed.insert(file)
            case "FAILED", "ERROR": failed.insert(file)
            default: break
            }
        }
        return allTests.subtracting(passed).union(failed.intersection(allTests))
    }
}

/// Fixture text with a final newline (multi-line literals end without one).
func withFinalNewline(_ text: String) -> String {
    text.isEmpty || text.hasSuffix("\n") ? text : text + "\n"
}
