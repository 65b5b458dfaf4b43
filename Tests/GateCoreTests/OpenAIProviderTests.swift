import Foundation
import Testing
@testable import GateCore

@Suite struct OpenAIProviderTests {
    static let key = "sk-test-SECRET-0123456789"
    static let request = FixRequest(system: "You fix code.", user: "Analyze test failures and suggest fix: test_add fails", maxTokens: 1234)

    static func reply(content: String = "\"src/a.py\\n<<<<<<< SEARCH\\nx\\n=======\\ny\\n>>>>>>> REPLACE\\n\"", finish: String = "stop", refusal: String = "null") -> String {
        """
        {"id":"chatcmpl-1","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":\(content),"refusal":\(refusal)},"finish_reason":"\(finish)"}],"usage":{"prompt_tokens":120,"completion_tokens":30}}
        """
    }

    func provider(_ server: LoopbackHTTPServer, sleep: RecordingSleep = RecordingSleep(), timeout: Double = 10) -> OpenAIProvider {
        OpenAIProvider(model: "gpt-test", baseURL: server.baseURL.appendingPathComponent("v1"), apiKey: APIKey(Self.key), timeout: timeout, client: sleep.client())
    }

    @Test func sendsChatCompletionWithMaxTokensToCompatibleServer() async throws {
        let server = try LoopbackHTTPServer([ScriptedResponse(headers: ["x-request-id": "req-42"], body: Self.reply())])
        defer { server.stop() }
        let reply = try await provider(server).complete(Self.request)

        #expect(reply.text == "src/a.py\n<<<<<<< SEARCH\nx\n=======\ny\n>>>>>>> REPLACE\n")
        #expect(reply.truncated == false)
        #expect(reply.requestID == "req-42")
        #expect(reply.usage == TokenUsage(inputTokens: 120, outputTokens: 30))
        #expect(reply.retries == 0)
        let sent = try #require(server.requests.first)
        #expect(sent.method == "POST")
        #expect(sent.path == "/v1/chat/completions")
        #expect(sent.headers["authorization"] == "Bearer \(Self.key)")
        #expect(sent.headers["content-type"] == "application/json")
        let body = sent.json
        #expect(body["model"] as? String == "gpt-test")
        #expect(body["max_tokens"] as? Int == 1234)
        #expect(body["max_completion_tokens"] == nil)
        let messages = try #require(body["messages"] as? [[String: String]])
        #expect(messages.map { $0["role"] } == ["system", "user"])
        #expect(messages[1]["content"]?.contains("Analyze test failures and suggest fix") == true)
    }

    @Test func officialAPIGetsMaxCompletionTokensAndNoTemperature() throws {
        let official = OpenAIProvider(model: "o4-mini", apiKey: APIKey(Self.key))
        #expect(official.isOfficialAPI)
        let body = try #require(try JSONSerialization.jsonObject(with: official.httpRequest(for: Self.request).body ?? Data()) as? [String: Any])
        #expect(body["max_completion_tokens"] as? Int == 1234)
        #expect(body["max_tokens"] == nil)
        #expect(body["temperature"] == nil)
        #expect(try official.httpRequest(for: Self.request).url.absoluteString == "https://api.openai.com/v1/chat/completions")
    }

