import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs child processes with `posix_spawn`, each in its own process group.
///
/// While a child runs, both output pipes are drained with `poll()` (so neither can fill up
/// and deadlock), stdin bytes are written in non-blocking slices between reads, and the
/// timeout is enforced on the whole process group: SIGTERM, then SIGKILL after
/// `terminationGrace` seconds. When the direct child exits while other members of its
/// group are still alive (background jobs it left behind), those strays are terminated the
/// same way, so a run never leaks processes. The calling process becomes a child
/// subreaper (Linux `PR_SET_CHILD_SUBREAPER`) so that orphaned grandchildren are reparented
/// to it and reaped here even under an init that does not reap zombies (e.g. containers).
public enum ChildProcess {
    /// Seconds between SIGTERM and SIGKILL when a process group is terminated.
    public static let terminationGrace: Double = 2

    /// Runs to completion. `onOutput` gets each chunk as it arrives (stdout and stderr, in
    /// arrival order), `logPath` (if given) receives all output (both streams, interleaved as
    /// it arrives). `captureLimit` bounds each captured stream, keeping its tail.
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

        let start = MonotonicClock.now
        let child = try SpawnedProcess.spawn(executablePath: executablePath, spec: spec, withInput: spec.standardInput != nil)
        registry.register(child.pid)
        defer { registry.unregister(child.pid) }

        var session = Session(child: child, captureLimit: captureLimit, logDescriptor: logDescriptor, onOutput: onOutput)
        session.pendingInput = spec.standardInput ?? []
        let deadline = spec.timeout.map { start + max(0, $0) }
        session.pump(deadline: deadline)

        let status = session.leaderStatus ?? 0
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

/// The state of one running child while its pipes are pumped.
private struct Session {
    let child: SpawnedProcess
    let logDescriptor: Int32
    let onOutput: (@Sendable ([UInt8]) -> Void)?
    var standardOutput: OutputTail
    var standardError: OutputTail
    var pendingInput: [UInt8] = []
    var inputOffset = 0
    var inputDescriptor: Int32
    var outputOpen = true
    var errorOpen = true
    var leaderStatus: Int32?
    var timedOut = false
    var terminationSentAt: Double?
    var killSentAt: Double?

    init(child: SpawnedProcess, captureLimit: Int, logDescriptor: Int32, onOutput: (@Sendable ([UInt8]) -> Void)?) {
        self.child = child
        self.logDescriptor = logDescriptor
        self.onOutput = onOutput
        self.standardOutput = OutputTail(limit: captureLimit)
        self.standardError = OutputTail(limit: captureLimit)
        self.inputDescriptor = child.standardInput
    }

    /// Loops until the child has been reaped, both pipes reached EOF and the group is gone.
    mutating func pump(deadline: Double?) {
        if inputDescriptor >= 0 && pendingInput.isEmpty { closeInput() }
        while true {
            let now = MonotonicClock.now
            reapGroup()
            enforceDeadlines(now: now, deadline: deadline)
            if leaderStatus != nil && !outputOpen && !errorOpen {
                if !ProcessGroupRegistry.exists(child.pid) { break }
                // Only unreapable zombies remain (no subreaper support): stop waiting eventually.
                if let killSentAt, now - killSentAt > ChildProcess.terminationGrace { break }
            }
            waitForActivity(timeoutMilliseconds: pollTimeout(now: now, deadline: deadline))
        }
        if outputOpen { close(child.standardOutput) }
        if errorOpen { close(child.standardError) }
        closeInput()
    }

    /// Collects exit statuses of every reapable member of the group, remembering the leader's.
    private mutating func reapGroup() {
        while true {
            var status: Int32 = 0
            let pid = waitpid(-child.pid, &status, WNOHANG)
            if pid == -1 && errno == EINTR { continue }
            guard pid > 0 else { return }
            if pid == child.pid { leaderStatus = status }
        }
    }

    /// Terminates the group on timeout, or when the leader is gone but members linger.
    private mutating func enforceDeadlines(now: Double, deadline: Double?) {
        if terminationSentAt == nil {
            if let deadline, now >= deadline, leaderStatus == nil {
                timedOut = true
                sendToGroup(SIGTERM, now: now)
            } else if leaderStatus != nil, ProcessGroupRegistry.exists(child.pid) {
                sendToGroup(SIGTERM, now: now)
            }
        } else if killSentAt == nil, let sent = terminationSentAt, now - sent >= ChildProcess.terminationGrace {
            kill(-child.pid, SIGKILL)
            killSentAt = now
        }
    }

    private mutating func sendToGroup(_ signal: Int32, now: Double) {
        kill(-child.pid, signal)
        terminationSentAt = now
    }

    private func pollTimeout(now: Double, deadline: Double?) -> Int32 {
        var wait = 0.1
        if terminationSentAt == nil, let deadline { wait = min(wait, deadline - now) }
        if leaderStatus != nil && !outputOpen && !errorOpen { wait = min(wait, 0.01) }
        return Int32(max(0, wait) * 1000) + 1
    }

    private mutating func waitForActivity(timeoutMilliseconds: Int32) {
        var descriptors: [pollfd] = []
        if outputOpen { descriptors.append(pollfd(fd: child.standardOutput, events: Int16(POLLIN), revents: 0)) }
        if errorOpen { descriptors.append(pollfd(fd: child.standardError, events: Int16(POLLIN), revents: 0)) }
        if inputDescriptor >= 0 { descriptors.append(pollfd(fd: inputDescriptor, events: Int16(POLLOUT), revents: 0)) }
        let ready = poll(&descriptors, nfds_t(descriptors.count), timeoutMilliseconds)
        guard ready > 0 else { return }
        for entry in descriptors where entry.revents != 0 {
            switch entry.fd {
            case child.standardOutput: outputOpen = drain(entry.fd, into: \.standardOutput)
            case child.standardError: errorOpen = drain(entry.fd, into: \.standardError)
            default: writeInput()
            }
        }
    }

    /// Reads what is available; returns false once the pipe reached EOF (and closes it).
    private mutating func drain(_ descriptor: Int32, into stream: WritableKeyPath<Session, OutputTail>) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        for _ in 0..<16 {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                let chunk = Array(buffer[0..<count])
                self[keyPath: stream].append(chunk)
                writeToLog(chunk)
                onOutput?(chunk)
                continue
            }
            if count < 0 && (errno == EAGAIN || errno == EINTR) { return true }
            close(descriptor)
            return false
        }
        return true
    }

    private func writeToLog(_ chunk: [UInt8]) {
        guard logDescriptor >= 0 else { return }
        chunk.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = write(logDescriptor, bytes.baseAddress! + offset, bytes.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }

    /// Writes the next slice of stdin; closes stdin when done or when the child stopped reading.
    private mutating func writeInput() {
        let remaining = pendingInput.count - inputOffset
        let written = pendingInput.withUnsafeBytes { bytes in
            write(inputDescriptor, bytes.baseAddress! + inputOffset, min(remaining, 65_536))
        }
        if written > 0 {
            inputOffset += written
            if inputOffset >= pendingInput.count { closeInput() }
        } else if written < 0 && errno != EAGAIN && errno != EINTR {
            closeInput()  // EPIPE: the child closed its stdin; the rest is dropped.
        }
    }

    private mutating func closeInput() {
        if inputDescriptor >= 0 { close(inputDescriptor) }
        inputDescriptor = -1
    }
}
