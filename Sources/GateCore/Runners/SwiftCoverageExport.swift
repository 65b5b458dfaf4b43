import Foundation

/// `swift test --enable-code-coverage`: SwiftPM runs `llvm-cov export` itself after a passing run and writes
/// `.build/debug/codecov/<package>.json`. gate removes stale exports first and moves the new one where
/// `LineCoverageRequest` asked for it; when none appears, the destination stays missing and the check says so.
struct SwiftCoverageExport {
    let workingDirectory: String
    let destination: String

    private var directory: String { workingDirectory + "/.build/debug/codecov" }

    /// Removes earlier exports; returns the flag to add.
    func prepare() -> String {
        for name in exports() { try? FileManager.default.removeItem(atPath: directory + "/" + name) }
        return "--enable-code-coverage"
    }

    /// Moves the export written by this run to the destination.
    func collect() {
        guard let name = exports().first else { return }
        try? FileManager.default.removeItem(atPath: destination)
        try? FileManager.default.moveItem(atPath: directory + "/" + name, toPath: destination)
    }

    private func exports() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
    }
}
