import Foundation

/// Reads the edits out of a model's reply: Aider-style SEARCH/REPLACE blocks and fenced unified diffs.
///
/// A SEARCH/REPLACE block names its file on the line before `<<<<<<< SEARCH` (a ```lang fence
/// may sit between); a later block without a path reuses the previous one. An empty SEARCH
/// creates a file. Each hunk of a ```diff block becomes one edit: its context and removed lines
/// are the search text, its context and added lines the replacement; line numbers are ignored.
public struct EditReplyParser: Sendable {
    public init() {}

    public func parse(_ reply: String) throws -> [FileEdit] {
        let lines = reply.replacingOccurrences(of: "\r\n", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var edits: [FileEdit] = []
        var block = 0
        var lastPath: String?
        var index = 0
        while index < lines.count {
            let line = lines[index]
            if Self.isSearchMarker(line) {
                block += 1
                guard let path = pathBefore(index, in: lines) ?? lastPath else {
                    throw EditParseError.missingPath(block: block)
                }
                var search: [String] = []
                index += 1
                while index < lines.count, !Self.isDivider(lines[index]) {
                    if Self.isSearchMarker(lines[index]) || Self.isReplaceMarker(lines[index]) {
                        throw EditParseError.unterminatedBlock(block: block, path: path, expected: "=======")
                    }
                    search.append(lines[index])
                    index += 1
                }
                guard index < lines.count else {
                    throw EditParseError.unterminatedBlock(block: block, path: path, expected: "=======")
                }
                var replace: [String] = []
                index += 1
                while index < lines.count, !Self.isReplaceMarker(lines[index]) {
                    if Self.isSearchMarker(lines[index]) {
                        throw EditParseError.unterminatedBlock(block: block, path: path, expected: ">>>>>>> REPLACE")
                    }
                    replace.append(lines[index])
                    index += 1
                }
                guard index < lines.count else {
                    throw EditParseError.unterminatedBlock(block: block, path: path, expected: ">>>>>>> REPLACE")
                }
                edits.append(FileEdit(path: path, search: Self.text(search), replace: Self.text(replace)))
                lastPath = path
                index += 1
            } else if Self.isDiffFence(line) {
                let end = lines[(index + 1)...].firstIndex { $0.trimmingCharacters(in: .whitespaces) == "```" } ?? lines.count
                let body = Array(lines[(index + 1)..<end])
                if body.contains(where: Self.isSearchMarker) {
                    index += 1
                } else {
                    edits += try UnifiedDiffReader(lines: body).edits()
                    index = end + 1
                }
            } else {
                index += 1
            }
        }
        guard !edits.isEmpty else { throw EditParseError.noEdits }
        return edits
    }

    /// The path on the nearest meaningful line above a SEARCH marker, skipping blank and fence lines;
    /// nil when that line ends an earlier block or reads like prose.
    private func pathBefore(_ index: Int, in lines: [String]) -> String? {
        var cursor = index - 1
        while cursor >= 0 {
            let trimmed = lines[cursor].trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("```") {
                cursor -= 1
                continue
            }
            if Self.isReplaceMarker(trimmed) { return nil }
            let cleaned = trimmed.trimmingCharacters(in: CharacterSet(charactersIn: "#*`:'\" \t"))
            if cleaned.isEmpty || cleaned.contains(where: \.isWhitespace) { return nil }
            return cleaned
        }
        return nil
    }

    private static func text(_ lines: [String]) -> String {
        lines.map { $0 + "\n" }.joined()
    }

    private static func isSearchMarker(_ line: String) -> Bool {
        marker(line, character: "<", word: "SEARCH")
    }

    private static func isReplaceMarker(_ line: String) -> Bool {
        marker(line, character: ">", word: "REPLACE")
    }

    private static func isDivider(_ line: String) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        return (5...9).contains(trimmed.count) && trimmed.allSatisfy { $0 == "=" }
    }

    private static func marker(_ line: String, character: Character, word: String) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        let run = trimmed.prefix { $0 == character }
        guard (5...9).contains(run.count) else { return false }
        return trimmed.dropFirst(run.count).trimmingCharacters(in: .whitespaces) == word
    }

    private static func isDiffFence(_ line: String) -> Bool {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        return ["```diff", "```patch", "```udiff"].contains(trimmed)
    }
}
