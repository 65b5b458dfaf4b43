import Foundation

/// The AI fix loop: rule out flakiness, then up to `fix.max_attempts` times ask the provider for edits, check and apply
/// them in gate's own checkout, commit them on top of the pushed commit, and re-run the tests.
public struct FixLoop: FixLoopRunner {
    /// Set in the environment of a push gate makes itself (`fix.repush`), so the nested hook never fixes again.
    public static let repushGuardVariable = "GATE_REPUSH"

    public let environment: [String: String]
    public let remote: String?

    public init(environment: [String: String], remote: String?) {
        self.environment = environment
        self.remote = remote
    }

    public func repair(target: CheckTarget, report: RunReport.Target, plan: TestPlan, config: GateConfig, context: GateRun) throws -> FixOutcome {
        let console = context.console
        let root = report.workspace
        let flake = FlakeCheck(context: context, flaky: config.flaky).run(results: report.results, plan: plan, root: root, commit: target.tip)
        guard flake.stillFailing else {
            console.line("gate: every failure passed on re-run\(config.flaky.quarantine ? " or is quarantined as known flaky" : ""): flaky, not sent to the AI provider.")
            return FixOutcome(attempts: [], fixedCommit: nil, finalResults: flake.results, passedAsFlaky: true)
        }
        let settings = config.fix.providerSettings
        let environment = self.environment
        let resolution: FixProviderResolution
        do {
            resolution = try BlockingAwait.run { try await FixProviderResolution.resolve(config: settings, environment: environment) }
        } catch {
            throw ConfigError(file: ".gate.yml", line: nil, message: "fix: \(error)")
        }
        let client = ProviderHTTPClient(maxReplyBytes: config.fix.maxReplyBytes)
        guard let provider = FixProviderFactory.make(resolution, client: client, workingDirectory: context.repository.workDirectory) else {
            console.line("gate: no AI fix attempted: \(resolution.reason)")
            context.trail.append(run: context.runID, event: .fixSkipped, ["reason": .string(resolution.reason)])
            return FixOutcome(attempts: [], fixedCommit: nil, finalResults: flake.results)
        }
        var session = FixSession(context: context, target: target, plan: plan, config: config, provider: provider,
                                 resolution: resolution, startResults: flake.results, remote: remote, environment: environment,
                                 verification: FixVerification(before: flake.results, baseline: report.results),
                                 reportedTestFiles: Self.testFiles(report.results, plan: plan))
        return try session.run()
    }

    /// Repo paths of the files the runs reported tests in.
    static func testFiles(_ results: [SuiteResult], plan: TestPlan) -> Set<String> {
        Set(repoFiles(results, plan: plan))
    }

    /// Repo paths of the files of the cases `include` picks (runners report them relative to the suite's directory).
    static func repoFiles(_ results: [SuiteResult], plan: TestPlan, where include: (TestCaseResult) -> Bool = { _ in true }) -> [String] {
        results.flatMap { result -> [String] in
            let directory = RepoPath.cleanDirectory(plan.entries.first { $0.suite.name == result.suite }?.suite.workingDirectory)
            return result.cases.filter(include).compactMap(\.file).compactMap { RepoPath.normalize(RepoPath.join(directory, $0)) }
        }
    }
}

/// One run of the loop for one pushed commit.
private struct FixSession {
    let context: GateRun
    let target: CheckTarget
    let plan: TestPlan
    let config: GateConfig
    let provider: any FixProvider
    let resolution: FixProviderResolution
    let startResults: [SuiteResult]
    let remote: String?
    let environment: [String: String]
    /// What the re-run after a fix must show: judged against the pushed commit's failures, whatever the fix edited.
    let verification: FixVerification
    /// Files the pushed commit's test runs reported tests in: never editable, whatever the index says.
    let reportedTestFiles: Set<String>

