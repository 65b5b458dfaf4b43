import Foundation

/// Ollama's native chat API (`/api/chat`, not streamed, with an explicit context size).
public struct OllamaProvider: FixProvider {
    public static let defaultBaseURL = URL(string: "http://localhost:11434")!

    public let name = "ollama"
    public let model: String
    public let baseURL: URL
    /// Context window sent as `options.num_ctx`; Ollama silently drops anything beyond it.
    public let contextTokens: Int
    public let timeout: Double
    public let client: ProviderHTTPClient

    public init(model: String, baseURL: URL = OllamaProvider.defaultBaseURL, contextTokens: Int = 32768, timeout: Double = 300, client: ProviderHTTPClient = ProviderHTTPClient()) {
        self.model = model
        self.baseURL = baseURL
        self.contextTokens = contextTokens
        self.timeout = timeout
        self.client = client
    }

    public func complete(_ request: FixRequest) async throws -> FixReply {
        let identity = ProviderIdentity(name: name, model: model)
        let body = ChatBody(
            model: model,
            messages: [ChatBody.Message(role: "system", content: request.system), ChatBody.Message(role: "user", content: request.user)],
            stream: false,
            options: ChatBody.Options(numCtx: contextTokens, numPredict: request.maxTokens, temperature: 0))
        let httpRequest = ProviderHTTPRequest(
            method: "POST", url: baseURL.appendingPathComponent("api/chat"),
            headers: ["Content-Type": "application/json"], body: try ProviderJSON.encode(body))
        let (response, retries) = try await client.send(httpRequest, timeout: timeout, as: identity)
        let decoded = try ProviderJSON.decode(ChatReply.self, from: response.body, provider: name)
        guard let content = decoded.message?.content else {
            throw ProviderError.malformedReply(provider: name, detail: "the reply has no message content")
        }
        let usage = decoded.promptEvalCount.map { TokenUsage(inputTokens: $0, outputTokens: decoded.evalCount ?? 0) }
        return FixReply(text: content, truncated: decoded.doneReason == "length", requestID: nil, usage: usage, retries: retries)
    }
}

private struct ChatBody: Encodable {
    struct Message: Encodable {
        let role: String
        let content: String
    }
    struct Options: Encodable {
        let numCtx: Int
        let numPredict: Int
        let temperature: Double

        enum CodingKeys: String, CodingKey {
            case temperature
            case numCtx = "num_ctx"
            case numPredict = "num_predict"
        }
    }
    let model: String
    let messages: [Message]
    let stream: Bool
    let options: Options
}

private struct ChatReply: Decodable {
    struct Message: Decodable {
        let content: String?
    }
    let message: Message?
    let doneReason: String?
    let promptEvalCount: Int?
    let evalCount: Int?

    enum CodingKeys: String, CodingKey {
        case message
        case doneReason = "done_reason"
        case promptEvalCount = "prompt_eval_count"
        case evalCount = "eval_count"
    }
}
