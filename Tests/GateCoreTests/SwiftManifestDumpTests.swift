import Foundation
import Testing

@testable import GateCore

/// The real `swift package dump-package`, as the index runs it.
@Suite(.enabled(if: GitSandbox.hasTool("swift --version")))
struct SwiftManifestDumpTests {
    @Test func dumpLeavesNothingBehindInTheTempDirectory() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        // A private stand-in for the system temp directory: SwiftPM leaves a TemporaryDirectory.XXXXXX (and lock
        // files) in TMPDIR on every call, so anything it finds here afterwards leaked.
        let systemTemp = directory.path + "/system-tmp"
        let scratch = directory.path + "/scratch"
        for path in [systemTemp, directory.path + "/home"] {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
        var environment = ProcessInfo.processInfo.environment
        environment["TMPDIR"] = systemTemp
        environment["HOME"] = directory.path + "/home"
        let manifest = """
            // swift-tools-version:5.9
            import PackageDescription

            let package = Package(name: "Leak", targets: [.target(name: "Lib")])

            """
        let repository = InMemoryRepository(["Package.swift": manifest])
        let dump = SwiftManifestDump.dumper(source: repository, scratchRoot: scratch, environment: environment)
        let json = try dump(repository.files[0].blobID)
        #expect(try SwiftManifestReader.read(json).map(\.name) == ["Lib"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: systemTemp) == [])
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch) == [])
    }
}