    init(context: GateRun, target: CheckTarget, plan: TestPlan, config: GateConfig, provider: any FixProvider,
         resolution: FixProviderResolution, startResults: [SuiteResult], remote: String?, environment: [String: String],
         verification: FixVerification, reportedTestFiles: Set<String>) {
        self.verification = verification
        self.reportedTestFiles = reportedTestFiles
        self.remote = remote
        self.environment = environment
        self.context = context
        self.target = target
        self.plan = plan
        self.config = config
        self.provider = provider
        self.resolution = resolution
        self.startResults = startResults
    }

    mutating func run() throws -> FixOutcome {
        let repository = context.repository
        let console = context.console
        let maxAttempts = config.fix.maxAttempts
        let fixDirectory = context.directory.root + "/fix"
        let secrets = [resolution.apiKey?.value].compactMap { $0 }.filter { !$0.isEmpty }
        var base = target.tip
        var results = startResults
        var failingCount = Self.failing(results)
        var previous: PreviousAttempt?
        var attempts: [FixAttemptRecord] = []
        let redactor = secretRedactor(apiKeys: secrets)
        let policy = editPolicy()
        let limits = EditLimits(maxFiles: config.fix.maxFiles, maxChangedLines: config.fix.maxChangedLines)
        let stateFile = context.directory.root + "/fix.tree"

        for number in 1...maxAttempts {
            var record = FixAttemptRecord(attempt: number, provider: provider.name, model: provider.model)
            defer {
                attempts.append(record)
                var fields: [String: JSONValue] = ["attempt": .int(number), "provider": .string(record.provider), "model": .string(record.model),
                                                   "outcome": .string(record.outcome.rawValue), "detail": .string(String(redactor.redact(record.detail).prefix(400))),
                                                   "retries": .int(record.httpRetries), "prompt_bytes": .int(record.promptBytes)]
                if let commit = record.commit { fields["commit"] = .string(commit.hex) }
                if let failing = record.failingAfter { fields["failed"] = .int(failing) }
                context.trail.append(run: context.runID, event: .fixAttempt, fields)
            }
            console.line("gate: fix attempt \(number)/\(maxAttempts) with \(provider.name)/\(provider.model)…")
            // Checked out afresh for every attempt: nothing an earlier run left in the directory (a planted conftest.py,
            // caches) takes part, so the tests run on exactly the base tree plus the edits below.
            try? FileManager.default.removeItem(atPath: stateFile)
            let workspace = try TreeWorkspace.checkout(tree: try repository.commit(base).tree, repository: repository,
                                                       directory: fixDirectory, stateFile: stateFile)
            let validator = EditValidator(root: workspace.path, policy: policy, limits: limits)
            let input = FixPromptInput(failures: Self.failures(results), diff: try pushDiff(), sources: try sources(results, root: workspace.path),
                                       protectedPaths: validator.protectedDescriptions, previousAttempt: previous)
            let builder = try promptBuilder(redactor: redactor)
            let request = builder.build(input, maxTokens: resolution.maxTokens)
            record.promptBytes = request.system.utf8.count + request.user.utf8.count

            let reply: FixReply
            do {
                let provider = self.provider
                reply = try BlockingAwait.run { try await provider.complete(request) }
            } catch let error as ProviderError {
                let safe = error.redacting(secrets)
                record.outcome = safe.endsFixLoop ? .providerFailed : .providerError
                record.detail = safe.description
                console.line("gate: the AI provider failed: \(safe.description)")
                if safe.endsFixLoop { break }
                previous = .unreadableReply(reason: safe.description)
                continue
            }
            record.requestID = reply.requestID
            record.inputTokens = reply.usage?.inputTokens
            record.outputTokens = reply.usage?.outputTokens
            record.httpRetries = reply.retries
            if reply.truncated {
                record.outcome = .truncated
                record.detail = "the reply was cut off at the token limit, so nothing was applied"
                previous = .truncatedReply
                console.line("gate: attempt \(number): \(record.detail)")
                continue
            }
            let edits: [FileEdit]
            do {
                edits = try EditReplyParser().parse(reply.text)
            } catch {
                record.outcome = .unreadable
                record.detail = "\(error)"
                previous = .unreadableReply(reason: "\(error)")
                console.line("gate: attempt \(number): the reply held no usable edit: \(error)")
                continue
            }
            record.edits = edits.map { $0.path + ($0.createsFile ? " (new file)" : "") }
            if let leak = SecretScanner(redactor: redactor, paths: SecretPathRule(extraGlobs: config.fix.secretPaths)).leak(in: edits) {
                (record.outcome, record.detail) = (.rejected, leak.description)
                previous = .editRejected(edit: nil, reason: leak.description)
                console.line("gate: attempt \(number): \(leak.description)")
                continue
            }
            // While edits are being written the directory matches no known tree: drop the state file first, so a kill here
            // makes the next run check out afresh. The applier writes all or nothing, so a rejection leaves the base tree.
            let baseTree = try repository.commit(base).tree
            try? FileManager.default.removeItem(atPath: stateFile)
            let changedPaths: [String]
            do {
                changedPaths = try EditApplier(validator: validator).apply(edits)
            } catch let rejection as EditRejection {
                try? baseTree.hex.write(toFile: stateFile, atomically: true, encoding: .utf8)
                record.outcome = .rejected
                record.detail = rejection.description
                previous = .editRejected(edit: edits.first { $0.path == rejection.path }, reason: rejection.description)
                console.line("gate: attempt \(number): edit rejected: \(rejection.description)")
                continue
            } catch {
                try? baseTree.hex.write(toFile: stateFile, atomically: true, encoding: .utf8)
                record.outcome = .rejected
                record.detail = "\(error)"
                previous = .editRejected(edit: nil, reason: "\(error)")
                console.line("gate: attempt \(number): edit rejected: \(error)")
                continue
            }
            TestKillPoint.checkout.reach(context.environment)
            let commit = try makeCommit(base: base, changedPaths: changedPaths, root: workspace.path, number: number, results: results)
            if let stray = try changeOutsideCodeUnderTest(commit, policy: policy) {
                record.outcome = .rejected
                record.detail = stray
                previous = .editRejected(edit: nil, reason: stray)
                console.line("gate: attempt \(number): edit rejected: \(stray)")
                continue
            }
            record.commit = commit
            TestKillPoint.commit.reach(context.environment)
            try repository.setReference("refs/gate/attempts/\(context.runID)/\(number)", to: commit, message: "gate: fix attempt \(number)")
            // The work directory now holds the fix commit's tree.
            try repository.commit(commit).tree.hex.write(toFile: stateFile, atomically: true, encoding: .utf8)
            let (fixPlan, cacheKey) = try fixPlan(for: commit)
            // What a re-push selects, plus everything the pushed commit ran: a fix is never judged on fewer tests.
            let entries = FixVerification.entries(covering: fixPlan, and: plan)
            let after = context.runSuites(entries, root: workspace.path, label: commit.short, commit: commit, attempt: number)
            let failingAfter = Self.failing(after)
            record.failingAfter = failingAfter
            record.logPath = after.compactMap(\.logPath).first
            if let reason = try distrust(after, failing: failingAfter, commit: commit, root: workspace.path) {
                record.outcome = .unverified
                record.detail = reason + " Rolled back (kept at refs/gate/attempts/\(context.runID)/\(number))."
                previous = .notVerified(reason: reason)
                console.line("gate: attempt \(number): \(record.detail)")
                continue
            }
            if failingAfter == 0 {
                VerifiedTreeCache(path: context.directory.verifiedTrees).record(cacheKey)
                record.outcome = .fixed
                record.detail = "all selected tests pass on \(commit.short)"
                return try finish(fix: commit, results: after, attempts: &attempts, record: &record)
            }
            if failingAfter > failingCount {
                record.outcome = .regressed
                record.detail = "\(failingAfter) failing after the fix, \(failingCount) before: rolled back (kept at refs/gate/attempts/\(context.runID)/\(number))"
                previous = .testsStillFailing(after.flatMap(FlakeCheck.failingNames))
                console.line("gate: attempt \(number): \(record.detail)")
                continue
            }
            record.outcome = .stillFailing
            record.detail = "\(failingAfter) test(s) still failing"
            console.line("gate: attempt \(number): \(record.detail)")
            base = commit
            results = after
            failingCount = failingAfter
            previous = .testsStillFailing(after.flatMap(FlakeCheck.failingNames))
        }
        return FixOutcome(attempts: attempts, fixedCommit: nil, finalResults: results)
    }

