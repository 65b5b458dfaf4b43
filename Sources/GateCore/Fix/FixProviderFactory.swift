/// Builds the provider a resolution names; nil for `none`, so the fix loop blocks at once.
public enum FixProviderFactory {
    public static func make(_ resolution: FixProviderResolution, client: ProviderHTTPClient = ProviderHTTPClient(), workingDirectory: String? = nil) -> (any FixProvider)? {
        let timeout = resolution.timeoutSeconds
        switch resolution.kind {
        case .openai:
            return OpenAIProvider(
                model: resolution.model, baseURL: resolution.baseURL ?? OpenAIProvider.defaultBaseURL,
                apiKey: resolution.apiKey, timeout: timeout, client: client)
        case .anthropic:
            guard let apiKey = resolution.apiKey else { return nil }
            return AnthropicProvider(
                model: resolution.model, baseURL: resolution.baseURL ?? AnthropicProvider.defaultBaseURL,
                apiKey: apiKey, timeout: timeout, client: client)
        case .ollama:
            return OllamaProvider(
                model: resolution.model, baseURL: resolution.baseURL ?? OllamaProvider.defaultBaseURL,
                contextTokens: resolution.numCtx, timeout: timeout, client: client)
        case .command:
            guard let command = resolution.command else { return nil }
            return CommandProvider(command: command, model: resolution.model, timeout: timeout, workingDirectory: workingDirectory,
                                   maxReplyBytes: client.maxReplyBytes)
        case .none:
            return nil
        }
    }
}
