import Foundation

/// Runs one Swift test of an already built, coverage-instrumented package into a profile of its own and reads which
/// functions it executed: the test binary as `swift test --skip-build --filter <id>` runs it (XCTest:
/// `<binary> Module.Class/test`; Swift Testing: `<binary> --testing-library swift-testing --filter <regex>`), with
/// `LLVM_PROFILE_FILE` in a scratch directory, then `llvm-profdata merge` and `llvm-cov export` of the binary.
///
/// Not `swift test` itself: it also starts the binary to list the tests, and listing runs code (swift-algorithms
/// 1.2.1: 2,499 calls of `reverse(subrange:)`), which would count for every test. What listing runs is recorded
/// apart (`discovery`) and treated as code no test owns.
struct SwiftTestProfile {
    let workingDirectory: String
    let testBinary: String
    let tools: SwiftCoverageTools
    let environment: [String: String]
    let timeout: Double

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
        let arguments = id.hasSuffix(")")
            ? ["--testing-library", "swift-testing", "--filter", SwiftTestID.filterExpression([id])]
            : [id]
        return try profile(arguments, what: id, scratch: scratch)
    }

    /// What listing the tests runs (both libraries), as `swift test list` and every `swift test --filter` do.
    func discovery(scratch: String) throws -> Run {
        try profile(["--list-tests"], what: "listing the tests", scratch: scratch, also: ["--testing-library", "swift-testing", "--list-tests"])
    }

    private func profile(_ arguments: [String], what: String, scratch: String, also: [String]? = nil) throws -> Run {
        let fm = FileManager.default
        try? fm.removeItem(atPath: scratch)
        try fm.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? fm.removeItem(atPath: scratch) }
        var env = environment
        env["LLVM_PROFILE_FILE"] = scratch + "/%p.profraw"
        var passed = true
        for run in [arguments] + (also.map { [$0] } ?? []) {
            let outcome = try ChildProcess.run(ProcessSpec(executable: testBinary, arguments: run, environment: env,
                                                           workingDirectory: workingDirectory, timeout: timeout))
            if outcome.timedOut { throw Failure(description: "\(what) timed out after \(Int(timeout)) s") }
            passed = passed && outcome.succeeded
        }
        let raw = ((try? fm.contentsOfDirectory(atPath: scratch)) ?? []).filter { $0.hasSuffix(".profraw") }.sorted()
        guard !raw.isEmpty else { throw Failure(description: "\(what) wrote no profile") }
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
        return Run(executed: executed, export: export, passed: passed)
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