    /// Why the run after a fix proves nothing, whatever it reported: it left a file a runner loads on its own in the
    /// checkout, or (when nothing failed) a failing test did not run and pass or fewer tests ran. Nil when trusted.
    private func distrust(_ after: [SuiteResult], failing: Int, commit: ObjectID, root: String) throws -> String? {
        let tracked = Set(try context.repository.listFiles(inTree: try context.repository.commit(commit).tree).map(\.path))
        let planted = PlantedFiles.find(in: root, tracked: tracked)
        if !planted.isEmpty {
            return "the test run created \(planted.prefix(5).map { "`\($0)`" }.joined(separator: ", ")), which a test runner loads on its own: "
                + "code under test must not change what is tested."
        }
        if failing == 0, case .rejected(let reason) = verification.judge(after) { return reason }
        return nil
    }

    /// Delivers a passing fix and reports where it went.
    private func finish(fix: ObjectID, results: [SuiteResult], attempts: inout [FixAttemptRecord], record: inout FixAttemptRecord) throws -> FixOutcome {
        let delivery = try FixDelivery(repository: context.repository, environment: context.environment)
            .deliver(fix: fix, pushed: target.tip, localRefs: target.localRefs, runID: context.runID)
        record.detail += "; " + delivery.message
        context.console.line(context.console.styled("gate: fixed in \(fix.short); review with `git show \(fix.short)`, take it with `\(delivery.takeCommand)`, then `git push` again.", .yellow))
        context.console.line("gate: \(delivery.message)")
        // The fixed tree passed: the re-push passes at once.
        context.trail.append(run: context.runID, event: .fixDelivered, ["commit": .string(fix.hex), "ref": .string(delivery.parking)])
        if config.fix.repush, let remote, environment[FixLoop.repushGuardVariable] == nil {
            repush(fix, remote: remote)
        }
        // The caller's `defer` appends this attempt only after the return: the outcome must hold it already.
        return FixOutcome(attempts: attempts + [record], fixedCommit: fix, finalResults: results)
    }

