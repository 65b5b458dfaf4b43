import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs child processes with `posix_spawn`, each in its own process group.
///
/// While a child runs, both output pipes are drained with `poll()` (so neither can fill up
/// and deadlock), stdin bytes are written in non-blocking slices between reads, and the
/// timeout is enforced on everything the child started (its `ProcessFamily`: the process group
/// and any descendant that left it, e.g. with `setsid`): SIGTERM, then SIGKILL after
/// `terminationGrace` seconds. A run is over only when the child has exited, its output is
/// closed and no member of its family is alive: members left behind after a normal exit are
/// terminated the same way, and a descendant that keeps the output open past the deadline
/// makes the run a timeout, never a pass. The calling process becomes a child subreaper
/// (Linux `PR_SET_CHILD_SUBREAPER`) so that orphaned descendants are reparented to it, where
/// they can be found, killed and reaped. If the calling process dies, `OrphanWatchdog` kills
/// what is left.
public enum ChildProcess {
    /// Seconds between SIGTERM and SIGKILL when a process group is terminated.
    public static let terminationGrace: Double = 2

    /// Bytes a log file keeps unless told otherwise: 8 MB, head and tail (see `CappedLog`).
    public static let defaultLogLimit = 8 << 20

    /// The log limit for runs that pass none, bound by the caller for a stretch of work (e.g. one suite's run).
    @TaskLocal public static var logLimit: Int = defaultLogLimit

    /// Runs to completion. `onOutput` gets each chunk as it arrives (stdout and stderr, in
    /// arrival order), `logPath` (if given) receives all output (both streams, interleaved as
    /// it arrives) up to `logLimit` bytes, keeping head and tail. `captureLimit` bounds each
    /// captured stream, keeping its tail.
    public static func run(
        _ spec: ProcessSpec,
        captureLimit: Int = 16 << 20,
        logPath: String? = nil,
        logLimit: Int? = nil,
        registry: ProcessGroupRegistry = .shared,
        onOutput: (@Sendable ([UInt8]) -> Void)? = nil
    ) throws -> ProcessOutcome {
        ProcessWideSetup.ensure()
        let executablePath = try resolveExecutable(spec)
        if let directory = spec.workingDirectory {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw ProcessError.workingDirectoryNotFound(directory)
            }
        }
        let logDescriptor = try openLog(logPath)
        defer { if logDescriptor >= 0 { close(logDescriptor) } }

        let marker = ProcessFamily.newMarker()
        let watchdog = OrphanWatchdog.shared
        watchdog?.watch(marker: marker)
        var marked = spec
        marked.environment = ProcessFamily.marking(spec.environment, with: marker)
        let start = MonotonicClock.now
        let child: SpawnedProcess
        do {
            child = try SpawnedProcess.spawn(executablePath: executablePath, spec: marked, withInput: spec.standardInput != nil)
        } catch {
            watchdog?.release(group: 0, marker: marker)
            throw error
        }
        watchdog?.watch(group: child.pid)
        registry.register(child.pid)
        defer {
            registry.unregister(child.pid)
            watchdog?.release(group: child.pid, marker: marker)
        }

        let pipes = Set([child.standardOutput, child.standardError].compactMap(ProcessTable.inode(of:)))
        var session = ChildSession(child: child, registry: registry, family: ProcessFamily(leader: child.pid, marker: marker, outputPipes: pipes),
                                   captureLimit: captureLimit,
                                   log: logDescriptor >= 0 ? CappedLog(descriptor: logDescriptor, limit: logLimit ?? Self.logLimit) : nil,
                                   onOutput: onOutput)
        session.pendingInput = spec.standardInput ?? []
        let deadline = spec.timeout.map { start + max(0, $0) }
        session.pump(deadline: deadline)
        session.log?.finish()

        // A leader never reaped was stopped by SIGKILL (it could not be waited for): never report that as exit 0.
        let status = session.leaderStatus ?? SIGKILL
        let signalNumber: Int32? = (status & 0x7f) != 0 ? status & 0x7f : nil
        return ProcessOutcome(
            exitCode: signalNumber.map { 128 + $0 } ?? (status >> 8) & 0xff,
            signal: signalNumber,
            timedOut: session.timedOut,
            standardOutput: session.standardOutput.bytes,
            standardError: session.standardError.bytes,
            duration: MonotonicClock.now - start,
            processGroup: child.pid
        )
    }

    private static func resolveExecutable(_ spec: ProcessSpec) throws -> String {
        if spec.executable.contains("/") {
            guard access(spec.executable, X_OK) == 0 else {
                throw ProcessError.toolNotFound(spec.executable)
            }
            return spec.executable
        }
        guard let path = locate(spec.executable, environment: spec.environment) else {
            throw ProcessError.toolNotFound(spec.executable)
        }
        return path
    }

    private static func openLog(_ path: String?) throws -> Int32 {
        guard let path else { return -1 }
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw ProcessError.logFileUnwritable(path, errno: errno) }
        return descriptor
    }
}
