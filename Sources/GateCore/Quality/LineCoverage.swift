/// What a coverage tool measured: per repository-relative file, the lines it counts as executable and those that ran.
public struct LineCoverage: Sendable, Equatable {
    public struct FileLines: Sendable, Equatable {
        public var executable: Set<Int> = []
        public var covered: Set<Int> = []
    }

    public var files: [String: FileLines] = [:]

    public init() {}

    /// Records one executable line; a line that ran in any run stays covered.
    public mutating func record(_ path: String, line: Int, ran: Bool) {
        files[path, default: FileLines()].executable.insert(line)
        if ran { files[path, default: FileLines()].covered.insert(line) }
    }

    /// Both measurements together: executable and covered lines are united per file.
    public mutating func merge(_ other: LineCoverage) {
        for (path, lines) in other.files {
            files[path, default: FileLines()].executable.formUnion(lines.executable)
            files[path, default: FileLines()].covered.formUnion(lines.covered)
        }
    }

    /// Executable and covered line counts over every file.
    public var totals: (executable: Int, covered: Int) {
        files.values.reduce((0, 0)) { ($0.0 + $1.executable.count, $0.1 + $1.covered.intersection($1.executable).count) }
    }
}
