import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// How many past runs keep their logs, reports and leftover checkouts under `.git/gate/` (`run.retention`).
///
/// A run is pruned when it is not among the `runs` newest or is older than `days`; the current run never is.
/// Pruning happens only after a run that actually ran tests, never on the hook's docs-only hot path.
public struct RunRetention: Sendable, Equatable {
    public var runs: Int
    public var days: Double

    public init(runs: Int = 20, days: Double = 14) {
        self.runs = runs
        self.days = days
    }

    /// Removes the logs (`logs/<run>/`), reports (`reports/<run>.*`) and server checkouts (`runs/<run>.*`) of the
    /// runs outside the retention. Entries whose name does not start with a run id are left alone.
    /// - Returns: the pruned run ids, sorted.
    @discardableResult
    public func prune(_ directory: GateDirectory, keeping current: String, now: Date = Date()) -> [String] {
        let places = [directory.logs, directory.reports, directory.runs]
        var entries: [String: [String]] = [:]
        for place in places {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: place)) ?? [] {
                guard let id = Self.runID(prefixing: name) else { continue }
                entries[id, default: []].append(place + "/" + name)
            }
        }
        // The current run counts as the newest, whatever the clock said when the others ran.
        let newestFirst = [current] + entries.keys.filter { $0 != current }.sorted(by: >)
        let cutoff = now.addingTimeInterval(-days * 86_400)
        var pruned: [String] = []
        for (rank, id) in newestFirst.enumerated() where id != current {
            let tooOld = Self.date(of: id).map { $0 < cutoff } ?? false
            guard rank >= runs || tooOld else { continue }
            for path in entries[id] ?? [] { try? FileManager.default.removeItem(atPath: path) }
            pruned.append(id)
        }
        return pruned.sorted()
    }

    /// The run id a log directory, report or checkout is named after (`20261125T201500Z-4f2a…`), if any.
    static func runID(prefixing name: String) -> String? {
        let bytes = Array(name.utf8)
        guard bytes.count >= 21, date(of: String(decoding: bytes[0..<16], as: UTF8.self)) != nil, bytes[16] == UInt8(ascii: "-"),
              bytes[17..<21].allSatisfy({ isxdigit(Int32($0)) != 0 }) else { return nil }
        return String(decoding: bytes[0..<21], as: UTF8.self)
    }

    /// The UTC time a run id starts with.
    static func date(of id: String) -> Date? {
        let digits = Array(id.utf8.prefix(16))
        guard digits.count == 16, digits[8] == UInt8(ascii: "T"), digits[15] == UInt8(ascii: "Z") else { return nil }
        func number(_ range: Range<Int>) -> Int32? { Int32(String(decoding: digits[range], as: UTF8.self)) }
        guard let year = number(0..<4), let month = number(4..<6), let day = number(6..<8),
              let hour = number(9..<11), let minute = number(11..<13), let second = number(13..<15) else { return nil }
        var parts = tm()
        parts.tm_year = year - 1900
        parts.tm_mon = month - 1
        parts.tm_mday = day
        parts.tm_hour = hour
        parts.tm_min = minute
        parts.tm_sec = second
        return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
    }
}
