/// What gate asks an AI provider for: a system prompt, a user prompt and a reply size limit.
public struct FixRequest: Sendable, Equatable {
    /// Instructions that frame the model's role and reply format.
    public var system: String
    /// The rendered fix prompt: failures, diff, sources, protected paths.
    public var user: String
    /// Upper bound on the reply's length in tokens.
    public var maxTokens: Int

    public init(system: String, user: String, maxTokens: Int) {
        self.system = system
        self.user = user
        self.maxTokens = maxTokens
    }
}
