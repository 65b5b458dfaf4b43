import Foundation

/// `gate doctor`: each check as ✓/✗, every ✗ with the command that fixes it.
public struct Doctor {
    public struct Check: Sendable {
        public let ok: Bool
        public let title: String
        public let detail: String
        public let fix: String?
        /// Informational checks never fail the doctor.
        public let informational: Bool
    }

    public let environment: [String: String]
    public let directory: String

    public init(environment: [String: String], directory: String) {
        self.environment = environment
        self.directory = directory
    }

    public func run() -> [Check] {
        var checks: [Check] = []
        let binary = SupportFiles.executablePath()
        checks.append(pass("gate binary", "\(binary), version \(GateVersion.current)"))
        checks.append(pass("libgit2", "version \(LibGit2Info.version)"))
        if let share = SupportFiles.shareDirectory(environment: environment) {
            checks.append(pass("support files", share))
        } else {
            checks.append(fail("support files", "Hooks/ and Templates/ not found beside the binary", fix: "./install.sh"))
        }
        let repository: GitRepository
        do {
            repository = try GitRepository(discoveringFrom: directory)
        } catch {
            checks.append(fail("repository", "not inside a git repository: \(error)", fix: "cd into a repository, then run gate doctor"))
            return checks
        }
        if repository.isBare {
            checks.append(info("repository", "bare repository at \(repository.gitDirectory): checking the server hook (pre-receive)"))
        } else if repository.isLinkedWorktree {
            checks.append(info("repository", "linked worktree; hooks and gate state live in the common dir \(repository.commonDirectory)"))
        } else {
            checks.append(info("repository", repository.workDirectory ?? repository.gitDirectory))
        }
        let kind: HookKind = repository.isBare ? .preReceive : .prePush
        checks += hookChecks(repository, kind: kind)
        if !repository.isBare {
            let config = configChecks(repository)
            checks += config.checks
            checks.append(providerCheck(config.config))
            if let identity = repository.defaultSignature() {
                checks.append(pass("git identity", "\(identity.name) <\(identity.email)> (used for fix commits)"))
            } else {
                checks.append(fail("git identity", "user.name or user.email is not set; gate needs them to commit fixes",
                                   fix: "git config --global user.name \"Your Name\" && git config --global user.email you@example.com"))
            }
        } else {
            checks += serverConfigChecks(repository)
        }
        return checks
    }

    private func hookChecks(_ repository: GitRepository, kind: HookKind) -> [Check] {
        var checks: [Check] = []
        let scopes = (try? repository.configValuesByScope("core.hooksPath")) ?? []
        let hooks: String
        do { hooks = try repository.effectiveHooksDirectory() } catch {
            return [fail("hooks directory", "\(error)", fix: "git config --unset core.hooksPath")]
        }
        let scopeText = scopes.isEmpty ? "core.hooksPath unset" : scopes.map { "core.hooksPath=\($0.value) (\($0.scope.rawValue))" }.joined(separator: ", ")
        checks.append(info("hooks directory", "\(hooks) — \(scopeText)"))
        let installCommand = kind == .preReceive ? "gate install --server" : "gate install"
        let installer = HookInstaller(hooksDirectory: hooks, gateBinary: SupportFiles.executablePath())
        let path = installer.hookPath(kind)
        let unused = repository.commonDirectory + "/hooks/" + kind.rawValue
        if !scopes.isEmpty, unused != path, let text = try? String(contentsOfFile: unused, encoding: .utf8), HookInstaller.isShim(text, kind) {
            checks.append(info("unused shim", "\(unused) is gate's shim, but git runs hooks from \(hooks) (core.hooksPath), so it never runs"))
        }
        if kind == .prePush, let work = repository.workDirectory {
            let integrations = HookIntegrations.detect(workDirectory: work, hooksDirectory: hooks)
            for finding in integrations.flatMap({ $0.diagnose() }) {
                checks.append(finding.ok ? pass(finding.title, finding.detail) : fail(finding.title, finding.detail, fix: finding.fix ?? "gate install --yes"))
            }
            let shimRuns = (try? String(contentsOfFile: path, encoding: .utf8)).map { HookInstaller.isShim($0, kind) } ?? false
            if !integrations.isEmpty && !shimRuns {
                checks += managedBinaryChecks(repository)
                return checks
            }
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            var detail = "\(path) does not exist"
            if !scopes.isEmpty, FileManager.default.fileExists(atPath: repository.commonDirectory + "/hooks/" + kind.rawValue) {
                detail += "; a hook in .git/hooks has no effect because core.hooksPath points elsewhere"
            }
            checks.append(fail("\(kind.rawValue) hook", detail, fix: installCommand))
            return checks
        }
        guard HookInstaller.isShim(text, kind) else {
            checks.append(fail("\(kind.rawValue) hook", "\(path) is not gate's shim", fix: "\(installCommand)   (keeps and chains the existing hook)"))
            return checks
        }
        checks.append(access(path, X_OK) == 0
            ? pass("\(kind.rawValue) hook", "\(path) is gate's shim, executable")
            : fail("\(kind.rawValue) hook", "\(path) is not executable", fix: "chmod +x \(path)"))
        let version = HookInstaller.embeddedVersion(text, kind) ?? "?"
        if version != GateVersion.current {
            checks.append(fail("shim version", "written by gate \(version); this is \(GateVersion.current)", fix: "\(installCommand) --force"))
        }
        let embedded = HookInstaller.embeddedBinary(text) ?? ""
        if embedded.isEmpty || access(embedded, X_OK) != 0 {
            checks.append(fail("shim target", "the shim calls \(embedded), which does not exist", fix: "\(installCommand) --force"))
        } else {
            checks.append(pass("shim target", embedded))
            checks.append(bareEnvironmentCheck(embedded))
        }
        let legacy = installer.legacyPath(kind)
        if FileManager.default.fileExists(atPath: legacy) {
            checks.append(access(legacy, X_OK) == 0
                ? pass("chained hook", "\(legacy) runs first, with the same arguments and stdin")
                : fail("chained hook", "\(legacy) exists but is not executable, so it is skipped", fix: "chmod +x \(legacy)"))
        }
        return checks
    }

