/// The directives of a `go.mod`: single lines and `( … )` blocks, `//` comments dropped except `// indirect`.
struct GoModFile: Equatable {
    var module: String?
    /// `go`, `toolchain`, `godebug`: verb → its lines as written.
    var settings: [String: [String]] = [:]
    /// Module path → version, for `require`.
    var requires: [String: String] = [:]
    var indirect: Set<String> = []
    var replaces: [String] = []
    var excludes: [String] = []
    var retracts: [String] = []

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func read(_ bytes: [UInt8]) throws -> GoModFile {
        var file = GoModFile()
        var block: String?
        for raw in String(decoding: bytes, as: UTF8.self).split(whereSeparator: { $0 == "\n" || $0 == "\r" }) {
            var line = Substring(raw)
            var isIndirect = false
            if let comment = line.range(of: "//") {
                isIndirect = line[comment.upperBound...].trimmingPrefix(" ").hasPrefix("indirect")
                line = line[..<comment.lowerBound]
            }
            var words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            if words.isEmpty { continue }
            if block != nil, words == [")"] { block = nil; continue }
            if let verb = block { words.insert(verb, at: 0) }
            else if words.count == 2, words[1] == "(" { block = words[0]; continue }
            try file.add(words, indirect: isIndirect)
        }
        if let block { throw Failure(description: "the \(block) block is not closed") }
        return file
    }

    private mutating func add(_ words: [String], indirect isIndirect: Bool) throws {
        let rest = words.dropFirst().joined(separator: " ")
        switch words[0] {
        case "module": module = rest
        case "go", "toolchain", "godebug": settings[words[0], default: []].append(rest)
        case "require":
            guard words.count == 3 else { throw Failure(description: "a require line gate cannot read: \(rest)") }
            requires[Self.unquoted(words[1])] = words[2]
            if isIndirect { indirect.insert(Self.unquoted(words[1])) }
        case "replace": replaces.append(rest)
        case "exclude": excludes.append(rest)
        case "retract": retracts.append(rest)
        case "tool", "ignore": settings[words[0], default: []].append(rest)
        default: throw Failure(description: "an unknown directive '\(words[0])'")
        }
    }

    private static func unquoted(_ word: String) -> String {
        word.hasPrefix("\"") && word.hasSuffix("\"") && word.count >= 2 ? String(word.dropFirst().dropLast()) : word
    }
}
