/// Reads TOML 1.0 documents: tables, arrays of tables, dotted and quoted keys, basic/literal (multi-line) strings with
/// escapes, arrays, inline tables, and numbers, booleans and dates kept as written. A redefined key, a stray character
/// or an unterminated value is an error: a manifest gate cannot read is never guessed at.
struct TOMLReader {
    struct Failure: Error, CustomStringConvertible {
        var line: Int
        var message: String
        var description: String { "line \(line): \(message)" }
    }

    private let bytes: [UInt8]
    private var position = 0
    private var line = 1
    private var root = TOMLValue.table([:])
    /// The table key-value lines go to (an array of tables means its last element).
    private var current: [String] = []

    private init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The document's root table.
    static func read(_ bytes: [UInt8]) throws -> TOMLValue {
        var reader = TOMLReader(bytes)
        try reader.document()
        return reader.root
    }

    private mutating func document() throws {
        while true {
            skipBlank(newlines: true)
            guard let byte = peek() else { return }
            if byte == UInt8(ascii: "[") {
                try header()
            } else {
                let key = try dottedKey()
                skipBlank(newlines: false)
                try expect("=")
                skipBlank(newlines: false)
                let value = try value()
                try insert(value, at: current + key)
            }
            try endOfLine()
        }
    }

    private mutating func header() throws {
        position += 1
        let isArray = peek() == UInt8(ascii: "[")
        if isArray { position += 1 }
        skipBlank(newlines: false)
        let path = try dottedKey()
        skipBlank(newlines: false)
        try expect("]")
        if isArray { try expect("]") }
        if isArray {
            try appendTable(at: path)
        } else {
            try ensureTable(at: path)
        }
        current = path
    }

    // MARK: keys

    private mutating func dottedKey() throws -> [String] {
        var parts = [try simpleKey()]
        while true {
            let saved = position
            skipBlank(newlines: false)
            guard peek() == UInt8(ascii: ".") else { position = saved; return parts }
            position += 1
            skipBlank(newlines: false)
            parts.append(try simpleKey())
        }
    }

    private mutating func simpleKey() throws -> String {
        switch peek() {
        case UInt8(ascii: "\""): return try basicString()
        case UInt8(ascii: "'"): return try literalString()
        default:
            let start = position
            while let byte = peek(), Self.isBareKey(byte) { position += 1 }
            guard position > start else { throw failure("expected a key") }
            return String(decoding: bytes[start..<position], as: UTF8.self)
        }
    }

    private static func isBareKey(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }

    // MARK: values

