import Foundation
import Testing
@testable import GateCore

/// Progress without a terminal: a real push of a slow suite with stderr going to a file prints heartbeat lines saying
/// which suite runs, how many tests finished so far (from pytest's streamed progress) and the elapsed time.
@Suite("heartbeat end to end", .enabled(if: GitSandbox.hasTool("python3 -m pytest --version")))
struct HeartbeatEndToEndTests {
    static let slowTests = (1...4).map { "def test_slow_\($0)():\n    time.sleep(1.5)\n    assert True\n" }.joined(separator: "\n\n")

    @Test func slowSuiteWithStderrToAFilePrintsHeartbeatsWithCounts() throws {
        let box = try GitSandbox()
        let config = "version: 1\nsuites:\n  - name: unit\n    runner: pytest\n    env:\n      PYTHONPATH: .\nfix:\n  provider: none\n"
        try box.makeProject(["slow.py": "X = 1\n", "tests/test_slow.py": "import time\n\nimport slow\n\n\n" + Self.slowTests, ".gate.yml": config])
        try box.gate("install", in: "work")
        try box.write("work/slow.py", "X = 2\n")
        try box.sh("git commit -qam 'touch slow'", in: "work")
        try box.sh("git push origin main 2>../stderr.log >/dev/null", in: "work", env: ["GATE_HEARTBEAT": "1"])
        let log = try #require(box.read("stderr.log"))
        let beats = log.split(separator: "\n").filter { $0.contains(": still running unit ") }
        #expect(beats.count >= 3, "\(log)")
        // Every heartbeat names the suite, the tests finished so far and the elapsed time; the count grows.
        let counts = beats.compactMap { line in line.firstMatch(of: /unit \d+s, (\d+) tests? finished — \d+s elapsed/).map { Int($0.1)! } }
        #expect(counts.count == beats.count, "\(beats)")
        #expect(counts == counts.sorted() && (counts.last ?? 0) >= 2 && counts.last! <= 4, "\(counts)")
        #expect(!log.contains("\u{1B}") && !log.contains("\r"))
        #expect(log.contains("PASSED"))
    }

    /// On a terminal (a real pty from util-linux's `script`) the live line carries the running counts, and no
    /// heartbeat line is printed.
    @Test(.enabled(if: GitSandbox.hasTool("script --version")))
    func terminalLiveLineShowsTheRunningCounts() throws {
        let box = try GitSandbox()
        let config = "version: 1\nsuites:\n  - name: unit\n    runner: pytest\n    env:\n      PYTHONPATH: .\nfix:\n  provider: none\n"
        try box.makeProject(["slow.py": "X = 1\n", "tests/test_slow.py": "import time\n\nimport slow\n\n\n" + Self.slowTests, ".gate.yml": config])
        try box.gate("install", in: "work")
        try box.write("work/slow.py", "X = 2\n")
        try box.sh("git commit -qam 'touch slow'", in: "work")
        let output = try box.sh("script -qec 'git push origin main' /dev/null", in: "work", env: ["GATE_HEARTBEAT": "1", "TERM": "xterm"]).output
        let frames = output.components(separatedBy: "\u{1B}[2K").filter { $0.hasPrefix("▸ ") }
        let counted = frames.compactMap { $0.firstMatch(of: /unit \d+s, (\d+) tests? finished/).map { Int($0.1)! } }
        #expect(!counted.isEmpty && counted == counted.sorted() && (counted.max() ?? 0) >= 2, "\(frames)")
        #expect(!output.contains("still running"))
        #expect(output.contains("PASSED"))
    }

    @Test func heartbeatIsOffWhenSetToZero() throws {
        let box = try GitSandbox()
        let config = "version: 1\nsuites:\n  - name: unit\n    runner: pytest\n    env:\n      PYTHONPATH: .\nfix:\n  provider: none\n"
        try box.makeProject(["slow.py": "X = 1\n", "tests/test_slow.py": "import time\n\nimport slow\n\n\ndef test_slow():\n    time.sleep(2)\n", ".gate.yml": config])
        try box.gate("install", in: "work")
        try box.write("work/slow.py", "X = 2\n")
        try box.sh("git commit -qam 'touch slow'", in: "work")
        try box.sh("git push origin main 2>../stderr.log >/dev/null", in: "work", env: ["GATE_HEARTBEAT": "0"])
        #expect(box.read("stderr.log")?.contains("still running") == false)
    }
}

@Suite struct TestProgressCounterTests {
    @Test func countsWhatEachRunnerStreams() {
        var pytest = TestProgressCounter(runner: .pytest)
        pytest.feed(Array("..F".utf8))
        #expect(pytest.current == (3, 1))
        pytest.feed(Array(".E                                                  [100%]\nFAILED tests/x.py::t - assert 0\n".utf8))
        #expect(pytest.current == (5, 2))
        var go = TestProgressCounter(runner: .go)
        let events = [#"{"Action":"run","Package":"m","Test":"TestA"}"#, #"{"Action":"pass","Package":"m","Test":"TestA","Elapsed":0.1}"#,
                      #"{"Action":"fail","Package":"m","Test":"TestB"}"#, #"{"Action":"fail","Package":"m"}"#]
        go.feed(Array((events.joined(separator: "\n") + "\n").utf8))
        #expect(go.current == (2, 1))
        var node = TestProgressCounter(runner: .node)
        node.feed(Array("▶ math\n  ✔ adds (0.5ms)\n  ✖ subtracts (1ms)\n▶ math (2ms)\n﹣ later (0.1ms) # SKIP\n✖ failing tests:\n  ✖ subtracts (1ms)\n".utf8))
        #expect(node.current == (3, 1))
        var swift = TestProgressCounter(runner: .swift)
        swift.feed(Array("Test Case 'A.testX' passed (0.1 seconds)\n✘ Test f() failed after 0.1 seconds with 1 issue.\n✔ Test run with 2 tests passed\n[3/9] Testing A.B/testC\n".utf8))
        #expect(swift.current == (3, 1))
        #expect(!TestProgressCounter(runner: .command).counts)
    }
}
