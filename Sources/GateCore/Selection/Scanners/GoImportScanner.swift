/// Reads the package clause and imports of a Go file with a byte-level lexer.
///
/// Handles single and grouped imports with an alias, `.` or `_` name; comments (including
/// `//go:build` lines: a constrained file still counts) and both string forms are skipped.
/// Reading stops at the first declaration after the imports. A file without a package clause
/// or with a malformed import is unparseable.
public enum GoImportScanner {
    public static func scan(_ bytes: [UInt8]) -> SourceScan {
        bytes.withUnsafeBufferPointer { buffer in
            if ByteClass.looksBinary(buffer) { return .failed }
            var lexer = Lexer(bytes: buffer)
            return lexer.readHeader() ?? .failed
        }
    }

    enum Token: Equatable {
        case identifier(Range<Int>)
        case string(Range<Int>)
        case punctuator(UInt8)
        case other
        case end
        case invalid
    }

    struct Lexer {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        /// The package clause and imports, or nil when the header is malformed.
        mutating func readHeader() -> SourceScan? {
            guard word(next(), "package"), case .identifier(let nameRange) = next() else { return nil }
            var scan = SourceScan(packageName: ByteClass.string(bytes, nameRange.lowerBound, nameRange.upperBound))
            var token = next()
            while true {
                while token == .punctuator(UInt8(ascii: ";")) { token = next() }
                guard word(token, "import") else { return token == .invalid ? nil : scan }
                token = next()
                if token == .punctuator(UInt8(ascii: "(")) {
                    token = next()
                    while token != .punctuator(UInt8(ascii: ")")) {
                        if token == .punctuator(UInt8(ascii: ";")) {
                            token = next()
                            continue
                        }
                        guard let path = importSpec(token) else { return nil }
                        scan.imports.append(ImportStatement(module: path))
                        token = next()
                    }
                } else {
                    guard let path = importSpec(token) else { return nil }
                    scan.imports.append(ImportStatement(module: path))
                }
                token = next()
            }
        }

        /// `[name | . | _] "path"` starting at `token`; nil when malformed.
        private mutating func importSpec(_ token: Token) -> String? {
            var current = token
            switch current {
            case .identifier, .punctuator(UInt8(ascii: ".")):
                current = next()
            default:
                break
            }
            guard case .string(let range) = current else { return nil }
            return ByteClass.string(bytes, range.lowerBound, range.upperBound)
        }

        private func word(_ token: Token, _ expected: StaticString) -> Bool {
            guard case .identifier(let range) = token else { return false }
            return ByteClass.matches(bytes, range.lowerBound, range.upperBound, expected)
        }

        /// The next token; newlines are not significant for the header, so they are skipped.
        mutating func next() -> Token {
            let count = bytes.count
            while index < count {
                let byte = bytes[index]
                if ByteClass.isInlineSpace(byte) || ByteClass.isNewline(byte) {
                    index += 1
                } else if byte == UInt8(ascii: "/"), index + 1 < count, bytes[index + 1] == UInt8(ascii: "/") {
                    while index < count, !ByteClass.isNewline(bytes[index]) { index += 1 }
                } else if byte == UInt8(ascii: "/"), index + 1 < count, bytes[index + 1] == UInt8(ascii: "*") {
                    index += 2
                    while index + 1 < count, !(bytes[index] == UInt8(ascii: "*") && bytes[index + 1] == UInt8(ascii: "/")) {
                        index += 1
                    }
                    guard index + 1 < count else { return .invalid }
                    index += 2
                } else {
                    break
                }
            }
            guard index < count else { return .end }
            let start = index
            let byte = bytes[index]
            if ByteClass.isIdentifierStart(byte) {
                while index < count, ByteClass.isIdentifierContinue(bytes[index]) { index += 1 }
                return .identifier(start..<index)
            }
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "`") {
                index += 1
                while index < count, bytes[index] != byte {
                    if byte == UInt8(ascii: "\"") {
                        if ByteClass.isNewline(bytes[index]) { return .invalid }
                        if bytes[index] == UInt8(ascii: "\\") { index += 1 }
                    }
                    index += 1
                }
                guard index < count else { return .invalid }
                index += 1
                return .string((start + 1)..<(index - 1))
            }
            index += 1
            if ByteClass.isDigit(byte) { return .other }
            return .punctuator(byte)
        }
    }
}
