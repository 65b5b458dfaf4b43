import Foundation

/// OpenAI-compatible Chat Completions: api.openai.com, or any server at `OPENAI_BASE_URL`
/// (vLLM, LM Studio, llama.cpp, Ollama's `/v1`).
public struct OpenAIProvider: FixProvider {
    public static let defaultBaseURL = URL(string: "https://api.openai.com/v1")!
    public static let keyVariable = "OPENAI_API_KEY"

    public let name = "openai"
    public let model: String
    public let baseURL: URL
    public let apiKey: APIKey?
    public let timeout: Double
    public let client: ProviderHTTPClient

    public init(model: String, baseURL: URL = OpenAIProvider.defaultBaseURL, apiKey: APIKey?, timeout: Double = 120, client: ProviderHTTPClient = ProviderHTTPClient()) {
        self.model = model
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.timeout = timeout
        self.client = client
    }

    /// api.openai.com wants `max_completion_tokens` and the default temperature;
    /// local servers want `max_tokens`.
    public var isOfficialAPI: Bool {
        baseURL.host?.lowercased() == "api.openai.com"
    }

    public func complete(_ request: FixRequest) async throws -> FixReply {
        let identity = ProviderIdentity(name: name, model: model, keyVariable: Self.keyVariable, apiKey: apiKey)
        let (response, retries) = try await client.send(try httpRequest(for: request), timeout: timeout, as: identity)
        do {
            return try reply(from: response, retries: retries)
        } catch let error as ProviderError {
            throw error.redacting([apiKey?.value].compactMap { $0 })
        }
    }

    /// The Chat Completions request for `request`.
    func httpRequest(for request: FixRequest) throws -> ProviderHTTPRequest {
        let body = ChatBody(
            model: model,
            messages: [ChatMessage(role: "system", content: request.system), ChatMessage(role: "user", content: request.user)],
            maxCompletionTokens: isOfficialAPI ? request.maxTokens : nil,
            maxTokens: isOfficialAPI ? nil : request.maxTokens,
            temperature: isOfficialAPI ? nil : 0)
        var headers = ["Content-Type": "application/json"]
        if let apiKey { headers["Authorization"] = "Bearer \(apiKey.value)" }
        return ProviderHTTPRequest(
            method: "POST", url: baseURL.appendingPathComponent("chat/completions"),
            headers: headers, body: try ProviderJSON.encode(body))
    }

    private func reply(from response: ProviderHTTPResponse, retries: Int) throws -> FixReply {
        let decoded = try ProviderJSON.decode(ChatReply.self, from: response.body, provider: name)
        guard let choice = decoded.choices?.first else {
            throw ProviderError.malformedReply(provider: name, detail: "the reply has no choices")
        }
        guard let content = choice.message?.content else {
            if let refusal = choice.message?.refusal {
                throw ProviderError.refusal(provider: name, message: refusal)
            }
            throw ProviderError.malformedReply(provider: name, detail: "the reply's message content is null")
        }
        return FixReply(
            text: content,
            truncated: choice.finishReason == "length",
            requestID: response.header("x-request-id") ?? decoded.id,
            usage: decoded.usage.map { TokenUsage(inputTokens: $0.promptTokens ?? 0, outputTokens: $0.completionTokens ?? 0) },
            retries: retries)
    }
}

private struct ChatMessage: Encodable {
    let role: String
    let content: String
}

private struct ChatBody: Encodable {
    let model: String
    let messages: [ChatMessage]
    let maxCompletionTokens: Int?
    let maxTokens: Int?
    let temperature: Double?

    enum CodingKeys: String, CodingKey {
        case model, messages, temperature
        case maxCompletionTokens = "max_completion_tokens"
        case maxTokens = "max_tokens"
    }
}

private struct ChatReply: Decodable {
    struct Choice: Decodable {
        struct Message: Decodable {
            let content: String?
            let refusal: String?
        }
        let message: Message?
        let finishReason: String?

        enum CodingKeys: String, CodingKey {
            case message
            case finishReason = "finish_reason"
        }
    }
    struct Usage: Decodable {
        let promptTokens: Int?
        let completionTokens: Int?

        enum CodingKeys: String, CodingKey {
            case promptTokens = "prompt_tokens"
            case completionTokens = "completion_tokens"
        }
    }
    let id: String?
    let choices: [Choice]?
    let usage: Usage?
}
