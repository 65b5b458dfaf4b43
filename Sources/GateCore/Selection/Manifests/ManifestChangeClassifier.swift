import Foundation

/// Reads the old and new contents of each changed manifest or lockfile (`ManifestKind`) and decides what the change
/// means for the tests (`ManifestVerdict`). Only files modified in place are read; an added, deleted or renamed
/// manifest, and one gate cannot parse, affects every test.
///
/// A changed dependency is followed to the packages that require it (the lockfile's graph, else the virtualenv's
/// `Requires-Dist`; with neither, every test runs). If pytest, a pytest plugin or anything they require is among
/// them, every test runs. Each package is then mapped to the modules it provides (`PythonDistributions`), or to
/// its normalised name when it is not installed.
/// `pyproject.toml` requirement changes are left to a lockfile of the same directory that changed in the same push:
/// what the lock resolved is what gets installed.
struct ManifestChangeClassifier {
    let source: any BlobSource
    let environment: [String: String]
    /// The project's virtualenv, read on first use.
    let distributions: () -> PythonDistributions?

    init(source: any BlobSource, environment: [String: String], distributions: @escaping () -> PythonDistributions?) {
        self.source = source
        self.environment = environment
        self.distributions = distributions
    }

    /// Path → verdict for every changed manifest gate can read; other paths are left to `GlobalFileRule`.
    func verdicts(for changes: [FileChange]) -> [String: ManifestVerdict] {
        var verdicts: [String: ManifestVerdict] = [:]
        let read = changes.filter { ManifestKind(path: $0.newPath) != nil || ManifestKind(path: $0.oldPath) != nil }
        guard !read.isEmpty else { return [:] }
        // Directory + ecosystem of every lockfile modified in place.
        let locks = Set(read.compactMap { change -> String? in
            guard change.kind == .modified, let kind = ManifestKind(path: change.newPath), kind.isLockfile else { return nil }
            return RepoPath.directory(change.newPath) + "\u{0}" + kind.ecosystem.rawValue
        })
        for change in read {
            let ecosystem = ManifestKind(path: change.newPath)?.ecosystem.rawValue ?? ""
            var verdict = classify(change, lockChanged: locks.contains(RepoPath.directory(change.newPath) + "\u{0}" + ecosystem))
            if let earlier = verdicts[change.newPath] { verdict = Self.combine(earlier, verdict) }
            verdicts[change.newPath] = verdict
            if change.oldPath != change.newPath { verdicts[change.oldPath] = verdict }
        }
        return verdicts
    }

    private func classify(_ change: FileChange, lockChanged: Bool) -> ManifestVerdict {
        let path = change.newPath
        guard change.kind == .modified, let kind = ManifestKind(path: path), let oldBlob = change.oldBlob,
            let newBlob = change.newBlob
        else { return .everything("it was \(change.kind == .modified ? "changed" : change.kind.rawValue), so every test runs") }
        let diff: ManifestDiff
        var graph: [String: Set<String>]?
        do {
            let old = try source.contents(ofBlob: oldBlob), new = try source.contents(ofBlob: newBlob)
            switch kind {
            case .pyproject: diff = PyprojectClassifier.diff(old: try TOMLReader.read(old), new: try TOMLReader.read(new))
            case .poetryLock: (diff, graph) = PoetryLockClassifier.diff(old: try TOMLReader.read(old), new: try TOMLReader.read(new))
            case .uvLock: (diff, graph) = UvLockClassifier.diff(old: try TOMLReader.read(old), new: try TOMLReader.read(new))
            case .requirements: diff = RequirementsFileClassifier.diff(old: old, new: new)
            case .setupCfg: diff = SetupCfgClassifier.diff(old: try IniDocument.read(old), new: try IniDocument.read(new))
            case .toxIni: diff = ToxIniClassifier.diff(old: try IniDocument.read(old), new: try IniDocument.read(new))
            case .packageJson: diff = PackageJsonClassifier.diff(old: try PackageJsonClassifier.read(old), new: try PackageJsonClassifier.read(new))
            case .packageLock:
                (diff, graph) = PackageLockClassifier.diff(old: try PackageJsonClassifier.read(old), new: try PackageJsonClassifier.read(new))
            case .goMod:
                let before = try GoModFile.read(old), after = try GoModFile.read(new)
                diff = GoModClassifier.diff(old: before, new: after)
                if diff.forcing == nil, !diff.dependencies.isEmpty {
                    let (found, missing) = GoModuleGraph.dependents(of: [before, after], environment: environment)
                    if let missing {
                        return .everything("\(Self.list(diff.dependencies)) changed, and the module cache holds no go.mod for \(missing), so gate cannot tell which modules require it; `go mod download` fills it")
                    }
                    graph = found
                }
            case .goSum:
                if lockChanged { return .noTest("checksums only; go.mod beside it says which versions are built") }
                diff = GoSumClassifier.diff(old: old, new: new)
            }
        } catch {
            return .everything("gate could not read it (\(error)), so every test runs")
        }
        if let forcing = diff.forcing { return .everything(forcing) }
        if diff.dependencies.isEmpty {
            let what = Array(Set(diff.harmless)).sorted()
            return .noTest(what.isEmpty ? "nothing a test can see changed" : "only \(what.joined(separator: ", ")) changed, which no test reads")
        }
        if !kind.isLockfile, lockChanged {
            return .noTest("requirements changed (\(diff.dependencies.keys.sorted().joined(separator: ", "))); the lockfile beside it says what was resolved")
        }
        switch kind.ecosystem {
        case .python: return python(diff.dependencies, graph: graph)
        case .npm:
            guard let graph else {
                return .everything("\(Self.list(diff.dependencies)) changed and no package-lock.json beside it changed, so gate cannot tell what was resolved")
            }
            return other(.npm, diff.dependencies, graph: graph, runner: Self.isJavaScriptRunner)
        case .go, .swift: return other(kind.ecosystem, diff.dependencies, graph: graph ?? [:], runner: { _ in false })
        }
    }

