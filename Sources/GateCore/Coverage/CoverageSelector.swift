/// Selection for Python with recorded coverage: the tests that executed a changed block, plus a static safety net.
///
/// A changed Python source file (modified in place; not a test, `conftest.py`, global or always file) is judged by
/// comparing its current block table with the table of each blob its tests were recorded on. Changed function and
/// method bodies select by coverage ("executed `Color.downgrade`"). Changes coverage cannot see are followed by
/// name (`NameFlowReader`): a module-level change (a constant, an import of another library, a function or class
/// added, removed or re-signed), a class body change (an attribute, a method added, removed or re-signed), or a
/// changed function that is cached (`CachingDecorators`) or runs at import time. The tests that executed a block
/// mentioning a changed name run, and the tests that mention one. What the names cannot be followed through falls
/// back for that module only (its import closure runs; `NameFlow.closures`, and a block using a changed name that
/// ran at import time). The file's whole static import closure runs instead when the change itself cannot be
/// followed (see `gate_name_flow.py`), when a changed function keeps `global` state or ran in a test that loaded a
/// module reaching it where the recording plugin could not see the load (`runpy`, `exec`), when no recorded test has
/// executed the file (a test file changed since recording counts: it runs whole), or when its data or tables are
/// missing or unreadable.
/// Every other change (new, deleted and renamed files, other languages, configuration) is selected by
/// `TestSelector` as before, and a full run wins.
///
/// Within the import closure of the files selected by coverage, a test file without valid records (new, or changed
/// since recording) runs whole, and a test whose record mentions other files whose executed blocks have changed
/// since (changes not in this push) runs too. Tests that failed in their last recorded run always run.
public struct CoverageSelector {
    public let data: CoverageData
    public let index: DependencyIndex
    public let suites: [SuiteScope]
    public let rules: SelectionRules
    public let caching: CachingDecorators
    /// Computes block tables of blobs not in `data`; a throw sends every candidate file to the safety net.
    public let computeTables: (Set<String>) throws -> [String: BlockTable]
    /// Follows changed names (`NameFlowReader`); nil or a throw sends those files to the import closure.
    public let computeFlows: ((NameFlowRequest) throws -> [String: NameFlow])?
    /// A project file reads annotations or defaults (`IndexEntry.readsSignatures`): every signature change counts.
    let readsSignatures: Bool

    public init(
        data: CoverageData, index: DependencyIndex, suites: [SuiteScope], rules: SelectionRules, caching: CachingDecorators,
        computeTables: @escaping (Set<String>) throws -> [String: BlockTable],
        computeFlows: ((NameFlowRequest) throws -> [String: NameFlow])? = nil
    ) {
        self.data = data
        self.index = index
        self.suites = suites
        self.rules = rules
        self.caching = caching
        self.computeTables = computeTables
        self.computeFlows = computeFlows
        self.readsSignatures = index.files.values.contains { $0.readsSignatures }
    }

