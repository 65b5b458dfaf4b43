import Foundation
import Testing
@testable import GateCore

/// Issue 11 §3 (last bullet) and §5 through the real binary: a SIGKILLed hook leaves no test running, logs are capped
/// and old runs are pruned.
@Suite("run bounds end to end")
struct RunBoundsEndToEndTests {
    static let config = "version: 1\nsuites:\n  - name: check\n    runner: command\n    command: sh test.sh\n    timeout: 60\n"

    func project(_ files: [String: String]) throws -> GitSandbox {
        let box = try GitSandbox()
        try box.makeProject(files.merging(["README.md": "# sample\n"]) { new, _ in new })
        try box.gate("install", in: "work")
        return box
    }

    /// `git push` (the hook) or `gate run`, killed by SIGKILL (no cleanup code runs) or SIGTERM (the trap's cleanup).
    @Test(arguments: [("git push origin main", "KILL"), ("'\(GitSandbox.gateBinary)' run --no-fix", "KILL"),
                      ("git push origin main", "TERM")])
    func killedGateLeavesNoTestRunning(command: String, signal: String) throws {
        // The test records its pid and gate's, starts a daemon in a new session, and sleeps.
        let test = """
        echo $$ > "$GATE_PID_DIR/suite.pid"
        p=$PPID
        while [ "$(cat /proc/$p/comm)" != gate ]; do p=$(sed 's/.*) //' /proc/$p/stat | cut -d' ' -f2); done
        echo $p > "$GATE_PID_DIR/gate.pid"
        setsid sh -c 'echo $$ > "$GATE_PID_DIR/daemon.pid"; exec sleep 60' &
        sleep 60
        """
        let box = try project([".gate.yml": Self.config, "test.sh": "exit 0\n"])
        try box.write("work/test.sh", test)
        try box.sh("git commit -q -am 'slow test'", in: "work")
        let script = """
        \(command) > push.log 2>&1 &
        push=$!
        for i in $(seq 1 200); do [ -s "$GATE_PID_DIR/daemon.pid" ] && [ -s "$GATE_PID_DIR/gate.pid" ] && break; sleep 0.1; done
        kill -\(signal) $(cat "$GATE_PID_DIR/gate.pid")
        wait $push
        echo "push exit=$?"
        alive() { s=$(sed 's/.*) //' /proc/$1/stat 2>/dev/null | cut -d' ' -f1); [ -n "$s" ] && [ "$s" != Z ]; }
        suite=$(cat "$GATE_PID_DIR/suite.pid"); daemon=$(cat "$GATE_PID_DIR/daemon.pid")
        for i in $(seq 1 50); do alive $suite || alive $daemon || break; sleep 0.1; done
        alive $suite && echo "suite survived"
        alive $daemon && echo "daemon survived"
        echo checked
        """
        let result = try box.sh(script, in: "work", env: ["GATE_PID_DIR": box.root])
        #expect(result.output.contains("checked"))
        #expect(!result.output.contains("push exit=0"))
        #expect(!result.output.contains("suite survived"))
        #expect(!result.output.contains("daemon survived"))
        #expect(try box.rev("main", in: "remote.git") != box.rev("HEAD"))
    }

    @Test func logsAreCappedAndOldRunsPruned() throws {
        let config = Self.config + "run:\n  log_limit: 4096\n  retention:\n    runs: 2\n    days: 14\n"
        // A failing test (so no run is cached as verified) that prints about 100 KB.
        let box = try project([".gate.yml": config, "test.sh": "seq 1 20000\necho the-end\nexit 1\n"])
        for _ in 0..<3 { try box.gate("run --no-fix", in: "work", expect: 1) }
        let gateDirectory = box.path("work/.git/gate")
        let runs = try FileManager.default.contentsOfDirectory(atPath: gateDirectory + "/logs").sorted()
        #expect(runs.count == 2)
        let reports = try FileManager.default.contentsOfDirectory(atPath: gateDirectory + "/reports")
        #expect(reports.count == 4)
        #expect(box.read("work/.git/gate/events.jsonl")?.contains("\"runs_pruned\"") == true)
        for run in runs {
            for log in try FileManager.default.contentsOfDirectory(atPath: gateDirectory + "/logs/" + run) {
                let text = try String(contentsOfFile: gateDirectory + "/logs/" + run + "/" + log, encoding: .utf8)
                #expect(text.utf8.count <= 4096)
                #expect(text.hasPrefix("1\n2\n"))
                #expect(text.contains("the-end"))
                #expect(text.contains("cut here"))
            }
        }
    }
}
