import Foundation

/// `gate index build --coverage` for Swift: builds the first Swift suite's package once with coverage
/// (`swift build --build-tests --enable-code-coverage`), lists its tests (`swift test list`), records what listing
/// runs, runs each test alone into its own profile (`SwiftTestProfile`, two at a time) and stores, per test, the
/// functions it executed
/// (`SwiftCoverageData` in `SwiftCoverageStore`).
///
/// The instrumented build goes to `.git/gate/coverage/swift-build` (`--scratch-path`), never to the package's own
/// `.build`: a build with other flags there would make the next plain `swift test` rebuild everything.
public struct SwiftCoverageSeedRun {
    public let repository: GitRepository
    public let directory: GateDirectory
    public let environment: [String: String]
    /// Tests run at once: the machine's cores are shared with the build cache and the tests themselves.
    public var parallelism = 2

    public init(repository: GitRepository, directory: GateDirectory, environment: [String: String]) {
        self.repository = repository
        self.directory = directory
        self.environment = environment
    }

    public struct Outcome: Sendable {
        public var testsListed = 0
        public var testsRecorded = 0
        public var functions = 0
        public var buildSeconds = 0.0
        public var seconds = 0.0
        /// Tests whose run failed or recorded nothing, with why (their targets fall back to target level).
        public var unrecorded: [String] = []
        /// Why nothing was recorded, when nothing was.
        public var problem: String?
    }

    public func run(commit: CommitInfo) throws -> Outcome {
        let start = MonotonicClock.now
        let files = try repository.listFiles(inTree: commit.tree)
        let (config, _) = try ConfigLoader(repository: repository).load(tree: commit.tree, files: { files })
        guard let suite = config.suites.first(where: { $0.runner == .swift }) else {
            return Outcome(problem: "no swift suite is configured or detected")
        }
        var env = ToolEnvironment(repository: repository).environment(for: suite, base: environment)
        // An instrumented binary writes `default.profraw` into its working directory (the checkout) unless told.
        let scratch = directory.root + "/coverage/swift-seed"
        env["LLVM_PROFILE_FILE"] = scratch + "/unused/%p.profraw"
        defer { try? FileManager.default.removeItem(atPath: scratch) }
        let tools: SwiftCoverageTools
        switch SwiftCoverageTools.locate(environment: env) {
        case .success(let found): tools = found
        case .failure(let missing): return Outcome(problem: missing.description)
        }
        let workspace = try TreeWorkspace.prepare(commit: commit, repository: repository, gateDirectory: directory)
        let suiteDirectory = RepoPath.cleanDirectory(suite.workingDirectory ?? "")
        let root = suiteDirectory.isEmpty ? workspace.path : workspace.path + "/" + suiteDirectory
        let timeout = suite.timeout ?? 600
        let scratchPath = ["--scratch-path", directory.root + "/coverage/swift-build"]
        let build = try ChildProcess.run(ProcessSpec(executable: tools.swift,
                                                     arguments: ["build", "--build-tests", "--enable-code-coverage"] + scratchPath,
                                                     environment: env, workingDirectory: root, timeout: max(timeout, 1800)))
        var outcome = Outcome(buildSeconds: build.duration)
        guard build.succeeded else {
            outcome.problem = "swift build --build-tests --enable-code-coverage failed: " + String(decoding: build.standardError.suffix(1200), as: UTF8.self)
            return outcome
        }
        let ids = try listTests(tools: tools, root: root, environment: env, scratchPath: scratchPath)
        outcome.testsListed = ids.count
        guard let binary = try testBinary(tools: tools, root: root, environment: env, scratchPath: scratchPath) else {
            outcome.problem = "no .xctest test binary was built in \(root)"
            return outcome
        }
        let profile = SwiftTestProfile(workingDirectory: root, testBinary: binary, tools: tools, environment: env, timeout: timeout)
        let discovery: SwiftTestProfile.Run
        do {
            discovery = try profile.discovery(scratch: scratch + "/discovery")
        } catch {
            outcome.problem = "listing the tests with coverage failed: \(error)"
            return outcome
        }
        let runs = runAll(ids, profile: profile, scratch: scratch)
        var data = SwiftCoverageData(commit: commit.id.hex, workingDirectory: suiteDirectory)
        for file in files where (file.path.hasSuffix(".swift") || RepoPath.hasFileName(file.path, "Package.resolved"))
            && RepoPath.isInside(file.path, directory: suiteDirectory)
        {
            data.files[file.path] = file.blob.hex
        }
        let table = try functionTable(discovery.export, root: root, suiteDirectory: suiteDirectory, data: &data, tools: tools)
        for key in discovery.executed { if let (blob, index) = table[key] { data.discovery[blob, default: []].append(index) } }
        for (id, result) in runs {
            guard case .success(let run) = result, run.passed else {
                // A test that failed or crashed may have stopped before its profile was complete: not a record to trust.
                if case .failure(let error) = result { outcome.unrecorded.append("\(id): \(error)") } else { outcome.unrecorded.append("\(id): failed when seeded") }
                data.unrecorded.append(id)
                continue
            }
            var executed: [String: [Int]] = [:]
            for key in run.executed { if let (blob, index) = table[key] { executed[blob, default: []].append(index) } }
            data.tests[id] = executed.mapValues { $0.sorted() }
        }
        data.unrecorded.sort()
        outcome.unrecorded.sort()
        outcome.testsRecorded = data.tests.count
        outcome.functions = data.functions.values.reduce(0) { $0 + $1.count }
        outcome.seconds = MonotonicClock.now - start
        data.seedSeconds = outcome.seconds
        try SwiftCoverageStore(gateDirectory: directory).save(data)
        return outcome
    }

