import Foundation
import Testing
@testable import GateCore

/// Which tests of a process-starting test file run when their imports reach a change, from the launches recorded
/// per test by the coverage plugin (`launched`): real pytest and coverage.py, seeded with `gate index build --coverage`.
/// `shop.core.label` runs only in child processes, so coverage never records it.
@Suite("selection end to end: recorded process launches",
       .enabled(if: GitSandbox.hasTool("python3 -c 'import pytest, coverage'")))
struct ProcessLaunchCoverageEndToEndTests {
    let base = SelectionCoverageEndToEndTests()
    static let core = SelectionCoverageEndToEndTests.core + "\n\ndef label(n):\n    return \"value=%d\" % n\n"
    static let child = "[sys.executable, \"-c\", \"from shop.core import label; print(label(5))\"]"

    /// Seeds `test` as tests/test_cli.py and changes `label`, which only child processes run.
    func labelChanged(_ test: String, tests: Int) throws -> SelectionRepo {
        let repo = try base.seeded(["shop/core.py": Self.core, "tests/test_cli.py": test], tests: tests)
        try base.edit(repo, "shop/core.py", "return \"value=%d\" % n", "return \"value=%d\" % (n + 1)")
        return repo
    }

    /// A session fixture starts the child once, in the first test's setup; the second test only reads its output,
    /// yet depends on the child's code just the same. The test without the fixture does not.
    @Test func everyTestOfALaunchingFixtureIsSelected() throws {
        let test = """
            import subprocess
            import sys

            import pytest

            from shop.core import scale


            @pytest.fixture(scope="session")
            def served():
                return subprocess.run(\(Self.child), capture_output=True, text=True, check=True).stdout.strip()


            def test_first(served):
                assert served == "value=5"


            def test_second(served):
                assert served.startswith("value=")


            def test_scale():
                assert scale(2) == 4
            """
        let repo = try labelChanged(test, tests: 10)
        let report = try repo.affectedByLastCommit()
        #expect(report.ids == ["tests/test_cli.py::test_first", "tests/test_cli.py::test_second"], "\(report.reason)")
        let failing = try SelectionCoverageEndToEndTests.failingTests(repo.box)
        #expect(failing.contains("tests/test_cli.py::test_first"), "\(failing)")
    }

    /// A child started while the test module is imported (collection) belongs to no test: no record can say which
    /// tests depend on it, so the whole file runs, as without recorded launches.
    @Test func aLaunchAtCollectionKeepsTheWholeFile() throws {
        let test = """
            import subprocess
            import sys

            from shop.core import scale

            LABEL = subprocess.run(\(Self.child), capture_output=True, text=True, check=True).stdout.strip()


            def test_label():
                assert LABEL == "value=5"


            def test_scale():
                assert scale(2) == 4
            """
        let repo = try labelChanged(test, tests: 9)
        let report = try repo.affectedByLastCommit()
        #expect(report.ids == ["tests/test_cli.py"], "\(report.reason)")
        #expect(try base.explain(repo).contains("the test file starts processes, which coverage cannot see"))
    }

    /// Records written before launches were recorded (no `launched`) keep the whole file.
    @Test func recordsWithoutLaunchesKeepTheWholeFile() throws {
        let test = """
            import subprocess
            import sys

            from shop.core import scale


            def test_label():
                assert subprocess.run(\(Self.child), capture_output=True, text=True).stdout.strip() == "value=5"


            def test_scale():
                assert scale(2) == 4
            """
        let repo = try labelChanged(test, tests: 9)
        let data = try repo.text(".git/gate/coverage/data.json")
        #expect(data.contains("\"launched\":true"), "the seed recorded the launch")
        try repo.box.sh("""
            python3 -c 'import json, sys; p = sys.argv[1]; d = json.load(open(p)); [t.pop("launched", None) for t in d["tests"].values()]; json.dump(d, open(p, "w"))' .git/gate/coverage/data.json
            """, in: "work")
        #expect(try repo.affectedByLastCommit().ids == ["tests/test_cli.py"])
    }

    /// A child a test leaves running may serve the tests after it (a server started by hand, not by a fixture): the
    /// tests that start while it lives count as launching too; once it is gone, the next ones do not.
    @Test func aChildOutlivingItsTestMarksTheLaterTests() throws {
        let test = """
            import subprocess
            import sys

            from shop.core import scale

            SERVER = []


            def test_start():
                SERVER.append(subprocess.Popen([sys.executable, "-c", "import time; from shop.core import label; time.sleep(30)"]))


            def test_uses_server():
                assert SERVER[0].poll() is None
                SERVER[0].kill()
                SERVER[0].wait()


            def test_scale():
                assert scale(2) == 4
            """
        let repo = try labelChanged(test, tests: 10)
        let report = try repo.affectedByLastCommit()
        #if os(Linux)
        #expect(report.ids == ["tests/test_cli.py::test_start", "tests/test_cli.py::test_uses_server"], "\(report.reason)")
        #else  // without /proc the plugin cannot tell the child is gone: every later test counts
        #expect(report.ids == ["tests/test_cli.py::test_scale", "tests/test_cli.py::test_start", "tests/test_cli.py::test_uses_server"],
                "\(report.reason)")
        #endif
    }

    /// The child is started by a `conftest.py` fixture: the test file names no process API, so only its recorded
    /// launches can say that its tests depend on the child's code.
    @Test func aConftestFixtureLaunchSelectsItsTests() throws {
        let conftest = """
            import subprocess
            import sys

            import pytest


            @pytest.fixture(scope="module")
            def served():
                return subprocess.run(\(Self.child), capture_output=True, text=True, check=True).stdout.strip()
            """
        let test = """
            from shop.core import scale


            def test_served(served):
                assert served == "value=5"


            def test_scale():
                assert scale(2) == 4
            """
        let repo = try base.seeded(["shop/core.py": Self.core, "tests/conftest.py": conftest, "tests/test_served.py": test], tests: 9)
        try base.edit(repo, "shop/core.py", "return \"value=%d\" % n", "return \"value=%d\" % (n + 1)")
        let report = try repo.affectedByLastCommit()
        #expect(report.ids == ["tests/test_served.py::test_served"], "\(report.reason)")
        #expect(try base.explain(repo).contains("started a process in its recorded run, which coverage cannot see"))
    }

    /// A forkserver started by a fixture forks the processes of later tests itself: no process-creating event happens
    /// in the test process, only `Process.start`.
    @Test func aProcessForkedByARunningForkserverCounts() throws {
        let test = """
            import multiprocessing

            import pytest

            from shop.core import label, scale


            @pytest.fixture(scope="module")
            def context():
                context = multiprocessing.get_context("forkserver")
                process = context.Process(target=scale, args=(1,))
                process.start()
                process.join()
                return context


            def test_warm(context):
                assert context is not None


            def test_label_in_a_child():
                process = multiprocessing.get_context("forkserver").Process(target=label, args=(5,))
                process.start()
                process.join()
                assert process.exitcode == 0


            def test_scale():
                assert scale(2) == 4
            """
        let repo = try labelChanged(test, tests: 10)
        let report = try repo.affectedByLastCommit()
        #expect(report.ids == ["tests/test_cli.py::test_label_in_a_child", "tests/test_cli.py::test_warm"], "\(report.reason)")
    }
}
