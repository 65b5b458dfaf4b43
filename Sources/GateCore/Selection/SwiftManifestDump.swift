import Foundation

/// Runs `swift package dump-package` on a Package.swift blob, in a scratch directory of its own, so the
/// manifest is read from the pushed tree rather than the work tree. The index caches the result by blob id.
///
/// `TMPDIR` points inside the scratch directory: SwiftPM leaves a `TemporaryDirectory.XXXXXX` (and lock files)
/// in the temp directory on every call, and the scratch directory is removed afterwards.
enum SwiftManifestDump {
    static func dumper(source: BlobSource, scratchRoot: String, environment: [String: String]) -> ManifestDumper {
        { blobID in
            let directory = scratchRoot + "/manifest-" + blobID
            let fm = FileManager.default
            try? fm.removeItem(atPath: directory)
            try fm.createDirectory(atPath: directory + "/tmp", withIntermediateDirectories: true)
            defer { try? fm.removeItem(atPath: directory) }
            try Data(try source.contents(ofBlob: blobID)).write(to: URL(fileURLWithPath: directory + "/Package.swift"))
            var childEnvironment = environment
            childEnvironment["TMPDIR"] = directory + "/tmp"
            let outcome = try ChildProcess.run(ProcessSpec(executable: "swift", arguments: ["package", "dump-package"],
                                                           environment: childEnvironment, workingDirectory: directory,
                                                           timeout: 300))
            guard outcome.exitCode == 0 else {
                throw ManifestDumpError(detail: String(decoding: outcome.standardError.suffix(2000), as: UTF8.self))
            }
            return outcome.standardOutput
        }
    }
}

struct ManifestDumpError: Error, CustomStringConvertible {
    let detail: String
    var description: String { "swift package dump-package failed: \(detail)" }
}
