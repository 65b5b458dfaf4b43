import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The HTTP transport every provider shares: URLSession with a hard per-request timeout,
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
    private let session: URLSession

    public init(retryPolicy: HTTPRetryPolicy = HTTPRetryPolicy(), sleep: @escaping Sleep = ProviderHTTPClient.realSleep) {
        self.retryPolicy = retryPolicy
        self.sleep = sleep
        let configuration = URLSessionConfiguration.ephemeral
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        self.session = URLSession(configuration: configuration)
    }

    deinit {
        session.finishTasksAndInvalidate()
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

    /// Sends `request` once, with no retry. Throws `TransportError` when no response arrives in time.
    public func sendOnce(_ request: ProviderHTTPRequest, timeout: Double) async throws -> ProviderHTTPResponse {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method
        urlRequest.httpBody = request.body
        // URLSession's own timeout is a whole-second idle timeout on Linux (0.5 s becomes 0, firing at once);
        // the race below enforces the precise deadline, this is only a backstop.
        urlRequest.timeoutInterval = (timeout + 1).rounded(.up)
        for (name, value) in request.headers {
            urlRequest.setValue(value, forHTTPHeaderField: name)
        }
        let session = self.session
        let finalRequest = urlRequest
        let outcome: (Data, URLResponse)? = try await withThrowingTaskGroup(of: (Data, URLResponse)?.self) { group in
            group.addTask {
                do {
                    return try await session.data(for: finalRequest)
                } catch {
                    throw Self.transportError(error)
                }
            }
            group.addTask {
                try await Task.sleep(nanoseconds: UInt64(max(0, timeout) * 1_000_000_000))
                return nil
            }
            defer { group.cancelAll() }
            return try await group.next() ?? nil
        }
        guard let (data, response) = outcome else { throw TransportError.timedOut }
        guard let http = response as? HTTPURLResponse else {
            throw TransportError.connectionFailed("not an HTTP response")
        }
        var headers: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            headers[String(describing: name).lowercased()] = String(describing: value)
        }
        return ProviderHTTPResponse(status: http.statusCode, headers: headers, body: data)
    }

    private static func transportError(_ error: any Error) -> any Error {
        if error is CancellationError { return error }
        let nsError = error as NSError
        guard nsError.domain == NSURLErrorDomain else {
            return TransportError.connectionFailed(nsError.localizedDescription)
        }
        switch nsError.code {
        case NSURLErrorTimedOut: return TransportError.timedOut
        case NSURLErrorCancelled: return CancellationError()
        default: return TransportError.connectionFailed("connection failed: \(nsError.localizedDescription)")
        }
    }
}
