import Foundation

/// One HTTP request as gate hands it to `gate-http` on stdin. The body travels base64-encoded inside JSON.
public struct HTTPWireRequest: Codable, Sendable, Equatable {
    public var method: String
    public var url: String
    public var headers: [String: String]
    public var body: Data?
    /// Seconds until the request is abandoned.
    public var timeout: Double

    public init(method: String, url: String, headers: [String: String], body: Data?, timeout: Double) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}

/// What `gate-http` prints on stdout: a response, or why none arrived.
public struct HTTPWireResponse: Codable, Sendable, Equatable {
    public enum Failure: String, Codable, Sendable { case timedOut, connectionFailed }

    public var status: Int?
    public var headers: [String: String]
    public var body: Data
    public var failure: Failure?
    public var message: String?

    public init(status: Int?, headers: [String: String] = [:], body: Data = Data(), failure: Failure? = nil, message: String? = nil) {
        self.status = status
        self.headers = headers
        self.body = body
        self.failure = failure
        self.message = message
    }
}
