import Foundation

/// One HTTP response, with header names lower-cased.
public struct ProviderHTTPResponse: Sendable, Equatable {
    public var status: Int
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { _, last in last })
        self.body = body
    }

    /// The value of a header, whatever case it was sent in.
    public func header(_ name: String) -> String? {
        headers[name.lowercased()]
    }
}
