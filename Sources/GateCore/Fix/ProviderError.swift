import Foundation

/// Why a provider could not produce a reply. Descriptions never contain the API key.
public enum ProviderError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A refusal no retry can fix; ends the fix loop at once.
    case terminal(TerminalProviderFailure)
    /// Every HTTP retry failed; `lastFailure` says how the last one went.
    case retriesExhausted(provider: String, retries: Int, lastFailure: String)
    /// One request took longer than the configured timeout.
    case timeout(provider: String, seconds: Double)
    /// The reply could not be understood (bad JSON, missing content).
    case malformedReply(provider: String, detail: String)
    /// The model declined to answer (null content with a refusal).
    case refusal(provider: String, message: String)
    /// The configured fix command failed.
    case commandFailed(command: String, exitCode: Int32, signal: Int32?, standardError: String)
    /// No provider is configured or available.
    case notConfigured(reason: String)
    /// The reply passed `fix.max_reply_bytes`; reading stopped after `bytesRead` bytes. Never retried: the same
    /// request would only download it again.
    case replyTooLarge(provider: String, limit: Int, bytesRead: Int)

    /// True when no further fix attempt can succeed, so the loop must stop now.
    public var endsFixLoop: Bool {
        switch self {
        // Exhausted retries too: the provider already failed for the whole back-off, another attempt only delays the push.
        case .terminal, .notConfigured, .replyTooLarge, .retriesExhausted: return true
        default: return false
        }
    }

    public var description: String {
        switch self {
        case .terminal(let failure):
            return failure.description
        case .retriesExhausted(let provider, let retries, let lastFailure):
            return "\(provider) did not answer after \(retries) retries: \(lastFailure). Try again later."
        case .timeout(let provider, let seconds):
            return "\(provider) did not answer within \(Self.format(seconds)) s: raise the provider timeout in .gate.yml or try a faster model."
        case .malformedReply(let provider, let detail):
            return "\(provider) sent a reply gate cannot read: \(detail)."
        case .refusal(let provider, let message):
            return "\(provider) declined to answer: \(message)"
        case .commandFailed(let command, let exitCode, let signal, let standardError):
            let how = signal.map { "was killed by signal \($0)" } ?? "exited with status \(exitCode)"
            let said = standardError.isEmpty ? "" : ": \(standardError)"
            return "The fix command `\(command)` \(how)\(said)"
        case .notConfigured(let reason):
            return "No AI provider is available: \(reason)"
        case .replyTooLarge(let provider, let limit, let bytesRead):
            return "the provider's reply exceeded fix.max_reply_bytes (\(Self.formatBytes(limit))); nothing was applied. "
                + (bytesRead == 0 ? "\(provider) declared a larger reply and was cut off at its headers" : "\(provider) was cut off after \(bytesRead) bytes")
                + " and not asked again; raise fix.max_reply_bytes in .gate.yml only if a real fix needs more."
        }
    }

    /// The same error with every occurrence of each secret replaced by `<redacted>`.
    public func redacting(_ secrets: [String]) -> ProviderError {
        let secrets = secrets.filter { !$0.isEmpty }
        guard !secrets.isEmpty else { return self }
        func clean(_ text: String) -> String {
            secrets.reduce(text) { $0.replacingOccurrences(of: $1, with: "<redacted>") }
        }
        switch self {
        case .terminal(var failure):
            failure.serverMessage = clean(failure.serverMessage)
            return .terminal(failure)
        case .retriesExhausted(let provider, let retries, let lastFailure):
            return .retriesExhausted(provider: provider, retries: retries, lastFailure: clean(lastFailure))
        case .timeout, .replyTooLarge:
            return self
        case .malformedReply(let provider, let detail):
            return .malformedReply(provider: provider, detail: clean(detail))
        case .refusal(let provider, let message):
            return .refusal(provider: provider, message: clean(message))
        case .commandFailed(let command, let exitCode, let signal, let standardError):
            return .commandFailed(command: clean(command), exitCode: exitCode, signal: signal, standardError: clean(standardError))
        case .notConfigured(let reason):
            return .notConfigured(reason: clean(reason))
        }
    }

    /// `1 MB`, `512 KB` or `1000 bytes`.
    static func formatBytes(_ bytes: Int) -> String {
        if bytes >= 1 << 20 && bytes % (1 << 20) == 0 { return "\(bytes >> 20) MB" }
        if bytes >= 1 << 10 && bytes % (1 << 10) == 0 { return "\(bytes >> 10) KB" }
        return "\(bytes) bytes"
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}
