import Foundation

/// The last lines of a log file, for error messages.
enum LogTail {
    /// Up to `count` final non-empty lines of the file at `path` (reads at most its last 256 KB).
    static func lastLines(_ count: Int, ofFile path: String) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { return "" }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        let window: UInt64 = 256 * 1024
        try? handle.seek(toOffset: size > window ? size - window : 0)
        let data = (try? handle.readToEnd()) ?? Data()
        return lastLines(count, of: String(decoding: data, as: UTF8.self))
    }

    /// Up to `count` final non-empty lines of `text`.
    static func lastLines(_ count: Int, of text: String) -> String {
        let lines = text.split(whereSeparator: \.isNewline).filter { !$0.allSatisfy(\.isWhitespace) }
        return lines.suffix(count).joined(separator: "\n")
    }
}
