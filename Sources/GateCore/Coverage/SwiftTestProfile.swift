import Foundation

/// Runs one Swift test of an already built, coverage-instrumented package into a profile of its own and reads which
/// functions it executed: `swift test --skip-build --ignore-lock --filter <id>` with `LLVM_PROFILE_FILE` in a scratch
/// directory, `llvm-profdata merge`, then `llvm-cov export` of the test binary.
///
/// `--ignore-lock` lets two runs share the package's `.build` (a skip-build run writes nothing there); without it
/// SwiftPM makes the second wait for the first.
struct SwiftTestProfile {
    let workingDirectory: String
    let testBinary: String
    let tools: SwiftCoverageTools
    let environment: [String: String]
    let timeout: Double
    /// `--scratch-path DIR` of the instrumented build.
    let scratchPath: [String]

    struct Run {
        /// `filename + "\0" + name` of every function with a nonzero count.
        var executed: Set<String>
        var export: LLVMCoverageExport
        var passed: Bool
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    func run(test id: String, scratch: String) throws -> Run {
        let fm = FileManager.default
        try? fm.removeItem(atPath: scratch)
        try fm.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? fm.removeItem(atPath: scratch) }
        var env = environment
        env["LLVM_PROFILE_FILE"] = scratch + "/%p.profraw"
        let outcome = try ChildProcess.run(ProcessSpec(
            executable: tools.swift, arguments: ["test", "--skip-build", "--ignore-lock", "--filter", SwiftTestID.filterExpression([id])] + scratchPath,
            environment: env, workingDirectory: workingDirectory, timeout: timeout))
        if outcome.timedOut { throw Failure(description: "\(id) timed out after \(Int(timeout)) s") }
        let raw = ((try? fm.contentsOfDirectory(atPath: scratch)) ?? []).filter { $0.hasSuffix(".profraw") }.sorted()
        guard !raw.isEmpty else { throw Failure(description: "\(id) wrote no profile (swift test exit \(outcome.exitCode))") }
        let merged = scratch + "/test.profdata"
        try tool(tools.profdata, ["merge", "-sparse", "-o", merged] + raw.map { scratch + "/" + $0 })
        let json = try tool(tools.cov, ["export", "-skip-expansions", "-skip-branches", "-instr-profile", merged, testBinary])
        let export = try LLVMCoverageExport.read(Data(json))
        var executed = Set<String>()
        for unit in export.data {
            for function in unit.functions where function.count > 0 {
                executed.insert((function.filename ?? "") + "\u{0}" + function.name)
            }
        }
        return Run(executed: executed, export: export, passed: outcome.succeeded)
    }

    @discardableResult
    private func tool(_ path: String, _ arguments: [String]) throws -> [UInt8] {
        let outcome = try ChildProcess.run(ProcessSpec(executable: path, arguments: arguments, environment: environment,
                                                       workingDirectory: workingDirectory, timeout: timeout),
                                           captureLimit: 1 << 30)
        guard outcome.succeeded else {
            throw Failure(description: "\((path as NSString).lastPathComponent) \(arguments.first ?? "") failed: "
                + String(decoding: outcome.standardError.suffix(800), as: UTF8.self))
        }
        return outcome.standardOutput
    }
}

/// The toolchain programs a Swift coverage seed needs: `swift`, and `llvm-profdata`, `llvm-cov` and `swift-demangle`
/// from the same toolchain directory (else from `PATH`).
struct SwiftCoverageTools {
    var swift: String
    var profdata: String
    var cov: String
    var demangle: String

    /// nil with what is missing.
    static func locate(environment: [String: String]) -> Result<SwiftCoverageTools, SwiftTestProfile.Failure> {
        guard let swift = ChildProcess.locate("swift", environment: environment) else {
            return .failure(.init(description: "swift is not on PATH"))
        }
        let directory = (URL(fileURLWithPath: swift).resolvingSymlinksInPath().path as NSString).deletingLastPathComponent
        func find(_ name: String) -> String? {
            let beside = directory + "/" + name
            return FileManager.default.isExecutableFile(atPath: beside) ? beside : ChildProcess.locate(name, environment: environment)
        }
        guard let profdata = find("llvm-profdata"), let cov = find("llvm-cov"), let demangle = find("swift-demangle") else {
            return .failure(.init(description: "llvm-profdata, llvm-cov or swift-demangle is missing next to \(swift) and on PATH"))
        }
        return .success(SwiftCoverageTools(swift: swift, profdata: profdata, cov: cov, demangle: demangle))
    }
}
