/// A small, strict reader for the XML that test tools write (JUnit/XUnit reports): elements, attributes, text,
/// CDATA, comments, processing instructions, a DOCTYPE and the standard and numeric entities. gate parses reports
/// with it instead of FoundationXML, whose libxml2 and ICU would cost every hook invocation about 3 ms to load.
struct XMLEventReader {
    enum Event: Equatable {
        case start(name: String, attributes: [String: String])
        case end(name: String)
        case text(String)
    }

    struct Failure: Error, CustomStringConvertible {
        let line: Int
        let reason: String
        var description: String { "line \(line): \(reason)" }
    }

    private let bytes: [UInt8]
    private var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Calls `handle` for each event in document order; throws at the first malformed construct.
    mutating func read(_ handle: (Event) throws -> Void) throws {
        var open: [String] = []
        while position < bytes.count {
            if bytes[position] != UInt8(ascii: "<") {
                let start = position
                while position < bytes.count && bytes[position] != UInt8(ascii: "<") { position += 1 }
                try handle(.text(try decodeEntities(bytes[start..<position])))
                continue
            }
            if starts(with: "<!--") {
                try skip(past: "-->")
            } else if starts(with: "<![CDATA[") {
                position += 9
                let start = position
                try skip(past: "]]>")
                try handle(.text(String(decoding: bytes[start..<(position - 3)], as: UTF8.self)))
            } else if starts(with: "<?") || starts(with: "<!") {
                try skip(past: ">")
            } else if starts(with: "</") {
                position += 2
                let name = try readName()
                skipSpace()
                try expect(">")
                guard open.popLast() == name else { throw failure("</\(name)> does not close the open element") }
                try handle(.end(name: name))
            } else {
                position += 1
                let name = try readName()
                var attributes: [String: String] = [:]
                while true {
                    skipSpace()
                    guard position < bytes.count else { throw failure("unterminated <\(name)>") }
                    if starts(with: "/>") {
                        position += 2
                        try handle(.start(name: name, attributes: attributes))
                        try handle(.end(name: name))
                        break
                    }
                    if bytes[position] == UInt8(ascii: ">") {
                        position += 1
                        open.append(name)
                        try handle(.start(name: name, attributes: attributes))
                        break
                    }
                    let key = try readName()
                    skipSpace()
                    try expect("=")
                    skipSpace()
                    guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") || bytes[position] == UInt8(ascii: "'") else {
                        throw failure("attribute \(key) has no quoted value")
                    }
                    let quote = bytes[position]
                    position += 1
                    let start = position
                    while position < bytes.count && bytes[position] != quote { position += 1 }
                    guard position < bytes.count else { throw failure("unterminated attribute \(key)") }
                    attributes[key] = try decodeEntities(bytes[start..<position])
                    position += 1
                }
            }
        }
        if let unclosed = open.last { throw failure("<\(unclosed)> is never closed") }
    }

    private func starts(with text: String) -> Bool {
        let pattern = Array(text.utf8)
        return bytes.count - position >= pattern.count && bytes[position..<(position + pattern.count)].elementsEqual(pattern)
    }

    private mutating func skip(past terminator: String) throws {
        let pattern = Array(terminator.utf8)
        while position < bytes.count {
            if starts(with: terminator) { position += pattern.count; return }
            position += 1
        }
        throw failure("missing \(terminator)")
    }

    private mutating func expect(_ character: Character) throws {
        guard position < bytes.count, bytes[position] == character.asciiValue else { throw failure("expected \(character)") }
        position += 1
    }

    private mutating func skipSpace() {
        while position < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[position]) { position += 1 }
    }

    private mutating func readName() throws -> String {
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            let isNameByte = byte >= 0x80 || (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: ":")
            guard isNameByte else { break }
            position += 1
        }
        guard position > start else { throw failure("expected a name") }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }

    private func decodeEntities(_ slice: ArraySlice<UInt8>) throws -> String {
        guard slice.contains(UInt8(ascii: "&")) else { return String(decoding: slice, as: UTF8.self) }
        var output: [UInt8] = []
        output.reserveCapacity(slice.count)
        var index = slice.startIndex
        while index < slice.endIndex {
            let byte = slice[index]
            guard byte == UInt8(ascii: "&") else { output.append(byte); index += 1; continue }
            guard let semicolon = slice[index...].firstIndex(of: UInt8(ascii: ";")), semicolon - index <= 10 else {
                throw failure("unterminated entity")
            }
            let name = String(decoding: slice[(index + 1)..<semicolon], as: UTF8.self)
            switch name {
            case "lt": output.append(UInt8(ascii: "<"))
            case "gt": output.append(UInt8(ascii: ">"))
            case "amp": output.append(UInt8(ascii: "&"))
            case "quot": output.append(UInt8(ascii: "\""))
            case "apos": output.append(UInt8(ascii: "'"))
            default:
                let value: UInt32?
                if name.hasPrefix("#x") || name.hasPrefix("#X") {
                    value = UInt32(name.dropFirst(2), radix: 16)
                } else if name.hasPrefix("#") {
                    value = UInt32(name.dropFirst())
                } else {
                    value = nil
                }
                guard let value, let scalar = Unicode.Scalar(value) else { throw failure("unknown entity &\(name);") }
                output += Array(String(Character(scalar)).utf8)
            }
            index = semicolon + 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    private func failure(_ reason: String) -> Failure {
        Failure(line: bytes[..<min(position, bytes.count)].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }, reason: reason)
    }
}
