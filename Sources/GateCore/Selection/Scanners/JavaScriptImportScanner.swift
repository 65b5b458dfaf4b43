/// Reads the module specifiers of a JavaScript or TypeScript file with a byte-level lexer.
///
/// Finds `import … from '…'`, `import '…'`, `import type`, `export * from`, `export {…} from`,
/// `require('…')` and dynamic `import('…')`. Comments, strings, template literals (including nested
/// `${}` expressions) and regular expression literals are skipped; a `/` is read as a regex where an
/// operand may start (best effort). A quote that does not close on its line is taken as JSX text.
/// Unterminated comments, templates or unbalanced brackets make the file unparseable.
public enum JavaScriptImportScanner {
    public static func scan(_ bytes: [UInt8]) -> SourceScan {
        bytes.withUnsafeBufferPointer { buffer in
            if ByteClass.looksBinary(buffer) { return .failed }
            var lexer = Lexer(bytes: buffer)
            guard let tokens = lexer.tokenize() else { return .failed }
            let specifiers = findSpecifiers(buffer, tokens)
            return SourceScan(imports: specifiers.map { ImportStatement(module: $0) })
        }
    }

    struct Token {
        enum Kind: UInt8 { case identifier, string, template, number, otherLiteral, punctuator }
        var kind: Kind
        /// For strings and templates, the content without quotes.
        var start: Int
        var end: Int
        /// For punctuators, the byte.
        var byte: UInt8 = 0
    }

    struct Lexer {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0
        var tokens: [Token] = []
        /// Open brackets; `0` marks a template substitution `${`.
        var brackets: [UInt8] = []

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
            tokens.reserveCapacity(bytes.count / 4)
        }

        mutating func tokenize() -> [Token]? {
            let count = bytes.count
            if count > 1, bytes[0] == UInt8(ascii: "#"), bytes[1] == UInt8(ascii: "!") { skipLine() }
            while index < count {
                let byte = bytes[index]
                let start = index
                switch byte {
                case 0x20, 0x09, 0x0A, 0x0D, 0x0B, 0x0C:
                    index += 1
                case UInt8(ascii: "/"):
                    let next = index + 1 < count ? bytes[index + 1] : 0
                    if next == UInt8(ascii: "/") {
                        skipLine()
                    } else if next == UInt8(ascii: "*") {
                        guard skipBlockComment() else { return nil }
                    } else if regexAllowed(), scanRegex() {
                        tokens.append(Token(kind: .otherLiteral, start: start, end: index))
                    } else {
                        index = start + 1
                        punctuator(byte, start)
                    }
                case UInt8(ascii: "'"), UInt8(ascii: "\""):
                    if scanQuoted(byte) {
                        tokens.append(Token(kind: .string, start: start + 1, end: index - 1))
                    } else {
                        index = start + 1
                        punctuator(byte, start)
                    }
                case UInt8(ascii: "`"):
                    index += 1
                    guard let closed = scanTemplate() else { return nil }
                    if closed { tokens.append(Token(kind: .template, start: start + 1, end: index - 1)) }
                case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
                    brackets.append(byte)
                    index += 1
                    punctuator(byte, start)
                case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
                    guard let open = brackets.popLast() else { return nil }
                    index += 1
                    if open == 0, byte == UInt8(ascii: "}") {
                        guard let closed = scanTemplate() else { return nil }
                        if closed { tokens.append(Token(kind: .otherLiteral, start: start, end: index)) }
                        continue
                    }
                    guard Lexer.closer(of: open) == byte else { return nil }
                    punctuator(byte, start)
                default:
                    if ByteClass.isDigit(byte)
                        || (byte == UInt8(ascii: ".") && index + 1 < count && ByteClass.isDigit(bytes[index + 1]))
                    {
                        while index < count, ByteClass.isIdentifierContinue(bytes[index]) || bytes[index] == UInt8(ascii: ".") {
                            index += 1
                        }
                        tokens.append(Token(kind: .number, start: start, end: index))
                    } else if ByteClass.isIdentifierStart(byte) || byte == UInt8(ascii: "$") || byte == UInt8(ascii: "#") {
                        index += 1
                        while index < count, ByteClass.isIdentifierContinue(bytes[index]) || bytes[index] == UInt8(ascii: "$") {
                            index += 1
                        }
                        tokens.append(Token(kind: .identifier, start: start, end: index))
                    } else {
                        index += 1
                        punctuator(byte, start)
                    }
                }
            }
            return brackets.isEmpty ? tokens : nil
        }

        private mutating func punctuator(_ byte: UInt8, _ start: Int) {
            tokens.append(Token(kind: .punctuator, start: start, end: start + 1, byte: byte))
        }

        private mutating func skipLine() {
            while index < bytes.count, !ByteClass.isNewline(bytes[index]) { index += 1 }
        }

        private mutating func skipBlockComment() -> Bool {
            index += 2
            while index + 1 < bytes.count {
                if bytes[index] == UInt8(ascii: "*"), bytes[index + 1] == UInt8(ascii: "/") {
                    index += 2
                    return true
                }
                index += 1
            }
            return false
        }

        private static func closer(of open: UInt8) -> UInt8 {
            switch open {
            case UInt8(ascii: "("): UInt8(ascii: ")")
            case UInt8(ascii: "["): UInt8(ascii: "]")
            default: UInt8(ascii: "}")
            }
        }

