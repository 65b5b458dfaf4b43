import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The state of one running child while its pipes are pumped, until it and everything it started is gone.
struct ChildSession {
    /// Seconds between surveys of the family while the child runs (to remember members before they hide).
    static let surveyInterval = 1.0

    let child: SpawnedProcess
    let registry: ProcessGroupRegistry
    var family: ProcessFamily
    var log: CappedLog?
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
    private var groupStraysSentAt: Double?
    private var lastSurvey: Double

    init(child: SpawnedProcess, registry: ProcessGroupRegistry, family: ProcessFamily, captureLimit: Int, log: CappedLog?,
         onOutput: (@Sendable ([UInt8]) -> Void)?) {
        self.child = child
        self.registry = registry
        self.family = family
        self.log = log
        self.onOutput = onOutput
        self.standardOutput = OutputTail(limit: captureLimit)
        self.standardError = OutputTail(limit: captureLimit)
        self.inputDescriptor = child.standardInput
        lastSurvey = MonotonicClock.now
    }

    /// Loops until the child has been reaped, both pipes reached EOF and no family member is alive — or, once the
    /// family was sent SIGKILL, for at most `terminationGrace` more seconds: then it stops reading, whoever still
    /// holds the pipes (a process outside gate's reach), so the deadline holds.
    mutating func pump(deadline: Double?) {
        if inputDescriptor >= 0 && pendingInput.isEmpty { closeInput() }
        while true {
            let now = MonotonicClock.now
            reapGroup()
            if terminationSentAt == nil, let deadline, now >= deadline {
                timedOut = true
                terminate(now: now)
            } else if terminationSentAt == nil && registry.isStopping(child.pid) {
                terminate(now: now)  // Interrupt or server deadline: the whole family goes, not only the group.
            }
            if leaderStatus != nil && terminationSentAt == nil { terminateGroupStrays(now: now) }
            if leaderStatus != nil && !outputOpen && !errorOpen {
                // The child is done and its output closed; whatever of its family lingers is a stray.
                let live = family.survey()
                if live.isEmpty && !ProcessGroupRegistry.exists(child.pid) { break }
                if terminationSentAt == nil { terminate(now: now) }
            } else if terminationSentAt == nil && now - lastSurvey >= Self.surveyInterval {
                _ = family.survey()
                lastSurvey = now
            }
            if let sent = terminationSentAt, killSentAt == nil, now - sent >= ChildProcess.terminationGrace {
                family.signal(SIGKILL)
                killSentAt = now
            }
            if let killSentAt, now - killSentAt > ChildProcess.terminationGrace { break }
            waitForActivity(timeoutMilliseconds: pollTimeout(now: now, deadline: deadline))
        }
        if outputOpen { close(child.standardOutput) }
        if errorOpen { close(child.standardError) }
        outputOpen = false
        errorOpen = false
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

    /// Background jobs left in the child's own process group die with it (SIGTERM, then SIGKILL), as before: only
    /// what left the group on purpose (`setsid`) keeps the run open while it holds the output, up to the deadline.
    private mutating func terminateGroupStrays(now: Double) {
        guard ProcessGroupRegistry.exists(child.pid) else { return }
        guard let sent = groupStraysSentAt else {
            kill(-child.pid, SIGTERM)
            groupStraysSentAt = now
            return
        }
        if now - sent >= ChildProcess.terminationGrace { kill(-child.pid, SIGKILL) }
    }

    private mutating func terminate(now: Double) {
        family.signal(SIGTERM)
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
        guard !descriptors.isEmpty else {
            usleep(useconds_t(timeoutMilliseconds) * 1000)
            return
        }
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
    private mutating func drain(_ descriptor: Int32, into stream: WritableKeyPath<ChildSession, OutputTail>) -> Bool {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        for _ in 0..<16 {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                let chunk = Array(buffer[0..<count])
                self[keyPath: stream].append(chunk)
                log?.append(chunk)
                onOutput?(chunk)
                continue
            }
            if count < 0 && (errno == EAGAIN || errno == EINTR) { return true }
            close(descriptor)
            return false
        }
        return true
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
