import ArgumentParser
import Foundation
import GateCore

struct AffectedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "affected",
        abstract: "Prints the tests a range affects, without running them.")

    @Option(help: "The base revision (default: the upstream's merge-base, else the whole tree).") var from: String?
    @Option(help: "The revision to check (default: HEAD).") var to: String = "HEAD"
    @Option(help: "text or json") var format: OutputFormat = .text
    @Flag(help: "Show why each test was chosen: the chain of imports from a changed file.") var explain = false

    func run() throws {
        try withExitCodes {
            let repository = try GitRepository(discoveringFrom: currentDirectory)
            let tip = try RevisionArgument.commit(repository, to, what: "--to")
            let base = try from.map { try RevisionArgument.commit(repository, $0, what: "--from") } ?? RevisionArgument.upstreamBase(repository, tip)
            let report = try AffectedQuery(repository: repository, environment: ProcessInfo.processInfo.environment).run(from: base, to: tip)
            switch format {
            case .json:
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                print(String(decoding: try encoder.encode(report), as: UTF8.self))
            case .text:
                print("\(report.changed?.count ?? 0) files changed; \(report.mode.rawValue): \(report.reason)")
                let selection = Selection(mode: report.mode, reason: report.reason, tests: report.tests)
                if explain {
                    print(SelectionExplanation.render(selection))
                } else {
                    for test in report.tests { print("  \(test.suite)  \(test.id)") }
                }
            }
            return .passed
        }
    }
}

struct IndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index",
        abstract: "Builds or inspects the dependency index (.git/gate/index/).",
        subcommands: [Build.self, Status.self])

    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Builds the index for a commit's tree (default HEAD), re-parsing only changed files.")
        @Option(help: "The commit whose tree to index.") var rev: String = "HEAD"
        @Flag(help: "Ignore the stored index and parse every file.") var full = false
        @Flag(help: "Also record per-test coverage: one full run of every pytest suite, and each Swift test alone, to seed coverage selection.") var coverage = false

        func run() throws {
            try withExitCodes {
                let repository = try GitRepository(discoveringFrom: currentDirectory)
                let commit = try repository.commit(try RevisionArgument.commit(repository, rev, what: "--rev"))
                let directory = GateDirectory(commonGitDirectory: repository.commonDirectory)
                try directory.ensureExists()
                let maintainer = IndexMaintainer(repository: repository, directory: directory, environment: ProcessInfo.processInfo.environment,
                                                 trail: EventTrail(path: directory.events), runID: RunID.make())
                let files = try repository.listFiles(inTree: commit.tree)
                let (_, stats) = try maintainer.index(for: files, fullRebuild: full)
                let languages = stats.filesPerLanguage.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key.rawValue) \($0.value)" }
                print("indexed \(files.count) files of \(commit.id.short) in \(String(format: "%.3f", stats.elapsedSeconds)) s: parsed \(stats.filesParsed), reused \(stats.filesReused)")
                print("  languages: \(languages.joined(separator: ", "))")
                print("  edges \(stats.edges), tests \(stats.tests), unparseable \(stats.unparseable), manifests dumped \(stats.manifestsDumped)")
                print("  stored at \(maintainer.store.fileURL.path)")
                guard coverage else { return .passed }
                let seed = try CoverageSeedRun(repository: repository, directory: directory, environment: ProcessInfo.processInfo.environment)
                    .run(commit: commit, console: Console())
                for result in seed.suites {
                    let failing = result.cases.filter { $0.status == .failed || $0.status == .errored }.count
                    print("  coverage run of \(result.suite): \(result.cases.count) tests, \(failing) failing, \(String(format: "%.1f", result.duration)) s"
                          + (result.suiteError.map { " (\($0.split(separator: "\n").first ?? ""))" } ?? ""))
                }
                if let problem = seed.problem {
                    print("  coverage not recorded: \(problem); selection stays static")
                } else {
                    print("  coverage: \(seed.testsRecorded) tests recorded over \(seed.filesMeasured) files")
                }
                let swift = try SwiftCoverageSeedRun(repository: repository, directory: directory, environment: ProcessInfo.processInfo.environment)
                    .run(commit: commit)
                if let problem = swift.problem, swift.testsListed > 0 || !problem.hasPrefix("no swift suite") {
                    print("  Swift coverage not recorded: \(problem); Swift selection stays per target")
                } else if swift.problem == nil {
                    print("  Swift coverage: \(swift.testsRecorded) of \(swift.testsListed) tests recorded, \(swift.functions) functions, "
                          + String(format: "build %.1f s, %.1f s in all", swift.buildSeconds, swift.seconds))
                    for missing in swift.unrecorded.prefix(5) { print("    not recorded: \(missing)") }
                }
                return .passed
            }
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Shows what the stored index holds.")

        func run() throws {
            try withExitCodes {
                let repository = try GitRepository(discoveringFrom: currentDirectory)
                let directory = GateDirectory(commonGitDirectory: repository.commonDirectory)
                let maintainer = IndexMaintainer(repository: repository, directory: directory, environment: [:], trail: nil, runID: "")
                let status = IndexStatus.read(maintainer.store)
                print("index: \(status.path)")
                if let problem = status.loadProblem { print("  \(problem)") }
                guard status.loadProblem == nil else { return .passed }
                let languages = status.perLanguage.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
                print("  files \(status.files) (\(languages.joined(separator: ", ")))")
                print("  edges \(status.edges), tests \(status.tests), unparseable \(status.unparseable), swift targets \(status.swiftTargets)")
                if let age = status.ageSeconds { print("  built \(Int(age)) s ago") }
                return .passed
            }
        }
    }
}

/// Resolves revision options to commits, with usage errors that name the option.
enum RevisionArgument {
    static func commit(_ repository: GitRepository, _ revision: String, what: String) throws -> ObjectID {
        do {
            return try repository.resolveCommit(revision)
        } catch {
            throw UsageError(description: "\(what) \(revision.debugDescription) does not name a commit in this repository.")
        }
    }

    /// The merge-base with the current branch's upstream, or nil (whole tree) when there is none.
    static func upstreamBase(_ repository: GitRepository, _ tip: ObjectID) throws -> ObjectID? {
        guard let upstream = try? repository.resolveCommit("@{upstream}") else { return nil }
        return try repository.mergeBase(upstream, tip)
    }
}

struct ChangedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "changed",
        abstract: "Prints the files a range changes, as gate computes them (old and new paths of renames).")

    @Option(help: "The base revision (default: the upstream's merge-base, else the whole tree).") var from: String?
    @Option(help: "The revision to check (default: HEAD).") var to: String = "HEAD"

    func run() throws {
        try withExitCodes {
            let repository = try GitRepository(discoveringFrom: currentDirectory)
            let tip = try RevisionArgument.commit(repository, to, what: "--to")
            let base = try from.map { try RevisionArgument.commit(repository, $0, what: "--from") } ?? RevisionArgument.upstreamBase(repository, tip)
            let range = try PushRangeResolver(repository: repository).resolve(from: base, to: tip, name: "changed")
            var output = ""
            for path in Set(range.changes.flatMap(\.paths)).sorted() { output += path + "\n" }
            print(output, terminator: "")
            return .passed
        }
    }
}
