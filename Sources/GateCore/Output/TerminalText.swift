/// Makes text that gate did not write itself (test output, provider replies, hook input, file names) safe to show on
/// a terminal: removes C0 controls except newline and tab, DEL, C1 controls, every escape sequence (CSI, OSC, DCS,
/// SOS, PM, APC, two-character escapes, in their ESC and C1 forms) and invalid UTF-8. Sequences listed in `keeping`
/// (gate's own colours) pass through unchanged.
public enum TerminalText {
    /// Sanitizes decoded text.
    public static func sanitize(_ text: String, keeping allowed: Set<String> = []) -> String {
        guard text.unicodeScalars.contains(where: needsCare) else { return text }
        return strip(Array(text.unicodeScalars), keeping: allowed)
    }

    /// Sanitizes raw bytes; invalid UTF-8 is dropped.
    public static func sanitize(_ bytes: [UInt8], keeping allowed: Set<String> = []) -> String {
        strip(decodeDroppingInvalid(bytes), keeping: allowed)
    }

    /// `text` quoted for an error message, with each control character shown as `\u{…}` and at most `limit`
    /// characters kept (the rest counted), so the user sees what was refused without the terminal acting on it.
    public static func visible(_ text: String, limit: Int = 120) -> String {
        var shown = ""
        var count = 0
        for scalar in text.unicodeScalars {
            if count == limit { break }
            shown += needsCare(scalar) ? "\\u{\(String(scalar.value, radix: 16, uppercase: true))}" : String(scalar)
            count += 1
        }
        let rest = text.unicodeScalars.count - count
        return "\"" + shown + "\"" + (rest > 0 ? " … (\(rest) more characters, \(text.utf8.count) bytes in all)" : "")
    }

    /// Whether the text holds nothing `sanitize` would remove.
    public static func isClean(_ text: String) -> Bool { !text.unicodeScalars.contains(where: needsCare) }

    private static func needsCare(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return (value < 0x20 && value != 0x0A && value != 0x09) || (value >= 0x7F && value <= 0x9F)
    }

    /// Decodes UTF-8, skipping every byte that does not start a valid sequence.
    static func decodeDroppingInvalid(_ bytes: [UInt8]) -> [Unicode.Scalar] {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(bytes.count)
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): scalars.append(scalar)
            case .emptyInput: break loop
            case .error: continue
            }
        }
        return scalars
    }

    private static func strip(_ scalars: [Unicode.Scalar], keeping allowed: Set<String>) -> String {
        var output = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            guard needsCare(scalar) else {
                output.append(scalar)
                index += 1
                continue
            }
            let end = sequenceEnd(scalars, from: index)
            if !allowed.isEmpty {
                var sequence = String.UnicodeScalarView()
                sequence.append(contentsOf: scalars[index..<end])
                let text = String(sequence)
                if allowed.contains(text) { output.append(contentsOf: text.unicodeScalars) }
            }
            index = end
        }
        return String(output)
    }

    /// What follows an introducer: CSI parameters and a final byte, or a string ended by BEL or ST.
    private enum Body { case controlSequence, string }

    /// The index just past the control or escape sequence that starts at `start`.
    private static func sequenceEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
        let first = scalars[start].value
        var index = start + 1
        let body: Body
        if first == 0x1B {
            guard index < scalars.count else { return index }
            switch scalars[index].value {
            case 0x5B: body = .controlSequence               // ESC [ = CSI
            case 0x5D, 0x50, 0x58, 0x5E, 0x5F: body = .string  // ESC ] P X ^ _ = OSC, DCS, SOS, PM, APC
            case 0x20...0x2F:                                // nF: intermediates, then one final byte
                while index < scalars.count, (0x20...0x2F).contains(scalars[index].value) { index += 1 }
                if index < scalars.count, (0x30...0x7E).contains(scalars[index].value) { index += 1 }
                return index
            case 0x30...0x7E: return index + 1              // a two-character escape (ESC 7, ESC c, ESC M…)
            default: return index                            // a lone ESC
            }
            index += 1
        } else {
            switch first {
            case 0x9B: body = .controlSequence               // C1 CSI
            case 0x9D, 0x90, 0x98, 0x9E, 0x9F: body = .string  // C1 OSC, DCS, SOS, PM, APC
            default: return index                            // any other single control character
            }
        }
        switch body {
        case .controlSequence:
            // Parameters 0x30–0x3F, intermediates 0x20–0x2F, then a final byte 0x40–0x7E.
            while index < scalars.count, (0x20...0x3F).contains(scalars[index].value) { index += 1 }
            if index < scalars.count, (0x40...0x7E).contains(scalars[index].value) { index += 1 }
            return index
        case .string:
            // Runs to BEL or ST (ESC \ or 0x9C); another ESC ends it and starts a sequence of its own; so does the end.
            while index < scalars.count {
                let value = scalars[index].value
                if value == 0x07 || value == 0x9C { return index + 1 }
                if value == 0x1B { return index + 1 < scalars.count && scalars[index + 1].value == 0x5C ? index + 2 : index }
                index += 1
            }
            return index
        }
    }
}

/// Sanitizes a byte stream that arrives in chunks, holding back a UTF-8 character split across two chunks.
public struct TerminalTextStream: Sendable {
    private var pending: [UInt8] = []

    public init() {}

    /// The sanitized text of `chunk`, minus an incomplete character at its end (kept for the next chunk).
    public mutating func feed(_ chunk: [UInt8]) -> String {
        var bytes = pending + chunk
        pending = Self.incompleteTail(bytes)
        bytes.removeLast(pending.count)
        return TerminalText.sanitize(bytes)
    }

    /// Whatever is still held back, sanitized (an incomplete character is dropped).
    public mutating func flush() -> String {
        defer { pending = [] }
        return TerminalText.sanitize(pending)
    }

    /// The trailing bytes that start a multi-byte character but do not finish it.
    static func incompleteTail(_ bytes: [UInt8]) -> [UInt8] {
        var start = bytes.count
        while start > 0, bytes.count - start < 3, bytes[start - 1] & 0xC0 == 0x80 { start -= 1 }
        guard start > 0 else { return [] }
        let lead = bytes[start - 1]
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1
        let have = bytes.count - (start - 1)
        return length > 1 && have < length && lead < 0xF8 ? Array(bytes[(start - 1)...]) : []
    }
}
