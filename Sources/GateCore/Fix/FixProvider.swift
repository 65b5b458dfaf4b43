/// An AI backend that answers a fix prompt.
public protocol FixProvider: Sendable {
    /// Short provider name used in messages and commit trailers, e.g. `openai`.
    var name: String { get }
    /// The model the provider asks, e.g. `gpt-4.1`.
    var model: String { get }
    /// Sends the request and returns the reply, or throws a `ProviderError`.
    func complete(_ request: FixRequest) async throws -> FixReply
}
