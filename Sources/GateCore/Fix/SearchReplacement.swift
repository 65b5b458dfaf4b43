import Foundation

/// Replaces one SEARCH text in a file's content: first an exact match starting at a line start, then a match that ignores
/// leading and trailing whitespace on each line (re-indenting the replacement by the difference).
/// Either must match exactly once.
enum SearchReplacement {
    /// Why a replacement failed.
    enum Failure: Error, Equatable {
        case notFound
        case ambiguous(matches: Int)
    }

    static func apply(search: String, replace: String, in content: String) throws(Failure) -> String {
        let addsFinalNewline = !content.isEmpty && !content.hasSuffix("\n")
        let text = addsFinalNewline ? content + "\n" : content
        var result: String
        if let exactResult = try exact(search: search, replace: replace, in: text) {
            result = exactResult
        } else {
            result = try tolerant(search: search, replace: replace, in: text)
        }
        if addsFinalNewline && result.hasSuffix("\n") { result.removeLast() }
        return result
    }

    private static func exact(search: String, replace: String, in text: String) throws(Failure) -> String? {
        var matches: [Range<String.Index>] = []
        var start = text.startIndex
        while let found = text.range(of: search, range: start..<text.endIndex) {
            if found.lowerBound == text.startIndex || text[text.index(before: found.lowerBound)] == "\n" {
                matches.append(found)
            }
            start = text.index(after: found.lowerBound)
        }
        switch matches.count {
        case 0: return nil
        case 1: return text.replacingCharacters(in: matches[0], with: replace)
        default: throw .ambiguous(matches: matches.count)
        }
    }

    private static func tolerant(search: String, replace: String, in text: String) throws(Failure) -> String {
        let fileLines = lines(of: text)
        let searchLines = lines(of: search)
        let wanted = searchLines.map { $0.trimmingCharacters(in: .whitespaces) }
        guard !searchLines.isEmpty, wanted.contains(where: { !$0.isEmpty }), searchLines.count <= fileLines.count else {
            throw .notFound
        }
        let starts = (0...(fileLines.count - searchLines.count)).filter { start in
            wanted.indices.allSatisfy { fileLines[start + $0].trimmingCharacters(in: .whitespaces) == wanted[$0] }
        }
        guard let start = starts.first else { throw .notFound }
        guard starts.count == 1 else { throw .ambiguous(matches: starts.count) }

        let anchor = wanted.firstIndex { !$0.isEmpty } ?? 0
        let replacement = reindent(lines(of: replace), from: indentation(searchLines[anchor]), to: indentation(fileLines[start + anchor]))
        let merged = Array(fileLines[..<start]) + replacement + Array(fileLines[(start + searchLines.count)...])
        return merged.map { $0 + "\n" }.joined()
    }

    /// Shifts every non-blank line from the SEARCH text's indentation to the file's.
    private static func reindent(_ lines: [String], from searchIndent: String, to fileIndent: String) -> [String] {
        lines.map { line in
            if line.trimmingCharacters(in: .whitespaces).isEmpty { return line }
            if fileIndent.hasPrefix(searchIndent) {
                return String(fileIndent.dropFirst(searchIndent.count)) + line
            }
            if searchIndent.hasPrefix(fileIndent) {
                let excess = searchIndent.count - fileIndent.count
                let removable = line.prefix { $0 == " " || $0 == "\t" }.count
                return String(line.dropFirst(min(excess, removable)))
            }
            return line.hasPrefix(searchIndent) ? fileIndent + line.dropFirst(searchIndent.count) : line
        }
    }

    private static func lines(of text: String) -> [String] {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    private static func indentation(_ line: String) -> String {
        String(line.prefix { $0 == " " || $0 == "\t" })
    }
}
