import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The append-only event trail, `.git/gate/events.jsonl`. Each event is one line written by a single `write`
/// under an exclusive `flock`, so concurrent runs never interleave and a killed run cannot damage earlier lines.
public struct EventTrail: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    /// The longest string field written whole; longer ones (a hostile ref name, a huge error) are cut and marked.
    public static let maxFieldBytes = 4096

    public func append(run: String, event: EventKind, _ fields: [String: JSONValue] = [:]) {
        var record = fields.mapValues(Self.capped)
        for field in event.fields where record[field] == nil { record[field] = .null }
        record["time"] = .string(Self.timestamp())
        record["run"] = .string(run)
        record["event"] = .string(event.rawValue)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard var line = try? encoder.encode(JSONValue.object(record)) else { return }
        line.append(10)
        let fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return }
        defer { close(fd) }
        flock(fd, LOCK_EX)
        defer { flock(fd, LOCK_UN) }
        // A line cut short by a killed writer is closed off so this event starts on its own line.
        var info = stat()
        if fstat(fd, &info) == 0, info.st_size > 0 {
            var last: UInt8 = 0
            if pread(fd, &last, 1, off_t(info.st_size - 1)) == 1 && last != 10 { line.insert(10, at: 0) }
        }
        line.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written <= 0 { if errno == EINTR { continue }; break }
                offset += written
            }
        }
    }

    /// Every intact event, oldest first, and how many lines could not be read.
    public func read() -> (events: [[String: JSONValue]], unreadable: Int) {
        guard let data = FileManager.default.contents(atPath: path) else { return ([], 0) }
        var events: [[String: JSONValue]] = []
        var unreadable = 0
        let decoder = JSONDecoder()
        for line in data.split(separator: 10) where !line.isEmpty {
            if case .object(let object)? = try? decoder.decode(JSONValue.self, from: Data(line)) {
                events.append(object)
            } else {
                unreadable += 1
            }
        }
        return (events, unreadable)
    }

    static func timestamp() -> String { UTCTimestamp.iso8601() }

    /// `value` with every string, at any depth, cut to `maxFieldBytes` and marked with how much was cut.
    static func capped(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let text) where text.utf8.count > maxFieldBytes:
            var head = Array(text.utf8.prefix(maxFieldBytes))
            while let last = head.last, String(validating: head, as: UTF8.self) == nil, last & 0x80 != 0 { head.removeLast() }
            let kept = String(decoding: head, as: UTF8.self)
            return .string(kept + "…[cut: \(text.utf8.count - head.count) more bytes, \(text.utf8.count) in all]")
        case .array(let items): return .array(items.map(capped))
        case .object(let object): return .object(object.mapValues(capped))
        default: return value
        }
    }
}
