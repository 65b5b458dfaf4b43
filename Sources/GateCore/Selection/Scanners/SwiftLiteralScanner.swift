/// Reads the name-like string literals of a Swift test file with a byte-level lexer: the strings a test could
/// use to run an executable or plugin (`"tool"`, `dir.appendingPathComponent("tool")`, `".build/debug/tool"`).
///
/// Comments are skipped; single-line, multi-line and raw (`#"…"#`) literals are read, and the code inside
/// interpolations is lexed too. Interpolations and escapes split a literal into segments; each segment counts
/// itself and its last `/` component when name-like: 1–100 bytes of letters, digits, `_`, `-`, `.`, `+` or
/// non-ASCII. A segment holding a command line (`"tool 1 2 3"`) also counts its first word, and that word's last
/// `/` component, the same way. A file that looks binary has none; an unterminated literal ends at its line.
///
/// In code (not comments or literals) it notes whether an identifier of a process-launching API appears
/// (`launchingIdentifiers`): such a test may run an executable whose name it computes.
public enum SwiftLiteralScanner {
    /// Identifiers of the APIs a Swift test launches a process with: Foundation's `Process` (`NSTask`), swift-tools-support's
    /// `Process`, the C calls, `swift-subprocess` and ShellOut.
    static let launchingIdentifiers: Set<String> = [
        "Process", "NSTask", "posix_spawn", "posix_spawnp", "execv", "execve", "execvp", "execl", "execlp", "fork",
        "vfork", "system", "popen", "Subprocess", "shellOut",
    ]

    public static func scan(_ bytes: [UInt8]) -> SourceScan {
        bytes.withUnsafeBufferPointer { buffer in
            if ByteClass.looksBinary(buffer) { return SourceScan() }
            var lexer = Lexer(bytes: buffer)
            lexer.code(nested: false)
            return SourceScan(names: lexer.names.sorted(), launchesProcesses: lexer.launchesProcesses)
        }
    }

    struct Lexer {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0
        var names = Set<String>()
        var launchesProcesses = false

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        /// Code up to the end or, inside an interpolation (`nested`), past its closing parenthesis.
        mutating func code(nested: Bool) {
            var depth = 0
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "/"):
                    if byte(at: index + 1) == UInt8(ascii: "/") {
                        while index < bytes.count, !ByteClass.isNewline(bytes[index]) { index += 1 }
                    } else if byte(at: index + 1) == UInt8(ascii: "*") {
                        blockComment()
                    } else {
                        index += 1
                    }
                case UInt8(ascii: "\""):
                    string(hashes: 0)
                case UInt8(ascii: "#"):
                    var hashes = 0
                    while byte(at: index) == UInt8(ascii: "#") {
                        hashes += 1
                        index += 1
                    }
                    if byte(at: index) == UInt8(ascii: "\"") { string(hashes: hashes) }
                case UInt8(ascii: "("):
                    depth += 1
                    index += 1
                case UInt8(ascii: ")"):
                    index += 1
                    if nested && depth == 0 { return }
                    depth -= 1
                default:
                    if ByteClass.isIdentifierStart(bytes[index]) {
                        identifier()
                    } else {
                        index += 1
                    }
                }
            }
        }

        /// An identifier starting at `index`: notes a process-launching one.
        private mutating func identifier() {
            let start = index
            while index < bytes.count, ByteClass.isIdentifierContinue(bytes[index]) { index += 1 }
            if !launchesProcesses, index - start <= 12,
                SwiftLiteralScanner.launchingIdentifiers.contains(ByteClass.string(bytes, start, index))
            {
                launchesProcesses = true
            }
        }

        /// `/* … */`, nested ones included; `index` is at the slash.
        private mutating func blockComment() {
            var depth = 0
            while index < bytes.count {
                if bytes[index] == UInt8(ascii: "/"), byte(at: index + 1) == UInt8(ascii: "*") {
                    depth += 1
                    index += 2
                } else if bytes[index] == UInt8(ascii: "*"), byte(at: index + 1) == UInt8(ascii: "/") {
                    depth -= 1
                    index += 2
                    if depth == 0 { return }
                } else {
                    index += 1
                }
            }
        }

        /// A literal whose first quote is at `index`, opened with `hashes` `#` (already passed).
        private mutating func string(hashes: Int) {
            let multiline = byte(at: index + 1) == UInt8(ascii: "\"") && byte(at: index + 2) == UInt8(ascii: "\"")
            let quotes = multiline ? 3 : 1
            index += quotes
            var segment = index
            while index < bytes.count {
                let current = bytes[index]
                if current == UInt8(ascii: "\\"), hashRun(from: index + 1, count: hashes) {
                    record(segment, index)
                    index += 1 + hashes
                    if byte(at: index) == UInt8(ascii: "(") {
                        index += 1
                        code(nested: true)
                    } else {
                        index += 1
                    }
                    segment = index
                } else if current == UInt8(ascii: "\""), closes(at: index, quotes: quotes, hashes: hashes) {
                    record(segment, index)
                    index += quotes + hashes
                    return
                } else if !multiline, ByteClass.isNewline(current) {
                    return
                } else {
                    index += 1
                }
            }
        }

        /// Whether `count` quotes then `hashes` `#` start at `position`.
        private func closes(at position: Int, quotes: Int, hashes: Int) -> Bool {
            for offset in 0..<quotes where byte(at: position + offset) != UInt8(ascii: "\"") { return false }
            return hashRun(from: position + quotes, count: hashes)
        }

        private func hashRun(from position: Int, count: Int) -> Bool {
            for offset in 0..<count where byte(at: position + offset) != UInt8(ascii: "#") { return false }
            return true
        }

        private func byte(at position: Int) -> UInt8? {
            position < bytes.count ? bytes[position] : nil
        }

        /// Keeps `bytes[start..<end]` and its last `/` component when name-like; for a command line, its first word.
        private mutating func record(_ start: Int, _ end: Int) {
            var first = start
            while first < end, ByteClass.isInlineSpace(bytes[first]) { first += 1 }
            var wordEnd = first
            while wordEnd < end, !ByteClass.isInlineSpace(bytes[wordEnd]), !ByteClass.isNewline(bytes[wordEnd]) { wordEnd += 1 }
            if wordEnd < end, wordEnd > first { recordName(first, wordEnd) }
            recordName(start, end)
        }

        /// Keeps `bytes[start..<end]` and its last `/` component when name-like.
        private mutating func recordName(_ start: Int, _ end: Int) {
            var component = start
            for position in start..<end where bytes[position] == UInt8(ascii: "/") { component = position + 1 }
            if isNameLike(start, end) { names.insert(ByteClass.string(bytes, start, end)) }
            if component > start, isNameLike(component, end) { names.insert(ByteClass.string(bytes, component, end)) }
        }

        private func isNameLike(_ start: Int, _ end: Int) -> Bool {
            guard end > start, end - start <= 100 else { return false }
            for position in start..<end {
                let byte = bytes[position]
                guard ByteClass.isIdentifierContinue(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
                    || byte == UInt8(ascii: "+")
                else { return false }
            }
            return true
        }
    }
}