    /// A hook manager calls gate through `GateHookLine`: `$GATE_BIN`, else `git config gate.bin`, else PATH.
    private func managedBinaryChecks(_ repository: GitRepository) -> [Check] {
        if let explicit = environment["GATE_BIN"], !explicit.isEmpty {
            return access(explicit, X_OK) == 0 ? [pass("gate for hooks", "$GATE_BIN=\(explicit)"), bareEnvironmentCheck(explicit)]
                : [fail("gate for hooks", "$GATE_BIN=\(explicit) is not an executable", fix: "unset GATE_BIN")]
        }
        if let recorded = (try? repository.configString(GateHookLine.binaryConfigKey)) ?? nil, !recorded.isEmpty {
            return access(recorded, X_OK) == 0
                ? [pass("gate for hooks", "\(recorded) (git config \(GateHookLine.binaryConfigKey))"), bareEnvironmentCheck(recorded)]
                : [fail("gate for hooks", "git config \(GateHookLine.binaryConfigKey) names \(recorded), which does not exist", fix: "gate install --yes")]
        }
        if let found = ChildProcess.locate("gate", environment: ["PATH": "/usr/bin:/bin"]) {
            return [pass("gate for hooks", "\(found) (on the minimal PATH /usr/bin:/bin)")]
        }
        return [fail("gate for hooks", "hooks started with PATH=/usr/bin:/bin (git GUIs) cannot find gate: git config \(GateHookLine.binaryConfigKey) is unset",
                     fix: "gate install --yes")]
    }

    /// GUI clients run hooks with a minimal PATH: the shim must work there.
    private func bareEnvironmentCheck(_ binary: String) -> Check {
        let spec = ProcessSpec(executable: "/usr/bin/env", arguments: ["-i", "PATH=/usr/bin:/bin", binary, "--version"],
                               environment: ["PATH": "/usr/bin:/bin"], timeout: 10)
        guard let outcome = try? ChildProcess.run(spec), outcome.exitCode == 0 else {
            return fail("minimal PATH", "\(binary) does not start under `env -i PATH=/usr/bin:/bin`",
                        fix: "./install.sh (installs a build with the Swift runtime linked in)")
        }
        return pass("minimal PATH", "runs under env -i PATH=/usr/bin:/bin")
    }

    /// The AI provider in effect, and whether it answers a request that costs no tokens.
    private func providerCheck(_ config: GateConfig) -> Check {
        let environment = self.environment
        let settings = config.fix.providerSettings
        do {
            let resolution = try BlockingAwait.run { try await FixProviderResolution.resolve(config: settings, environment: environment) }
            if resolution.kind == .none { return info("fix provider", "none — \(resolution.reason); failing pushes are blocked without a fix attempt") }
            if resolution.kind == .command {
                return pass("fix provider", "command `\(resolution.command ?? "")` (\(resolution.reason))")
            }
            let report = BlockingAwait.runValue { await ProviderProbe().check(resolution) }
            let text = "\(resolution.kind.rawValue)/\(resolution.model) (\(resolution.reason)): \(report.detail)"
            return report.passed ? pass("fix provider", text)
                : fail("fix provider", text, fix: "check the key, base_url and model in .gate.yml and the environment, or set fix.provider: none")
        } catch {
            return fail("fix provider", "\(error)", fix: "fix the `fix:` section of .gate.yml or GATE_AI_PROVIDER")
        }
    }

