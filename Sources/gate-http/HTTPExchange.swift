import Foundation
import GateHTTPWire
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Performs one request with URLSession, a hard deadline and a cap on the body: the reply is read as it streams in, and
/// once it declares or reaches more than `maxBodyBytes` the helper answers `replyTooLarge` and exits at once, which
/// closes the connection (URLSession on Linux ignores a `.cancel` disposition and cancels only after its buffers drain).
enum HTTPExchange {
    static func perform(_ wire: HTTPWireRequest, stop: @escaping @Sendable (HTTPWireResponse) -> Never) -> HTTPWireResponse {
        guard let url = URL(string: wire.url) else {
            return HTTPWireResponse(status: nil, failure: .connectionFailed, message: "invalid URL \(wire.url)")
        }
        var request = URLRequest(url: url)
        request.httpMethod = wire.method
        request.httpBody = wire.body
        // URLSession's timeout is a whole-second idle timeout on Linux (0.5 s becomes 0, firing at once);
        // the semaphore's deadline below is the precise one, this is only a backstop.
        request.timeoutInterval = (wire.timeout + 1).rounded(.up)
        for (name, value) in wire.headers { request.setValue(value, forHTTPHeaderField: name) }
        let configuration = URLSessionConfiguration.ephemeral
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        let receiver = CappedReceiver(limit: wire.maxBodyBytes, stop: stop)
        let session = URLSession(configuration: configuration, delegate: receiver, delegateQueue: nil)
        defer { session.invalidateAndCancel() }
        let task = session.dataTask(with: request)
        task.resume()
        guard receiver.finished.wait(timeout: .now() + max(0, wire.timeout)) == .success else {
            task.cancel()
            return HTTPWireResponse(status: nil, failure: .timedOut)
        }
        return receiver.outcome(limit: wire.maxBodyBytes)
    }
}

/// Collects one response on URLSession's delegate queue, cancelling the task once the body passes the limit.
final class CappedReceiver: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    let finished = DispatchSemaphore(value: 0)
    private let limit: Int?
    private let stop: @Sendable (HTTPWireResponse) -> Never
    private let lock = NSLock()
    private var response: HTTPURLResponse?
    private var body = Data()
    private var bytesRead = 0
    private var overLimit = false
    private var error: Error?

    init(limit: Int?, stop: @escaping @Sendable (HTTPWireResponse) -> Never) {
        self.limit = limit
        self.stop = stop
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping @Sendable (URLSession.ResponseDisposition) -> Void) {
        let declaredTooLarge = limit.map { response.expectedContentLength > Int64($0) } ?? false
        lock.withLock {
            self.response = response as? HTTPURLResponse
            if declaredTooLarge { overLimit = true }
        }
        if declaredTooLarge { stop(outcome(limit: limit)) }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        let stop: Bool = lock.withLock {
            guard !overLimit else { return true }
            bytesRead += data.count
            if let limit, body.count + data.count > limit {
                overLimit = true
                body = Data()
                return true
            }
            body.append(data)
            return false
        }
        if stop { self.stop(outcome(limit: limit)) }
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        lock.withLock { self.error = error }
        finished.signal()
    }

    /// The response, or why there is none.
    func outcome(limit: Int?) -> HTTPWireResponse {
        lock.withLock {
            if overLimit, let limit {
                return HTTPWireResponse(status: response?.statusCode, failure: .replyTooLarge,
                                        message: "the reply is larger than \(limit) bytes; stopped reading after \(bytesRead)", bytesRead: bytesRead)
            }
            if let error {
                let nsError = error as NSError
                if nsError.domain == NSURLErrorDomain && nsError.code == NSURLErrorTimedOut {
                    return HTTPWireResponse(status: nil, failure: .timedOut)
                }
                return HTTPWireResponse(status: nil, failure: .connectionFailed, message: "connection failed: \(nsError.localizedDescription)")
            }
            guard let response else {
                return HTTPWireResponse(status: nil, failure: .connectionFailed, message: "not an HTTP response")
            }
            var headers: [String: String] = [:]
            for (name, value) in response.allHeaderFields {
                headers[String(describing: name).lowercased()] = String(describing: value)
            }
            return HTTPWireResponse(status: response.statusCode, headers: headers, body: body)
        }
    }
}
