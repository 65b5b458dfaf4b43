/// A path glob as `.gate.yml` writes them: `*` (within one path component), `**` (any number of
/// components), `?` (one character but `/`), `[abc]`, `[a-z]`, `[!x]`/`[^x]`, `\` escapes.
/// A pattern without `/` matches any single component (`*.md`, `node_modules`), like `.gitignore`;
/// with a `/` it matches the whole repo path; a leading `/` anchors a pattern to the root, a trailing `/` means everything below.
public struct GlobPattern: Sendable, Hashable {
    public let pattern: String
    private let bytes: [UInt8]
    private let matchesComponent: Bool

    public init(_ pattern: String) {
        self.pattern = pattern
        var text = pattern
        let anchored = text.hasPrefix("/")
        if anchored { text.removeFirst() }
        if text.hasSuffix("/") { text += "**" }
        matchesComponent = !anchored && !text.contains("/")
        bytes = Array(text.utf8)
    }

    public func matches(_ path: String) -> Bool {
        let subject = Array(path.utf8)
        if !matchesComponent { return GlobPattern.match(bytes[...], subject[...]) }
        return subject.split(separator: UInt8(ascii: "/")).contains { GlobPattern.match(bytes[...], $0) }
    }

    private static let slash = UInt8(ascii: "/")

    private static func match(_ pattern: ArraySlice<UInt8>, _ subject: ArraySlice<UInt8>) -> Bool {
        var pattern = pattern
        var subject = subject
        while let token = pattern.first {
            switch token {
            case UInt8(ascii: "*"):
                if pattern.dropFirst().first == UInt8(ascii: "*") {
                    var rest = pattern.dropFirst(2)
                    if rest.first == slash {
                        rest = rest.dropFirst()
                        if match(rest, subject) { return true }
                        var cursor = subject
                        while let slashIndex = cursor.firstIndex(of: slash) {
                            cursor = subject[(slashIndex + 1)...]
                            if match(rest, cursor) { return true }
                        }
                        return false
                    }
                    var cursor = subject
                    while true {
                        if match(rest, cursor) { return true }
                        if cursor.isEmpty { return false }
                        cursor = cursor.dropFirst()
                    }
                }
                let rest = pattern.dropFirst()
                var cursor = subject
                while true {
                    if match(rest, cursor) { return true }
                    guard let next = cursor.first, next != slash else { return false }
                    cursor = cursor.dropFirst()
                }
            case UInt8(ascii: "?"):
                guard let next = subject.first, next != slash else { return false }
                pattern = pattern.dropFirst()
                subject = subject.dropFirst()
                while let continuation = subject.first, continuation & 0xC0 == 0x80 { subject = subject.dropFirst() }
            case UInt8(ascii: "["):
                guard let next = subject.first, next != slash,
                    let (matched, rest) = matchClass(pattern.dropFirst(), next)
                else { return false }
                guard matched else { return false }
                pattern = rest
                subject = subject.dropFirst()
            case UInt8(ascii: "\\") where pattern.count > 1:
                guard subject.first == pattern[pattern.startIndex + 1] else { return false }
                pattern = pattern.dropFirst(2)
                subject = subject.dropFirst()
            default:
                guard subject.first == token else { return false }
                pattern = pattern.dropFirst()
                subject = subject.dropFirst()
            }
        }
        return subject.isEmpty
    }

    /// Matches `byte` against a class body after `[`; returns whether it matched and the pattern after `]`,
    /// or nil when the class is not closed.
    private static func matchClass(_ body: ArraySlice<UInt8>, _ byte: UInt8) -> (Bool, ArraySlice<UInt8>)? {
        var cursor = body
        var negated = false
        if cursor.first == UInt8(ascii: "!") || cursor.first == UInt8(ascii: "^") {
            negated = true
            cursor = cursor.dropFirst()
        }
        var matched = false
        var first = true
        while let current = cursor.first {
            if current == UInt8(ascii: "]"), !first { return (matched != negated, cursor.dropFirst()) }
            first = false
            cursor = cursor.dropFirst()
            if cursor.first == UInt8(ascii: "-"), cursor.count > 1, cursor[cursor.startIndex + 1] != UInt8(ascii: "]") {
                let upper = cursor[cursor.startIndex + 1]
                if current <= byte && byte <= upper { matched = true }
                cursor = cursor.dropFirst(2)
            } else if current == byte {
                matched = true
            }
        }
        return nil
    }
}
