/// Who is calling, so HTTP failures can name the provider, the model and the key variable
/// while keeping the key itself out of every message.
public struct ProviderIdentity: Sendable, Equatable {
    public var name: String
    public var model: String
    /// e.g. `OPENAI_API_KEY`; nil for providers without a key.
    public var keyVariable: String?
    /// The key, redacted from anything the server echoes back.
    public var apiKey: APIKey?

    public init(name: String, model: String, keyVariable: String? = nil, apiKey: APIKey? = nil) {
        self.name = name
        self.model = model
        self.keyVariable = keyVariable
        self.apiKey = apiKey
    }
}