    public func select(changes: [FileChange]) -> Selection {
        var seen = Set<String>()
        let paths = changes.flatMap(\.paths).filter { !$0.isEmpty && seen.insert($0).inserted }.sorted()
        let candidates = Set(changes.filter { $0.kind == .modified && isCandidate($0.newPath) }.map(\.newPath))
        let others = paths.filter { !candidates.contains($0) }
        guard !candidates.isEmpty else { return TestSelector.select(changed: paths, index: index, suites: suites, rules: rules) }
        guard !data.tests.isEmpty else {
            var selection = TestSelector.select(changed: paths, index: index, suites: suites, rules: rules)
            selection.reason += " (no coverage recorded yet: `gate index build --coverage` records it)"
            return selection
        }
        let base = TestSelector.select(changed: others, index: index, suites: suites, rules: rules)
        if base.mode == .all { return base }

        var tables = data.tables
        var tableProblem: String?
        do {
            let needed = neededTables(candidates: candidates).subtracting(tables.keys)
            for (blob, table) in try computeTables(needed) { tables[blob] = table }
        } catch {
            tableProblem = "its blocks could not be read (\(error))"
        }
        var verdicts: [String: FileVerdict] = [:]
        for path in candidates.sorted() {
            verdicts[path] = tableProblem.map { .importClosure("\(path): \($0)") } ?? verdict(for: path, tables: tables)
        }
        let followed = follow(&verdicts)

        var tests = base.tests
        let fallback = verdicts.compactMap { path, verdict -> (String, String)? in
            if case .importClosure(let why) = verdict { return (path, why) } else { return nil }
        }
        if !fallback.isEmpty {
            let why = Dictionary(fallback, uniquingKeysWith: { first, _ in first })
            let closure = TestSelector.select(changed: fallback.map(\.0).sorted(), index: index, suites: suites, rules: rules)
            if closure.mode == .all { return closure }
            tests += closure.tests.map { test in
                var test = test
                test.note = (test.because.first.flatMap { why[$0] } ?? "safety net") + " → import closure"
                return test
            }
        }
        if !followed.closures.isEmpty {
            var closure = TestSelector.select(changed: followed.closures.keys.sorted(), index: index, suites: suites, rules: rules)
            if closure.mode == .all {
                // A module's import closure that is every test (a root conftest.py): say why it was needed.
                closure.reason = followed.closures.sorted(by: { $0.key < $1.key }).map(\.value).joined(separator: "; ") + " (\(closure.reason))"
                return closure
            }
            tests += closure.tests.map { test in
                var test = test
                test.note = test.because.first.flatMap { followed.closures[$0] } ?? "safety net → import closure"
                return test
            }
        }
        var affected: [String: AffectedBlocks] = [:]
        for (path, verdict) in verdicts {
            if case .coverage(let changed, _) = verdict { affected[path, default: AffectedBlocks()].byBlob = changed }
        }
        for (path, blocks) in followed.blocks { affected[path, default: AffectedBlocks()].anyBlob.merge(blocks) { first, _ in first } }
        if !affected.isEmpty {
            let dynamic = coverageTests(affected: affected, changedPaths: Set(affected.keys).intersection(candidates),
                                        tables: tables)
            if dynamic.mode == .all { return dynamic }
            tests += dynamic.tests + followed.tests
        }
        tests += staleFiles(verdicts)
        tests += failedLastTime()

        let merged = Self.merge(tests)
        let files = paths.count == 1 ? "1 file changed" : "\(paths.count) files changed"
        let byCoverage = verdicts.values.filter { if case .coverage = $0 { true } else { false } }.count
        let byName = followed.origins.isEmpty ? "" : " (\(followed.origins.count) followed by name)"
        let split = "coverage for \(byCoverage)\(byName), import closure for \(fallback.count) of \(candidates.count) Python files"
        if merged.isEmpty { return Selection(mode: .none, reason: "\(files), no test executed a changed block (\(split))", tests: []) }
        let count = merged.count == 1 ? "1 test affected" : "\(merged.count) tests affected"
        return Selection(mode: .selected, reason: "\(files), \(count) (\(split))", tests: merged)
    }

    /// A Python source the coverage data can speak for.
    func isCandidate(_ path: String) -> Bool {
        guard let entry = index.files[path], entry.language == .python, !entry.isTest, !entry.unparseable,
            !RepoPath.hasFileName(path, "conftest.py"), rules.ignorePattern(matching: path) == nil,
            rules.alwaysPattern(matching: path) == nil, GlobalFileRule.reason(for: path) == nil
        else { return false }
        return true
    }

    /// Records of test files that still exist but changed since, which executed `path`.
    func staleExecutors(of path: String) -> [String: TestCoverage] {
        data.tests.filter { !isValid($0.value) && $0.value.executed[path] != nil && index.files[$0.value.file]?.isTest == true }
    }

    /// Test files whose stale records executed a file judged by coverage: they run whole (their import of it may not
    /// be static).
    private func staleFiles(_ verdicts: [String: FileVerdict]) -> [SelectedTest] {
        let resolver = SuiteResolver(suites: suites, index: index)
        var files: [String: String] = [:]
        for (path, verdict) in verdicts.sorted(by: { $0.key < $1.key }) {
            guard case .coverage = verdict else { continue }
            for record in staleExecutors(of: path).values where files[record.file] == nil { files[record.file] = path }
        }
        return files.sorted(by: { $0.key < $1.key }).compactMap { file, path in
            guard var test = resolver.selectedTest(TestUnit(node: file, runner: .pytest, location: file), because: [path, file]) else { return nil }
            test.note = "its tests executed \(path) when recorded and it changed since: whole file"
            return test
        }
    }

