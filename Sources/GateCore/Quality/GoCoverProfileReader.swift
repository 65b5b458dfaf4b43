import Foundation

/// Reads a Go cover profile (`go test -coverprofile`): `mode: set|count|atomic`, then
/// `import/path/file.go:startLine.startCol,endLine.endCol statements count` per block. Every line a block spans counts
/// as executable (as `go tool cover` and gocover-cobertura see it; `CodeLines` later drops comments and blank lines),
/// covered when any block on it ran. Files are named by import path: the module path (from the working directory's
/// go.mod) is replaced by the module's directory.
struct GoCoverProfileReader {
    let paths: MeasuredPath
    /// The `module` of go.mod in the suite's working directory; nil when there is none.
    let modulePath: String?

    func read(path: String) throws -> LineCoverage {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CoverageFormatError("the Go cover profile \(path) was not written")
        }
        return try read(String(decoding: data, as: UTF8.self), name: path)
    }

    func read(_ text: String, name: String) throws -> LineCoverage {
        var coverage = LineCoverage()
        for (index, raw) in text.split(separator: "\n").enumerated() {
            if index == 0 {
                guard raw.hasPrefix("mode:") else { throw CoverageFormatError("\(name): not a Go cover profile (no `mode:` line)") }
                continue
            }
            guard let block = Self.block(raw) else { throw CoverageFormatError("\(name):\(index + 1): unreadable block \(String(raw).debugDescription)") }
            guard let file = repoRelative(block.file) else { continue }
            for line in block.lines { coverage.record(file, line: line, ran: block.count > 0) }
        }
        return coverage
    }

    private func repoRelative(_ file: String) -> String? {
        if let modulePath, file.hasPrefix(modulePath + "/") { return paths.repoRelative(String(file.dropFirst(modulePath.count + 1))) }
        if file.hasPrefix("/") { return paths.repoRelative(file) }
        if file.hasPrefix("_/") { return paths.repoRelative(String(file.dropFirst())) }
        return nil
    }

    /// `file:12.3,14.2 2 1` → the file, lines 12...14 and the count.
    static func block(_ line: Substring) -> (file: String, lines: ClosedRange<Int>, count: Int)? {
        guard let colon = line.lastIndex(of: ":") else { return nil }
        let fields = line[line.index(after: colon)...].split(separator: " ")
        guard fields.count == 3, let count = Int(fields[2]) else { return nil }
        let span = fields[0].split(separator: ",")
        guard span.count == 2, let start = span[0].split(separator: ".").first.flatMap({ Int($0) }),
            let end = span[1].split(separator: ".").first.flatMap({ Int($0) }), start > 0, start <= end else { return nil }
        return (String(line[..<colon]), start...end, count)
    }
}
