import Foundation

/// One HTTP request as gate hands it to `gate-http` on stdin. The body travels base64-encoded inside JSON, and so do
/// the headers with the API key: the key reaches the helper through this pipe, never through its environment.
public struct HTTPWireRequest: Codable, Sendable, Equatable {
    public var method: String
    public var url: String
    public var headers: [String: String]
    public var body: Data?
    /// Seconds until the request is abandoned.
    public var timeout: Double
    /// The most body bytes to read; past it the helper stops reading, closes the connection and reports `replyTooLarge`.
    public var maxBodyBytes: Int?

    public init(method: String, url: String, headers: [String: String], body: Data?, timeout: Double, maxBodyBytes: Int? = nil) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.maxBodyBytes = maxBodyBytes
    }
}

/// What `gate-http` prints on stdout: a response, or why none arrived.
public struct HTTPWireResponse: Codable, Sendable, Equatable {
    public enum Failure: String, Codable, Sendable { case timedOut, connectionFailed, replyTooLarge }

    public var status: Int?
    public var headers: [String: String]
    public var body: Data
    public var failure: Failure?
    public var message: String?
    /// Body bytes received before the helper stopped reading (set with `replyTooLarge`).
    public var bytesRead: Int?

    public init(status: Int?, headers: [String: String] = [:], body: Data = Data(), failure: Failure? = nil, message: String? = nil, bytesRead: Int? = nil) {
        self.status = status
        self.headers = headers
        self.body = body
        self.failure = failure
        self.message = message
        self.bytesRead = bytesRead
    }
}
