/// Stands for "no AI provider": gate blocks the push at once without a fix attempt.
/// `FixProviderFactory` returns nil for it, so the fix loop never calls `complete`;
/// if something does, it throws `ProviderError.notConfigured`.
public struct NoneProvider: FixProvider {
    public let name = "none"
    public let model = "none"
    /// Why no provider is available, e.g. "OPENAI_API_KEY is not set".
    public let reason: String

    public init(reason: String) {
        self.reason = reason
    }

    public func complete(_ request: FixRequest) async throws -> FixReply {
        throw ProviderError.notConfigured(reason: reason)
    }
}
