import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The set of child process groups that are currently alive, so they can be killed on interrupt.
public final class ProcessGroupRegistry: Sendable {
    /// The registry `ChildProcess.run` uses unless told otherwise.
    public static let shared = ProcessGroupRegistry()

    private let groups = Locked<Set<Int32>>([])
    /// Groups `terminateAll` was asked to stop: their runs also stop the members that left the group.
    private let stopping = Locked<Set<Int32>>([])

    public init() {}

    /// Records a live process group.
    public func register(_ processGroup: Int32) {
        _ = groups.withLock { $0.insert(processGroup) }
    }

    /// Forgets a process group that has ended.
    public func unregister(_ processGroup: Int32) {
        _ = groups.withLock { $0.remove(processGroup) }
        _ = stopping.withLock { $0.remove(processGroup) }
    }

    /// Whether `terminateAll` was called while the group was registered.
    public func isStopping(_ processGroup: Int32) -> Bool {
        stopping.withLock { $0.contains(processGroup) }
    }

    /// The process groups currently registered.
    public var liveGroups: [Int32] {
        groups.withLock { Array($0).sorted() }
    }

    /// Sends `signal` to every registered process group.
    public func signalAll(_ signal: Int32) {
        for group in liveGroups { kill(-group, signal) }
    }

    /// SIGTERM to every group, then SIGKILL to those still alive after `grace` seconds.
    /// The runs of those groups (`ChildProcess.run`) see `isStopping` and terminate the rest of their family.
    public func terminateAll(grace: Double) {
        let live = liveGroups
        stopping.withLock { $0.formUnion(live) }
        signalAll(SIGTERM)
        let deadline = MonotonicClock.now + grace
        while MonotonicClock.now < deadline {
            if liveGroups.allSatisfy({ !ProcessGroupRegistry.exists($0) }) { return }
            usleep(20_000)
        }
        signalAll(SIGKILL)
    }

    /// True while at least one process (zombies included) is in the group.
    public static func exists(_ processGroup: Int32) -> Bool {
        kill(-processGroup, 0) == 0 || errno == EPERM
    }
}
