import Dispatch
import Foundation

/// Builds a `DependencyIndex` from the tracked files, re-scanning only blobs the previous index has not seen.
///
/// Scans are cached by blob id (per language); SwiftPM manifests by the Package.swift blob id. Swift files
/// are scanned only when they belong to a test target (for the names of executables and plugins they may run),
/// and only when they are resolved.
/// Resolution against the current file set is redone for every file, except when neither the set of
/// paths nor any resolution input (tsconfig.json, go.mod, Package.swift) changed: then the entries of
/// unchanged blobs are taken over as they are and only the changed files are resolved.
public enum DependencyIndexBuilder {
    public static func build(
        files: [TrackedFile], source: any BlobSource, previous: DependencyIndex?, dumpManifest: ManifestDumper?
    ) throws -> (DependencyIndex, BuildStats) {
        let started = DispatchTime.now()
        let previous = previous?.formatVersion == DependencyIndex.currentFormatVersion ? previous : nil
        let previousFiles = previous?.files ?? [:]
        var stats = BuildStats()

        // One pass: languages, what needs scanning, whether the path set is unchanged.
        var scans = previous?.scans ?? [:]
        var languages: [SourceLanguage] = []
        languages.reserveCapacity(files.count)
        var changed: [Int] = []
        var staleBlobs: [(language: SourceLanguage, blobID: String)] = []
        var pending: [(language: SourceLanguage, blobID: String)] = []
        var pendingKeys = Set<String>()
        var inputs: [String] = []
        var samePaths = previous != nil && previousFiles.count == files.count
        for (position, file) in files.enumerated() {
            let prior = previousFiles[file.path]
            if prior == nil { samePaths = false }
            let unchanged = prior?.blobID == file.blobID
            let language = unchanged ? prior!.language : SourceLanguage(path: file.path)
            languages.append(language)
            if isResolutionInput(file.path) { inputs.append(file.path + "=" + file.blobID) }
            if !unchanged {
                changed.append(position)
                if let prior, prior.language.isScanned || (prior.language == .swift && prior.isTest) {
                    staleBlobs.append((prior.language, prior.blobID))
                }
            }
            guard language.isScanned else { continue }
            if scans[language.rawValue]?[file.blobID] == nil {
                if pendingKeys.insert(language.rawValue + ":" + file.blobID).inserted {
                    pending.append((language, file.blobID))
                }
            } else {
                stats.filesReused += 1
            }
        }
        for (item, scan) in zip(pending, try scanInParallel(pending, source: source)) {
            scans[item.language.rawValue, default: [:]][item.blobID] = scan
        }
        stats.filesParsed = pending.count

        let (manifests, targets, unreadManifests) = readManifests(
            files, cached: previous?.swiftManifests ?? [:], dumpManifest: dumpManifest, stats: &stats)
        // A manifest that could not be read is an input too: once it can be, every Swift file needs its owner.
        let unread = Set(unreadManifests)
        inputs = inputs.map { input in
            unread.contains(String(input[..<input.lastIndex(of: "=")!])) ? input + " unread" : input
        }.sorted()
        let reusable = samePaths && previous?.resolutionInputs == inputs
        let pytest = try pytestConfigurations(files, source: source, previous: previous)
        var context = ResolutionContext(files: files, source: source, targets: targets, pytestPythonFiles: pytest.pythonFiles)
        // Swift files of test targets are scanned for string literals, only when they are resolved.
        var swiftPending: [(language: SourceLanguage, blobID: String)] = []
        var swiftKeys = Set<String>()
        for position in reusable ? changed : Array(files.indices) where languages[position] == .swift {
            let file = files[position]
            guard scans[SourceLanguage.swift.rawValue]?[file.blobID] == nil, !swiftKeys.contains(file.blobID),
                context.swiftTargets.owner(of: file.path)?.kind == .test
            else { continue }
            swiftKeys.insert(file.blobID)
            swiftPending.append((.swift, file.blobID))
        }
        for (item, scan) in zip(swiftPending, try scanInParallel(swiftPending, source: source)) {
            scans[item.language.rawValue, default: [:]][item.blobID] = scan
        }
        stats.filesParsed += swiftPending.count
        var entries: [String: IndexEntry]
        if reusable {
            entries = previousFiles
            for position in changed {
                let file = files[position]
                let language = languages[position]
                entries[file.path] = try context.entry(
                    for: file, language: language, scan: scans[language.rawValue]?[file.blobID])
            }
            pruneScans(&scans, stale: staleBlobs, files: files, languages: languages, entries: entries)
        } else {
            entries = [:]
            entries.reserveCapacity(files.count)
            for (file, language) in zip(files, languages) {
                entries[file.path] = try context.entry(
                    for: file, language: language, scan: scans[language.rawValue]?[file.blobID])
            }
            pruneScans(&scans, stale: nil, files: files, languages: languages, entries: entries)
        }
        for path in unreadManifests { entries[path]?.unparseable = true }

        var perLanguage = [Int](repeating: 0, count: SourceLanguage.allCases.count)
        for entry in entries.values {
            perLanguage[SourceLanguage.allCases.firstIndex(of: entry.language)!] += 1
            stats.edges += entry.edges.count
            if entry.isTest { stats.tests += 1 }
            if entry.unparseable { stats.unparseable += 1 }
        }
        for (language, count) in zip(SourceLanguage.allCases, perLanguage) where count > 0 {
            stats.filesPerLanguage[language] = count
        }
        let index = DependencyIndex(
            files: entries, scans: scans, swiftManifests: manifests, swiftTargets: targets,
            pythonRoots: reusable ? previous!.pythonRoots : context.pythonRoots, resolutionInputs: inputs,
            pytestTestpaths: pytest.testpaths, pytestPythonFiles: pytest.pythonFiles,
            pytestNorecursedirs: pytest.norecursedirs)
        stats.elapsedSeconds = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e9
        return (index, stats)
    }

