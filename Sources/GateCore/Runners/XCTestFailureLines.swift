/// Recovers XCTest failure messages from `swift test` output, because the XUnit report
/// written by `swift test --parallel` only says "failure".
///
/// XCTest prints `/path/File.swift:12: error: Class.testName : message` for each failure.
enum XCTestFailureLines {
    struct Failure: Equatable {
        var file: String
        var line: Int
        var test: String
        var message: String
    }

    /// Every failure line in `log`, in order.
    static func parse(_ log: String) -> [Failure] {
        log.split(separator: "\n").compactMap { line in
            guard let errorRange = line.range(of: ": error: ") else { return nil }
            let location = line[..<errorRange.lowerBound]
            let rest = line[errorRange.upperBound...]
            guard let separator = rest.range(of: " : "),
                  let colon = location.lastIndex(of: ":"),
                  let lineNumber = Int(location[location.index(after: colon)...]) else { return nil }
            return Failure(
                file: String(location[..<colon]), line: lineNumber,
                test: String(rest[..<separator.lowerBound]), message: String(rest[separator.upperBound...]))
        }
    }

    /// Fills in message, trace and file of failed cases named `Module.Class/test` whose
    /// message is missing or the placeholder "failure". `relativeFile` turns the printed
    /// absolute path into one relative to the suite's working directory.
    static func enrich(
        _ cases: [TestCaseResult], log: String, relativeFile: (String) -> String = { $0 }
    ) -> [TestCaseResult] {
        let failures = parse(log)
        guard !failures.isEmpty else { return cases }
        return cases.map { testCase in
            guard testCase.status == .failed, testCase.message == nil || testCase.message == "failure" else { return testCase }
            let matching = failures.filter { testCase.name.hasSuffix("." + idSuffix(of: $0.test)) }
            guard let first = matching.first else { return testCase }
            var enriched = testCase
            enriched.message = first.message
            enriched.file = relativeFile(first.file)
            enriched.trace = matching.map { "\(relativeFile($0.file)):\($0.line): \($0.message)" }.joined(separator: "\n")
            return enriched
        }
    }

    /// `Class/test` for the printed `Class.test`, as it ends the runner's id `Module.Class/test`.
    private static func idSuffix(of printed: String) -> String {
        guard let dot = printed.lastIndex(of: ".") else { return printed }
        return printed[..<dot] + "/" + printed[printed.index(after: dot)...]
    }
}
