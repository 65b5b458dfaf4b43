import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// UTC timestamps without Foundation's formatters, which load ICU and cost milliseconds on the hook's hot path.
enum UTCTimestamp {
    /// `2026-11-25T20:15:00.123Z`
    static func iso8601(_ date: Date = Date()) -> String {
        let (parts, millis) = components(date)
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1))-\(pad(parts.tm_mday))T\(pad(parts.tm_hour)):\(pad(parts.tm_min)):\(pad(parts.tm_sec)).\(pad(millis, 3))Z"
    }

    /// `20261125T201500Z`
    static func compact(_ date: Date = Date()) -> String {
        let (parts, _) = components(date)
        return "\(pad(parts.tm_year + 1900, 4))\(pad(parts.tm_mon + 1))\(pad(parts.tm_mday))T\(pad(parts.tm_hour))\(pad(parts.tm_min))\(pad(parts.tm_sec))Z"
    }

    private static func components(_ date: Date) -> (tm, Int32) {
        let interval = date.timeIntervalSince1970
        var seconds = time_t(interval.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return (parts, Int32((interval - interval.rounded(.down)) * 1000))
    }

    private static func pad(_ value: Int32, _ width: Int = 2) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }
}