    /// `fix.repush`: pushes the fix itself. It runs `git push`, so the user's transport, credentials and hooks apply;
    /// the nested hook sees `GATE_REPUSH` and only checks (the verified tree passes at once). The original push still fails.
    private func repush(_ fix: ObjectID, remote: String) {
        var env = environment
        env[FixLoop.repushGuardVariable] = "1"
        for ref in target.refs {
            context.console.line("gate: fix.repush is on: pushing \(fix.short) to \(remote) \(ref)…")
            let outcome = try? ChildProcess.run(ProcessSpec(executable: "git", arguments: ["push", remote, "\(fix.hex):\(ref)"], environment: env,
                                                           workingDirectory: context.repository.workDirectory, timeout: 600),
                                               onOutput: { [console = context.console] in console.passthrough($0) })
            let ok = outcome?.exitCode == 0
            context.trail.append(run: context.runID, event: .repush, ["ref": .string(ref), "commit": .string(fix.hex), "ok": .bool(ok)])
            context.console.line(ok ? "gate: re-pushed the fix to \(ref). This original push is still reported as failed, because git had already fixed what it sends."
                                    : "gate: the re-push of \(ref) failed; push again by hand.")
        }
    }

    private func makeCommit(base: ObjectID, changedPaths: [String], root: String, number: Int, results: [SuiteResult]) throws -> ObjectID {
        let writes = changedPaths.map { path -> FileWrite in
            let full = root + "/" + path
            let data = FileManager.default.contents(atPath: full).map { Array($0) }
            return FileWrite(path: path, contents: data, executable: FileManager.default.isExecutableFile(atPath: full))
        }
        let failing = results.flatMap { $0.cases.filter { $0.status != .passed && $0.status != .skipped }.map(\.name) }
        let what = failing.first.map { TestCaseResult.shortName($0) + (failing.count > 1 ? " and \(failing.count - 1) more" : "") }
            ?? "failing tests"
        let max = config.fix.maxAttempts
        let message = """
        gate: fix \(what) (attempt \(number)/\(max))

        Gate-Attempt: \(number)/\(max)
        Gate-Run: \(context.runID)
        Co-authored-by: \(provider.name)/\(provider.model)

        """
        return try context.repository.createCommit(parent: base, writes: writes, message: message)
    }