    /// The record is of the test file as it is now.
    func isValid(_ record: TestCoverage) -> Bool {
        guard let entry = index.files[record.file] else { return false }
        return entry.isTest && entry.blobID == record.fileBlob
    }

    /// Current blobs of the candidates and of every file a valid record executed on another blob.
    private func neededTables(candidates: Set<String>) -> Set<String> {
        var needed = Set(candidates.compactMap { index.files[$0]?.blobID })
        for record in data.tests.values where isValid(record) {
            for (path, executed) in record.executed {
                if let current = index.files[path]?.blobID, current != executed.blob { needed.insert(current) }
            }
        }
        return needed
    }

    private func verdict(for path: String, tables: [String: BlockTable]) -> FileVerdict {
        guard let blob = index.files[path]?.blobID, let current = tables[blob] else {
            return .importClosure("no block table for \(path)")
        }
        if let error = current.error { return .importClosure("\(path) does not parse (\(error))") }
        let records = data.tests.filter { isValid($0.value) && $0.value.executed[path] != nil }
        // Records of test files changed since (they run whole, `staleExecutors`) still tell which blob was recorded.
        let blobs = Set((records.isEmpty ? staleExecutors(of: path) : records).values.compactMap { $0.executed[path]?.blob })
        guard !blobs.isEmpty else { return .importClosure("no recorded test has executed \(path)") }
        var changedByBlob: [String: Set<String>] = [:]
        var needs: [FileVerdict.NameFlowNeed] = []
        for recorded in blobs.sorted() {
            guard let old = tables[recorded], old.error == nil else {
                return .importClosure("the coverage data for \(path) is missing")
            }
            var functions = Set<String>()
            var need: FileVerdict.NameFlowNeed?
            for name in old.changedBlocks(comparedTo: current) {
                switch safetyNet(name, path: path, old: old.blocks[name], new: current.blocks[name], recordedBlob: recorded) {
                case .none:
                    functions.insert(name)
                case .closure(let why):
                    return .importClosure(why)
                case .followByName(let why, let function):
                    if need == nil { need = FileVerdict.NameFlowNeed(recordedBlob: recorded, reason: why, functions: []) }
                    if let function {
                        need?.functions.insert(function)
                        functions.insert(function)
                    }
                }
            }
            for (key, record) in records.sorted(by: { $0.key < $1.key }) {
                guard let executed = record.executed[path], executed.blob == recorded,
                    let hit = executed.blocks.first(where: functions.contains)
                else { continue }
                if let module = lazyImport(in: record, reaching: path) {
                    return .importClosure("`\(hit)` in \(path) ran while \(key) imported \(module)")
                }
            }
            changedByBlob[recorded] = functions
            if let need { needs.append(need) }
        }
        return .coverage(changedByBlob: changedByBlob, followByName: needs)
    }

    /// What a changed block asks of the safety net.
    private enum SafetyNet {
        /// Coverage speaks for it.
        case none
        /// Follow the change by name; the function whose calls coverage cannot see, if any.
        case followByName(String, function: String?)
        case closure(String)
    }

    private func safetyNet(_ name: String, path: String, old: CodeBlock?, new: CodeBlock?, recordedBlob: String) -> SafetyNet {
        guard let block = new ?? old else { return .followByName("module-level change in \(path)", function: nil) }
        switch block.kind {
        case .module: return .followByName("module-level change in \(path)", function: nil)
        case .class: return .followByName("class body of `\(name)` changed in \(path)", function: nil)
        case .function: break
        }
        guard let old, let new else { return .followByName("`\(name)` was added or removed in \(path)", function: nil) }
        // Only never-evaluated annotations changed: its runs see nothing new, nor does anything it computes at import.
        if !readsSignatures, old.behavesLike(new) { return .none }
        if old.stateful || new.stateful { return .closure("`\(name)` in \(path) keeps global state") }
        if let decorator = caching.caching(old.decorators + new.decorators) {
            return .followByName("`\(name)` in \(path) is cached by @\(decorator)", function: name)
        }
        if old.calledAtImport || new.calledAtImport || data.importTime[recordedBlob]?.contains(name) == true {
            return .followByName("`\(name)` in \(path) runs at import time", function: name)
        }
        return .none
    }

