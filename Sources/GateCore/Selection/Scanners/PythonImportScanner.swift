/// Reads the imports of a Python file with a byte-level lexer.
///
/// Strings (all prefixes, triple-quoted, f-strings with nested expressions) and comments are skipped,
/// so import-looking text inside them is not an import. Imports anywhere count (inside functions,
/// `try` blocks, after `if x:`). Unterminated strings, unbalanced brackets and binary content make
/// the file unparseable.
public enum PythonImportScanner {
    public static func scan(_ bytes: [UInt8]) -> SourceScan {
        bytes.withUnsafeBufferPointer { buffer in
            if ByteClass.looksBinary(buffer) { return .failed }
            var lexer = Lexer(bytes: buffer)
            guard let tokens = lexer.tokenize() else { return .failed }
            var parser = Parser(bytes: buffer, tokens: tokens)
            let imports = parser.parse()
            return SourceScan(imports: imports, launchesProcesses: launchesProcesses(imports, tokens: tokens, bytes: buffer),
                              readsSignatures: readsSignatures(tokens: tokens, bytes: buffer))
        }
    }

    /// Modules whose import means the file may run code in another process, where coverage cannot see it.
    static let processModules: Set<String> = ["subprocess", "multiprocessing", "pty", "pexpect", "sh", "plumbum"]
    /// `os.<name>` and `sys.<name>` that start or name another Python process.
    static let processAttributes: Set<String> = [
        "os.system", "os.popen", "os.fork", "os.forkpty", "os.posix_spawn", "os.posix_spawnp", "os.execv", "os.execve",
        "os.execvp", "os.execvpe", "os.execl", "os.execle", "os.execlp", "os.execlpe", "os.spawnv", "os.spawnve",
        "os.spawnvp", "os.spawnvpe", "os.spawnl", "os.spawnle", "os.spawnlp", "os.spawnlpe", "sys.executable",
    ]

