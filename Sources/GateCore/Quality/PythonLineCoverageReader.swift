import Foundation

/// Reads the line coverage gate's pytest plugin (`Templates/gate_coverage_plugin.py`) writes from coverage.py's own
/// analysis: `{"files": {"pkg/a.py": {"executable": [..], "executed": [..]}}}`, paths already repository-relative, or
/// `{"missing": "coverage"}` when coverage.py cannot be imported.
struct PythonLineCoverageReader {
    struct Lines: Decodable {
        var executable: [Int]
        var executed: [Int]
    }

    struct Payload: Decodable {
        var missing: String?
        var files: [String: Lines]?
    }

    func read(path: String) throws -> LineCoverage {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CoverageFormatError("gate's pytest plugin wrote no line coverage (\(path)); is the plugin loaded?")
        }
        let payload: Payload
        do { payload = try JSONDecoder().decode(Payload.self, from: data) } catch {
            throw CoverageFormatError("unreadable line coverage from gate's pytest plugin (\(path)): \(error)")
        }
        if payload.missing != nil {
            throw CoverageFormatError("coverage.py is not importable by the suite's Python; install it (`pip install coverage`) in the suite's environment")
        }
        var coverage = LineCoverage()
        for (file, lines) in payload.files ?? [:] {
            guard let file = RepoPath.normalize(file), !file.isEmpty else { continue }
            let executed = Set(lines.executed)
            for line in lines.executable where line > 0 { coverage.record(file, line: line, ran: executed.contains(line)) }
        }
        return coverage
    }
}
