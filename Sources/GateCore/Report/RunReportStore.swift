import Foundation

/// The JSON reports under `.git/gate/reports/`, read back by run id.
public struct RunReportStore {
    public let directory: String

    public init(directory: String) { self.directory = directory }

    /// Run ids with a JSON report, oldest first.
    public func runs() -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }

    /// The report of `run` (`latest` for the newest). A missing or unreadable one says which runs exist.
    public func load(_ run: String) throws -> RunReport {
        let known = runs()
        let id = run == "latest" ? known.last : run
        guard let id, !id.contains("/"), let data = FileManager.default.contents(atPath: directory + "/" + id + ".json") else {
            let hint = known.isEmpty ? "no run has written a report yet" : "known runs: " + known.suffix(5).joined(separator: ", ")
            throw RunReportLookupError(description: "no report for run \(run.debugDescription) in \(directory) (\(hint)); `gate log` lists runs")
        }
        do {
            return try JSONDecoder().decode(RunReport.self, from: data)
        } catch {
            throw RunReportLookupError(description: "the report \(directory)/\(id).json cannot be read (\(error)); it may come from another gate version")
        }
    }
}

/// `gate report` was asked for a run it cannot find or read.
public struct RunReportLookupError: Error, CustomStringConvertible {
    public let description: String
}