    /// What a re-push of `commit` will select: the push's changes plus the fix's own, compared with the push's base.
    /// Running exactly this, and recording it as verified, lets the re-push pass at once.
    private func fixPlan(for commit: ObjectID) throws -> (plan: TestPlan, cacheKey: String) {
        let repository = context.repository
        let info = try repository.commit(commit)
        let range = try PushRangeResolver(repository: repository).resolve(from: target.bases.first, to: commit, name: "fix")
        var listing: [TreeFile]?
        let files = { () throws -> [TreeFile] in
            if let listing { return listing }
            listing = try repository.listFiles(inTree: info.tree)
            return listing!
        }
        let (config, configBytes) = try ConfigLoader(repository: repository).load(tree: info.tree, files: files)
        let planner = TestPlanner(repository: repository, trail: context.trail, runID: context.runID,
                                  directory: context.directory, environment: context.environment)
        var plan = try planner.plan(config: config, tree: info.tree, changes: range.changes, files: files, runAll: false)
        if plan.entries.isEmpty { plan = self.plan }
        let key = VerifiedTreeCache.key(tree: info.tree, selection: plan.fingerprint, configBytes: configBytes,
                                        toolVersions: ToolFingerprint.of(plan.entries.map(\.suite.runner), environment: context.environment))
        return (plan, key)
    }

    private func promptBuilder(redactor: SecretRedactor) throws -> FixPromptBuilder {
        var template = FixPromptTemplate.defaultText
        if let custom = config.fix.promptTemplate {
            guard let work = context.repository.workDirectory ?? Optional(context.repository.commonDirectory),
                  let text = try? String(contentsOfFile: custom.hasPrefix("/") ? custom : work + "/" + custom, encoding: .utf8) else {
                throw ConfigError(file: ".gate.yml", line: nil, message: "fix.prompt_template \(custom.debugDescription) cannot be read")
            }
            template = text
        } else if let shipped = try? SupportFiles.file("Templates/fix-prompt.md"),
                  let text = try? String(contentsOfFile: shipped, encoding: .utf8) {
            template = text
        }
        return FixPromptBuilder(template: template, sourceBudgetBytes: config.fix.sourceBudget,
                                secretGlobs: config.fix.secretPaths, redactor: redactor)
    }

    private func pushDiff() throws -> String {
        let tipTree = try context.repository.commit(target.tip).tree
        let baseTree = try target.bases.first.map { try context.repository.commit($0).tree }
        let secretPaths = SecretPathRule(extraGlobs: config.fix.secretPaths)
        return try context.repository.patchText(from: baseTree, to: tipTree, withholding: secretPaths.isSecret)
    }

