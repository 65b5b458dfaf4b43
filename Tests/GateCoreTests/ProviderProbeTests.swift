import Foundation
import Testing
@testable import GateCore

@Suite struct ProviderProbeTests {
    func resolution(_ kind: FixProviderKind, model: String, base: URL, key: String? = nil) -> FixProviderResolution {
        FixProviderResolution(
            kind: kind, model: model, baseURL: base, apiKey: key.map(APIKey.init), maxTokens: 100,
            timeoutSeconds: 5, numCtx: 4096, command: nil, reason: "test")
    }

    @Test func openAIListsModelsWithoutSpendingTokens() async throws {
        let server = try LoopbackHTTPServer([ScriptedResponse(body: #"{"object":"list","data":[{"id":"gpt-a"},{"id":"gpt-test"}]}"#)])
        defer { server.stop() }
        let report = await ProviderProbe().check(resolution(.openai, model: "gpt-test", base: server.baseURL.appendingPathComponent("v1"), key: "sk-probe"))
        #expect(report == ProviderProbeReport(reachable: true, authenticated: true, modelPresent: true, detail: report.detail))
        #expect(report.passed)
        let sent = try #require(server.requests.first)
        #expect(sent.method == "GET")
        #expect(sent.path == "/v1/models")
        #expect(sent.headers["authorization"] == "Bearer sk-probe")
    }

    @Test func anthropicRejectedKeyIsReported() async throws {
        let server = try LoopbackHTTPServer([ScriptedResponse(status: 401, body: #"{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"}}"#)])
        defer { server.stop() }
        let report = await ProviderProbe().check(resolution(.anthropic, model: "claude-x", base: server.baseURL, key: "sk-ant-probe"))
        #expect(report.reachable)
        #expect(report.authenticated == false)
        #expect(!report.passed)
        #expect(report.detail.contains("ANTHROPIC_API_KEY"))
        #expect(!report.detail.contains("sk-ant-probe"))
        let sent = try #require(server.requests.first)
        #expect(sent.path.hasPrefix("/v1/models"))
        #expect(sent.headers["x-api-key"] == "sk-ant-probe")
        #expect(sent.headers["anthropic-version"] == "2023-06-01")
    }

    @Test func ollamaModelPresenceAndPullAdvice() async throws {
        let tags = #"{"models":[{"name":"qwen2.5-coder:7b","model":"qwen2.5-coder:7b"},{"name":"llama3:latest","model":"llama3:latest"}]}"#
        let server = try LoopbackHTTPServer([ScriptedResponse(body: tags), ScriptedResponse(body: tags), ScriptedResponse(body: tags)])
        defer { server.stop() }
        let probe = ProviderProbe()
        #expect(await probe.check(resolution(.ollama, model: "qwen2.5-coder:7b", base: server.baseURL)).modelPresent == true)
        #expect(await probe.check(resolution(.ollama, model: "llama3", base: server.baseURL)).modelPresent == true)
        let missing = await probe.check(resolution(.ollama, model: "mistral", base: server.baseURL))
        #expect(missing.modelPresent == false)
        #expect(missing.detail.contains("ollama pull mistral"))
        #expect(server.requests.allSatisfy { $0.path == "/api/tags" })
    }

    @Test func unreachableServerIsReported() async throws {
        let server = try LoopbackHTTPServer([])
        let base = server.baseURL
        server.stop()
        try await Task.sleep(nanoseconds: 200_000_000)
        let report = await ProviderProbe(timeout: 2).check(resolution(.ollama, model: "m", base: base))
        #expect(report.reachable == false)
        #expect(report.detail.contains("ollama serve"))
    }

    @Test func anthropicSnapshotMatchesAlias() {
        #expect(ProviderProbe.matches(listed: "claude-sonnet-4-5-20250929", model: "claude-sonnet-4-5"))
        #expect(!ProviderProbe.matches(listed: "claude-opus-4", model: "claude-sonnet-4-5"))
    }
}
