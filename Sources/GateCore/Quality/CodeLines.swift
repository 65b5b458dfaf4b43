/// Lines of C-like source (Go, JavaScript/TypeScript, Swift) that hold no code: blank, comment-only, or only closing
/// brackets. node counts every line of a file and Go and llvm-cov count every line a block spans, comments included;
/// gate drops these so a comment or a blank line never counts as an uncovered change. Strings that contain `/*` can
/// fool the scan; it only ever removes lines, never adds them.
enum CodeLines {
    static func nonCode(in text: String) -> Set<Int> {
        var result = Set<Int>()
        var inBlockComment = false
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = Substring(raw)
            var hasCode = false
            while !rest.isEmpty {
                if inBlockComment {
                    guard let end = rest.range(of: "*/") else { rest = ""; break }
                    rest = rest[end.upperBound...]
                    inBlockComment = false
                    continue
                }
                rest = rest.drop(while: { $0 == " " || $0 == "\t" || $0 == "\r" })
                if rest.hasPrefix("//") || rest.isEmpty { break }
                if rest.hasPrefix("/*") { inBlockComment = true; rest = rest.dropFirst(2); continue }
                let code = rest.prefix { $0 != "/" }
                if code.contains(where: { !"}]);, \t\r".contains($0) }) { hasCode = true; break }
                rest = rest.dropFirst(max(code.count, 1))
                if !code.isEmpty { continue }
                hasCode = true  // a lone `/` (division, regex): code
                break
            }
            if !hasCode { result.insert(index + 1) }
        }
        return result
    }
}