    /// The changed packages and every package that requires one of them (`dependents`).
    private static func closure(_ changed: [String: String], dependents: [String: Set<String>]) -> [String: String] {
        var affected = changed
        var queue = changed.keys.sorted()
        while let name = queue.popLast() {
            for dependent in (dependents[name] ?? []).sorted() where affected[dependent] == nil {
                affected[dependent] = "requires \(name), which changed"
                queue.append(dependent)
            }
        }
        return affected
    }

    /// Python packages: followed through the lockfile's graph (else the virtualenv's), each mapped to its modules.
    private func python(_ changed: [String: String], graph lockGraph: [String: Set<String>]?) -> ManifestVerdict {
        let installed = distributions()
        guard let dependents = lockGraph ?? installed?.dependents else {
            return .everything("\(Self.list(changed)) changed, and without a lockfile or a virtualenv gate cannot tell which packages require it, so every test runs")
        }
        let affected = Self.closure(changed, dependents: dependents)
        for name in affected.keys.sorted() {
            if PythonRequirement.isTestRunner(name) || installed?.distributions[name]?.isPytestPlugin == true {
                return .everything("\(name) changed (\(affected[name]!)): pytest or a pytest plugin affects every test")
            }
        }
        return .dependencies(affected.keys.sorted().map { name in
            if let modules = installed?.distributions[name]?.modules, !modules.isEmpty {
                return ChangedDependency(ecosystem: .python, name: name, change: affected[name]!, importNames: modules, importNamesKnown: true)
            }
            let guess = name.replacingOccurrences(of: "-", with: "_")
            return ChangedDependency(ecosystem: .python, name: name, change: affected[name]!, importNames: [guess], importNamesKnown: false)
        })
    }

    /// npm packages and Go modules: imported by their own names.
    private func other(
        _ ecosystem: ChangedDependency.Ecosystem, _ changed: [String: String], graph: [String: Set<String>], runner: (String) -> Bool
    ) -> ManifestVerdict {
        let affected = Self.closure(changed, dependents: graph)
        if let name = affected.keys.sorted().first(where: runner) {
            return .everything("\(name) changed (\(affected[name]!)): the test runner or its toolchain affects every test")
        }
        return .dependencies(affected.keys.sorted().map {
            ChangedDependency(ecosystem: ecosystem, name: $0, change: affected[$0]!, importNames: [$0], importNamesKnown: true)
        })
    }

    /// Test runners and the compilers and loaders tests go through.
    static func isJavaScriptRunner(_ name: String) -> Bool {
        let exact: Set<String> = ["jest", "mocha", "vitest", "ava", "tap", "c8", "nyc", "typescript", "ts-node", "tsx", "esbuild",
                                  "vite", "babel-jest", "ts-jest", "@swc/core", "@swc/jest", "uvu", "jasmine", "karma", "tsimp"]
        return exact.contains(name) || name.hasPrefix("@jest/") || name.hasPrefix("jest-") || name.hasPrefix("@babel/")
            || name.hasPrefix("@vitest/") || name.hasPrefix("mocha-")
    }

    private static func list(_ changed: [String: String]) -> String {
        let names = changed.keys.sorted()
        return names.prefix(3).joined(separator: ", ") + (names.count > 3 ? " and \(names.count - 3) more" : "")
    }

    /// Two verdicts for one path (compared with two bases): the wider one.
    static func combine(_ first: ManifestVerdict, _ second: ManifestVerdict) -> ManifestVerdict {
        switch (first, second) {
        case (.everything, _): return first
        case (_, .everything): return second
        case (.dependencies(let a), .dependencies(let b)): return .dependencies(Array(Set(a + b)).sorted { $0.name < $1.name })
        case (.dependencies, _): return first
        default: return second
        }
    }
}