    /// The files of HEAD's tree; none on an unborn branch.
    private static func headFiles(_ repository: GitRepository) throws -> [TreeFile] {
        guard let head = repository.headCommit() else { return [] }
        return try repository.listFiles(inTree: try repository.commit(head).tree)
    }

    private func configChecks(_ repository: GitRepository) -> (checks: [Check], config: GateConfig) {
        var checks: [Check] = []
        var config = GateConfig()
        let work = repository.workDirectory ?? ""
        let path = work + "/.gate.yml"
        if let data = FileManager.default.contents(atPath: path) {
            do {
                config = try ConfigLoader(repository: repository).parse(Array(data), name: ".gate.yml")
                if config.suiteSource == .configFile {
                    checks.append(pass("config", "\(path): \(config.suites.count) suite(s)"))
                } else {
                    config = try ConfigLoader.completed(config, files: { try Self.headFiles(repository) }, repository: repository)
                    checks.append(config.suites.isEmpty
                        ? fail("config", "\(path) has no `suites:` and none were detected in HEAD: pushes that change code are NOT CHECKED",
                               fix: "add suites to .gate.yml (see README, Configuration)")
                        : info("config", "\(path) has no `suites:`; detected \(config.suites.map { "\($0.name) (\($0.runner.rawValue))" }.joined(separator: ", "))"))
                }
            } catch {
                checks.append(fail("config", "\(error)", fix: "edit .gate.yml (see README, Configuration)"))
                return (checks, config)
            }
        } else {
            let head = (try? Self.headFiles(repository)) ?? []
            config.suites = SuiteDetector.detect(paths: head.map(\.path), read: ConfigLoader.reader(head, repository: repository))
            for note in SuiteDetector.unsupported(paths: head.map(\.path), read: ConfigLoader.reader(head, repository: repository)) {
                checks.append(fail("config", note, fix: "add a command suite for it to .gate.yml (see README, Configuration)"))
            }
            checks.append(config.suites.isEmpty
                ? fail("config", "no .gate.yml and no test suite detected in HEAD", fix: "gate init")
                : info("config", "no .gate.yml; detected \(config.suites.map { "\($0.name) (\($0.runner.rawValue))" }.joined(separator: ", "))"))
        }
        if let notice = ConfigDrift.notice(repository) { checks.append(info("config in HEAD", notice)) }
        checks += toolChecks(config.suites, repository: repository)
        return (checks, config)
    }

    /// Each suite's tools, looked up where the hook really runs: git GUIs start hooks with PATH=/usr/bin:/bin, so
    /// the check uses that PATH plus gate's own discovery (`ToolEnvironment`), not this shell's PATH.
    private func toolChecks(_ suites: [SuiteDefinition], repository: GitRepository) -> [Check] {
        var hookEnvironment = ["PATH": Self.minimalPath]
        if let home = environment["HOME"] { hookEnvironment["HOME"] = home }
        let check = ToolCheck(tools: ToolEnvironment(repository: repository))
        var checks: [Check] = []
        for suite in suites {
            for finding in check.check(suite, base: hookEnvironment) {
                let title = "suite \(suite.name)"
                if let location = finding.location {
                    checks.append(pass(title, "\(finding.tool): \(location) (as a hook runs it: PATH=\(Self.minimalPath) + gate's discovery)"))
                    continue
                }
                var detail = "\(finding.tool) not found as a hook runs it (\(finding.problem ?? "missing"); searched \(finding.searched))"
                let shellFindings = ToolCheck(tools: check.tools).check(suite, base: environment)
                if let shell = shellFindings.first(where: { $0.tool == finding.tool })?.location {
                    detail += "; this shell finds \(shell), but a push from a git GUI would not"
                }
                checks.append(fail(title, detail, fix: finding.hint))
            }
        }
        return checks
    }

    static let minimalPath = "/usr/bin:/bin"

    private func serverConfigChecks(_ repository: GitRepository) -> [Check] {
        do {
            let source = try ServerConfigSource.locate(repository)
            return [pass("server config", source.description)]
        } catch {
            return [fail("server config", "\(error)", fix: "fix gate/config.yml in the bare repository")]
        }
    }

    private func pass(_ title: String, _ detail: String) -> Check { Check(ok: true, title: title, detail: detail, fix: nil, informational: false) }
    private func info(_ title: String, _ detail: String) -> Check { Check(ok: true, title: title, detail: detail, fix: nil, informational: true) }
    private func fail(_ title: String, _ detail: String, fix: String) -> Check { Check(ok: false, title: title, detail: detail, fix: fix, informational: false) }
}
