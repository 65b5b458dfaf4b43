import Foundation
import GateHTTPWire

/// The HTTP transport every provider shares: one `gate-http` process per request, with a hard timeout,
/// retries as `HTTPRetryPolicy` says, a cap on the reply's size enforced while it is read, and provider errors turned
/// into `ProviderError`. The API key travels to the helper on its stdin (inside the request's headers); the helper's
/// environment is the caller's minus every key variable and every value that appears in a header.
public final class ProviderHTTPClient: Sendable {
    /// Waits the given number of seconds between retries; injectable so tests need not wait.
    public typealias Sleep = @Sendable (Double) async throws -> Void

    /// How a single request failed before any response arrived.
    public enum TransportError: Error, Sendable, Equatable {
        case timedOut
        case connectionFailed(String)
        /// The body passed `limit` bytes; the helper stopped reading after `bytesRead`.
        case replyTooLarge(limit: Int, bytesRead: Int)
    }

    /// `fix.max_reply_bytes`' default: 1 MB.
    public static let defaultMaxReplyBytes = 1 << 20

    public let retryPolicy: HTTPRetryPolicy
    /// Bytes of a reply's body read at most; a larger reply is cut off and refused, never retried.
    public let maxReplyBytes: Int
    private let sleep: Sleep
    private let environment: [String: String]

    public init(retryPolicy: HTTPRetryPolicy = HTTPRetryPolicy(), maxReplyBytes: Int = ProviderHTTPClient.defaultMaxReplyBytes,
                environment: [String: String] = ProcessInfo.processInfo.environment, sleep: @escaping Sleep = ProviderHTTPClient.realSleep) {
        self.retryPolicy = retryPolicy
        self.maxReplyBytes = maxReplyBytes
        self.environment = environment
        self.sleep = sleep
    }

    /// Sleeps for real.
    public static let realSleep: Sleep = { seconds in
        try await Task.sleep(nanoseconds: UInt64(max(0, seconds) * 1_000_000_000))
    }

    /// Sends `request`, retrying as the policy allows. Returns the 2xx response and the retries used;
    /// throws `ProviderError` otherwise, with the caller's key redacted.
    public func send(_ request: ProviderHTTPRequest, timeout: Double, as identity: ProviderIdentity) async throws -> (response: ProviderHTTPResponse, retries: Int) {
        do {
            return try await sendRetrying(request, timeout: timeout, as: identity)
        } catch let error as ProviderError {
            throw error.redacting([identity.apiKey?.value].compactMap { $0 })
        }
    }

    private func sendRetrying(_ request: ProviderHTTPRequest, timeout: Double, as identity: ProviderIdentity) async throws -> (response: ProviderHTTPResponse, retries: Int) {
        var retries = 0
        var waited = 0.0
        while true {
            let failure: String
            var headers: [String: String] = [:]
            do {
                let response = try await sendOnce(request, timeout: timeout)
                let error = ProviderErrorBody(parsing: response.body)
                switch retryPolicy.verdict(status: response.status, error: error) {
                case .success:
                    return (response, retries)
                case .terminal(let reason):
                    throw ProviderError.terminal(TerminalProviderFailure(
                        provider: identity.name, model: identity.model, status: response.status,
                        reason: reason, serverMessage: error.message, keyVariable: identity.keyVariable))
                case .retry:
                    failure = "HTTP \(response.status)" + (error.message.isEmpty ? "" : " (\(error.message))")
                    headers = response.headers
                }
            } catch TransportError.timedOut {
                throw ProviderError.timeout(provider: identity.name, seconds: timeout)
            } catch TransportError.replyTooLarge(let limit, let bytesRead) {
                throw ProviderError.replyTooLarge(provider: identity.name, limit: limit, bytesRead: bytesRead)
            } catch TransportError.connectionFailed(let reason) {
                failure = reason
            }
            let delay = retryPolicy.delay(beforeRetry: retries + 1, headers: headers)
            guard retries < retryPolicy.maxRetries, waited + delay <= retryPolicy.maxTotalDelay else {
                throw ProviderError.retriesExhausted(provider: identity.name, retries: retries, lastFailure: failure)
            }
            retries += 1
            waited += delay
            try await sleep(delay)
        }
    }

    /// Sends `request` once, with no retry, through the `gate-http` helper. Throws `TransportError` when no response
    /// arrives in time, or none that fits `maxReplyBytes`.
    public func sendOnce(_ request: ProviderHTTPRequest, timeout: Double) async throws -> ProviderHTTPResponse {
        let wire = HTTPWireRequest(method: request.method, url: request.url.absoluteString, headers: request.headers,
                                   body: request.body, timeout: timeout, maxBodyBytes: maxReplyBytes)
        let input = Array(try JSONEncoder().encode(wire))
        let helper = try SupportFiles.helperBinary("gate-http")
        let spec = ProcessSpec(executable: helper, environment: Self.helperEnvironment(environment, headers: request.headers),
                               standardInput: input, timeout: timeout + 10)
        // Base64 and JSON grow the body by a third; anything past this was never a capped reply.
        let captureLimit = maxReplyBytes * 2 + (1 << 20)
        let outcome: ProcessOutcome = try await withCheckedThrowingContinuation { continuation in
            // ChildProcess.run blocks, so it runs on its own thread rather than the cooperative pool.
            Thread {
                continuation.resume(with: Result { try ChildProcess.run(spec, captureLimit: captureLimit) })
            }.start()
        }
        if outcome.timedOut { throw TransportError.timedOut }
        guard outcome.exitCode == 0, let reply = try? JSONDecoder().decode(HTTPWireResponse.self, from: Data(outcome.standardOutput)) else {
            throw TransportError.connectionFailed(Self.helperFailure(outcome, helper: helper))
        }
        if reply.failure == .timedOut { throw TransportError.timedOut }
        if reply.failure == .replyTooLarge || reply.body.count > maxReplyBytes {
            throw TransportError.replyTooLarge(limit: maxReplyBytes, bytesRead: reply.bytesRead ?? reply.body.count)
        }
        guard let status = reply.status else {
            throw TransportError.connectionFailed(reply.message.flatMap { $0.isEmpty ? nil : $0 } ?? "no response and no reason given")
        }
        return ProviderHTTPResponse(status: status, headers: reply.headers, body: reply.body)
    }

    /// The helper's environment: the caller's, without key variables or any value a header carries (the key).
    static func helperEnvironment(_ environment: [String: String], headers: [String: String]) -> [String: String] {
        let carried = headers.values.filter { $0.count >= SecretRedactor.minimumValueLength }
        return environment.filter { name, value in
            !SecretRedactor.isKeyVariable(name)
                && !(value.count >= SecretRedactor.minimumValueLength && carried.contains { $0.contains(value) })
        }
    }

    /// Why the helper gave no readable response, in words: never an empty reason.
    static func helperFailure(_ outcome: ProcessOutcome, helper: String) -> String {
        let said = String(decoding: outcome.standardError.suffix(500), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let how: String
        if let signal = outcome.signal {
            how = "was killed by signal \(signal)"
        } else if outcome.exitCode != 0 {
            how = "exited with status \(outcome.exitCode)"
        } else {
            how = "exited normally but printed \(outcome.standardOutput.isEmpty ? "no response" : "a response gate cannot read (\(outcome.standardOutput.count) bytes)")"
        }
        return "the HTTP helper \(helper) \(how)" + (said.isEmpty ? "; it wrote nothing on stderr" : ": \(said)")
    }
}
