import Foundation

/// Decides which HTTP failures are retried and how long to wait before each retry.
///
/// Retried: connection errors, 408, 409, 429 (rate limit), every 5xx (including 503 "Loading model")
/// and 529. Never retried: 400, 401, 403, 404, 413, and a 429 for `insufficient_quota` or a spend limit.
/// The wait honours `retry-after-ms`, then `retry-after` (seconds or an HTTP date) when it is within
/// `retryAfterCap`; otherwise it backs off 2 s, 4 s, 8 s. One request waits at most `maxTotalDelay` seconds in all
/// (a retry that would pass it is not made), and exhausted retries end the fix loop, so a provider that is down blocks
/// a push for about 14 s of back-off, not three attempts' worth.
public struct HTTPRetryPolicy: Sendable, Equatable {
    /// What to do with a response.
    public enum Verdict: Sendable, Equatable {
        case success
        case retry
        case terminal(TerminalProviderFailure.Reason)
    }

    public var maxRetries: Int
    public var backoffSeconds: [Double]
    public var retryAfterCap: Double
    public var maxTotalDelay: Double

    public init(maxRetries: Int = 3, backoffSeconds: [Double] = [2, 4, 8], retryAfterCap: Double = 60, maxTotalDelay: Double = 60) {
        self.maxRetries = maxRetries
        self.backoffSeconds = backoffSeconds
        self.retryAfterCap = retryAfterCap
        self.maxTotalDelay = maxTotalDelay
    }

    /// Classifies a response by status and error body.
    public func verdict(status: Int, error: ProviderErrorBody) -> Verdict {
        if (200..<300).contains(status) { return .success }
        if error.isInsufficientQuota { return .terminal(.insufficientQuota) }
        if error.isSpendLimit { return .terminal(.spendLimit) }
        switch status {
        case 408, 409, 429, 500...599: return .retry
        case 400: return .terminal(.badRequest)
        case 401: return .terminal(.unauthorized)
        case 403: return .terminal(.forbidden)
        case 404: return .terminal(.notFound)
        case 413: return .terminal(.payloadTooLarge)
        default: return .terminal(.rejected)
        }
    }

    /// Seconds to wait before retry number `retry` (1-based), given the failed response's headers
    /// (lower-cased names; empty after a connection error).
    public func delay(beforeRetry retry: Int, headers: [String: String] = [:], now: Date = Date()) -> Double {
        if let requested = requestedDelay(headers: headers, now: now), requested >= 0, requested <= retryAfterCap {
            return requested
        }
        guard !backoffSeconds.isEmpty else { return 0 }
        return backoffSeconds[min(max(retry - 1, 0), backoffSeconds.count - 1)]
    }

    private func requestedDelay(headers: [String: String], now: Date) -> Double? {
        if let millis = headers["retry-after-ms"].flatMap({ Double($0.trimmingCharacters(in: .whitespaces)) }) {
            return millis / 1000
        }
        guard let value = headers["retry-after"]?.trimmingCharacters(in: .whitespaces) else { return nil }
        if let seconds = Double(value) { return seconds }
        return Self.httpDate(value).map { max(0, $0.timeIntervalSince(now)) }
    }

    private static func httpDate(_ text: String) -> Date? {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
        return formatter.date(from: text)
    }
}
