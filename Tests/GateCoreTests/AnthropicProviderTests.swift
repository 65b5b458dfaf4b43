import Foundation
import Testing
@testable import GateCore

@Suite struct AnthropicProviderTests {
    static let key = "sk-ant-test-SECRET-9876"
    static let request = FixRequest(system: "You fix code.", user: "Analyze test failures and suggest fix: test_sub fails", maxTokens: 2048)

    static func reply(stop: String = "end_turn") -> String {
        """
        {"id":"msg_1","type":"message","role":"assistant","model":"claude-test",
         "content":[{"type":"text","text":"part one, "},{"type":"thinking","thinking":"hidden"},{"type":"text","text":"part two"}],
         "stop_reason":"\(stop)","usage":{"input_tokens":200,"output_tokens":40}}
        """
    }

    func provider(_ server: LoopbackHTTPServer, sleep: RecordingSleep = RecordingSleep()) -> AnthropicProvider {
        AnthropicProvider(model: "claude-test", baseURL: server.baseURL, apiKey: APIKey(Self.key), timeout: 10, client: sleep.client())
    }

    @Test func sendsMessagesRequestWithExactHeaders() async throws {
        let server = try LoopbackHTTPServer([ScriptedResponse(headers: ["request-id": "req_abc"], body: Self.reply())])
        defer { server.stop() }
        let reply = try await provider(server).complete(Self.request)

        #expect(reply.text == "part one, part two")
        #expect(reply.truncated == false)
        #expect(reply.requestID == "req_abc")
        #expect(reply.usage == TokenUsage(inputTokens: 200, outputTokens: 40))
        let sent = try #require(server.requests.first)
        #expect(sent.method == "POST")
        #expect(sent.path == "/v1/messages")
        #expect(sent.headers["x-api-key"] == Self.key)
        #expect(sent.headers["anthropic-version"] == "2023-06-01")
        #expect(sent.headers["content-type"] == "application/json")
        #expect(sent.headers["authorization"] == nil)
        let body = sent.json
        #expect(body["model"] as? String == "claude-test")
        #expect(body["max_tokens"] as? Int == 2048)
        #expect(body["system"] as? String == "You fix code.")
        let messages = try #require(body["messages"] as? [[String: String]])
        #expect(messages.count == 1)
        #expect(messages[0]["role"] == "user")
        #expect(messages[0]["content"]?.contains("Analyze test failures and suggest fix") == true)
    }

    @Test func stopReasonMaxTokensFlagsTruncation() async throws {
        let server = try LoopbackHTTPServer([ScriptedResponse(body: Self.reply(stop: "max_tokens"))])
        defer { server.stop() }
        #expect(try await provider(server).complete(Self.request).truncated)
    }

    @Test func overloaded529IsRetried() async throws {
        let server = try LoopbackHTTPServer([
            ScriptedResponse(status: 529, body: #"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#),
            ScriptedResponse(body: Self.reply()),
        ])
        defer { server.stop() }
        let sleep = RecordingSleep()
        let reply = try await provider(server, sleep: sleep).complete(Self.request)
        #expect(reply.retries == 1)
        #expect(sleep.delays == [2])
    }

    @Test func rateLimitHonoursRetryAfterMilliseconds() async throws {
        let server = try LoopbackHTTPServer([
            ScriptedResponse(status: 429, headers: ["retry-after-ms": "1500", "retry-after": "2"],
                             body: #"{"type":"error","error":{"type":"rate_limit_error","message":"Number of requests has exceeded your rate limit"}}"#),
            ScriptedResponse(body: Self.reply()),
        ])
        defer { server.stop() }
        let sleep = RecordingSleep()
        _ = try await provider(server, sleep: sleep).complete(Self.request)
        #expect(sleep.delays == [1.5])
    }

    @Test func lowCreditBalanceEndsTheLoopWithoutLeakingTheKey() async throws {
        let server = try LoopbackHTTPServer([ScriptedResponse(
            status: 400,
            body: #"{"type":"error","error":{"type":"invalid_request_error","message":"Your credit balance is too low to access the Anthropic API (key \#(Self.key))."}}"#)])
        defer { server.stop() }
        let sleep = RecordingSleep()
        let error = try #require(await #expect(throws: ProviderError.self) { try await provider(server, sleep: sleep).complete(Self.request) })
        guard case .terminal(let failure) = error else {
            Issue.record("expected a terminal error, got \(error)")
            return
        }
        #expect(failure.reason == .insufficientQuota)
        #expect(error.endsFixLoop)
        #expect(sleep.delays.isEmpty)
        #expect(!error.description.contains(Self.key))
    }

    @Test func forbiddenNamesTheModel() async throws {
        let server = try LoopbackHTTPServer([ScriptedResponse(
            status: 403, body: #"{"type":"error","error":{"type":"permission_error","message":"Your API key does not have permission to use the specified resource."}}"#)])
        defer { server.stop() }
        let error = try #require(await #expect(throws: ProviderError.self) { try await provider(server).complete(Self.request) })
        #expect(error.description.contains("claude-test"))
        #expect(error.description.contains("permission"))
        #expect(server.requests.count == 1)
    }
}
