#if canImport(Glibc)
import Glibc
#endif

/// A log file that never grows past `limit` bytes: the first half is written as it arrives, the rest of the output
/// is held in memory, and when the run ends either all of it is written (it fit) or only its tail, after a line that
/// says how many bytes were cut from the middle.
struct CappedLog {
    /// Bytes kept free for the line that reports the cut.
    static let cutLineReserve = 256

    let descriptor: Int32
    let limit: Int
    private let headLimit: Int
    private var headWritten = 0
    private var total = 0
    private var rest: OutputTail

    /// - Parameter limit: the most bytes the file may hold (at least 2 × `cutLineReserve` is sensible).
    init(descriptor: Int32, limit: Int) {
        self.descriptor = descriptor
        self.limit = max(limit, 2 * Self.cutLineReserve)
        headLimit = self.limit / 2
        rest = OutputTail(limit: self.limit - headLimit)
    }

    /// Takes the next chunk of output.
    mutating func append(_ chunk: [UInt8]) {
        total += chunk.count
        let room = headLimit - headWritten
        if room > 0 {
            let head = chunk.prefix(room)
            write(Array(head))
            headWritten += head.count
            if head.count < chunk.count { rest.append(chunk[head.count...]) }
        } else {
            rest.append(chunk)
        }
    }

    /// Writes what was held back: all of it when the output fit, otherwise the cut line and the tail.
    mutating func finish() {
        let held = total - headWritten
        let kept = rest.bytes
        if held <= kept.count {
            write(kept)
            return
        }
        var tail = Array(kept.suffix(limit - headLimit - Self.cutLineReserve))
        // Start the tail at a line boundary when one is near, so its first line is whole.
        if let newline = tail.prefix(4096).firstIndex(of: UInt8(ascii: "\n")) { tail.removeFirst(newline + 1) }
        let cut = total - headWritten - tail.count
        let line = "\n[gate: \(cut) of \(total) bytes of output cut here; run.log_limit keeps the first and last "
            + "\(limit / 2048) KB]\n"
        write(Array(line.utf8.prefix(Self.cutLineReserve)))
        write(tail)
    }

    private func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }
}
