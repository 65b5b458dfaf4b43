import Foundation

/// Anthropic Messages API at `ANTHROPIC_BASE_URL` (default https://api.anthropic.com).
public struct AnthropicProvider: FixProvider {
    public static let defaultBaseURL = URL(string: "https://api.anthropic.com")!
    public static let keyVariable = "ANTHROPIC_API_KEY"
    public static let apiVersion = "2023-06-01"

    public let name = "anthropic"
    public let model: String
    public let baseURL: URL
    public let apiKey: APIKey
    public let timeout: Double
    public let client: ProviderHTTPClient

    public init(model: String, baseURL: URL = AnthropicProvider.defaultBaseURL, apiKey: APIKey, timeout: Double = 120, client: ProviderHTTPClient = ProviderHTTPClient()) {
        self.model = model
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.timeout = timeout
        self.client = client
    }

    public func complete(_ request: FixRequest) async throws -> FixReply {
        let identity = ProviderIdentity(name: name, model: model, keyVariable: Self.keyVariable, apiKey: apiKey)
        let body = MessagesBody(
            model: model, maxTokens: request.maxTokens, system: request.system,
            messages: [MessagesBody.Message(role: "user", content: request.user)])
        let httpRequest = ProviderHTTPRequest(
            method: "POST", url: baseURL.appendingPathComponent("v1/messages"),
            headers: [
                "x-api-key": apiKey.value,
                "anthropic-version": Self.apiVersion,
                "content-type": "application/json",
            ],
            body: try ProviderJSON.encode(body))
        let (response, retries) = try await client.send(httpRequest, timeout: timeout, as: identity)
        do {
            return try reply(from: response, retries: retries)
        } catch let error as ProviderError {
            throw error.redacting([apiKey.value])
        }
    }

    private func reply(from response: ProviderHTTPResponse, retries: Int) throws -> FixReply {
        let decoded = try ProviderJSON.decode(MessagesReply.self, from: response.body, provider: name)
        let texts = (decoded.content ?? []).filter { $0.type == "text" }.compactMap(\.text)
        if texts.isEmpty {
            if decoded.stopReason == "refusal" {
                throw ProviderError.refusal(provider: name, message: "the model stopped with stop_reason \"refusal\"")
            }
            throw ProviderError.malformedReply(provider: name, detail: "the reply has no text content")
        }
        return FixReply(
            text: texts.joined(),
            truncated: decoded.stopReason == "max_tokens",
            requestID: response.header("request-id") ?? decoded.id,
            usage: decoded.usage.map { TokenUsage(inputTokens: $0.inputTokens ?? 0, outputTokens: $0.outputTokens ?? 0) },
            retries: retries)
    }
}

private struct MessagesBody: Encodable {
    struct Message: Encodable {
        let role: String
        let content: String
    }
    let model: String
    let maxTokens: Int
    let system: String
    let messages: [Message]

    enum CodingKeys: String, CodingKey {
        case model, system, messages
        case maxTokens = "max_tokens"
    }
}

private struct MessagesReply: Decodable {
    struct Block: Decodable {
        let type: String
        let text: String?
    }
    struct Usage: Decodable {
        let inputTokens: Int?
        let outputTokens: Int?

        enum CodingKeys: String, CodingKey {
            case inputTokens = "input_tokens"
            case outputTokens = "output_tokens"
        }
    }
    let id: String?
    let content: [Block]?
    let stopReason: String?
    let usage: Usage?

    enum CodingKeys: String, CodingKey {
        case id, content, usage
        case stopReason = "stop_reason"
    }
}
