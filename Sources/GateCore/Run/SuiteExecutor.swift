import Foundation

/// Runs a plan's suites in a directory: in parallel when there are several (each suite in its own process group),
/// with the live line showing what runs and the results printed in plan order.
public struct SuiteExecutor: Sendable {
    /// Bytes a suite's log keeps unless `run.log_limit` says otherwise (head and tail, the middle cut).
    public static let defaultLogLimit = ChildProcess.defaultLogLimit

    public let console: Console
    public let logDirectory: String
    public let environment: [String: String]
    public let maxParallel: Int
    /// The most bytes one suite's log file may hold.
    public let logLimit: Int
    /// Where the project's own tools are found (virtualenvs, node_modules, `python:`/`path:`); nil uses PATH alone.
    public let tools: ToolEnvironment?

    public init(console: Console, logDirectory: String, environment: [String: String],
                maxParallel: Int = ProcessInfo.processInfo.activeProcessorCount, logLimit: Int = SuiteExecutor.defaultLogLimit,
                tools: ToolEnvironment? = nil) {
        self.console = console
        self.logDirectory = logDirectory
        self.environment = environment
        self.maxParallel = max(1, maxParallel)
        self.logLimit = logLimit
        self.tools = tools
    }

    /// Runs every entry; a runner that cannot start (missing tool) yields an errored result naming the tool.
    public func run(_ entries: [TestPlan.Entry], root: String, label: String) -> [SuiteResult] {
        let results = ResultSlots(count: entries.count)
        let status = LiveStatus(console: console, label: label)
        let heartbeat = status.startHeartbeat()
        defer { heartbeat?.cancel() }
        let queue = DispatchQueue(label: "gate.suites", attributes: .concurrent)
        let limiter = DispatchSemaphore(value: maxParallel)
        let group = DispatchGroup()
        for (index, entry) in entries.enumerated() {
            limiter.wait()
            group.enter()
            queue.async {
                defer { limiter.signal(); group.leave() }
                status.started(entry.suite.name, runner: entry.suite.runner)
                let result = runOne(entry, root: root, label: label, status: status)
                status.finished(entry.suite.name)
                results.set(index, result)
            }
        }
        group.wait()
        InterruptTrap.shared.parkIfInterrupted()
        console.clearProgress()
        return results.all()
    }

    private func runOne(_ entry: TestPlan.Entry, root: String, label: String, status: LiveStatus) -> SuiteResult {
        let suite = entry.suite
        let logPath = logDirectory + "/" + label + "-" + Self.safeFileName(suite.name) + ".log"
        let env = tools?.environment(for: suite, base: environment) ?? environment.merging(suite.environment) { _, value in value }
        let runner = TestRunners.runner(for: suite.runner)
        let start = Date()
        do {
            // The runner resolves the suite's working directory against the root itself.
            // Every log the runner's processes write is capped (ChildProcess reads the bound limit).
            return try ChildProcess.$logLimit.withValue(logLimit) {
                try runner.run(suite, root: root, filter: entry.filter.map { TestFilter(ids: $0) }, logPath: logPath,
                               environment: env, onOutput: { bytes in status.output(suite.name, bytes) })
            }
        } catch {
            return SuiteResult(suite: suite.name, runner: suite.runner, cases: [], suiteError: "\(error)",
                               duration: Date().timeIntervalSince(start),
                               logPath: FileManager.default.fileExists(atPath: logPath) ? logPath : nil)
        }
    }

    static func safeFileName(_ name: String) -> String {
        String(name.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "_" })
    }
}

/// Results filled in by parallel suites, read back in order.
private final class ResultSlots: @unchecked Sendable {
    private var slots: [SuiteResult?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ index: Int, _ result: SuiteResult) { lock.lock(); slots[index] = result; lock.unlock() }
    func all() -> [SuiteResult] { lock.lock(); defer { lock.unlock() }; return slots.compactMap { $0 } }
}

/// The one live line (on a terminal): which suites run, for how long, how many tests finished, and the last line of
/// output. Without a terminal, a heartbeat line every `Console.heartbeatInterval` seconds says the same.
private final class LiveStatus: @unchecked Sendable {
    private let console: Console
    private let label: String
    private let lock = NSLock()
    private let begun = Date()
    private var running: [String: Date] = [:]
    private var counters: [String: TestProgressCounter] = [:]
    private var lastLine = ""
    private var lastDraw = Date.distantPast

    init(console: Console, label: String) {
        self.console = console
        self.label = label
    }

    func started(_ suite: String, runner: RunnerKind) {
        lock.lock(); running[suite] = Date(); counters[suite] = TestProgressCounter(runner: runner); lock.unlock()
        draw(force: true)
    }

    func finished(_ suite: String) { lock.lock(); running[suite] = nil; lock.unlock(); draw(force: true) }

    /// Starts the heartbeat timer when there is no live line to keep; the caller cancels it.
    func startHeartbeat() -> DispatchSourceTimer? {
        let interval = console.heartbeatInterval
        guard !console.isInteractive, interval > 0 else { return nil }
        let timer = DispatchSource.makeTimerSource(queue: DispatchQueue.global())
        timer.schedule(deadline: .now() + interval, repeating: interval)
        timer.setEventHandler { [self] in beat() }
        timer.resume()
        return timer
    }

    private func beat() {
        lock.lock()
        let now = Date()
        let suites = describeRunning(now)
        lock.unlock()
        guard !suites.isEmpty else { return }
        console.heartbeat("gate: \(label): still running \(suites.joined(separator: "; ")) — \(Self.clock(now.timeIntervalSince(begun))) elapsed")
    }

    /// `unit (pytest) 12s, 7 tests finished, 1 failed` for each running suite; call with the lock held.
    private func describeRunning(_ now: Date) -> [String] {
        running.sorted { $0.key < $1.key }.map { name, start in
            var text = "\(name) \(Int(now.timeIntervalSince(start)))s"
            if let counter = counters[name], counter.counts {
                let (finished, failed) = counter.current
                text += ", \(finished) test\(finished == 1 ? "" : "s") finished" + (failed > 0 ? ", \(failed) failed" : "")
            }
            return text
        }
    }

    static func clock(_ seconds: Double) -> String {
        let whole = Int(seconds)
        return whole < 60 ? "\(whole)s" : "\(whole / 60)m\(String(format: "%02d", whole % 60))s"
    }

    func output(_ suite: String, _ bytes: [UInt8]) {
        lock.lock(); counters[suite]?.feed(bytes); lock.unlock()
        guard console.isInteractive else { return }
        if let line = String(decoding: bytes, as: UTF8.self).split(whereSeparator: \.isNewline).last {
            lock.lock(); lastLine = line.trimmingCharacters(in: .whitespaces); lock.unlock()
        }
        draw(force: false)
    }

    private func draw(force: Bool) {
        guard console.isInteractive else { return }
        lock.lock()
        let now = Date()
        guard force || now.timeIntervalSince(lastDraw) > 0.1 else { lock.unlock(); return }
        lastDraw = now
        let names = describeRunning(now)
        let text = "▸ \(label): " + names.joined(separator: ", ") + (lastLine.isEmpty ? "" : " · " + lastLine)
        lock.unlock()
        if !names.isEmpty { console.progress(text) }
    }
}
