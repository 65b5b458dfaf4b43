import Foundation

/// `gate stats --since`: a span back from now (`30d`, `12h`, `2w`) or a UTC day (`2026-11-01`).
public enum StatsWindow {
    /// The start of the window in seconds since 1970, or nil when `text` is neither form.
    public static func start(_ text: String, now: Double = Date().timeIntervalSince1970) -> Double? {
        let units: [Character: Double] = ["h": 3_600, "d": 86_400, "w": 7 * 86_400]
        if let unit = text.last.flatMap({ units[$0] }), let count = Double(text.dropLast()), count >= 0, count.isFinite {
            return now - count * unit
        }
        let parts = text.split(separator: "-").compactMap { Int32($0) }
        guard parts.count == 3, text.count == 10, (1...12).contains(parts[1]), (1...31).contains(parts[2]) else { return nil }
        var day = tm()
        day.tm_year = parts[0] - 1900
        day.tm_mon = parts[1] - 1
        day.tm_mday = parts[2]
        return Double(timegm(&day))
    }
}