    /// A module whose code the test ran outside any import the plugin saw (its module-level code is in the
    /// record, not as imported) and that can reach `path`: the module is `path` or imports it, directly or not.
    /// Only such a load can run `path`'s code at import time inside the test unseen; a lazy import the plugin
    /// saw counts as import time already (its blocks are in `importTime`), and a load of an unrelated module
    /// (`textwrap` helpers) cannot reach `path`.
    private func lazyImport(in record: TestCoverage, reaching path: String) -> String? {
        for module in record.executed.keys.sorted() where record.ranModuleCodeUnseen(module) {
            guard index.files[module] != nil else { return module }  // gone or unknown: assume it can
            var seen: Set = [module]
            var queue = [module]
            while let file = queue.popLast() {
                if file == path { return module }
                for edge in index.files[file]?.edges ?? [] where seen.insert(edge).inserted { queue.append(edge) }
            }
        }
        return nil
    }

    /// What following names added: blocks (path → block → note), the tests that mention a name, and the files
    /// whose changes were followed.
    private struct Followed {
        var blocks: [String: [String: String]] = [:]
        var tests: [SelectedTest] = []
        var origins: Set<String> = []
        /// Modules the names could not be followed through → the note for the tests of their import closure.
        var closures: [String: String] = [:]
    }

    /// Runs the name flow for every verdict that needs it; a file it cannot follow turns into the import closure.
    private func follow(_ verdicts: inout [String: FileVerdict]) -> Followed {
        var request = NameFlowRequest(changes: [:], files: [:], testFiles: [], localModules: [])
        var reasons: [String: String] = [:]
        for (path, verdict) in verdicts {
            guard case .coverage(_, let needs) = verdict, !needs.isEmpty, let blob = index.files[path]?.blobID else { continue }
            reasons[path] = needs[0].reason
            for need in needs {
                request.changes[path + "@" + need.recordedBlob] = NameFlowChange(
                    path: path, oldBlob: need.recordedBlob, newBlob: blob, functions: need.functions)
            }
        }
        guard !request.changes.isEmpty else { return Followed() }
        guard let computeFlows else {
            for (path, why) in reasons { verdicts[path] = .importClosure(why) }
            return Followed()
        }
        let graph = DependencyGraph(index: index)
        var queue = Array(reasons.keys)
        var seen = Set(queue)
        while let node = queue.popLast() {
            for dependent in graph.dependents[node] ?? [] where seen.insert(dependent).inserted { queue.append(dependent) }
        }
        // Every importer, the other followed files included (each change is followed through the others' code).
        for path in seen {
            guard let entry = index.files[path], entry.language == .python else { continue }
            request.files[path] = entry.blobID
            if entry.isTest || RepoPath.hasFileName(path, "conftest.py") { request.testFiles.insert(path) }
        }
        for (path, entry) in index.files where entry.language == .python {
            if entry.readsSignatures { request.signatureReaders.insert(path) }
            let parts = path.split(separator: "/").map(String.init)
            request.localModules.formUnion(parts.dropLast())
            if let last = parts.last { request.localModules.insert(last.hasSuffix(".py") ? String(last.dropLast(3)) : last) }
        }
        let flows: [String: NameFlow]
        do {
            flows = try computeFlows(request)
        } catch {
            for (path, why) in reasons { verdicts[path] = .importClosure("\(why); the change could not be followed by name (\(error))") }
            return Followed()
        }
        var followed = Followed()
        let resolver = SuiteResolver(suites: suites, index: index)
        for (path, why) in reasons.sorted(by: { $0.key < $1.key }) {
            let answers = request.changes.keys.filter { $0.hasPrefix(path + "@") }.sorted().map { flows[$0] }
            if let problem = followProblem(answers, path: path) {
                verdicts[path] = .importClosure("\(why): \(problem)")
                continue
            }
            followed.origins.insert(path)
            for (module, reason) in moduleClosures(answers) where followed.closures[module] == nil {
                followed.closures[module] = "\(why): \(reason) → import closure of \(module)"
            }
            for answer in answers.compactMap({ $0 }) {
                for (file, blocks) in answer.blocks {
                    for (block, name) in blocks {
                        followed.blocks[file, default: [:]][block] = "uses `\(name)`, changed by \(why)"
                    }
                }
                for (file, tests) in answer.tests.sorted(by: { $0.key < $1.key }) {
                    let unit = TestUnit(node: file, runner: .pytest, location: file)
                    for (id, name) in tests.sorted(by: { $0.key < $1.key }) {
                        guard var test = resolver.selectedTest(unit, because: [path, file]) else { continue }
                        if id != "*" { test.id += "::" + id }
                        test.note = "mentions `\(name)`, changed by \(why)"
                        followed.tests.append(test)
                    }
                }
            }
        }
        return followed
    }

