import Foundation
import Testing
@testable import GateCore
#if canImport(Glibc)
import Glibc
#endif

@Suite(.serialized) struct InterruptTrapTests {
    /// Starts `sleep 30` in its own group registered with `registry`, on a background thread.
    private func startSleeper(registry: ProcessGroupRegistry) -> (group: Int32, done: DispatchSemaphore, outcome: Locked<ProcessOutcome?>) {
        let done = DispatchSemaphore(value: 0)
        let outcome = Locked<ProcessOutcome?>(nil)
        Thread.detachNewThread {
            let result = try? ChildProcess.run(ProcessSpec(executable: "sleep", arguments: ["30"], timeout: 60), registry: registry)
            outcome.withLock { $0 = result }
            done.signal()
        }
        let deadline = Date().addingTimeInterval(5)
        while registry.liveGroups.isEmpty && Date() < deadline { usleep(10_000) }
        return (registry.liveGroups.first ?? 0, done, outcome)
    }

    @Test func handleKillsGroupsRunsCleanupsOnceAndExitsWithSignalStatus() throws {
        let registry = ProcessGroupRegistry()
        let statuses = Locked<[Int32]>([])
        let cleanups = Locked(0)
        let trap = InterruptTrap(registry: registry, grace: 1) { status in statuses.withLock { $0.append(status) } }
        trap.addCleanup { cleanups.withLock { $0 += 1 } }
        let removed = trap.addCleanup { cleanups.withLock { $0 += 100 } }
        trap.removeCleanup(removed)

        let sleeper = startSleeper(registry: registry)
        #expect(sleeper.group > 0)
        trap.handle(signal: SIGTERM)
        #expect(sleeper.done.wait(timeout: .now() + 10) == .success)
        #expect(sleeper.outcome.withLock { $0?.signal } == SIGTERM)
        #expect(kill(-sleeper.group, 0) == -1 && errno == ESRCH)

        trap.handle(signal: SIGINT)
        #expect(statuses.withLock { $0 } == [143, 130])
        #expect(cleanups.withLock { $0 } == 1)
    }

    @Test func handleAlsoStopsWhatLeftTheGroup() throws {
        let registry = ProcessGroupRegistry()
        let trap = InterruptTrap(registry: registry, grace: 1) { _ in }
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let pidFile = directory.path + "/daemon.pid"
        let script = "setsid sh -c 'echo $$ > \(pidFile); exec sleep 60' & sleep 60"
        let done = DispatchSemaphore(value: 0)
        let outcome = Locked<ProcessOutcome?>(nil)
        Thread.detachNewThread {
            let result = try? ChildProcess.run(ProcessSpec(executable: "/bin/sh", arguments: ["-c", script], timeout: 60),
                                               registry: registry)
            outcome.withLock { $0 = result }
            done.signal()
        }
        let deadline = Date().addingTimeInterval(5)
        while (ProcessBoundsTests.readPID(pidFile) == nil || registry.liveGroups.isEmpty) && Date() < deadline { usleep(10_000) }
        let daemon = try #require(ProcessBoundsTests.readPID(pidFile))
        trap.handle(signal: SIGTERM)
        // The daemon left the group and holds the output: the run still ends now, not at its 60 s timeout.
        #expect(done.wait(timeout: .now() + 10) == .success)
        #expect(outcome.withLock { $0?.succeeded } == false)
        #expect(!ProcessBoundsTests.isRunning(daemon))
    }

    @Test func installedTrapReactsToARealSignal() throws {
        let registry = ProcessGroupRegistry()
        let status = Locked<Int32?>(nil)
        let fired = DispatchSemaphore(value: 0)
        let trap = InterruptTrap(registry: registry, grace: 1) { code in
            status.withLock { $0 = code }
            fired.signal()
        }
        trap.install()
        defer { trap.uninstall() }
        let sleeper = startSleeper(registry: registry)
        kill(getpid(), SIGINT)
        #expect(fired.wait(timeout: .now() + 10) == .success)
        #expect(status.withLock { $0 } == 130)
        #expect(sleeper.done.wait(timeout: .now() + 10) == .success)
        #expect(kill(-sleeper.group, 0) == -1 && errno == ESRCH)
    }
}
