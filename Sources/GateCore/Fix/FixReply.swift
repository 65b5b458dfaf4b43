/// A provider's answer to a `FixRequest`.
public struct FixReply: Sendable, Equatable {
    /// The model's reply text, expected to hold SEARCH/REPLACE blocks or a diff.
    public var text: String
    /// True when the reply was cut off at the token limit; such a reply must never be applied.
    public var truncated: Bool
    /// The provider's request identifier, for support tickets and the report.
    public var requestID: String?
    /// Tokens consumed, when the provider reports them.
    public var usage: TokenUsage?
    /// How many HTTP retries this reply needed.
    public var retries: Int

    public init(text: String, truncated: Bool, requestID: String? = nil, usage: TokenUsage? = nil, retries: Int = 0) {
        self.text = text
        self.truncated = truncated
        self.requestID = requestID
        self.usage = usage
        self.retries = retries
    }
}

/// Input and output token counts reported by a provider.
public struct TokenUsage: Sendable, Equatable {
    public var inputTokens: Int
    public var outputTokens: Int

    public init(inputTokens: Int, outputTokens: Int) {
        self.inputTokens = inputTokens
        self.outputTokens = outputTokens
    }
}