    /// Why the answers for one file cannot be used at all: missing, or a fallback for the changed file.
    private func followProblem(_ answers: [NameFlow?], path: String) -> String? {
        for answer in answers {
            guard let answer else { return "the name flow gave no answer for \(path)" }
            if let fallback = answer.fallback { return fallback }
        }
        return nil
    }

    /// The modules a change cannot be followed through, each with why: those the name flow names, and the files
    /// of blocks the names reach that ran at import time or in a test that imported a module reaching them
    /// outside gate's view. Each such module's own import closure runs (never the whole push's).
    private func moduleClosures(_ answers: [NameFlow?]) -> [(String, String)] {
        var closures: [(String, String)] = []
        for answer in answers.compactMap({ $0 }) {
            closures += answer.closures.sorted(by: { $0.key < $1.key }).map { ($0.key, $0.value) }
            for (file, blocks) in answer.blocks.sorted(by: { $0.key < $1.key }) {
                if let why = importTimeUse(of: blocks, in: file) { closures.append((file, why)) }
            }
        }
        return closures
    }

    /// Why one of `blocks` (block → the changed name it uses) in `file` may have run at import time, if one may.
    private func importTimeUse(of blocks: [String: String], in file: String) -> String? {
        for (block, name) in blocks.sorted(by: { $0.key < $1.key }) {
            let executedBy = data.tests.filter { isValid($0.value) && $0.value.executed[file]?.blocks.contains(block) == true }
            let blobs = Set(executedBy.values.compactMap { $0.executed[file]?.blob })
                .union([index.files[file]?.blobID].compactMap { $0 })
            if blobs.contains(where: { data.importTime[$0]?.contains(block) == true }) {
                return "`\(block)` in \(file) uses `\(name)` and runs at import time"
            }
            for (key, record) in executedBy.sorted(by: { $0.key < $1.key }) {
                if let module = lazyImport(in: record, reaching: file) {
                    return "`\(block)` in \(file) uses `\(name)` and ran while \(key) imported \(module)"
                }
            }
        }
        return nil
    }

    /// Blocks whose tests are affected in one file: per recorded blob (changed in this push), and on any blob
    /// (reached by name), with the note each gives.
    struct AffectedBlocks {
        var byBlob: [String: Set<String>] = [:]
        var anyBlob: [String: String] = [:]

        /// The first block of `executed` (recorded on `blob`) that is affected, and its note.
        func hit(_ executed: TestCoverage.Executed, path: String) -> String? {
            if let changed = byBlob[executed.blob], let block = executed.blocks.first(where: changed.contains) {
                return "executed `\(block)` in \(path)"
            }
            if let block = executed.blocks.first(where: { anyBlob[$0] != nil }) {
                return "executed `\(block)` in \(path), which \(anyBlob[block]!)"
            }
            return nil
        }
    }