    private mutating func value() throws -> TOMLValue {
        switch peek() {
        case UInt8(ascii: "\""):
            return .string(starts(with: "\"\"\"") ? try multilineString(literal: false) : try basicString())
        case UInt8(ascii: "'"):
            return .string(starts(with: "'''") ? try multilineString(literal: true) : try literalString())
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "{"): return try inlineTable()
        case nil: throw failure("expected a value")
        default: return try scalar()
        }
    }

    private mutating func array() throws -> TOMLValue {
        position += 1
        var values: [TOMLValue] = []
        while true {
            skipBlank(newlines: true)
            if peek() == UInt8(ascii: "]") { position += 1; return .array(values) }
            values.append(try value())
            skipBlank(newlines: true)
            if peek() == UInt8(ascii: ",") { position += 1; continue }
            skipBlank(newlines: true)
            try expect("]")
            return .array(values)
        }
    }

    private mutating func inlineTable() throws -> TOMLValue {
        position += 1
        var table = TOMLValue.table([:])
        skipBlank(newlines: false)
        if peek() == UInt8(ascii: "}") { position += 1; return table }
        while true {
            skipBlank(newlines: false)
            let key = try dottedKey()
            skipBlank(newlines: false)
            try expect("=")
            skipBlank(newlines: false)
            let value = try value()
            try Self.insert(value, at: key[...], into: &table, line: line)
            skipBlank(newlines: false)
            if peek() == UInt8(ascii: ",") { position += 1; continue }
            try expect("}")
            return table
        }
    }

    /// Integers, floats, booleans and dates, as written (`1979-05-27 07:32:00Z` included).
    private mutating func scalar() throws -> TOMLValue {
        let start = position
        while let byte = peek(), Self.isScalar(byte) || (byte == UInt8(ascii: " ") && isDateTimeSpace(start)) {
            position += 1
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        guard let first = text.utf8.first else { throw failure("expected a value") }
        let isNumberLike = (first >= 0x30 && first <= 0x39) || first == UInt8(ascii: "+") || first == UInt8(ascii: "-")
        guard isNumberLike || ["true", "false", "inf", "nan"].contains(text) else { throw failure("unknown value '\(text)'") }
        return .scalar(text)
    }

    private static func isScalar(_ byte: UInt8) -> Bool {
        isBareKey(byte) || byte == UInt8(ascii: ":") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "+")
    }

    /// A space between a date and a time: `YYYY-MM-DD` so far, a digit next.
    private func isDateTimeSpace(_ start: Int) -> Bool {
        guard position - start == 10, bytes[start + 4] == UInt8(ascii: "-"), bytes[start + 7] == UInt8(ascii: "-"),
            position + 1 < bytes.count else { return false }
        return bytes[position + 1] >= 0x30 && bytes[position + 1] <= 0x39
    }

    // MARK: strings

    private mutating func literalString() throws -> String {
        position += 1
        let start = position
        while let byte = peek(), byte != UInt8(ascii: "'") {
            guard byte != 0x0A else { throw failure("unterminated string") }
            position += 1
        }
        guard peek() != nil else { throw failure("unterminated string") }
        defer { position += 1 }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    private mutating func basicString() throws -> String {
        position += 1
        var out: [UInt8] = []
        while let byte = peek() {
            position += 1
            switch byte {
            case UInt8(ascii: "\""): return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"): out += try escape()
            case 0x0A: throw failure("unterminated string")
            default: out.append(byte)
            }
        }
        throw failure("unterminated string")
    }

    private mutating func multilineString(literal: Bool) throws -> String {
        let quote = literal ? UInt8(ascii: "'") : UInt8(ascii: "\"")
        position += 3
        if peek() == 0x0D { position += 1 }
        if peek() == 0x0A { position += 1; line += 1 }
        var out: [UInt8] = []
        while let byte = peek() {
            if byte == quote, position + 2 < bytes.count + 0, bytes.count - position >= 3,
                bytes[position + 1] == quote, bytes[position + 2] == quote
            {
                position += 3
                // Up to two more quotes belong to the string (`""""` ends with one quote inside).
                var extra = 0
                while extra < 2, peek() == quote { out.append(quote); position += 1; extra += 1 }
                return String(decoding: out, as: UTF8.self)
            }
            position += 1
            if byte == 0x0A { line += 1 }
            if !literal, byte == UInt8(ascii: "\\") {
                if lineEndingBackslash() { continue }
                out += try escape()
            } else {
                out.append(byte)
            }
        }
        throw failure("unterminated multi-line string")
    }

    /// After a `\` that ends a line: skips the newline and the whitespace that follows.
    private mutating func lineEndingBackslash() -> Bool {
        var probe = position
        while probe < bytes.count, bytes[probe] == 0x20 || bytes[probe] == 0x09 || bytes[probe] == 0x0D { probe += 1 }
        guard probe < bytes.count, bytes[probe] == 0x0A else { return false }
        position = probe
        while let byte = peek(), byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
            if byte == 0x0A { line += 1 }
            position += 1
        }
        return true
    }

    private mutating func escape() throws -> [UInt8] {
        guard let byte = peek() else { throw failure("unterminated escape") }
        position += 1
        switch byte {
        case UInt8(ascii: "b"): return [0x08]
        case UInt8(ascii: "t"): return [0x09]
        case UInt8(ascii: "n"): return [0x0A]
        case UInt8(ascii: "f"): return [0x0C]
        case UInt8(ascii: "r"): return [0x0D]
        case UInt8(ascii: "e"): return [0x1B]
        case UInt8(ascii: "\""): return [0x22]
        case UInt8(ascii: "\\"): return [0x5C]
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let count = byte == UInt8(ascii: "u") ? 4 : 8
            guard bytes.count - position >= count,
                let code = UInt32(String(decoding: bytes[position..<position + count], as: UTF8.self), radix: 16),
                let scalar = Unicode.Scalar(code)
            else { throw failure("bad unicode escape") }
            position += count
            return Array(String(Character(scalar)).utf8)
        default: throw failure("bad escape '\\\(Character(Unicode.Scalar(byte)))'")
        }
    }

    // MARK: tables

    private mutating func insert(_ value: TOMLValue, at path: [String]) throws {
        try Self.insert(value, at: path[...], into: &root, line: line)
    }

    /// Puts `value` at `path`, creating tables on the way and descending into the last element of an array of
    /// tables. A key that already holds a value is an error.
    private static func insert(_ value: TOMLValue, at path: ArraySlice<String>, into node: inout TOMLValue, line: Int) throws {
        guard let key = path.first else { throw Failure(line: line, message: "empty key") }
        switch node {
        case .table(var entries):
            node = .scalar("")  // keeps `entries` uniquely referenced while it is edited
            defer { node = .table(entries) }
            if path.count == 1 {
                guard entries[key] == nil else { throw Failure(line: line, message: "'\(key)' is defined twice") }
                entries[key] = value
                return
            }
            var child = entries[key] ?? .table([:])
            try insert(value, at: path.dropFirst(), into: &child, line: line)
            entries[key] = child
        case .array(var elements):
            guard case .table = elements.last else { throw Failure(line: line, message: "'\(key)' is not a table") }
            node = .scalar("")
            defer { node = .array(elements) }
            try insert(value, at: path, into: &elements[elements.count - 1], line: line)
        default:
            throw Failure(line: line, message: "'\(key)' is not a table")
        }
    }

    private mutating func ensureTable(at path: [String]) throws {
        try Self.update(at: path[...], in: &root, line: line) { node in
            if node == nil { node = .table([:]) }
            guard case .table = node! else { throw Failure(line: line, message: "'\(path.joined(separator: "."))' is not a table") }
        }
    }

    private mutating func appendTable(at path: [String]) throws {
        try Self.update(at: path[...], in: &root, line: line) { node in
            switch node {
            case nil: node = .array([.table([:])])
            case .array(let elements)?: node = .array(elements + [.table([:])])
            default: throw Failure(line: line, message: "'\(path.joined(separator: "."))' is not an array of tables")
            }
        }
    }

    /// Runs `change` on the value at `path` (nil when absent), creating intermediate tables.
    private static func update(
        at path: ArraySlice<String>, in node: inout TOMLValue, line: Int, _ change: (inout TOMLValue?) throws -> Void
    ) throws {
        guard let key = path.first else { throw Failure(line: line, message: "empty table name") }
        switch node {
        case .table(var entries):
            node = .scalar("")
            defer { node = .table(entries) }
            if path.count == 1 {
                var slot = entries[key]
                try change(&slot)
                entries[key] = slot
                return
            }
            var child = entries[key] ?? .table([:])
            try update(at: path.dropFirst(), in: &child, line: line, change)
            entries[key] = child
        case .array(var elements):
            guard case .table = elements.last else { throw Failure(line: line, message: "'\(key)' is not a table") }
            node = .scalar("")
            defer { node = .array(elements) }
            try update(at: path, in: &elements[elements.count - 1], line: line, change)
        default:
            throw Failure(line: line, message: "'\(key)' is not a table")
        }
    }

    // MARK: lexing

    private func peek() -> UInt8? { position < bytes.count ? bytes[position] : nil }

    private func starts(with text: String) -> Bool {
        let utf8 = Array(text.utf8)
        return bytes.count - position >= utf8.count && Array(bytes[position..<position + utf8.count]) == utf8
    }

    private mutating func expect(_ character: Character) throws {
        guard let byte = peek(), byte == character.asciiValue! else { throw failure("expected '\(character)'") }
        position += 1
    }

    /// Skips spaces, tabs and comments, and newlines too when `newlines`.
    private mutating func skipBlank(newlines: Bool) {
        while let byte = peek() {
            if byte == 0x20 || byte == 0x09 || byte == 0x0D { position += 1; continue }
            if byte == 0x0A, newlines { position += 1; line += 1; continue }
            if byte == UInt8(ascii: "#") {
                while let next = peek(), next != 0x0A { position += 1 }
                continue
            }
            return
        }
    }

    private mutating func endOfLine() throws {
        skipBlank(newlines: false)
        guard let byte = peek() else { return }
        guard byte == 0x0A else { throw failure("unexpected '\(Character(Unicode.Scalar(byte)))' after a value") }
    }

    private func failure(_ message: String) -> Failure { Failure(line: line, message: message) }
}
