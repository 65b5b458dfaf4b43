import Foundation

/// Reads the JSON-lines results file written by `Templates/gate_pytest_report.py`: one case per pytest node id,
/// re-rooted to the directory pytest ran in, so the ids can be handed back to pytest to run exactly those tests.
enum PytestReportReader {
    static let pluginModule = "gate_pytest_report"
    static let pathVariable = "GATE_PYTEST_REPORT"

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private struct Line: Decodable {
        var kind: String
        var id: String?
        var status: TestStatus?
        var message: String?
        var trace: String?
        var file: String?
        var rootdir: String?
    }

    struct Report {
        var cases: [TestCaseResult]
        /// pytest's rootdir, as the plugin saw it.
        var rootdir: String
    }

    /// The cases in `path`; throws when the file is missing or the plugin never started (no session line).
    static func read(_ path: String) throws -> Report {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure(description: "no results file (the gate_pytest_report plugin did not run)")
        }
        var rootdir: String?
        var cases: [TestCaseResult] = []
        let decoder = JSONDecoder()
        for line in data.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
            guard let record = try? decoder.decode(Line.self, from: Data(line)) else { continue }
            if record.kind == "session" { rootdir = record.rootdir }
            guard record.kind == "test", let id = record.id, let status = record.status else { continue }
            cases.append(TestCaseResult(name: id, status: status, message: record.message, trace: record.trace, file: record.file))
        }
        guard let rootdir else { throw Failure(description: "the results file has no session line (the plugin did not start)") }
        return Report(cases: cases, rootdir: rootdir)
    }
}