    /// The pytest configurations of the tree (`PytestConfiguration.byDirectory`): `testpaths` by directory, and
    /// `python_files` and `norecursedirs` by directory where set. Taken over from `previous` when no configuration file was added,
    /// removed or changed (so a rebuild reads only changed blobs); when one was, it is a resolution input too, so
    /// every file's test flag is computed again.
    private static func pytestConfigurations(
        _ files: [TrackedFile], source: any BlobSource, previous: DependencyIndex?
    ) throws -> (testpaths: [String: [String]], pythonFiles: [String: [String]], norecursedirs: [String: [String]]) {
        if let previous {
            let current = files.filter { isPytestConfiguration($0.path) }
            let unchanged = current.allSatisfy { previous.files[$0.path]?.blobID == $0.blobID }
            if unchanged, previous.files.keys.filter(isPytestConfiguration).count == current.count {
                return (previous.pytestTestpaths, previous.pytestPythonFiles, previous.pytestNorecursedirs)
            }
        }
        let configurations = try PytestConfiguration.byDirectory(files, source: source)
        return (configurations.mapValues(\.testpaths), configurations.mapValues(\.pythonFiles).filter { !$0.value.isEmpty },
                configurations.compactMapValues(\.norecursedirs))
    }

    private static func isPytestConfiguration(_ path: String) -> Bool {
        PytestConfiguration.fileNames.contains(RepoPath.fileName(path))
    }

    /// Files whose content steers the resolution of other files (pytest's configuration: which files are tests).
    static func isResolutionInput(_ path: String) -> Bool {
        RepoPath.hasFileName(path, "tsconfig.json") || RepoPath.hasFileName(path, "jsconfig.json")
            || RepoPath.hasFileName(path, "go.mod") || RepoPath.hasFileName(path, "Package.swift")
            || isPytestConfiguration(path) || isJavaScriptManifest(path)
    }

