import Foundation
import Testing
@testable import GateCore

@Suite struct FixProviderResolutionTests {
    static let noOllama: FixProviderResolution.OllamaProbe = { _ in false }

    @Test func openAIKeyWinsAutoDetection() async throws {
        let resolution = try await FixProviderResolution.resolve(
            config: nil, environment: ["OPENAI_API_KEY": "sk-o", "ANTHROPIC_API_KEY": "sk-a"], ollamaProbe: Self.noOllama)
        #expect(resolution.kind == .openai)
        #expect(resolution.apiKey == APIKey("sk-o"))
        #expect(resolution.baseURL == OpenAIProvider.defaultBaseURL)
        #expect(resolution.model == FixProviderKind.openai.defaultModel)
        #expect(!resolution.description.contains("sk-o"))
        #expect(!String(reflecting: resolution).contains("sk-o"))
    }

    @Test func anthropicKeyIsNext() async throws {
        let resolution = try await FixProviderResolution.resolve(
            config: nil, environment: ["ANTHROPIC_API_KEY": "sk-a", "ANTHROPIC_BASE_URL": "http://127.0.0.1:9/"], ollamaProbe: Self.noOllama)
        #expect(resolution.kind == .anthropic)
        #expect(resolution.baseURL?.absoluteString == "http://127.0.0.1:9")
        #expect(FixProviderFactory.make(resolution) is AnthropicProvider)
    }

    @Test func answeringOllamaIsDetectedAtOllamaHost() async throws {
        let probed = ProbedURLs()
        let resolution = try await FixProviderResolution.resolve(
            config: nil, environment: ["OLLAMA_HOST": "127.0.0.1:9999"],
            ollamaProbe: { url in probed.append(url); return true })
        #expect(resolution.kind == .ollama)
        #expect(resolution.baseURL?.absoluteString == "http://127.0.0.1:9999")
        #expect(probed.urls.map(\.absoluteString) == ["http://127.0.0.1:9999"])
        let provider = try #require(FixProviderFactory.make(resolution) as? OllamaProvider)
        #expect(provider.contextTokens == 32768)
    }

    @Test func nothingAvailableResolvesToNone() async throws {
        let resolution = try await FixProviderResolution.resolve(config: nil, environment: [:], ollamaProbe: Self.noOllama)
        #expect(resolution.kind == .none)
        #expect(resolution.reason.contains("http://localhost:11434"))
        #expect(FixProviderFactory.make(resolution) == nil)
    }

    @Test func environmentOverridesConfiguredProviderAndModel() async throws {
        let config = FixProviderSettings(kind: .openai, model: "gpt-config", maxTokens: 4000, timeoutSeconds: 30)
        let resolution = try await FixProviderResolution.resolve(
            config: config, environment: ["GATE_AI_PROVIDER": "Anthropic", "GATE_AI_MODEL": "claude-env", "ANTHROPIC_API_KEY": "k"],
            ollamaProbe: Self.noOllama)
        #expect(resolution.kind == .anthropic)
        #expect(resolution.model == "claude-env")
        #expect(resolution.maxTokens == 4000)
        #expect(resolution.timeoutSeconds == 30)
    }

    @Test func unknownProviderNameIsAConfigurationError() async throws {
        let error = await #expect(throws: FixProviderResolutionError.self) {
            try await FixProviderResolution.resolve(config: nil, environment: ["GATE_AI_PROVIDER": "gemini"], ollamaProbe: Self.noOllama)
        }
        #expect(error == .unknownProvider(value: "gemini", source: "GATE_AI_PROVIDER"))
    }

    @Test func compatibleServerNeedsNoKeyButOfficialAPIDoes() async throws {
        let local = try await FixProviderResolution.resolve(
            config: FixProviderSettings(kind: .openai, model: "llama3", baseURL: "http://localhost:11434/v1"),
            environment: [:], ollamaProbe: Self.noOllama)
        #expect(local.kind == .openai)
        #expect(local.apiKey == nil)
        let provider = try #require(FixProviderFactory.make(local) as? OpenAIProvider)
        #expect(provider.isOfficialAPI == false)

        let official = try await FixProviderResolution.resolve(
            config: FixProviderSettings(kind: .openai), environment: [:], ollamaProbe: Self.noOllama)
        #expect(official.kind == .none)
        #expect(official.reason.contains("OPENAI_API_KEY is not set"))
    }

    @Test func commandProviderNeedsACommand() async throws {
        await #expect(throws: FixProviderResolutionError.missingCommand) {
            try await FixProviderResolution.resolve(config: FixProviderSettings(kind: .command), environment: [:], ollamaProbe: Self.noOllama)
        }
        let resolution = try await FixProviderResolution.resolve(
            config: FixProviderSettings(kind: .command, command: "my-agent --stdin"), environment: [:], ollamaProbe: Self.noOllama)
        let provider = try #require(FixProviderFactory.make(resolution) as? CommandProvider)
        #expect(provider.command == "my-agent --stdin")
        #expect(provider.timeout == 600)
    }

    @Test func noneProviderRefusesToRun() async throws {
        let provider = NoneProvider(reason: "OPENAI_API_KEY is not set")
        let error = await #expect(throws: ProviderError.self) { try await provider.complete(FixRequest(system: "", user: "", maxTokens: 1)) }
        #expect(error?.endsFixLoop == true)
        #expect(error?.description == "No AI provider is available: OPENAI_API_KEY is not set")
    }

    @Test func ollamaHostForms() throws {
        #expect(try FixProviderResolution.ollamaBaseURL(nil).absoluteString == "http://localhost:11434")
        #expect(try FixProviderResolution.ollamaBaseURL("gpu-box").absoluteString == "http://gpu-box:11434")
        #expect(try FixProviderResolution.ollamaBaseURL("https://ollama.example.com/").absoluteString == "https://ollama.example.com")
        #expect(throws: FixProviderResolutionError.self) { try FixProviderResolution.ollamaBaseURL("ftp://x") }
    }

    @Test func realOllamaProbeAsksForTags() async throws {
        let server = try LoopbackHTTPServer([ScriptedResponse(body: #"{"models":[]}"#)])
        defer { server.stop() }
        #expect(await ProviderProbe.ollamaAnswers(server.baseURL))
        #expect(server.requests.first?.path == "/api/tags")
        #expect(server.requests.first?.method == "GET")
        server.stop()
        try await Task.sleep(nanoseconds: 200_000_000)
        #expect(await ProviderProbe.ollamaAnswers(server.baseURL) == false)
    }
}

/// Collects the URLs a probe was asked about.
private final class ProbedURLs: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [URL] = []

    var urls: [URL] { lock.withLock { recorded } }

    func append(_ url: URL) {
        lock.withLock { recorded.append(url) }
    }
}
