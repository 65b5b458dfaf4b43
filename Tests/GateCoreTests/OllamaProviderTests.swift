import Foundation
import Testing
@testable import GateCore

@Suite struct OllamaProviderTests {
    static let request = FixRequest(system: "You fix code.", user: "Analyze test failures and suggest fix: test_mul fails", maxTokens: 900)

    static func reply(doneReason: String = "stop") -> String {
        """
        {"model":"qwen-test","created_at":"2025-01-01T00:00:00Z","message":{"role":"assistant","content":"the fix"},
         "done":true,"done_reason":"\(doneReason)","prompt_eval_count":300,"eval_count":50}
        """
    }

    func provider(_ server: LoopbackHTTPServer, sleep: RecordingSleep = RecordingSleep()) -> OllamaProvider {
        OllamaProvider(model: "qwen-test", baseURL: server.baseURL, contextTokens: 16384, timeout: 10, client: sleep.client())
    }

    @Test func sendsNativeChatWithoutStreamingAndWithContextSize() async throws {
        let server = try LoopbackHTTPServer([ScriptedResponse(body: Self.reply())])
        defer { server.stop() }
        let reply = try await provider(server).complete(Self.request)

        #expect(reply.text == "the fix")
        #expect(reply.truncated == false)
        #expect(reply.usage == TokenUsage(inputTokens: 300, outputTokens: 50))
        let sent = try #require(server.requests.first)
        #expect(sent.path == "/api/chat")
        #expect(sent.headers["authorization"] == nil)
        let body = sent.json
        #expect(body["model"] as? String == "qwen-test")
        #expect(body["stream"] as? Bool == false)
        let options = try #require(body["options"] as? [String: Any])
        #expect(options["num_ctx"] as? Int == 16384)
        #expect(options["num_predict"] as? Int == 900)
        #expect(options["temperature"] as? Double == 0)
        let messages = try #require(body["messages"] as? [[String: String]])
        #expect(messages.map { $0["role"] } == ["system", "user"])
        #expect(messages[1]["content"]?.contains("Analyze test failures and suggest fix") == true)
    }

    @Test func doneReasonLengthFlagsTruncation() async throws {
        let server = try LoopbackHTTPServer([ScriptedResponse(body: Self.reply(doneReason: "length"))])
        defer { server.stop() }
        #expect(try await provider(server).complete(Self.request).truncated)
    }

    @Test func busyServerIsRetried() async throws {
        let server = try LoopbackHTTPServer([
            ScriptedResponse(status: 503, body: #"{"error":"server busy, please try again. maximum pending requests exceeded"}"#),
            ScriptedResponse(body: Self.reply()),
        ])
        defer { server.stop() }
        let sleep = RecordingSleep()
        let reply = try await provider(server, sleep: sleep).complete(Self.request)
        #expect(reply.retries == 1)
        #expect(sleep.delays == [2])
    }

    @Test func missingModelTellsTheUserToPullIt() async throws {
        let server = try LoopbackHTTPServer([ScriptedResponse(status: 404, body: #"{"error":"model 'qwen-test' not found, try pulling it first"}"#)])
        defer { server.stop() }
        let error = try #require(await #expect(throws: ProviderError.self) { try await provider(server).complete(Self.request) })
        guard case .terminal(let failure) = error else {
            Issue.record("expected a terminal error, got \(error)")
            return
        }
        #expect(failure.reason == .notFound)
        #expect(failure.serverMessage == "model 'qwen-test' not found, try pulling it first")
        #expect(error.description.contains("ollama pull qwen-test"))
    }
}
