/// Shortens long text to a byte budget by keeping its head and tail and marking what was cut.
public enum HeadTailTrimmer {
    public static func trim(_ text: String, toBytes budget: Int) -> String {
        let bytes = Array(text.utf8)
        guard bytes.count > budget, budget > 0 else { return text }
        let half = budget / 2
        var head = decode(bytes[..<half])
        var tail = decode(bytes[(bytes.count - half)...])
        if let cut = head.lastIndex(of: "\n"), head.distance(from: cut, to: head.endIndex) < half / 4 {
            head = String(head[...cut])
        }
        if let cut = tail.firstIndex(of: "\n"), tail.distance(from: tail.startIndex, to: cut) < half / 4 {
            tail = String(tail[tail.index(after: cut)...])
        }
        let omitted = bytes.count - head.utf8.count - tail.utf8.count
        let separator = head.hasSuffix("\n") ? "" : "\n"
        return head + separator + "[… \(omitted) bytes omitted …]\n" + tail
    }

    /// Keeps the first and last lines of text longer than `maxLines`, marking how many were cut.
    public static func trim(_ text: String, toLines maxLines: Int) -> String {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count > maxLines else { return text }
        let half = maxLines / 2
        return (lines.prefix(half) + ["[… \(lines.count - 2 * half) lines omitted …]"] + lines.suffix(half)).joined(separator: "\n")
    }

    /// Decodes UTF-8, dropping partial characters at either cut.
    private static func decode(_ bytes: ArraySlice<UInt8>) -> String {
        var text = String(decoding: bytes, as: UTF8.self)
        while text.hasPrefix("\u{FFFD}") { text.removeFirst() }
        while text.hasSuffix("\u{FFFD}") { text.removeLast() }
        return text
    }
}
