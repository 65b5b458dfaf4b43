/// Byte classes shared by the import lexers (ASCII; any byte ≥ 0x80 counts as an identifier byte).
enum ByteClass {
    static func isIdentifierStart(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || byte == 0x5F || byte >= 0x80
    }

    static func isIdentifierContinue(_ byte: UInt8) -> Bool {
        isIdentifierStart(byte) || isDigit(byte)
    }

    static func isDigit(_ byte: UInt8) -> Bool {
        byte >= 0x30 && byte <= 0x39
    }

    /// Space, tab, form feed, vertical tab (not newlines).
    static func isInlineSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0C || byte == 0x0B
    }

    static func isNewline(_ byte: UInt8) -> Bool {
        byte == 0x0A || byte == 0x0D
    }

    /// Whether `bytes[range]` spells `word` (ASCII).
    static func matches(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, _ word: StaticString) -> Bool {
        guard end - start == word.utf8CodeUnitCount else { return false }
        let pointer = word.utf8Start
        for offset in 0..<(end - start) where bytes[start + offset] != pointer[offset] {
            return false
        }
        return true
    }

    /// Decodes `bytes[start..<end]` as UTF-8, replacing invalid sequences.
    static func string(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    /// Heuristic for binary content: a NUL byte in the first 8 KiB.
    static func looksBinary(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.prefix(8192).contains(0)
    }
}
