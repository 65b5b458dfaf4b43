import ArgumentParser
import Foundation
import GateCore

struct HistoryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Exports, imports and shares the test history (.git/gate/history.sqlite).",
        discussion: """
        Share it through a ref in CI (two lines):
          git fetch origin '+refs/gate/history:refs/gate/history' && gate history import --ref refs/gate/history
          gate history write-ref && git push origin refs/gate/history
        """,
        subcommands: [Export.self, Import.self, WriteRef.self])

    static let defaultRef = "refs/gate/history"

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Writes the whole history as JSON (to stdout, or to a file).")
        @Option(name: .shortAndLong, help: "The file to write (replaced whole, never half-written).") var output: String?

        func run() throws {
            try withExitCodes {
                let (_, directory) = try HistoryCommand.open()
                let data = try HistoryCommand.archive(directory).encoded()
                if let output {
                    try data.write(to: URL(fileURLWithPath: output), options: .atomic)
                } else {
                    FileHandle.standardOutput.write(data + Data("\n".utf8))
                }
                return .passed
            }
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Merges an export into the history; rows already there are kept, so importing twice adds nothing.")
        @Argument(help: "An export written by `gate history export`.") var file: String?
        @Option(help: "Read the export from this ref's commit instead (see `gate history write-ref`).") var ref: String?

        func validate() throws {
            guard (file == nil) != (ref == nil) else { throw ValidationError("give either FILE or --ref REF") }
        }

        func run() throws {
            try withExitCodes {
                let (repository, directory) = try HistoryCommand.open()
                let source = file ?? ref!
                let data: Data
                if let file {
                    guard let contents = FileManager.default.contents(atPath: file) else { throw UsageError(description: "cannot read \(file)") }
                    data = contents
                } else {
                    guard let bytes = try repository.snapshotFile(HistoryArchive.fileName, reference: ref!) else {
                        throw UsageError(description: "\(ref!) does not exist; fetch it first: git fetch origin '+\(HistoryCommand.defaultRef):\(HistoryCommand.defaultRef)'")
                    }
                    data = Data(bytes)
                }
                let archive: HistoryArchive
                do { archive = try HistoryArchive.decode(data, source: source) } catch let error as HistoryArchiveError {
                    throw UsageError(description: error.description)
                }
                let added = try HistoryDatabase(directory: directory).importArchive(archive)
                print("gate: imported \(added.pushes) new of \(archive.pushes.count) pushes and \(added.testRuns) new of \(archive.testRuns.count) test runs from \(source)")
                return .passed
            }
        }
    }

    struct WriteRef: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "write-ref",
            abstract: "Commits the history's export on top of a ref (default refs/gate/history), to push it: git push origin refs/gate/history")
        @Option(help: "The ref to write.") var ref: String = HistoryCommand.defaultRef

        func run() throws {
            try withExitCodes {
                let (repository, directory) = try HistoryCommand.open()
                let archive = try HistoryCommand.archive(directory)
                let commit = try repository.commitSnapshot(Array(try archive.encoded()), fileName: HistoryArchive.fileName, reference: ref,
                                                           message: "gate: test history, \(archive.pushes.count) pushes")
                print("gate: wrote \(archive.pushes.count) pushes to \(ref) (\(commit.short)); share it with: git push origin \(ref)")
                return .passed
            }
        }
    }

    static func open() throws -> (GitRepository, GateDirectory) {
        let repository = try GitRepository(discoveringFrom: currentDirectory)
        return (repository, GateDirectory(commonGitDirectory: repository.commonDirectory))
    }

    /// The history's export; an empty one when nothing was recorded yet (the database is not created for it).
    static func archive(_ directory: GateDirectory) throws -> HistoryArchive {
        try TestHistory.existing(in: directory)?.database.export() ?? HistoryArchive(pushes: [], testRuns: [], fixAttempts: [])
    }
}
