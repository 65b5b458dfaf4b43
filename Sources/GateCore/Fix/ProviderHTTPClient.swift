import Foundation
import GateHTTPWire

/// The HTTP transport every provider shares: one `gate-http` process per request, with a hard timeout,
/// retries as `HTTPRetryPolicy` says, and provider errors turned into `ProviderError`.
public final class ProviderHTTPClient: Sendable {
    /// Waits the given number of seconds between retries; injectable so tests need not wait.
    public typealias Sleep = @Sendable (Double) async throws -> Void

    /// How a single request failed before any response arrived.
    public enum TransportError: Error, Sendable, Equatable {
        case timedOut
        case connectionFailed(String)
    }

    public let retryPolicy: HTTPRetryPolicy
    private let sleep: Sleep

    public init(retryPolicy: HTTPRetryPolicy = HTTPRetryPolicy(), sleep: @escaping Sleep = ProviderHTTPClient.realSleep) {
        self.retryPolicy = retryPolicy
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
            } catch TransportError.connectionFailed(let reason) {
                failure = reason
            }
            guard retries < retryPolicy.maxRetries else {
                throw ProviderError.retriesExhausted(provider: identity.name, retries: retries, lastFailure: failure)
            }
            retries += 1
            try await sleep(retryPolicy.delay(beforeRetry: retries, headers: headers))
        }
    }

    /// Sends `request` once, with no retry, through the `gate-http` helper. Throws `TransportError` when no response
    /// arrives in time.
    public func sendOnce(_ request: ProviderHTTPRequest, timeout: Double) async throws -> ProviderHTTPResponse {
        let wire = HTTPWireRequest(method: request.method, url: request.url.absoluteString, headers: request.headers,
                                   body: request.body, timeout: timeout)
        let input = Array(try JSONEncoder().encode(wire))
        let helper = try SupportFiles.helperBinary("gate-http")
        let outcome: ProcessOutcome = try await withCheckedThrowingContinuation { continuation in
            // ChildProcess.run blocks, so it runs on its own thread rather than the cooperative pool.
            Thread {
                continuation.resume(with: Result {
                    try ChildProcess.run(ProcessSpec(executable: helper, standardInput: input, timeout: timeout + 10))
                })
            }.start()
        }
        guard outcome.exitCode == 0, let reply = try? JSONDecoder().decode(HTTPWireResponse.self, from: Data(outcome.standardOutput)) else {
            if outcome.timedOut { throw TransportError.timedOut }
            let detail = String(decoding: outcome.standardError.suffix(500), as: UTF8.self)
            throw TransportError.connectionFailed("the HTTP helper \(helper) failed (exit \(outcome.exitCode)): \(detail)")
        }
        if reply.failure == .timedOut { throw TransportError.timedOut }
        guard let status = reply.status else { throw TransportError.connectionFailed(reply.message ?? "no response") }
        return ProviderHTTPResponse(status: status, headers: reply.headers, body: reply.body)
    }
}
