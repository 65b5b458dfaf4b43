import Foundation

/// Turns the lines of one fenced unified diff into edits, one per hunk.
struct UnifiedDiffReader {
    let lines: [String]

    func edits() throws -> [FileEdit] {
        var edits: [FileEdit] = []
        var path: String?
        var createsFile = false
        var hunk: [String] = []
        var inHunk = false
        var hunkNumber = 0

        func flush() throws {
            defer { hunk = []; inHunk = false }
            while hunk.last == "" { hunk.removeLast() }
            guard !hunk.isEmpty else { return }
            hunkNumber += 1
            guard let path else {
                throw EditParseError.malformedDiff(path: nil, detail: "a hunk comes before any `--- a/file` / `+++ b/file` header")
            }
            var search = "", replace = ""
            for line in hunk {
                let marker = line.first
                let content = marker == "+" || marker == "-" || marker == " " ? String(line.dropFirst()) : line
                if marker != "+" { search += content + "\n" }
                if marker != "-" { replace += content + "\n" }
            }
            if createsFile {
                edits.append(FileEdit(path: path, search: "", replace: replace))
            } else {
                guard !search.isEmpty else {
                    throw EditParseError.malformedDiff(path: path, detail: "hunk \(hunkNumber) has no context or removed lines to locate it")
                }
                edits.append(FileEdit(path: path, search: search, replace: replace))
            }
        }

        var index = 0
        while index < lines.count {
            let line = lines[index]
            if line.hasPrefix("--- "), index + 1 < lines.count, lines[index + 1].hasPrefix("+++ ") {
                try flush()
                let old = Self.path(from: line)
                let new = Self.path(from: lines[index + 1])
                guard let new else {
                    throw EditParseError.malformedDiff(path: old, detail: "deleting a file is not supported")
                }
                path = new
                createsFile = old == nil
                hunkNumber = 0
                index += 2
                continue
            }
            if line.hasPrefix("@@") {
                try flush()
                inHunk = true
            } else if line.hasPrefix("diff --git") || line.hasPrefix("index ") || line.hasPrefix("\\") {
                if !line.hasPrefix("\\") { try flush() }
            } else if inHunk || (path != nil && (line.hasPrefix("+") || line.hasPrefix("-") || line.hasPrefix(" "))) {
                inHunk = true
                hunk.append(line)
            }
            index += 1
        }
        try flush()
        guard !edits.isEmpty else {
            throw EditParseError.malformedDiff(path: path, detail: "it has no `--- a/file` / `+++ b/file` header or no hunks")
        }
        return edits
    }

    /// The repository path in a `---`/`+++` header, without `a/`/`b/` and any timestamp; nil for /dev/null.
    static func path(from header: String) -> String? {
        var text = String(header.dropFirst(4))
        if let tab = text.firstIndex(of: "\t") { text = String(text[..<tab]) }
        text = text.trimmingCharacters(in: .whitespaces)
        if text == "/dev/null" { return nil }
        if text.hasPrefix("a/") || text.hasPrefix("b/") { text.removeFirst(2) }
        return text
    }
}