    /// `swift test list` ids (lines naming a test: `Target.Class/test`, `Target.f()`).
    private func listTests(tools: SwiftCoverageTools, root: String, environment: [String: String], scratchPath: [String]) throws -> [String] {
        let listing = try ChildProcess.run(ProcessSpec(executable: tools.swift, arguments: ["test", "list", "--skip-build"] + scratchPath,
                                                       environment: environment, workingDirectory: root, timeout: 600))
        return String(decoding: listing.standardOutput, as: UTF8.self).split(separator: "\n").map(String.init)
            .filter { $0.contains(".") && SwiftTestID.isTestID($0) && !$0.contains(" ") }
    }

    /// The `.xctest` binary in the build's bin directory.
    private func testBinary(tools: SwiftCoverageTools, root: String, environment: [String: String], scratchPath: [String]) throws -> String? {
        let shown = try ChildProcess.run(ProcessSpec(executable: tools.swift, arguments: ["build", "--show-bin-path", "--enable-code-coverage"] + scratchPath,
                                                     environment: environment, workingDirectory: root, timeout: 600))
        let bin = String(decoding: shown.standardOutput, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: bin)) ?? []).filter { $0.hasSuffix(".xctest") }.sorted()
        return names.first.map { bin + "/" + $0 }
    }

    /// Runs every test into its own profile, `parallelism` at a time.
    private func runAll(_ ids: [String], profile: SwiftTestProfile, scratch: String) -> [String: Result<SwiftTestProfile.Run, any Error>] {
        let next = Locked(0)
        let results = Locked([String: Result<SwiftTestProfile.Run, any Error>]())
        DispatchQueue.concurrentPerform(iterations: max(1, min(parallelism, ids.count))) { worker in
            while true {
                let position = next.withLock { value -> Int in
                    defer { value += 1 }
                    return value
                }
                guard position < ids.count else { return }
                let result = Result { try profile.run(test: ids[position], scratch: "\(scratch)/\(worker)") }
                results.withLock { $0[ids[position]] = result }
            }
        }
        return results.withLock { $0 }
    }

    /// Fills `data.functions` from one export (every function of the binary, run or not) and returns
    /// `filename + "\0" + name` → (blob, index) for the functions of the repository's Swift files.
    private func functionTable(
        _ export: LLVMCoverageExport?, root: String, suiteDirectory: String, data: inout SwiftCoverageData, tools: SwiftCoverageTools
    ) throws -> [String: (String, Int)] {
        guard let export else { return [:] }
        var found: [(key: String, blob: String, function: LLVMCoverageExport.Function)] = []
        for unit in export.data {
            for function in unit.functions {
                guard let filename = function.filename, filename.hasPrefix(root + "/"), !filename.contains("/.build/") else { continue }
                let relative = String(filename.dropFirst(root.count + 1))
                let path = suiteDirectory.isEmpty ? relative : suiteDirectory + "/" + relative
                guard let blob = data.files[path] else { continue }
                found.append((filename + "\u{0}" + function.name, blob, function))
            }
        }
        let kinds = try demangledKinds(found.map(\.function.name), tools: tools)
        var table: [String: (String, Int)] = [:]
        for (position, item) in found.enumerated() where table[item.key] == nil {
            let own = item.function.regions.filter { $0.fileID == (item.function.regions.first?.fileID ?? 0) }
            guard let first = own.first, let last = own.max(by: { ($0.lineEnd, $0.columnEnd) < ($1.lineEnd, $1.columnEnd) }) else { continue }
            let span = SwiftFunctionSpan(name: item.function.name, kind: kinds[position], startLine: first.lineStart,
                                         startColumn: first.columnStart, endLine: last.lineEnd, endColumn: last.columnEnd)
            table[item.key] = (item.blob, data.functions[item.blob, default: []].count)
            data.functions[item.blob, default: []].append(span)
        }
        return table
    }

    /// The kind of each mangled name, in order, from one `swift-demangle` run over all of them.
    private func demangledKinds(_ names: [String], tools: SwiftCoverageTools) throws -> [SwiftFunctionSpan.Kind] {
        guard !names.isEmpty else { return [] }
        let outcome = try ChildProcess.run(ProcessSpec(executable: tools.demangle, arguments: ["--compact"], environment: environment,
                                                       standardInput: Array((names.joined(separator: "\n") + "\n").utf8), timeout: 300),
                                           captureLimit: 1 << 30)
        let lines = String(decoding: outcome.standardOutput, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        return names.indices.map { position in
            position < lines.count ? SwiftFunctionSpan.kind(demangled: String(lines[position])) : .initializer
        }
    }
}