    /// Key values from the environment and the resolved key, plus the values in the push's secret-pattern files.
    private func secretRedactor(apiKeys: [String]) -> SecretRedactor {
        let rule = SecretPathRule(extraGlobs: config.fix.secretPaths)
        let repository = context.repository
        let tree = try? repository.commit(target.tip).tree
        let fileValues = target.changes.map(\.newPath).filter(rule.isSecret).flatMap { path in
            let blob = tree.flatMap { try? repository.blobID(atPath: path, inTree: $0) }.flatMap { try? repository.blobContents($0) }
            return SecretRedactor.values(inSecretFile: String(decoding: blob ?? [], as: UTF8.self)).map { (value: $0, source: path) }
        }
        return SecretRedactor(environment: environment, extraValues: apiKeys.map { (value: $0, source: "the API key") } + fileValues)
    }

    /// The push's changed sources first, then the files the failing tests import (through the index), read from the checkout.
    private func sources(_ results: [SuiteResult], root: String) throws -> [SourceFile] {
        var paths: [String] = target.changes.filter { $0.kind != .deleted }.map(\.newPath)
        let failingFiles = FixLoop.repoFiles(results, plan: plan) { $0.status == .failed || $0.status == .errored }
        if let index = try? loadIndex() {
            var frontier = failingFiles
            for _ in 0..<2 {
                let next = frontier.flatMap { index.files[$0]?.edges ?? [] }.filter { index.files[$0] != nil }
                paths += next
                frontier = next
            }
        }
        paths += failingFiles
        var seen = Set<String>()
        return paths.filter { seen.insert($0).inserted }.compactMap { path in
            guard let text = try? String(contentsOfFile: root + "/" + path, encoding: .utf8) else { return nil }
            return SourceFile(path: path, text: text)
        }
    }

    private func loadIndex() throws -> DependencyIndex? {
        let maintainer = IndexMaintainer(repository: context.repository, directory: context.directory, environment: context.environment,
                                         trail: nil, runID: context.runID)
        if case .loaded(let index) = maintainer.store.load() { return index }
        return nil
    }

    /// The edit policy for the pushed tree, from its dependency index. Without an index every edit is refused, loudly.
    private func editPolicy() -> EditPolicy {
        let extra = config.fix.protectedPaths
        do {
            let tree = try context.repository.commit(target.tip).tree
            let maintainer = IndexMaintainer(repository: context.repository, directory: context.directory, environment: context.environment,
                                             trail: context.trail, runID: context.runID)
            let (index, _) = try maintainer.index(for: try context.repository.listFiles(inTree: tree))
            return EditPolicy(index: index, extraDeniedGlobs: extra, reportedTestFiles: reportedTestFiles)
        } catch {
            context.console.line(context.console.styled("gate: the dependency index could not be loaded (\(error)): every AI edit will be refused.", .yellow))
            return EditPolicy(unavailable: "\(error)", extraDeniedGlobs: extra)
        }
    }

    /// Checks the fix commit itself, independently of the applier: every path it changes against the pushed commit
    /// must be code under test. Returns why not, or nil.
    private func changeOutsideCodeUnderTest(_ commit: ObjectID, policy: EditPolicy) throws -> String? {
        let repository = context.repository
        let changes = try repository.diffTrees(from: try repository.commit(target.tip).tree, to: try repository.commit(commit).tree,
                                               detectRenames: false)
        for path in changes.flatMap(\.paths) {
            if let refusal = policy.refusal(for: path) { return "the fix commit changes `\(path)`: \(refusal.explanation)" }
        }
        return nil
    }

    static func failing(_ results: [SuiteResult]) -> Int {
        results.reduce(0) { $0 + $1.failed + $1.errored + ($1.suiteError != nil && $1.failed + $1.errored == 0 ? 1 : 0) }
    }

    static func failures(_ results: [SuiteResult]) -> [FailingTest] {
        results.flatMap { result -> [FailingTest] in
            var list = result.cases.filter { $0.status == .failed || $0.status == .errored }.map {
                FailingTest(name: $0.name, kind: $0.status == .failed ? .failure : .error, message: $0.message ?? "", trace: $0.trace ?? "")
            }
            if let error = result.suiteError { list.append(FailingTest(name: "suite \(result.suite)", kind: .error, message: error)) }
            return list
        }
    }
}
