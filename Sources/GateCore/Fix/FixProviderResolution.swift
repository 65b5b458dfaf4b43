import Foundation

/// The provider gate will use, after `.gate.yml`, environment overrides and auto-detection.
///
/// Order: `GATE_AI_PROVIDER` over the config's kind; with neither, `OPENAI_API_KEY` → openai,
/// then `ANTHROPIC_API_KEY` → anthropic, then an Ollama answering at `OLLAMA_HOST` → ollama, else none.
/// `GATE_AI_MODEL` overrides the model. Base URL: config, then `OPENAI_BASE_URL` / `ANTHROPIC_BASE_URL` /
/// `OLLAMA_HOST`, then the provider's default. Keys come only from the environment.
public struct FixProviderResolution: Sendable, Equatable, CustomStringConvertible {
    /// Answers whether an Ollama server responds at a base URL.
    public typealias OllamaProbe = @Sendable (URL) async -> Bool

    public var kind: FixProviderKind
    public var model: String
    public var baseURL: URL?
    public var apiKey: APIKey?
    public var maxTokens: Int
    public var timeoutSeconds: Double
    public var numCtx: Int
    public var command: String?
    /// Why this provider was chosen, or why none is available.
    public var reason: String

    public var description: String {
        kind == .none ? "none (\(reason))" : "\(kind.rawValue)/\(model) (\(reason))"
    }

    public static func resolve(config: FixProviderSettings?, environment: [String: String], ollamaProbe: OllamaProbe = ProviderProbe.ollamaAnswers) async throws -> FixProviderResolution {
        func value(_ name: String) -> String? {
            guard let text = environment[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
            return text
        }
        let settings = config ?? FixProviderSettings()
        let openAIKey = value("OPENAI_API_KEY").map(APIKey.init)
        let anthropicKey = value("ANTHROPIC_API_KEY").map(APIKey.init)
        let ollamaBase = try ollamaBaseURL(settings.baseURL ?? value("OLLAMA_HOST"))

        let kind: FixProviderKind
        var reason: String
        if let override = value("GATE_AI_PROVIDER") {
            guard let parsed = FixProviderKind(configured: override) else {
                throw FixProviderResolutionError.unknownProvider(value: override, source: "GATE_AI_PROVIDER")
            }
            kind = parsed
            reason = "GATE_AI_PROVIDER=\(parsed.rawValue)"
        } else if let configured = settings.kind {
            kind = configured
            reason = "configured in .gate.yml"
        } else if openAIKey != nil {
            kind = .openai
            reason = "OPENAI_API_KEY is set"
        } else if anthropicKey != nil {
            kind = .anthropic
            reason = "ANTHROPIC_API_KEY is set"
        } else if await ollamaProbe(ollamaBase) {
            kind = .ollama
            reason = "Ollama answers at \(ollamaBase.absoluteString)"
        } else {
            kind = .none
            reason = "no OPENAI_API_KEY or ANTHROPIC_API_KEY is set and no Ollama answers at \(ollamaBase.absoluteString)"
        }

        var resolution = FixProviderResolution(
            kind: kind, model: value("GATE_AI_MODEL") ?? settings.model ?? kind.defaultModel,
            baseURL: nil, apiKey: nil, maxTokens: settings.maxTokens,
            timeoutSeconds: settings.timeoutSeconds ?? kind.defaultTimeoutSeconds,
            numCtx: settings.numCtx, command: nil, reason: reason)
        switch kind {
        case .openai:
            let base = try httpURL(settings.baseURL ?? value("OPENAI_BASE_URL")) ?? OpenAIProvider.defaultBaseURL
            if openAIKey == nil && base.host?.lowercased() == OpenAIProvider.defaultBaseURL.host {
                return unavailable(resolution, because: "openai is selected (\(reason)) but OPENAI_API_KEY is not set")
            }
            resolution.baseURL = base
            resolution.apiKey = openAIKey
        case .anthropic:
            guard let anthropicKey else {
                return unavailable(resolution, because: "anthropic is selected (\(reason)) but ANTHROPIC_API_KEY is not set")
            }
            resolution.baseURL = try httpURL(settings.baseURL ?? value("ANTHROPIC_BASE_URL")) ?? AnthropicProvider.defaultBaseURL
            resolution.apiKey = anthropicKey
        case .ollama:
            resolution.baseURL = ollamaBase
        case .command:
            guard let command = settings.command?.trimmingCharacters(in: .whitespacesAndNewlines), !command.isEmpty else {
                throw FixProviderResolutionError.missingCommand
            }
            resolution.command = command
        case .none:
            resolution.model = FixProviderKind.none.defaultModel
        }
        return resolution
    }

    /// Turns `OLLAMA_HOST` forms (`host`, `host:port`, `http://host:port`) into a base URL,
    /// defaulting to http and port 11434.
    public static func ollamaBaseURL(_ host: String?) throws -> URL {
        guard let host, !host.isEmpty else { return OllamaProvider.defaultBaseURL }
        var text = host.contains("://") ? host : "http://" + host
        while text.hasSuffix("/") { text.removeLast() }
        guard var components = URLComponents(string: text), components.host?.isEmpty == false,
              components.scheme == "http" || components.scheme == "https" else {
            throw FixProviderResolutionError.invalidBaseURL(host)
        }
        if components.port == nil && !host.contains("://") { components.port = 11434 }
        guard let url = components.url else { throw FixProviderResolutionError.invalidBaseURL(host) }
        return url
    }

    private static func httpURL(_ text: String?) throws -> URL? {
        guard let text else { return nil }
        var trimmed = text
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let url = URL(string: trimmed), url.scheme == "http" || url.scheme == "https", url.host?.isEmpty == false else {
            throw FixProviderResolutionError.invalidBaseURL(text)
        }
        return url
    }

    private static func unavailable(_ resolution: FixProviderResolution, because reason: String) -> FixProviderResolution {
        var none = resolution
        none.kind = .none
        none.model = FixProviderKind.none.defaultModel
        none.reason = reason
        return none
    }
}
