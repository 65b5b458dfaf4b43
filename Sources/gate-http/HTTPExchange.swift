import Foundation
import GateHTTPWire
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Performs one request with URLSession and a hard deadline.
enum HTTPExchange {
    static func perform(_ wire: HTTPWireRequest) async -> HTTPWireResponse {
        guard let url = URL(string: wire.url) else {
            return HTTPWireResponse(status: nil, failure: .connectionFailed, message: "invalid URL \(wire.url)")
        }
        var request = URLRequest(url: url)
        request.httpMethod = wire.method
        request.httpBody = wire.body
        // URLSession's timeout is a whole-second idle timeout on Linux (0.5 s becomes 0, firing at once);
        // the race below enforces the precise deadline, this is only a backstop.
        request.timeoutInterval = (wire.timeout + 1).rounded(.up)
        for (name, value) in wire.headers { request.setValue(value, forHTTPHeaderField: name) }
        let configuration = URLSessionConfiguration.ephemeral
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        let session = URLSession(configuration: configuration)
        defer { session.finishTasksAndInvalidate() }
        let finalRequest = request
        do {
            let outcome: (Data, URLResponse)? = try await withThrowingTaskGroup(of: (Data, URLResponse)?.self) { group in
                group.addTask { try await session.data(for: finalRequest) }
                group.addTask {
                    try await Task.sleep(nanoseconds: UInt64(max(0, wire.timeout) * 1_000_000_000))
                    return nil
                }
                defer { group.cancelAll() }
                return try await group.next() ?? nil
            }
            guard let (data, response) = outcome else { return HTTPWireResponse(status: nil, failure: .timedOut) }
            guard let http = response as? HTTPURLResponse else {
                return HTTPWireResponse(status: nil, failure: .connectionFailed, message: "not an HTTP response")
            }
            var headers: [String: String] = [:]
            for (name, value) in http.allHeaderFields {
                headers[String(describing: name).lowercased()] = String(describing: value)
            }
            return HTTPWireResponse(status: http.statusCode, headers: headers, body: data)
        } catch {
            let nsError = error as NSError
            if nsError.domain == NSURLErrorDomain && nsError.code == NSURLErrorTimedOut {
                return HTTPWireResponse(status: nil, failure: .timedOut)
            }
            return HTTPWireResponse(status: nil, failure: .connectionFailed, message: "connection failed: \(nsError.localizedDescription)")
        }
    }
}