    @Test func retriesAfter429HonouringRetryAfter() async throws {
        let server = try LoopbackHTTPServer([
            ScriptedResponse(status: 429, headers: ["retry-after": "1"], body: #"{"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}"#),
            ScriptedResponse(body: Self.reply()),
        ])
        defer { server.stop() }
        let sleep = RecordingSleep()
        let reply = try await provider(server, sleep: sleep).complete(Self.request)
        #expect(reply.retries == 1)
        #expect(sleep.delays == [1])
        #expect(server.requests.count == 2)
    }

    @Test func retries503LoadingModelWithBackoff() async throws {
        let server = try LoopbackHTTPServer([
            ScriptedResponse(status: 503, body: #"{"error":"Loading model"}"#),
            ScriptedResponse(status: 503, body: #"{"error":"Loading model"}"#),
            ScriptedResponse(body: Self.reply()),
        ])
        defer { server.stop() }
        let sleep = RecordingSleep()
        let reply = try await provider(server, sleep: sleep).complete(Self.request)
        #expect(reply.retries == 2)
        #expect(sleep.delays == [2, 4])
    }

    @Test func givesUpAfterThreeRetries() async throws {
        let server = try LoopbackHTTPServer(Array(repeating: ScriptedResponse(status: 500, body: #"{"error":{"message":"boom"}}"#), count: 5))
        defer { server.stop() }
        let sleep = RecordingSleep()
        let error = await #expect(throws: ProviderError.self) { try await provider(server, sleep: sleep).complete(Self.request) }
        #expect(error == .retriesExhausted(provider: "openai", retries: 3, lastFailure: "HTTP 500 (boom)"))
        #expect(sleep.delays == [2, 4, 8])
        #expect(server.requests.count == 4)
    }

    @Test func unauthorizedEndsAtOnceWithoutLeakingTheKey() async throws {
        let server = try LoopbackHTTPServer([ScriptedResponse(
            status: 401, body: #"{"error":{"message":"Incorrect API key provided: \#(Self.key).","type":"invalid_request_error","code":"invalid_api_key"}}"#)])
        defer { server.stop() }
        let sleep = RecordingSleep()
        let error = try #require(await #expect(throws: ProviderError.self) { try await provider(server, sleep: sleep).complete(Self.request) })
        guard case .terminal(let failure) = error else {
            Issue.record("expected a terminal error, got \(error)")
            return
        }
        #expect(failure.reason == .unauthorized)
        #expect(error.endsFixLoop)
        #expect(server.requests.count == 1)
        #expect(sleep.delays.isEmpty)
        #expect(error.description.contains("OPENAI_API_KEY"))
        #expect(error.description.contains("<redacted>"))
        #expect(!error.description.contains(Self.key))
        #expect(!String(reflecting: error).contains(Self.key))
    }

    @Test func insufficientQuotaIsNotRetried() async throws {
        let server = try LoopbackHTTPServer([ScriptedResponse(
            status: 429, headers: ["retry-after": "1"],
            body: #"{"error":{"message":"You exceeded your current quota, please check your plan and billing details.","type":"insufficient_quota","code":"insufficient_quota"}}"#)])
        defer { server.stop() }
        let sleep = RecordingSleep()
        let error = await #expect(throws: ProviderError.self) { try await provider(server, sleep: sleep).complete(Self.request) }
        guard case .terminal(let failure) = error else {
            Issue.record("expected a terminal error, got \(String(describing: error))")
            return
        }
        #expect(failure.reason == .insufficientQuota)
        #expect(failure.description.contains("billing"))
        #expect(server.requests.count == 1)
        #expect(sleep.delays.isEmpty)
    }

    @Test func flatVLLMErrorShapeIsParsed() async throws {
        let server = try LoopbackHTTPServer([ScriptedResponse(
            status: 400, body: #"{"object":"error","message":"max_tokens is too large: 99999","type":"BadRequestError","param":null,"code":400}"#)])
        defer { server.stop() }
        let error = await #expect(throws: ProviderError.self) { try await provider(server).complete(Self.request) }
        guard case .terminal(let failure) = error else {
            Issue.record("expected a terminal error, got \(String(describing: error))")
            return
        }
        #expect(failure.reason == .badRequest)
        #expect(failure.serverMessage == "max_tokens is too large: 99999")
    }

    @Test func malformedJSONIsReported() async throws {
        let server = try LoopbackHTTPServer([ScriptedResponse(body: "{\"choices\": [oops")])
        defer { server.stop() }
        let error = await #expect(throws: ProviderError.self) { try await provider(server).complete(Self.request) }
        guard case .malformedReply(let provider, _) = error else {
            Issue.record("expected a malformed reply, got \(String(describing: error))")
            return
        }
        #expect(provider == "openai")
    }

    @Test func nullContentWithRefusalIsARefusal() async throws {
        let server = try LoopbackHTTPServer([ScriptedResponse(body: Self.reply(content: "null", refusal: "\"I can't help with that.\""))])
        defer { server.stop() }
        let error = await #expect(throws: ProviderError.self) { try await provider(server).complete(Self.request) }
        #expect(error == .refusal(provider: "openai", message: "I can't help with that."))
        #expect(error?.endsFixLoop == false)
    }

    @Test func finishReasonLengthFlagsTruncation() async throws {
        let server = try LoopbackHTTPServer([ScriptedResponse(body: Self.reply(finish: "length"))])
        defer { server.stop() }
        let reply = try await provider(server).complete(Self.request)
        #expect(reply.truncated)
    }

    @Test func slowServerHitsTheTimeout() async throws {
        let server = try LoopbackHTTPServer([ScriptedResponse(body: Self.reply(), delay: 300)])
        defer { server.stop() }
        let started = Date()
        let error = await #expect(throws: ProviderError.self) { try await provider(server, timeout: 0.5).complete(Self.request) }
        #expect(error == .timeout(provider: "openai", seconds: 0.5))
        let elapsed = Date().timeIntervalSince(started)
        // `.timeout` (not the reply the server sends after 300 s) shows gate gave up first. No upper bound on the wall
        // time: under the full suite the blocking end-to-end tests hold the 2-thread pool for minutes before this call
        // even starts (CI saw 342 s), which measures the test runner, not gate.
        #expect(elapsed >= 0.4)
        #expect(error?.description.contains(Self.key) == false)
    }

    @Test(arguments: [400, 401, 403, 404, 413, 429, 500, 200])
    func keyNeverAppearsInAnErrorDescription(status: Int) async throws {
        let echo = status == 200
            ? "not json, but it echoes \(Self.key)"
            : #"{"error":{"message":"key \#(Self.key) refused","type":"x","code":"\#(status == 429 ? "insufficient_quota" : "x")"}}"#
        let server = try LoopbackHTTPServer(Array(repeating: ScriptedResponse(status: status, body: echo), count: 4))
        defer { server.stop() }
        let error = try #require(await #expect(throws: ProviderError.self) { try await provider(server).complete(Self.request) })
        #expect(!error.description.contains(Self.key))
        #expect(!String(reflecting: error).contains(Self.key))
        #expect(!"\(error)".contains(Self.key))
    }
}
