import Foundation
import Testing
@testable import GateCore
#if canImport(Glibc)
import Glibc
#endif

@Suite struct ChildProcessTests {
    @Test func capturesOutputAndExitCode() throws {
        let outcome = try ChildProcess.run(ProcessSpec(executable: "sh", arguments: ["-c", "echo out; echo err >&2; exit 3"]))
        #expect(outcome.exitCode == 3)
        #expect(outcome.signal == nil)
        #expect(!outcome.timedOut)
        #expect(String(decoding: outcome.standardOutput, as: UTF8.self) == "out\n")
        #expect(String(decoding: outcome.standardError, as: UTF8.self) == "err\n")
    }

    @Test func timeoutKillsTheWholeProcessGroup() throws {
        let spec = ProcessSpec(executable: "/bin/sh", arguments: ["-c", "sleep 30 & sleep 30; wait"], timeout: 0.5)
        let outcome = try ChildProcess.run(spec)
        #expect(outcome.timedOut)
        #expect(outcome.signal == SIGTERM)
        #expect(outcome.exitCode == 128 + SIGTERM)
        #expect(outcome.duration < 20)
        #expect(kill(-outcome.processGroup, 0) == -1 && errno == ESRCH)
        #expect(!ProcessGroupRegistry.shared.liveGroups.contains(outcome.processGroup))
    }

    @Test func escalatesToKillWhenTermIsIgnored() throws {
        let spec = ProcessSpec(executable: "sh", arguments: ["-c", "trap '' TERM; sleep 30"], timeout: 0.3)
        let outcome = try ChildProcess.run(spec)
        #expect(outcome.timedOut)
        #expect(outcome.signal == SIGKILL)
        #expect(outcome.duration >= ChildProcess.terminationGrace)
        #expect(kill(-outcome.processGroup, 0) == -1 && errno == ESRCH)
    }

    @Test func backgroundStraysAreTerminatedWhenTheChildExits() throws {
        let outcome = try ChildProcess.run(ProcessSpec(executable: "sh", arguments: ["-c", "sleep 30 & echo started"]))
        #expect(outcome.exitCode == 0)
        #expect(!outcome.timedOut)
        #expect(String(decoding: outcome.standardOutput, as: UTF8.self) == "started\n")
        #expect(outcome.duration < 20)
        #expect(kill(-outcome.processGroup, 0) == -1 && errno == ESRCH)
    }

    @Test func largeOutputOnBothStreamsDoesNotDeadlock() throws {
        let size = 5 * 1024 * 1024
        let script = "head -c \(size) /dev/zero; head -c \(size) /dev/zero >&2; head -c \(size) /dev/zero"
        let outcome = try ChildProcess.run(ProcessSpec(executable: "sh", arguments: ["-c", script], timeout: 60))
        #expect(outcome.exitCode == 0)
        #expect(!outcome.timedOut)
        #expect(outcome.standardOutput.count == 2 * size)
        #expect(outcome.standardError.count == size)
    }

    @Test func captureLimitKeepsTheTail() throws {
        let outcome = try ChildProcess.run(
            ProcessSpec(executable: "sh", arguments: ["-c", "seq 1 100000"]), captureLimit: 13)
        #expect(String(decoding: outcome.standardOutput, as: UTF8.self) == "99999\n100000\n")
    }

    @Test func passesStandardInputThroughCat() throws {
        let input = Array((0..<300_000).map { UInt8($0 % 251) })
        let outcome = try ChildProcess.run(ProcessSpec(executable: "cat", standardInput: input, timeout: 30))
        #expect(outcome.exitCode == 0)
        #expect(outcome.standardOutput == input)
    }

    @Test func standardInputDefaultsToDevNull() throws {
        let outcome = try ChildProcess.run(ProcessSpec(executable: "cat", timeout: 10))
        #expect(outcome.exitCode == 0)
        #expect(outcome.standardOutput.isEmpty)
    }

    @Test func childThatIgnoresStdinDoesNotBreakTheRun() throws {
        let input = [UInt8](repeating: 65, count: 1 << 20)
        let outcome = try ChildProcess.run(ProcessSpec(executable: "true", standardInput: input, timeout: 10))
        #expect(outcome.exitCode == 0)
    }

    @Test func missingToolErrorNamesTheTool() throws {
        let spec = ProcessSpec(executable: "gate-no-such-tool-xyz")
        #expect(throws: ProcessError.toolNotFound("gate-no-such-tool-xyz")) { try ChildProcess.run(spec) }
        let message = ProcessError.toolNotFound("go").description
        #expect(message.contains("'go'"))
        #expect(message.contains("golang"))
    }

    @Test func missingWorkingDirectoryIsReported() throws {
        let spec = ProcessSpec(executable: "true", workingDirectory: "/nonexistent/gate-dir")
        #expect(throws: ProcessError.workingDirectoryNotFound("/nonexistent/gate-dir")) { try ChildProcess.run(spec) }
    }

    @Test func usesWorkingDirectoryAndEnvironment() throws {
        let spec = ProcessSpec(
            executable: "sh", arguments: ["-c", "pwd; echo \"$GATE_PROBE\""],
            environment: ["PATH": "/usr/bin:/bin", "GATE_PROBE": "hello"], workingDirectory: "/tmp")
        let outcome = try ChildProcess.run(spec)
        #expect(String(decoding: outcome.standardOutput, as: UTF8.self) == "/tmp\nhello\n")
    }

    @Test func reportsDeathBySignal() throws {
        let outcome = try ChildProcess.run(ProcessSpec(executable: "sh", arguments: ["-c", "kill -KILL $$"]))
        #expect(outcome.signal == SIGKILL)
        #expect(outcome.exitCode == 128 + SIGKILL)
        #expect(!outcome.timedOut)
    }

    @Test func streamsChunksAndWritesTheLog() throws {
        let logPath = NSTemporaryDirectory() + "gate-log-\(UUID().uuidString)/run.log"
        let received = Locked<[UInt8]>([])
        let outcome = try ChildProcess.run(
            ProcessSpec(executable: "sh", arguments: ["-c", "echo one; echo two >&2; echo three"]),
            logPath: logPath,
            onOutput: { chunk in received.withLock { $0.append(contentsOf: chunk) } })
        #expect(outcome.exitCode == 0)
        let log = try String(contentsOfFile: logPath, encoding: .utf8)
        #expect(log.split(separator: "\n").sorted() == ["one", "three", "two"])
        #expect(received.withLock { $0.count } == log.utf8.count)
        try? FileManager.default.removeItem(atPath: (logPath as NSString).deletingLastPathComponent)
    }

    @Test func locateFindsExecutablesOnly() throws {
        #expect(ChildProcess.locate("sh", environment: ["PATH": "/nonexistent:/bin"]) == "/bin/sh")
        #expect(ChildProcess.locate("sh", environment: ["PATH": "/nonexistent"]) == nil)
        let directory = NSTemporaryDirectory() + "gate-locate-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        _ = FileManager.default.createFile(atPath: directory + "/tool", contents: Data("#!/bin/sh\n".utf8))
        #expect(ChildProcess.locate("tool", environment: ["PATH": directory]) == nil)
        chmod(directory + "/tool", 0o755)
        #expect(ChildProcess.locate("tool", environment: ["PATH": directory]) == directory + "/tool")
    }
}
