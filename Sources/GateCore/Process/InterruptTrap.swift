import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Turns SIGINT/SIGTERM into an orderly shutdown: every registered process group is
/// terminated (SIGTERM, then SIGKILL after a grace period), cleanup closures run once,
/// and the process exits with 130 (SIGINT) or 143 (SIGTERM).
///
/// Signals are received through `DispatchSourceSignal` (the raw disposition is set to
/// SIG_IGN), so the shutdown work runs on an ordinary dispatch queue rather than in an
/// async-signal context. Children are unaffected by the SIG_IGN: `ChildProcess` resets
/// all signal dispositions to their defaults when it spawns.
public final class InterruptTrap: Sendable {
    /// The trap for the whole program, killing groups in `ProcessGroupRegistry.shared`.
    public static let shared = InterruptTrap()

    /// The signals the trap handles.
    public static let trappedSignals: [Int32] = [SIGINT, SIGTERM]

    private struct State {
        var cleanups: [Int: @Sendable () -> Void] = [:]
        var nextCleanupID = 0
        var cleanedUp = false
        var interrupted = false
        var sources: [any DispatchSourceSignal] = []
    }

    private let registry: ProcessGroupRegistry
    private let grace: Double
    private let terminate: @Sendable (Int32) -> Void
    private let state = Locked(State())
    private let queue = DispatchQueue(label: "gate.interrupt-trap")

    /// - Parameters:
    ///   - registry: the process groups to kill.
    ///   - grace: seconds between SIGTERM and SIGKILL.
    ///   - terminate: ends the program with the given status; replaceable for tests.
    public init(
        registry: ProcessGroupRegistry = .shared,
        grace: Double = 2,
        terminate: @escaping @Sendable (Int32) -> Void = { Glibc.exit($0) }
    ) {
        self.registry = registry
        self.grace = grace
        self.terminate = terminate
    }

    /// Starts catching SIGINT and SIGTERM. Calling it again has no effect.
    public func install() {
        state.withLock { state in
            guard state.sources.isEmpty else { return }
            for signalNumber in Self.trappedSignals {
                signal(signalNumber, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: queue)
                source.setEventHandler { [weak self] in self?.handle(signal: signalNumber) }
                source.resume()
                state.sources.append(source)
            }
        }
    }

    /// Stops catching signals and restores their default dispositions.
    public func uninstall() {
        state.withLock { state in
            for source in state.sources { source.cancel() }
            state.sources.removeAll()
            for signalNumber in Self.trappedSignals { signal(signalNumber, SIG_DFL) }
        }
    }

    /// Registers work to do once on interruption (e.g. releasing a lock file).
    /// - Returns: an identifier for `removeCleanup(_:)`.
    @discardableResult
    public func addCleanup(_ cleanup: @escaping @Sendable () -> Void) -> Int {
        state.withLock { state in
            let id = state.nextCleanupID
            state.nextCleanupID += 1
            state.cleanups[id] = cleanup
            return id
        }
    }

    /// Drops a cleanup that is no longer needed (its resource was released normally).
    public func removeCleanup(_ id: Int) {
        _ = state.withLock { $0.cleanups.removeValue(forKey: id) }
    }

    /// Whether a trapped signal arrived: the shutdown is under way.
    public var isInterrupted: Bool { state.withLock { $0.interrupted } }

    /// Called by code that just saw its children die: if that was the shutdown killing them, wait here for it to
    /// end the program, so no verdict, report or event is written for a run the user stopped.
    public func parkIfInterrupted() {
        guard isInterrupted else { return }
        while true { pause() }
    }

    /// The shutdown itself: kill all groups, run cleanups (only the first time), terminate with 128 + signal.
    public func handle(signal signalNumber: Int32) {
        state.withLock { $0.interrupted = true }
        registry.terminateAll(grace: grace)
        let cleanups: [@Sendable () -> Void] = state.withLock { state in
            guard !state.cleanedUp else { return [] }
            state.cleanedUp = true
            return state.cleanups.sorted { $0.key < $1.key }.map(\.value)
        }
        for cleanup in cleanups { cleanup() }
        terminate(128 + signalNumber)
    }
}
