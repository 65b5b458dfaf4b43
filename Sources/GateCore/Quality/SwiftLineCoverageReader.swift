import Foundation

/// Reads the `llvm-cov export` JSON `swift test --enable-code-coverage` writes, with llvm-cov's own line rule
/// (`LLVMCoverageExport.File.lineCounts`). Files outside the checkout (dependencies, the toolchain) are dropped.
struct SwiftLineCoverageReader {
    let paths: MeasuredPath

    func read(path: String) throws -> LineCoverage {
        let export: LLVMCoverageExport
        do { export = try LLVMCoverageExport.read(path: path) } catch let error as LLVMCoverageExport.FormatError {
            throw CoverageFormatError(error.description)
        }
        var coverage = LineCoverage()
        for unit in export.data {
            for file in unit.files {
                guard let relative = paths.repoRelative(file.filename), !relative.hasPrefix(".build/") else { continue }
                for (line, count) in file.lineCounts() { coverage.record(relative, line: line, ran: count > 0) }
            }
        }
        return coverage
    }
}
