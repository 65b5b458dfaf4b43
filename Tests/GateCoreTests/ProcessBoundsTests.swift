import Foundation
import Testing
@testable import GateCore
#if canImport(Glibc)
import Glibc
#endif

/// Issue 11 §5: a suite's timeout and log size hold whatever its tests do (escape to another session, keep the
/// output pipe open, never exit, print hundreds of megabytes).
@Suite struct ProcessBoundsTests {
    /// True while `pid` is a live (non-zombie) process.
    static func isRunning(_ pid: Int32) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return false }
        let state = stat[stat.index(after: close)...].split(separator: " ").first
        return state != "Z" && state != "X"
    }

    static func readPID(_ path: String) -> Int32? {
        (try? String(contentsOfFile: path, encoding: .utf8)).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
    }

    @Test func setsidGrandchildHoldingTheOutputTimesOutAndDies() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let pidFile = directory.path + "/grandchild.pid"
        // The direct child exits 0 at once; its grandchild, in a new session, keeps stdout open for 60 s.
        let script = "setsid sh -c 'echo $$ > \(pidFile); exec sleep 60' & while [ ! -s \(pidFile) ]; do sleep 0.05; done; echo started"
        let outcome = try ChildProcess.run(ProcessSpec(executable: "/bin/sh", arguments: ["-c", script], timeout: 2))
        #expect(outcome.timedOut)
        #expect(!outcome.succeeded)
        #expect(outcome.duration < 2 + ChildProcess.terminationGrace + 2)
        #expect(String(decoding: outcome.standardOutput, as: UTF8.self) == "started\n")
        let grandchild = try #require(Self.readPID(pidFile))
        #expect(!Self.isRunning(grandchild))
    }

    @Test func setsidDaemonThatIgnoresTermIsKilledAtTheDeadline() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let pidFile = directory.path + "/daemon.pid"
        // A daemon that never exits and ignores SIGTERM, while the direct child also keeps running.
        let script = "setsid sh -c 'trap \"\" TERM; echo $$ > \(pidFile); while :; do sleep 1; done' & sleep 60"
        let outcome = try ChildProcess.run(ProcessSpec(executable: "/bin/sh", arguments: ["-c", script], timeout: 2))
        #expect(outcome.timedOut)
        #expect(outcome.duration < 2 + ChildProcess.terminationGrace + 2)
        let daemon = try #require(Self.readPID(pidFile))
        #expect(!Self.isRunning(daemon))
    }

    @Test func daemonWithACleanEnvironmentIsFoundByTheAncestryItHad() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let pidFile = directory.path + "/daemon.pid"
        // No marker, another session, and (once the child exits) no parent: only an earlier survey saw it below it.
        let script = "env -i /usr/bin/setsid /bin/sh -c 'echo $$ > \(pidFile); exec /bin/sleep 60' </dev/null >/dev/null 2>&1 & sleep 1.6"
        let outcome = try ChildProcess.run(ProcessSpec(executable: "/bin/sh", arguments: ["-c", script], timeout: 10))
        #expect(outcome.succeeded)
        #expect(outcome.duration < 10)
        let daemon = try #require(Self.readPID(pidFile))
        #expect(!Self.isRunning(daemon))
    }

    @Test func daemonWithACleanEnvironmentIsFoundByThePipeItHolds() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let pidFile = directory.path + "/daemon.pid"
        // No marker, another session, and its parent gone before any survey: only the output pipe ties it to the run.
        let script = "env -i /usr/bin/setsid /bin/sh -c 'echo $$ > \(pidFile); exec /bin/sleep 60' & while [ ! -s \(pidFile) ]; do sleep 0.05; done"
        let outcome = try ChildProcess.run(ProcessSpec(executable: "/bin/sh", arguments: ["-c", script], timeout: 2))
        #expect(outcome.timedOut)
        #expect(outcome.duration < 2 + ChildProcess.terminationGrace)
        let daemon = try #require(Self.readPID(pidFile))
        #expect(!Self.isRunning(daemon))
    }

    @Test func detachedDaemonIsKilledWhenTheSuiteEnds() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let pidFile = directory.path + "/daemon.pid"
        // Output closed, new session: nothing ties it to the run but its ancestry.
        let script = "setsid sh -c 'echo $$ > \(pidFile); exec sleep 60' </dev/null >/dev/null 2>&1 & while [ ! -s \(pidFile) ]; do sleep 0.05; done; echo done"
        let outcome = try ChildProcess.run(ProcessSpec(executable: "/bin/sh", arguments: ["-c", script], timeout: 20))
        #expect(outcome.succeeded)
        #expect(outcome.duration < 10)
        let daemon = try #require(Self.readPID(pidFile))
        #expect(!Self.isRunning(daemon))
    }

    @Test func commandSuiteWithSetsidGrandchildIsATimeoutNotAPass() throws {
        let project = try ScratchProject([:])
        defer { project.remove() }
        let suite = SuiteDefinition(name: "escape", runner: .command, timeout: 2,
                                    command: "setsid sh -c 'echo $$ > daemon.pid; exec sleep 60' & while [ ! -s daemon.pid ]; do sleep 0.05; done; echo launched")
        let start = MonotonicClock.now
        let result = try CommandRunner().run(suite, root: project.root, filter: nil, logPath: project.logPath,
                                             environment: ProcessInfo.processInfo.environment, onOutput: nil)
        let elapsed = MonotonicClock.now - start
        #expect(!result.verdictPassed)
        #expect(result.timedOut)
        #expect(result.suiteError?.contains("timed out") == true)
        #expect(elapsed < 2 + ChildProcess.terminationGrace + 2)
        let daemon = try #require(Self.readPID(project.root + "/daemon.pid"))
        #expect(!Self.isRunning(daemon))
    }

    @Test func logKeepsHeadAndTailWithinTheLimit() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let logPath = directory.path + "/suite.log"
        let limit = 64 * 1024
        let outcome = try ChildProcess.run(
            ProcessSpec(executable: "/bin/sh", arguments: ["-c", "seq 1 200000"], timeout: 30),
            captureLimit: 1024, logPath: logPath, logLimit: limit)
        #expect(outcome.exitCode == 0)
        let log = try String(contentsOfFile: logPath, encoding: .utf8)
        #expect(log.utf8.count <= limit)
        #expect(log.hasPrefix("1\n2\n3\n"))
        #expect(log.hasSuffix("199999\n200000\n"))
        #expect(log.contains("bytes of output cut here"))
        let total = (1...200_000).reduce(0) { $0 + String($1).utf8.count + 1 }
        let cut = try #require(log.split(separator: "\n").first { $0.contains("cut here") })
        #expect(cut.contains("of \(total) bytes"))
    }

    @Test func smallLogIsWrittenWhole() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let logPath = directory.path + "/suite.log"
        _ = try ChildProcess.run(ProcessSpec(executable: "/bin/sh", arguments: ["-c", "seq 1 1000"]),
                                 logPath: logPath, logLimit: 64 * 1024)
        let log = try String(contentsOfFile: logPath, encoding: .utf8)
        #expect(log == (1...1000).map { "\($0)\n" }.joined())
    }

    @Test func suiteThatPrints200MegabytesKeepsAnEightMegabyteLog() throws {
        let project = try ScratchProject([:])
        defer { project.remove() }
        let logs = project.root + "/logs"
        let suite = SuiteDefinition(name: "noisy", runner: .command, timeout: 120,
                                    command: "yes 'a line of test output' | head -c 200000000; echo; echo last-line")
        let executor = SuiteExecutor(console: Console(plain: true),
                                     logDirectory: logs, environment: ProcessInfo.processInfo.environment)
        let results = executor.run([TestPlan.Entry(suite: suite, filter: nil)], root: project.root, label: "t")
        let result = try #require(results.first)
        #expect(result.verdictPassed)
        let logPath = try #require(result.logPath)
        let size = try #require(try FileManager.default.attributesOfItem(atPath: logPath)[.size] as? Int)
        #expect(size <= SuiteExecutor.defaultLogLimit)
        #expect(size > SuiteExecutor.defaultLogLimit / 2)
        let tail = LogTail.lastLines(1, ofFile: logPath)
        #expect(tail == "last-line")
    }
}
