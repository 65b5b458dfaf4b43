import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The pre-receive check of a bare repository: the same gate, with the server's config, plain `remote:` output,
/// a private checkout per run, a run timeout, and no fixing (git forbids ref updates from pre-receive).
public struct ServerGate {
    public let environment: [String: String]

    public init(environment: [String: String]) { self.environment = environment }

    /// Exit codes: 0 accept, 1 blocked, 2 misuse or invalid config, 3 gate could not run. Every outcome is
    /// printed as plain lines (git prefixes them with `remote:`) and, once the run exists, logged to the trail.
    public func check(input: [UInt8]) throws -> GateExitCode {
        let console = Console(environment: environment, plain: true)
        var run: GateRun?
        do {
            return try check(input: input, console: console, started: { run = $0 })
        } catch let error as HookInputError {
            console.line("error: gate: \(error.description)")
            console.line("hint: this is gate's pre-receive hook; git feeds it `<old> <new> <ref>` lines.")
            return .misuse
        } catch let error as ConfigError {
            if let run {
                run.trail.append(run: run.runID, event: .verdict, ["verdict": .string(Verdict.blocked.rawValue), "exit": 2, "reason": .string("invalid configuration: \(error.description)")])
            }
            console.line("error: gate: invalid server configuration: \(error.description)")
            console.line("hint: the push is refused until an admin fixes the gate config on the server\(run.map { " (run \($0.runID))" } ?? "").")
            return .misuse
        } catch {
            if let run { run.trail.append(run: run.runID, event: .internalError, ["exit": 3, "error": .string(String(describing: error))]) }
            console.line("error: gate could not check this push: \(error)")
            console.line("hint: ask an admin to run `gate doctor` in the repository on the server\(run.map { " (run \($0.runID))" } ?? "").")
            return .internalFailure
        }
    }