    /// Whether the file starts processes: it imports a process module, or names `sys.executable`, `os.system`, ….
    static func launchesProcesses(_ imports: [ImportStatement], tokens: [Token], bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        for statement in imports where statement.level == 0 {
            let root = statement.module.split(separator: ".").first.map(String.init) ?? statement.module
            if processModules.contains(root) { return true }
            if root == "concurrent", statement.names.contains("ProcessPoolExecutor") || statement.module == "concurrent.futures.process" { return true }
        }
        func text(_ token: Token) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[token.start..<token.end]), as: UTF8.self) }
        var index = 0
        while index + 2 < tokens.count {
            if tokens[index].kind == .name, tokens[index + 1].kind == .dot, tokens[index + 2].kind == .name {
                let first = text(tokens[index])
                if (first == "os" || first == "sys"), processAttributes.contains(first + "." + text(tokens[index + 2])) { return true }
            }
            index += 1
        }
        return false
    }

    /// Names that read a function's annotations or defaults, or a docstring, wherever they appear.
    static let signatureReaders: Set<String> = [
        "get_type_hints", "get_annotations", "getfullargspec", "getargspec", "__annotations__", "__signature__",
        "__defaults__", "__kwdefaults__", "return_annotation", "__doc__", "getdoc",
    ]

    /// Whether the file can read a function's annotations or defaults: a name of `signatureReaders`, an attribute
    /// `.annotation`, or `.default` in a file that mentions `signature` or `Parameter` (`inspect`'s).
    static func readsSignatures(tokens: [Token], bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        func text(_ token: Token) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[token.start..<token.end]), as: UTF8.self) }
        var inspects = false
        var readsDefault = false
        for (index, token) in tokens.enumerated() where token.kind == .name {
            let name = text(token)
            if signatureReaders.contains(name) { return true }
            let attribute = index > 0 && tokens[index - 1].kind == .dot
            if attribute, name == "annotation" { return true }
            if attribute, name == "default" { readsDefault = true }
            if name == "signature" || name == "Parameter" { inspects = true }
        }
        return inspects && readsDefault
    }

    struct Token {
        enum Kind: UInt8 { case name, dot, openParen, closeParen, comma, star, newline, other }
        var kind: Kind
        var start: Int
        var end: Int
    }

    struct Lexer {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0
        var tokens: [Token] = []
        var brackets: [UInt8] = []

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
            tokens.reserveCapacity(bytes.count / 4)
        }

        /// The token stream, or nil when the file does not lex.
        mutating func tokenize() -> [Token]? {
            let count = bytes.count
            while index < count {
                let byte = bytes[index]
                let start = index
                switch byte {
                case 0x20, 0x09, 0x0C, 0x0B:
                    index += 1
                case 0x0A, 0x0D:
                    index += 1
                    if brackets.isEmpty, tokens.last.map({ $0.kind != .newline }) ?? false {
                        emit(.newline, start)
                    }
                case UInt8(ascii: "#"):
                    while index < count, !ByteClass.isNewline(bytes[index]) { index += 1 }
                case UInt8(ascii: "\\"):
                    index += 1
                    if index < count, bytes[index] == 0x0D { index += 1 }
                    if index < count, bytes[index] == 0x0A { index += 1 }
                case UInt8(ascii: "'"), UInt8(ascii: "\""):
                    guard skipString(isFormat: false) else { return nil }
                    emit(.other, start)
                case UInt8(ascii: "."):
                    if index + 1 < count, ByteClass.isDigit(bytes[index + 1]) {
                        skipNumber()
                        emit(.other, start)
                    } else {
                        index += 1
                        emit(.dot, start)
                    }
                case UInt8(ascii: "("), UInt8(ascii: "["), UInt8(ascii: "{"):
                    brackets.append(byte)
                    index += 1
                    emit(byte == UInt8(ascii: "(") ? .openParen : .other, start)
                case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
                    guard let open = brackets.popLast(), Lexer.closer(of: open) == byte else { return nil }
                    index += 1
                    emit(byte == UInt8(ascii: ")") ? .closeParen : .other, start)
                case UInt8(ascii: ","):
                    index += 1
                    emit(.comma, start)
                case UInt8(ascii: "*"):
                    index += 1
                    emit(.star, start)
                case UInt8(ascii: ";"):
                    index += 1
                    emit(.newline, start)
                default:
                    if ByteClass.isDigit(byte) {
                        skipNumber()
                        emit(.other, start)
                    } else if ByteClass.isIdentifierStart(byte) {
                        while index < count, ByteClass.isIdentifierContinue(bytes[index]) { index += 1 }
                        if index < count, bytes[index] == UInt8(ascii: "'") || bytes[index] == UInt8(ascii: "\""),
                            let prefix = Lexer.stringPrefix(bytes, start, index)
                        {
                            guard skipString(isFormat: prefix) else { return nil }
                            emit(.other, start)
                        } else {
                            emit(.name, start)
                        }
                    } else {
                        index += 1
                        emit(.other, start)
                    }
                }
            }
            return brackets.isEmpty ? tokens : nil
        }

        private mutating func emit(_ kind: Token.Kind, _ start: Int) {
            tokens.append(Token(kind: kind, start: start, end: index))
        }

        private mutating func skipNumber() {
            while index < bytes.count, ByteClass.isIdentifierContinue(bytes[index]) || bytes[index] == UInt8(ascii: ".") {
                index += 1
            }
        }

        private static func closer(of open: UInt8) -> UInt8 {
            switch open {
            case UInt8(ascii: "("): UInt8(ascii: ")")
            case UInt8(ascii: "["): UInt8(ascii: "]")
            default: UInt8(ascii: "}")
            }
        }

        /// Whether `bytes[start..<end]` is a string prefix (r, b, u, f, t and pairs); returns whether it formats.
        private static func stringPrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool? {
            guard end - start <= 2 else { return nil }
            var isFormat = false
            for position in start..<end {
                switch bytes[position] | 0x20 {
                case UInt8(ascii: "r"), UInt8(ascii: "b"), UInt8(ascii: "u"): continue
                case UInt8(ascii: "f"), UInt8(ascii: "t"): isFormat = true
                default: return nil
                }
            }
            return isFormat
        }

        /// Skips a string literal starting at the quote under `index`; false if it never ends.
        private mutating func skipString(isFormat: Bool) -> Bool {
            let count = bytes.count
            let quote = bytes[index]
            let isTriple = index + 2 < count && bytes[index + 1] == quote && bytes[index + 2] == quote
            index += isTriple ? 3 : 1
            while index < count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "\\") {
                    index += 2
                    if index < count, bytes[index - 1] == 0x0D, bytes[index] == 0x0A { index += 1 }
                } else if byte == quote {
                    if !isTriple {
                        index += 1
                        return true
                    }
                    if index + 2 < count, bytes[index + 1] == quote, bytes[index + 2] == quote {
                        index += 3
                        return true
                    }
                    index += 1
                } else if ByteClass.isNewline(byte), !isTriple {
                    return false
                } else if isFormat, byte == UInt8(ascii: "{") {
                    if index + 1 < count, bytes[index + 1] == UInt8(ascii: "{") {
                        index += 2
                    } else {
                        index += 1
                        guard skipFormatExpression() else { return false }
                    }
                } else {
                    index += 1
                }
            }
            return false
        }

        /// Skips an f-string replacement field up to its closing `}` (nested strings and braces allowed).
        private mutating func skipFormatExpression() -> Bool {
            var depth = 0
            let count = bytes.count
            while index < count {
                let byte = bytes[index]
                switch byte {
                case UInt8(ascii: "'"), UInt8(ascii: "\""):
                    guard skipString(isFormat: true) else { return false }
                case UInt8(ascii: "{"), UInt8(ascii: "("), UInt8(ascii: "["):
                    depth += 1
                    index += 1
                case UInt8(ascii: "}"), UInt8(ascii: ")"), UInt8(ascii: "]"):
                    index += 1
                    if depth == 0 { return byte == UInt8(ascii: "}") }
                    depth -= 1
                default:
                    if ByteClass.isIdentifierStart(byte) {
                        let start = index
                        while index < count, ByteClass.isIdentifierContinue(bytes[index]) { index += 1 }
                        if index < count, bytes[index] == UInt8(ascii: "'") || bytes[index] == UInt8(ascii: "\""),
                            let isFormat = Lexer.stringPrefix(bytes, start, index)
                        {
                            guard skipString(isFormat: isFormat) else { return false }
                        }
                    } else {
                        index += 1
                    }
                }
            }
            return false
        }
    }

    struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        let tokens: [Token]
        var position = 0
        var imports: [ImportStatement] = []

        init(bytes: UnsafeBufferPointer<UInt8>, tokens: [Token]) {
            self.bytes = bytes
            self.tokens = tokens
        }

        mutating func parse() -> [ImportStatement] {
            while position < tokens.count {
                if isName("import") {
                    position += 1
                    parseImport()
                } else if isName("from") {
                    position += 1
                    parseFrom()
                } else {
                    position += 1
                }
            }
            return imports
        }

        private func isName(_ word: StaticString) -> Bool {
            guard position < tokens.count else { return false }
            let token = tokens[position]
            return token.kind == .name && ByteClass.matches(bytes, token.start, token.end, word)
        }

        private func isKind(_ kind: Token.Kind) -> Bool {
            position < tokens.count && tokens[position].kind == kind
        }

        private mutating func name() -> String? {
            guard isKind(.name) else { return nil }
            let token = tokens[position]
            position += 1
            return ByteClass.string(bytes, token.start, token.end)
        }

        /// `a.b.c`; nil when no name is there.
        private mutating func dottedName() -> String? {
            guard var result = name() else { return nil }
            while isKind(.dot), position + 1 < tokens.count, tokens[position + 1].kind == .name {
                position += 1
                result += "." + name()!
            }
            return result
        }

        private mutating func skipAlias() {
            if isName("as") {
                position += 1
                _ = name()
            }
        }

        /// `import a.b as c, d`
        private mutating func parseImport() {
            while let module = dottedName() {
                imports.append(ImportStatement(module: module))
                skipAlias()
                guard isKind(.comma) else { return }
                position += 1
            }
        }

        /// `from ..a.b import (x as y, z)`; leaves `position` where it stopped when it is not an import.
        private mutating func parseFrom() {
            var level = 0
            while isKind(.dot) {
                level += 1
                position += 1
            }
            let module = isName("import") ? "" : dottedName() ?? ""
            guard level > 0 || !module.isEmpty, isName("import") else { return }
            position += 1
            var names: [String] = []
            if isKind(.star) {
                position += 1
            } else {
                let parenthesised = isKind(.openParen)
                if parenthesised { position += 1 }
                while let imported = name() {
                    names.append(imported)
                    skipAlias()
                    guard isKind(.comma) else { break }
                    position += 1
                }
                if parenthesised, isKind(.closeParen) { position += 1 }
            }
            imports.append(ImportStatement(module: module, level: level, names: names))
        }
    }
}