        private static let operandKeywords: [StaticString] = [
            "return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw", "case", "do", "else",
            "yield", "await",
        ]

        /// Whether a `/` here starts a regular expression: where an operand, not an operator, is expected.
        private func regexAllowed() -> Bool {
            guard let previous = tokens.last else { return true }
            switch previous.kind {
            case .number, .string, .template, .otherLiteral:
                return false
            case .identifier:
                return Lexer.operandKeywords.contains { ByteClass.matches(bytes, previous.start, previous.end, $0) }
            case .punctuator:
                return previous.byte != UInt8(ascii: ")") && previous.byte != UInt8(ascii: "]")
                    && previous.byte != UInt8(ascii: "}")
            }
        }

        /// Scans `/…/flags`; false (index unspecified) when no regex ends on this line.
        private mutating func scanRegex() -> Bool {
            index += 1
            var inClass = false
            while index < bytes.count {
                let byte = bytes[index]
                if ByteClass.isNewline(byte) { return false }
                if byte == UInt8(ascii: "\\") {
                    index += 2
                    continue
                }
                index += 1
                if byte == UInt8(ascii: "[") {
                    inClass = true
                } else if byte == UInt8(ascii: "]") {
                    inClass = false
                } else if byte == UInt8(ascii: "/"), !inClass {
                    while index < bytes.count, ByteClass.isIdentifierContinue(bytes[index]) { index += 1 }
                    return true
                }
            }
            return false
        }

        /// Scans a quoted string; false when it does not close on its line.
        private mutating func scanQuoted(_ quote: UInt8) -> Bool {
            index += 1
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\\") {
                    index += 2
                    if index < bytes.count, bytes[index - 1] == 0x0D, bytes[index] == 0x0A { index += 1 }
                    continue
                }
                if ByteClass.isNewline(byte) { return false }
                index += 1
                if byte == quote { return true }
            }
            return false
        }

        /// Scans template text after a backtick or a closing `}` of a substitution.
        /// Returns true at the closing backtick, false at a `${` (pushed), nil at end of input.
        private mutating func scanTemplate() -> Bool? {
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\\") {
                    index += 2
                    continue
                }
                index += 1
                if byte == UInt8(ascii: "`") { return true }
                if byte == UInt8(ascii: "$"), index < bytes.count, bytes[index] == UInt8(ascii: "{") {
                    index += 1
                    brackets.append(0)
                    tokens.append(Token(kind: .punctuator, start: index - 2, end: index, byte: UInt8(ascii: "(")))
                    return false
                }
            }
            return nil
        }
    }

    /// Walks the tokens and collects module specifiers in order, without duplicates.
    static func findSpecifiers(_ bytes: UnsafeBufferPointer<UInt8>, _ tokens: [Token]) -> [String] {
        var found: [String] = []
        var seen = Set<String>()
        func record(_ token: Token) {
            let specifier = ByteClass.string(bytes, token.start, token.end)
            if seen.insert(specifier).inserted { found.append(specifier) }
        }
        func isWord(_ position: Int, _ word: StaticString) -> Bool {
            position < tokens.count && tokens[position].kind == .identifier
                && ByteClass.matches(bytes, tokens[position].start, tokens[position].end, word)
        }
        func isPunctuator(_ position: Int, _ byte: Character) -> Bool {
            position >= 0 && position < tokens.count && tokens[position].kind == .punctuator
                && tokens[position].byte == byte.asciiValue!
        }
        func isSpecifier(_ position: Int) -> Bool {
            position < tokens.count && (tokens[position].kind == .string || tokens[position].kind == .template)
        }
        /// Looks ahead from `position` for `from '<specifier>'` before the statement ends.
        func fromClause(after position: Int) {
            var cursor = position
            let limit = min(tokens.count, position + 512)
            while cursor < limit {
                let token = tokens[cursor]
                if isWord(cursor, "from"), isSpecifier(cursor + 1) {
                    record(tokens[cursor + 1])
                    return
                }
                if token.kind == .string || token.kind == .template || isPunctuator(cursor, ";") { return }
                if isWord(cursor, "require") || isWord(cursor, "import") || isWord(cursor, "export")
                    || isWord(cursor, "const") || isWord(cursor, "function") || isWord(cursor, "class")
                    || isWord(cursor, "let") || isWord(cursor, "var")
                {
                    return
                }
                cursor += 1
            }
        }

        for position in tokens.indices where tokens[position].kind == .identifier {
            // `x.require(…)` is a member, not the module loader; `...require(…)` (spread) is the loader.
            if isPunctuator(position - 1, "."), !isPunctuator(position - 2, ".") { continue }
            if isWord(position, "import") {
                if isPunctuator(position + 1, "("), isSpecifier(position + 2) {
                    record(tokens[position + 2])
                } else if isSpecifier(position + 1) {
                    record(tokens[position + 1])
                } else if !isPunctuator(position + 1, ".") && !isPunctuator(position + 1, "(") {
                    fromClause(after: position + 1)
                }
            } else if isWord(position, "export") {
                var next = position + 1
                if isWord(next, "type") { next += 1 }
                if isPunctuator(next, "*") || isPunctuator(next, "{") { fromClause(after: next) }
            } else if isWord(position, "require"), isPunctuator(position + 1, "("), isSpecifier(position + 2),
                isPunctuator(position + 3, ")")
            {
                record(tokens[position + 2])
            }
        }
        return found
    }
}
