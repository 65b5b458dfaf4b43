import Foundation

/// A run's id: sortable UTC time plus a random suffix, e.g. `20261125T201500Z-4f2a`.
public enum RunID {
    public static func make(now: Date = Date()) -> String {
        let suffix = String(UInt16.random(in: 0...UInt16.max), radix: 16)
        return UTCTimestamp.compact(now) + "-" + String(repeating: "0", count: 4 - suffix.count) + suffix
    }
}
