import Foundation

/// Reads the JSON-lines results files written by gate's own reporters (`Templates/gate_pytest_report.py`,
/// `Templates/gate_node_report.mjs`): one case per line, named by the runner's own id relative to the directory the
/// tool ran in, so the ids can be handed back to the tool to run exactly those tests again.
enum ResultLinesReader {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private struct Line: Decodable {
        var kind: String?
        var id: String?
        var status: TestStatus?
        var message: String?
        var trace: String?
        var file: String?
        var line: Int?
        var duration: Double?
        var rootdir: String?
    }

    struct Report {
        var cases: [TestCaseResult]
        /// pytest's rootdir, as the plugin saw it.
        var rootdir: String?
    }

    /// The cases in `path`; throws when the file is missing, or when `requireSession` and the reporter never started
    /// (no `session` line). A truncated last line (a killed run) is ignored.
    static func read(_ path: String, requireSession: Bool) throws -> Report {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure(description: "no results file (gate's reporter did not run)")
        }
        var rootdir: String?
        var cases: [TestCaseResult] = []
        let decoder = JSONDecoder()
        for line in data.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
            guard let record = try? decoder.decode(Line.self, from: Data(line)) else { continue }
            if record.kind == "session" { rootdir = record.rootdir }
            guard record.kind ?? "test" == "test", let id = record.id, let status = record.status else { continue }
            cases.append(TestCaseResult(name: id, status: status, message: record.message, trace: record.trace, file: record.file,
                                        line: record.line, duration: record.duration))
        }
        if requireSession && rootdir == nil { throw Failure(description: "the results file has no session line (the plugin did not start)") }
        return Report(cases: cases, rootdir: rootdir)
    }
}
