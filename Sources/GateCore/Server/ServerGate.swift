import Foundation

/// The pre-receive check of a bare repository: the same gate, with the server's config, plain `remote:` output,
/// a private checkout per run, a run timeout, and no fixing (git forbids ref updates from pre-receive).
public struct ServerGate {
    public let environment: [String: String]

    public init(environment: [String: String]) { self.environment = environment }

    public func check(input: [UInt8]) throws -> GateExitCode {
        let console = Console(environment: environment, plain: true)
        let updates = try PreReceiveInput.parse(input)
        let repository = try GitRepository(fromEnvironmentAt: environment["GIT_DIR"] ?? ".")
        let source = try ServerConfigSource.locate(repository)
        let settings = source.config?.server ?? GateConfig.ServerSettings()
        let run = try GateRun(repository: repository, console: console, environment: environment, mode: "pre-receive")
        let options = PushOptions.read(environment)

        if options.contains("gate.skip") {
            if settings.allowSkip {
                run.trail.append(run: run.runID, event: "skip", ["by": "push option gate.skip", "allowed": true])
                console.line("gate: skipped by push option gate.skip (allowed by the server config; run \(run.runID)).")
                return .passed
            }
            run.trail.append(run: run.runID, event: "skip_refused", ["by": "push option gate.skip"])
            console.line("warning: push option gate.skip is not allowed on this server; checking anyway.")
        }

        var ranges: [RefRange] = []
        let resolver = PushRangeResolver(repository: repository, commitCap: source.config?.run.maxCommits ?? GateConfig.RunSettings().maxCommits)
        let defaultBranch = repository.headReferenceName()
        for update in updates {
            if update.isDeletion {
                if let glob = settings.protectFromDeletion.first(where: { GlobPattern($0).matches(update.ref) }) {
                    run.trail.append(run: run.runID, event: "verdict", ["verdict": "blocked", "exit": 1, "reason": .string("deletion of \(update.ref) refused")])
                    console.line("error: \(update.ref) is protected from deletion (server.protect_from_deletion: \(glob)).")
                    console.line("hint: ask an admin if it really must go.")
                    return .blocked
                }
            }
            if update.isTag && !update.isDeletion {
                switch settings.tags {
                case "reject":
                    console.line("error: tag pushes are not accepted here (server.tags: reject): \(update.ref)")
                    console.line("hint: ask an admin to create the tag.")
                    run.trail.append(run: run.runID, event: "verdict", ["verdict": "blocked", "exit": 1, "reason": .string("tag \(update.ref) refused")])
                    return .blocked
                case "allow":
                    continue
                default:
                    break
                }
            }
            ranges.append(try resolver.resolve(update, defaultBranch: defaultBranch))
        }

        let checkout = run.directory.runs + "/" + run.runID
        run.privateCheckoutDirectory = checkout + "/tree"
        run.configOverride = source.config.map { ($0, source.bytes) }
        run.ignoreTreeConfig = true
        defer { try? FileManager.default.removeItem(atPath: checkout) }

        let watchdog = RunWatchdog(seconds: settings.timeout)
        let outcome = try run.check(ranges)
        if watchdog.finish() {
            let verdict = settings.failOpen ? "accepted" : "blocked"
            run.trail.append(run: run.runID, event: "timeout", ["seconds": .double(settings.timeout), "verdict": .string(verdict)])
            if settings.failOpen {
                console.line("warning: gate timed out after \(Int(settings.timeout)) s; the push is accepted because server.fail_open is true (run \(run.runID)).")
                return .passed
            }
            console.line("error: gate timed out after \(Int(settings.timeout)) s, so the push is rejected (run \(run.runID)).")
            console.line("hint: push again later, or ask an admin to raise server.timeout.")
            return .blocked
        }
        return outcome.exit
    }
}

/// Kills every test process group once the run has taken too long.
final class RunWatchdog: @unchecked Sendable {
    private let lock = NSLock()
    private var fired = false
    private var done = false

    init(seconds: Double) {
        DispatchQueue.global().asyncAfter(deadline: .now() + seconds) { [self] in fire() }
    }

    /// Kills the running suites, and keeps killing any that start later, until the run finishes.
    private func fire() {
        lock.lock()
        guard !done else { lock.unlock(); return }
        fired = true
        lock.unlock()
        ProcessGroupRegistry.shared.terminateAll(grace: 2)
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.5) { [self] in fire() }
    }

    /// Stops the watchdog; returns whether it had fired.
    func finish() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        done = true
        return fired
    }
}
