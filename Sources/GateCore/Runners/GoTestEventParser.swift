import Foundation

/// Reads the event stream of `go test -json` (one JSON object per line, as produced by
/// `go tool test2json`).
///
/// - `run/pass/fail/skip` events of a test become cases named `<package>.<Test>`; a test
///   that has subtests is left out so each failure counts once, at the leaf.
/// - A package `fail` event with no failing test in that package (build failure, panic in
///   `TestMain` or in `init`, a crash after the tests) becomes an errored case named after
///   the package, carrying the package's output and any matching compiler output.
/// - A package `pass` whose output says `(cached)` is recorded in `cachedPackages`.
public enum GoTestEventParser {
    public struct Report: Sendable, Equatable {
        public var cases: [TestCaseResult]
        /// Packages whose results were replayed from the Go test cache.
        public var cachedPackages: [String]
    }

    private struct Event: Decodable {
        var Action: String
        var Package: String?
        var Test: String?
        var Output: String?
        var ImportPath: String?
        var Elapsed: Double?
    }

    private struct TestKey: Hashable {
        var package: String
        var test: String
    }

    /// Parses `stream` (stdout of `go test -json`). `buildOutput` is the non-JSON text go
    /// printed elsewhere (stderr): compiler errors under `# package` headers.
    public static func parse(_ stream: String, buildOutput: String = "") -> Report {
        let decoder = JSONDecoder()
        var order: [TestKey] = []
        var outcomes: [TestKey: String] = [:]
        var elapsed: [TestKey: Double] = [:]
        var testOutput: [TestKey: [String]] = [:]
        var packageOrder: [String] = []
        var packageOutcomes: [String: String] = [:]
        var packageOutput: [String: [String]] = [:]
        var strayLines: [String] = []
        var buildEventOutput: [String] = []

        for line in stream.split(separator: "\n", omittingEmptySubsequences: true) {
            guard line.first == "{", let event = try? decoder.decode(Event.self, from: Data(line.utf8)) else {
                if let package = Self.packageFailedToBuild(line) {
                    if !packageOrder.contains(package) { packageOrder.append(package) }
                    packageOutcomes[package] = "fail"
                    packageOutput[package, default: []].append(line + "\n")
                } else {
                    strayLines.append(String(line))
                }
                continue
            }
            if event.Action == "build-output" {
                // Go 1.21+: compiler output as events, keyed by ImportPath.
                let importPath = event.ImportPath?.split(separator: " ").first.map(String.init) ?? ""
                buildEventOutput.append("# \(importPath)\n" + (event.Output ?? ""))
                continue
            }
            let package = event.Package ?? ""
            if !packageOrder.contains(package) { packageOrder.append(package) }
            guard let test = event.Test else {
                switch event.Action {
                case "output": packageOutput[package, default: []].append(event.Output ?? "")
                case "pass", "fail", "skip": packageOutcomes[package] = event.Action
                default: break
                }
                continue
            }
            let key = TestKey(package: package, test: test)
            switch event.Action {
            case "run":
                if outcomes[key] == nil && !order.contains(key) { order.append(key) }
            case "output":
                testOutput[key, default: []].append(event.Output ?? "")
            case "pass", "fail", "skip":
                if !order.contains(key) { order.append(key) }
                outcomes[key] = event.Action
                elapsed[key] = event.Elapsed
            default:
                break
            }
        }

        var cases: [TestCaseResult] = []
        var packagesWithFailingTests: Set<String> = []
        for key in order {
            let isParent = order.contains { $0.package == key.package && $0.test.hasPrefix(key.test + "/") }
            if isParent { continue }
            let action = outcomes[key] ?? "fail"  // started but never finished: the binary died
            let lines = testOutput[key] ?? []
            var result = testCase(key: key, action: action, outputLines: lines, finished: outcomes[key] != nil)
            result.duration = elapsed[key]
            cases.append(result)
            if action == "fail" { packagesWithFailingTests.insert(key.package) }
        }

        let compilerOutput = compilerOutputByPackage(
            [buildOutput, strayLines.joined(separator: "\n"), buildEventOutput.joined()].joined(separator: "\n"))
        for package in packageOrder where packageOutcomes[package] == "fail" && !packagesWithFailingTests.contains(package) {
            let output = (packageOutput[package] ?? []).joined()
            let compiler = compilerOutput[package] ?? ""
            let detail = [compiler, output].filter { !$0.isEmpty }.joined(separator: "\n")
            let buildFailed = output.contains("[build failed]") || output.contains("[setup failed]")
            cases.append(TestCaseResult(
                name: package,
                status: .errored,
                message: buildFailed ? "build failed" : "package failed outside of any test",
                trace: detail.trimmingCharacters(in: .whitespacesAndNewlines)))
        }

        let cached = packageOrder.filter { package in
            packageOutcomes[package] == "pass" && (packageOutput[package] ?? []).contains { $0.contains("(cached)") }
        }
        return Report(cases: cases, cachedPackages: cached)
    }

    private static func testCase(key: TestKey, action: String, outputLines: [String], finished: Bool) -> TestCaseResult {
        let name = "\(key.package).\(key.test)"
        let status: TestStatus = action == "pass" ? .passed : action == "skip" ? .skipped : .failed
        guard status != .passed else { return TestCaseResult(name: name, status: .passed) }
        let detail = outputLines.filter { line in
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            return !trimmed.hasPrefix("=== ") && !trimmed.hasPrefix("--- ")
        }
        let trace = detail.joined().trimmingCharacters(in: .whitespacesAndNewlines)
        let firstLine = detail.first.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        let parts = firstLine?.split(separator: ":").map(String.init) ?? []
        let location = parts.first.flatMap { $0.hasSuffix(".go") ? $0 : nil }
        let line = location == nil || parts.count < 2 ? nil : Int(parts[1])
        let panicked = trace.contains("panic: ")
        return TestCaseResult(
            name: name,
            status: status == .failed && (panicked || !finished) ? .errored : status,
            message: finished ? firstLine : "test did not finish (the test binary exited)",
            trace: trace.isEmpty ? nil : trace,
            file: location,
            line: line)
    }

    /// The package of a plain-text `FAIL\t<package> [build failed]` line (go before 1.21
    /// prints it outside the JSON stream), or nil.
    private static func packageFailedToBuild(_ line: Substring) -> String? {
        guard line.hasPrefix("FAIL\t"), line.hasSuffix(" [build failed]") || line.hasSuffix(" [setup failed]") else {
            return nil
        }
        return line.dropFirst(5).split(separator: " ").first.map(String.init)
    }

    /// Splits `go build` output into blocks keyed by the package in their `# package` header.
    private static func compilerOutputByPackage(_ text: String) -> [String: String] {
        var blocks: [String: String] = [:]
        var package: String?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("# ") {
                package = line.dropFirst(2).split(separator: " ").first.map(String.init)
                continue
            }
            guard let package, !line.isEmpty else { continue }
            blocks[package, default: ""] += line + "\n"
        }
        return blocks
    }
}