    /// Tests that executed an affected block, plus, within the import closure of the changed files, test files
    /// without valid records and tests whose records are stale.
    private func coverageTests(affected: [String: AffectedBlocks], changedPaths: Set<String>, tables: [String: BlockTable]) -> Selection {
        let resolver = SuiteResolver(suites: suites, index: index)
        var tests: [SelectedTest] = []
        for (key, record) in data.tests.sorted(by: { $0.key < $1.key }) where isValid(record) {
            for (path, blocks) in affected.sorted(by: { $0.key < $1.key }) {
                guard let executed = record.executed[path], let note = blocks.hit(executed, path: path) else { continue }
                if let test = selected(key, record: record, resolver: resolver, because: [path, record.file], note: note) {
                    tests.append(test)
                }
                break
            }
        }
        let closure = TestSelector.select(changed: changedPaths.sorted(), index: index, suites: suites, rules: rules)
        if closure.mode == .all { return closure }
        var recordsByFile: [String: [(String, TestCoverage)]] = [:]
        for (key, record) in data.tests where isValid(record) { recordsByFile[record.file, default: []].append((key, record)) }
        for test in closure.tests {
            guard test.runner == .pytest, let file = test.because.last, index.files[file]?.isTest == true else {
                tests.append(test)
                continue
            }
            guard let records = recordsByFile[file] else {
                var whole = test
                whole.note = "no coverage recorded for \(file) → import closure"
                tests.append(whole)
                continue
            }
            for (key, record) in records.sorted(by: { $0.0 < $1.0 }) {
                guard let stale = staleness(of: record, ignoring: changedPaths, tables: tables) else { continue }
                if let selected = selected(key, record: record, resolver: resolver, because: test.because, note: stale) {
                    tests.append(selected)
                }
            }
        }
        return Selection(mode: .selected, reason: "", tests: tests)
    }

    /// Why a record no longer describes what its test executes outside `ignoring`, or nil.
    private func staleness(of record: TestCoverage, ignoring: Set<String>, tables: [String: BlockTable]) -> String? {
        for (path, executed) in record.executed.sorted(by: { $0.key < $1.key }) where !ignoring.contains(path) {
            guard let current = index.files[path]?.blobID else { return "it executed \(path), which is gone" }
            guard current != executed.blob else { continue }
            guard let old = tables[executed.blob], let new = tables[current], old.error == nil, new.error == nil else {
                return "\(path) changed since it was recorded"
            }
            let changed = Set(old.changedBlocks(comparedTo: new))
            if let hit = executed.blocks.first(where: changed.contains) { return "executed `\(hit)` in \(path), changed since it was recorded" }
            if changed.contains(where: { (new.blocks[$0] ?? old.blocks[$0])?.kind != .function }) {
                return "module-level code of \(path) changed since it was recorded"
            }
        }
        return nil
    }

    /// Tests whose last recorded run failed and whose file still exists.
    private func failedLastTime() -> [SelectedTest] {
        let resolver = SuiteResolver(suites: suites, index: index)
        return data.tests.sorted(by: { $0.key < $1.key }).compactMap { key, record in
            guard record.failed, index.files[record.file]?.isTest == true else { return nil }
            return selected(key, record: record, resolver: resolver, because: [record.file], note: "failed last time")
        }
    }

    /// The test `key` (`tests/test_a.py::test_x`) as its suite runs it.
    private func selected(_ key: String, record: TestCoverage, resolver: SuiteResolver, because: [String], note: String) -> SelectedTest? {
        let unit = TestUnit(node: record.file, runner: .pytest, location: record.file)
        guard var test = resolver.selectedTest(unit, because: because) else { return nil }
        if key.hasPrefix(record.file + "::") { test.id += key.dropFirst(record.file.count) }
        test.note = note
        return test
    }

    /// One entry per suite and id, sorted; a whole test file makes its single tests redundant.
    static func merge(_ tests: [SelectedTest]) -> [SelectedTest] {
        var seen = Set<String>()
        let unique = tests.filter { seen.insert($0.suite + "\u{0}" + $0.id).inserted }
        let files = Set(unique.filter { !$0.id.contains("::") }.map { $0.suite + "\u{0}" + $0.id })
        return unique.filter { test in
            guard let range = test.id.range(of: "::") else { return true }
            return !files.contains(test.suite + "\u{0}" + test.id[..<range.lowerBound])
        }.sorted { ($0.suite, $0.id) < ($1.suite, $1.id) }
    }
}
