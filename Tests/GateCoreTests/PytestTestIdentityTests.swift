import Foundation
import Testing
@testable import GateCore

/// pytest test ids survive a round trip: run the suite, take the failing ids, run only those, get the same ids back,
/// whatever ini file, rootdir, `testpaths` or layout the project has. Seen on a real project: `tests/pytest.ini` made
/// `tests/` the rootdir, JUnit's `file` became `test_card.py`, and the re-run of the failures found no such file.
@Suite(.enabled(if: GitSandbox.hasTool("python3 -m pytest --version")))
struct PytestTestIdentityTests {
    private let environment = ProcessInfo.processInfo.environment

    static let cards = """
        import pytest


        class TestCard:
            @pytest.mark.parametrize("rank,expected", [(1, 1), (1, 2), (3, 3)])
            def test_rank(self, rank, expected):
                assert rank == expected

            def test_name(self):
                assert "ace" == "ace"


        def test_suit():
            raise ValueError("no such suit")


        def test_passes():
            assert True
        """

    private func run(_ project: ScratchProject, _ filter: TestFilter?, workingDirectory: String? = nil) throws -> SuiteResult {
        try PytestRunner().run(SuiteDefinition(name: "py", runner: .pytest, workingDirectory: workingDirectory),
                               root: project.root, filter: filter, logPath: project.logPath, environment: environment, onOutput: nil)
    }

    /// Runs everything, checks the failing ids, re-runs only those and checks that exactly they ran and failed again.
    private func expectRoundTrip(_ files: [String: String], failing expected: [String], workingDirectory: String? = nil,
                                 sourceLocation: SourceLocation = #_sourceLocation) throws {
        let project = try ScratchProject(files)
        defer { project.remove() }
        let first = try run(project, nil, workingDirectory: workingDirectory)
        #expect(first.suiteError == nil, "\(first.suiteError ?? "")", sourceLocation: sourceLocation)
        let failing = first.cases.filter { $0.status == .failed || $0.status == .errored }.map(\.name).sorted()
        #expect(failing == expected.sorted(), sourceLocation: sourceLocation)
        // Re-run what the flaky check asks for: with a working directory, the ids pytest understands are relative to it.
        let suite = SuiteDefinition(name: "py", runner: .pytest, workingDirectory: workingDirectory)
        let plan = TestPlan(mode: .all, reason: "round trip", entries: [TestPlan.Entry(suite: suite, filter: nil)])
        let filter = try #require(FlakeCheck.rerunEntries(results: [first], plan: plan).first?.filter, sourceLocation: sourceLocation)
        #expect(filter == failing.map { RepoRelativeTestID.runnerID($0, directory: workingDirectory ?? "") },
                sourceLocation: sourceLocation)
        let again = try run(project, TestFilter(ids: filter), workingDirectory: workingDirectory)
        #expect(again.suiteError == nil, "\(again.suiteError ?? "")", sourceLocation: sourceLocation)
        #expect(again.cases.map(\.name).sorted() == failing, sourceLocation: sourceLocation)
        #expect(again.cases.allSatisfy { $0.status == .failed || $0.status == .errored }, sourceLocation: sourceLocation)
    }

    static let cardFailures = [
        "tests/test_card.py::TestCard::test_rank[1-2]", "tests/test_card.py::test_suit",
    ]

    @Test func nestedPytestIniMakesTestsTheRootdir() throws {
        try expectRoundTrip(["tests/pytest.ini": "[pytest]\naddopts = -ra\n", "tests/test_card.py": Self.cards],
                            failing: Self.cardFailures)
    }

    @Test func setupCfgInASubdirectory() throws {
        try expectRoundTrip([
            "pkg/setup.cfg": "[metadata]\nname = pkg\n\n[tool:pytest]\nxfail_strict = true\n",
            "pkg/tests/test_card.py": Self.cards,
        ], failing: ["pkg/tests/test_card.py::TestCard::test_rank[1-2]", "pkg/tests/test_card.py::test_suit"])
    }

    @Test func toxIniWithTestpaths() throws {
        try expectRoundTrip([
            "tox.ini": "[tox]\nenvlist = py3\n\n[pytest]\ntestpaths = checks\n",
            "checks/test_card.py": Self.cards,
            "elsewhere/test_not_collected.py": "def test_never():\n    assert False\n",
        ], failing: ["checks/test_card.py::TestCard::test_rank[1-2]", "checks/test_card.py::test_suit"])
    }

    @Test func srcLayoutWithPyprojectAndConftestAtSeveralLevels() throws {
        try expectRoundTrip([
            "pyproject.toml": "[project]\nname = \"deck\"\nversion = \"1\"\n\n[tool.pytest.ini_options]\npythonpath = [\"src\"]\ntestpaths = [\"tests\"]\n",
            "src/deck/__init__.py": "def size():\n    return 52\n",
            "tests/conftest.py": "import pytest\n\n\n@pytest.fixture\ndef jokers():\n    return 2\n",
            "tests/unit/conftest.py": "import pytest\n\n\n@pytest.fixture\ndef decks():\n    return 1\n",
            "tests/unit/test_deck.py": "from deck import size\n\n\ndef test_size(jokers, decks):\n    assert size() + jokers == 52 * decks\n\n\ndef test_ok():\n    assert size() == 52\n",
            "tests/test_card.py": Self.cards,
        ], failing: Self.cardFailures + ["tests/unit/test_deck.py::test_size"])
    }

    /// Reports and prompts name tests relative to the repository root; pytest is still handed ids relative to the
    /// suite's working directory.
    @Test func idsAreRelativeToTheRepositoryWithAWorkingDirectory() throws {
        try expectRoundTrip([
            "service/tests/pytest.ini": "[pytest]\n",
            "service/tests/test_card.py": Self.cards,
        ], failing: Self.cardFailures.map { "service/" + $0 }, workingDirectory: "service")
    }

    /// A re-run asked for a test that no longer exists is not a pass: pytest's usage error is a suite error.
    @Test func rerunOfAMissingTestIsASuiteError() throws {
        let project = try ScratchProject(["tests/pytest.ini": "[pytest]\n", "tests/test_card.py": Self.cards])
        defer { project.remove() }
        let result = try run(project, TestFilter(ids: ["tests/test_card.py::test_gone", "test_card.py::test_suit"]))
        #expect(result.suiteError != nil)
        #expect(!result.verdictPassed)
    }
}