    /// package.json files (workspace names, `exports`, `imports`) and `pnpm-workspace.yaml` steer JS resolution.
    private static func isJavaScriptManifest(_ path: String) -> Bool {
        (RepoPath.hasFileName(path, "package.json") && !JavaScriptWorkspace.isVendored(path)) || path == "pnpm-workspace.yaml"
    }

    /// Runs the scanners over `pending` blobs on all cores; throws the first blob read failure.
    private static func scanInParallel(
        _ pending: [(language: SourceLanguage, blobID: String)], source: any BlobSource
    ) throws -> [SourceScan] {
        let results = ParallelResults<Result<SourceScan, any Error>>(count: pending.count)
        DispatchQueue.concurrentPerform(iterations: pending.count) { position in
            let item = pending[position]
            results.set(position, Result { scan(try source.contents(ofBlob: item.blobID), language: item.language) })
        }
        return try results.values.map { try $0!.get() }
    }

    static func scan(_ bytes: [UInt8], language: SourceLanguage) -> SourceScan {
        switch language {
        case .python: PythonImportScanner.scan(bytes)
        case .javascript: JavaScriptImportScanner.scan(bytes)
        case .go: GoImportScanner.scan(bytes)
        case .swift: SwiftLiteralScanner.scan(bytes)
        case .other: SourceScan()
        }
    }

    /// Drops scans no tracked file uses any more. With `stale` (the blobs changed files had before), only
    /// those are checked; without it, every cached scan is.
    private static func pruneScans(
        _ scans: inout [String: [String: SourceScan]], stale: [(language: SourceLanguage, blobID: String)]?,
        files: [TrackedFile], languages: [SourceLanguage], entries: [String: IndexEntry]
    ) {
        func keeps(_ file: TrackedFile, _ language: SourceLanguage) -> Bool {
            language.isScanned || (language == .swift && entries[file.path]?.isTest == true)
        }
        if let stale, stale.count <= 8 {
            for item in stale {
                let stillUsed = zip(files, languages).contains {
                    $0.0.blobID == item.blobID && $0.1 == item.language && keeps($0.0, $0.1)
                }
                if !stillUsed { scans[item.language.rawValue]?[item.blobID] = nil }
            }
            return
        }
        var used = Set<String>()
        for (file, language) in zip(files, languages) where keeps(file, language) {
            used.insert(language.rawValue + ":" + file.blobID)
        }
        if let stale {
            for item in stale where !used.contains(item.language.rawValue + ":" + item.blobID) {
                scans[item.language.rawValue]?[item.blobID] = nil
            }
            return
        }
        for language in scans.keys {
            scans[language] = scans[language]!.filter { used.contains(language + ":" + $0.key) }
        }
    }

    /// Reads every Package.swift through the cache or the dumper. Returns the cache in use, the targets
    /// with repo-relative paths, and the Package.swift paths whose targets are unknown (dump failed or no dumper).
    private static func readManifests(
        _ files: [TrackedFile], cached: [String: SwiftManifest], dumpManifest: ManifestDumper?,
        stats: inout BuildStats
    ) -> ([String: SwiftManifest], [SwiftTarget], [String]) {
        var inUse: [String: SwiftManifest] = [:]
        var targets: [SwiftTarget] = []
        var unread: [String] = []
        for file in files where RepoPath.hasFileName(file.path, "Package.swift") {
            let manifest: SwiftManifest
            if let hit = cached[file.blobID] {
                manifest = hit
            } else if let dumpManifest {
                stats.manifestsDumped += 1
                do {
                    manifest = SwiftManifest(targets: try SwiftManifestReader.read(try dumpManifest(file.blobID)))
                } catch {
                    manifest = SwiftManifest(targets: [], failure: String(describing: error))
                }
            } else {
                unread.append(file.path)
                continue
            }
            inUse[file.blobID] = manifest
            if manifest.failure != nil { unread.append(file.path) }
            let packageDirectory = RepoPath.directory(file.path)
            for target in manifest.targets {
                var located = target
                located.path = RepoPath.join(packageDirectory, target.path)
                targets.append(located)
            }
        }
        return (inUse, targets, unread)
    }
}
