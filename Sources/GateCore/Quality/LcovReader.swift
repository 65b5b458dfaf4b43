import Foundation

/// Reads an lcov tracefile (`SF:`, `DA:line,count`, `end_of_record`), as `node --test --test-reporter=lcov`, Jest's
/// `--coverage` and `llvm-cov export -format=lcov` write it. Only line records count; functions and branches are ignored.
struct LcovReader {
    let paths: MeasuredPath

    func read(path: String) throws -> LineCoverage {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CoverageFormatError("the lcov file \(path) was not written")
        }
        return try read(String(decoding: data, as: UTF8.self), name: path)
    }

    func read(_ text: String, name: String) throws -> LineCoverage {
        var coverage = LineCoverage()
        var file: String??
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if line.hasPrefix("SF:") {
                file = .some(paths.repoRelative(String(line.dropFirst(3))))
            } else if line == "end_of_record" {
                file = nil
            } else if line.hasPrefix("DA:") {
                guard let current = file else { throw CoverageFormatError("\(name):\(index + 1): a DA record outside any SF record") }
                let fields = line.dropFirst(3).split(separator: ",")
                guard fields.count >= 2, let number = Int(fields[0]), number > 0, let hits = Double(fields[1]) else {
                    throw CoverageFormatError("\(name):\(index + 1): unreadable DA record \(String(line).debugDescription)")
                }
                if let current { coverage.record(current, line: number, ran: hits > 0) }
            }
        }
        return coverage
    }
}
