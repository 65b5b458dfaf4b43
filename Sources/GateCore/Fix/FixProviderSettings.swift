/// The `ai:` section of `.gate.yml`, as the configuration layer hands it over. Never holds a key.
public struct FixProviderSettings: Sendable, Equatable {
    /// nil means "detect from the environment".
    public var kind: FixProviderKind?
    public var model: String?
    /// Overrides the provider's base URL (OpenAI-compatible servers, Anthropic proxies, a remote Ollama).
    public var baseURL: String?
    /// Upper bound on a reply's length in tokens.
    public var maxTokens: Int
    /// Seconds one request may take; nil uses the provider's default.
    public var timeoutSeconds: Double?
    /// Ollama context window (`options.num_ctx`).
    public var numCtx: Int
    /// The shell command of the `command` provider.
    public var command: String?

    public init(kind: FixProviderKind? = nil, model: String? = nil, baseURL: String? = nil, maxTokens: Int = 8192, timeoutSeconds: Double? = nil, numCtx: Int = 32768, command: String? = nil) {
        self.kind = kind
        self.model = model
        self.baseURL = baseURL
        self.maxTokens = maxTokens
        self.timeoutSeconds = timeoutSeconds
        self.numCtx = numCtx
        self.command = command
    }
}