    private func check(input: [UInt8], console: Console, started: (GateRun) -> Void) throws -> GateExitCode {
        let updates = try PreReceiveInput.parse(input)
        let repository = try GitRepository(fromEnvironmentAt: environment["GIT_DIR"] ?? ".")
        let run = try GateRun(repository: repository, console: console, environment: environment, mode: .preReceive)
        started(run)
        let source = try ServerConfigSource.locate(repository)
        let settings = source.config?.server ?? GateConfig.ServerSettings()
        let options = PushOptions.read(environment)

        // Policy first: protected deletions, refused tags and a config that would lock pushes out hold even when
        // the tests are skipped.
        let defaultBranch = repository.headReferenceName()
        for update in updates {
            if let error = try ServerConfigSource.invalidPushedConfig(update, defaultBranch: defaultBranch, source: source, repository) {
                run.trail.append(run: run.runID, event: .verdict, ["verdict": .string(Verdict.blocked.rawValue), "exit": 1,
                                                                    "reason": .string("invalid .gate.yml pushed to \(update.ref): \(error.description)")])
                console.line("error: the pushed .gate.yml would become this server's gate config, but it is invalid: \(error.description)")
                console.line("hint: fix .gate.yml (check it with `gate doctor`), commit, and push again (run \(run.runID)).")
                return .blocked
            }
            if update.isDeletion, let glob = settings.protectFromDeletion.first(where: { Self.refMatches(update.ref, glob: $0) }) {
                run.trail.append(run: run.runID, event: .verdict, ["verdict": .string(Verdict.blocked.rawValue), "exit": 1, "reason": .string("deletion of \(update.ref) refused (\(glob))")])
                console.line("error: \(update.ref) is protected from deletion (server.protect_from_deletion: \(glob)); the push is rejected (run \(run.runID)).")
                console.line("hint: push without deleting it, or ask an admin if it really must go.")
                return .blocked
            }
            if update.isTag && !update.isDeletion && settings.tags == "reject" {
                run.trail.append(run: run.runID, event: .verdict, ["verdict": .string(Verdict.blocked.rawValue), "exit": 1, "reason": .string("tag \(update.ref) refused (server.tags: reject)")])
                console.line("error: tag pushes are not accepted here (server.tags: reject): \(update.ref); the push is rejected (run \(run.runID)).")
                console.line("hint: push the branches without the tag, and ask an admin to create the tag.")
                return .blocked
            }
        }

        if options.contains("gate.skip") {
            if settings.allowSkip {
                run.trail.append(run: run.runID, event: .skip, ["by": "push option gate.skip", "allowed": true, "refs": .int(updates.count)])
                console.line("gate: skipped by push option gate.skip (allowed by server.allow_skip); run \(run.runID).")
                return .passed
            }
            run.trail.append(run: run.runID, event: .skipRefused, ["by": "push option gate.skip", "allowed": false])
            console.line("warning: push option gate.skip is not allowed on this server (server.allow_skip is false); checking anyway.")
        }

        var ranges: [RefRange] = []
        let resolver = PushRangeResolver(repository: repository, commitCap: source.config?.run.maxCommits ?? GateConfig.RunSettings().maxCommits)
        for update in updates {
            if update.isTag && !update.isDeletion && settings.tags == "allow" {
                run.trail.append(run: run.runID, event: .range, ["ref": .string(update.ref), "scope": "tag_allowed",
                                                                  "note": "server.tags: allow, not checked"])
                continue
            }
            ranges.append(try resolver.resolve(update, defaultBranch: defaultBranch))
        }

        // A directory of this run's own, even if two runs got the same id; removed however the run ends.
        try FileManager.default.createDirectory(atPath: run.directory.runs, withIntermediateDirectories: true)
        let checkout = try Self.makeUniqueDirectory(prefix: run.directory.runs + "/" + run.runID + ".")
        run.privateCheckoutDirectory = checkout + "/tree"
        run.configOverride = source.config.map { ($0, source.bytes) }
        run.ignoreTreeConfig = true
        InterruptTrap.shared.install()
        let cleanup = InterruptTrap.shared.addCleanup { try? FileManager.default.removeItem(atPath: checkout) }
        defer {
            try? FileManager.default.removeItem(atPath: checkout)
            InterruptTrap.shared.removeCleanup(cleanup)
        }

        let watchdog = RunWatchdog(seconds: settings.timeout)
        run.stoppedEarly = { watchdog.hasFired }
        let outcome: GateRun.Outcome
        do {
            outcome = try run.check(ranges)
        } catch {
            _ = watchdog.finish()
            throw error
        }
        if watchdog.finish() {
            let verdict: Verdict = settings.failOpen ? .accepted : .blocked
            run.trail.append(run: run.runID, event: .timeout, ["seconds": .double(settings.timeout), "verdict": .string(verdict.rawValue),
                                                                "fail_open": .bool(settings.failOpen)])
            if settings.failOpen {
                console.line("warning: gate timed out after \(Self.seconds(settings.timeout)); the push is accepted because server.fail_open is true (run \(run.runID)).")
                return .passed
            }
            console.line("error: gate timed out after \(Self.seconds(settings.timeout)), so the push is rejected (run \(run.runID)).")
            console.line("hint: push again later, or ask an admin to raise server.timeout.")
            return .blocked
        }
        return outcome.exit
    }

    /// Whether a protection glob covers `ref`. A glob starting with `refs/` is matched against the full ref name,
    /// any other against the branch or tag name (`main`, `release/*`); `*` stays within one path component.
    static func refMatches(_ ref: String, glob: String) -> Bool {
        var pattern = glob
        while pattern.hasPrefix("/") { pattern.removeFirst() }
        if pattern.hasPrefix("refs/") { return GlobPattern("/" + pattern).matches(ref) }
        var name = ref
        for prefix in ["refs/heads/", "refs/tags/"] where name.hasPrefix(prefix) {
            name = String(name.dropFirst(prefix.count))
        }
        return GlobPattern("/" + pattern).matches(name)
    }

    static func makeUniqueDirectory(prefix: String) throws -> String {
        var template = Array((prefix + "XXXXXX").utf8CString)
        guard let pointer = mkdtemp(&template) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: prefix + "XXXXXX",
                                                           NSLocalizedDescriptionKey: "cannot create \(prefix)XXXXXX: \(String(cString: strerror(errno)))"])
        }
        return String(cString: pointer)
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : String(format: "%.1f s", value)
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

    var hasFired: Bool {
        lock.lock()
        defer { lock.unlock() }
        return fired
    }

    /// Stops the watchdog; returns whether it had fired.
    func finish() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        done = true
        return fired
    }
}
