import Foundation

/// Checks a provider for `gate doctor` with a request that costs no tokens:
/// OpenAI-compatible `GET {base}/models`, Anthropic `GET /v1/models`, Ollama `GET /api/tags`.
public struct ProviderProbe: Sendable {
    public let client: ProviderHTTPClient
    public let timeout: Double

    public init(client: ProviderHTTPClient = ProviderHTTPClient(), timeout: Double = 5) {
        self.client = client
        self.timeout = timeout
    }

    /// True when an Ollama server answers `GET /api/tags` at `base` within 1.5 s.
    public static let ollamaAnswers: FixProviderResolution.OllamaProbe = { base in
        let request = ProviderHTTPRequest(method: "GET", url: base.appendingPathComponent("api/tags"))
        let response = try? await ProviderHTTPClient().sendOnce(request, timeout: 1.5)
        return response?.status == 200
    }

    public func check(_ resolution: FixProviderResolution) async -> ProviderProbeReport {
        switch resolution.kind {
        case .openai:
            var headers: [String: String] = [:]
            if let key = resolution.apiKey { headers["Authorization"] = "Bearer \(key.value)" }
            let base = resolution.baseURL ?? OpenAIProvider.defaultBaseURL
            return await probe(
                ProviderHTTPRequest(method: "GET", url: base.appendingPathComponent("models"), headers: headers),
                resolution: resolution, listKey: "data", nameKeys: ["id"], keyVariable: OpenAIProvider.keyVariable,
                usesKey: resolution.apiKey != nil)
        case .anthropic:
            let base = resolution.baseURL ?? AnthropicProvider.defaultBaseURL
            var url = base.appendingPathComponent("v1/models")
            url = URL(string: url.absoluteString + "?limit=1000") ?? url
            let headers = ["x-api-key": resolution.apiKey?.value ?? "", "anthropic-version": AnthropicProvider.apiVersion]
            return await probe(
                ProviderHTTPRequest(method: "GET", url: url, headers: headers),
                resolution: resolution, listKey: "data", nameKeys: ["id"], keyVariable: AnthropicProvider.keyVariable,
                usesKey: true)
        case .ollama:
            let base = resolution.baseURL ?? OllamaProvider.defaultBaseURL
            return await probe(
                ProviderHTTPRequest(method: "GET", url: base.appendingPathComponent("api/tags")),
                resolution: resolution, listKey: "models", nameKeys: ["name", "model"], keyVariable: nil, usesKey: false)
        case .command:
            return checkCommand(resolution.command ?? "", environment: ProcessInfo.processInfo.environment)
        case .none:
            return ProviderProbeReport(
                reachable: false, authenticated: nil, modelPresent: nil,
                detail: "no AI provider: \(resolution.reason). Set OPENAI_API_KEY or ANTHROPIC_API_KEY, or start Ollama (`ollama serve`).")
        }
    }

    private func probe(_ request: ProviderHTTPRequest, resolution: FixProviderResolution, listKey: String, nameKeys: [String], keyVariable: String?, usesKey: Bool) async -> ProviderProbeReport {
        let provider = resolution.kind.rawValue
        let target = request.url.host ?? request.url.absoluteString
        let response: ProviderHTTPResponse
        do {
            response = try await client.sendOnce(request, timeout: timeout)
        } catch {
            let fix = resolution.kind == .ollama ? " Start it with `ollama serve` or set OLLAMA_HOST." : " Check the network and the base URL."
            return ProviderProbeReport(reachable: false, authenticated: nil, modelPresent: nil, detail: "\(provider) at \(target) does not answer.\(fix)")
        }
        if response.status == 401 || response.status == 403 {
            return ProviderProbeReport(
                reachable: true, authenticated: false, modelPresent: nil,
                detail: "\(provider) rejected the API key (HTTP \(response.status)): set a valid key in \(keyVariable ?? "the key variable").")
        }
        guard response.status == 200,
              let object = (try? JSONSerialization.jsonObject(with: response.body)) as? [String: Any],
              let entries = object[listKey] as? [[String: Any]] else {
            return ProviderProbeReport(
                reachable: true, authenticated: nil, modelPresent: nil,
                detail: "\(provider) at \(target) answered HTTP \(response.status) without a model list; the model could not be checked.")
        }
        let names = entries.flatMap { entry in nameKeys.compactMap { entry[$0] as? String } }
        let present = names.contains { Self.matches(listed: $0, model: resolution.model) }
        let fix = resolution.kind == .ollama ? "run `ollama pull \(resolution.model)`" : "set GATE_AI_MODEL or `model:` in .gate.yml to a listed model"
        return ProviderProbeReport(
            reachable: true, authenticated: usesKey ? true : nil, modelPresent: present,
            detail: present
                ? "\(provider) at \(target) answers and lists model '\(resolution.model)'."
                : "\(provider) at \(target) does not list model '\(resolution.model)': \(fix).")
    }

    /// A listed id names the model exactly, as Ollama's `:latest` default, or as a dated Anthropic snapshot of an alias.
    static func matches(listed: String, model: String) -> Bool {
        listed == model || listed == model + ":latest" || listed.hasPrefix(model + "-")
    }

    private func checkCommand(_ command: String, environment: [String: String]) -> ProviderProbeReport {
        let program = command.split(separator: " ").first.map(String.init) ?? ""
        let candidates = program.contains("/")
            ? [program]
            : (environment["PATH"] ?? "").split(separator: ":").map { "\($0)/\(program)" }
        let found = !program.isEmpty && candidates.contains { FileManager.default.isExecutableFile(atPath: $0) }
        return ProviderProbeReport(
            reachable: found, authenticated: nil, modelPresent: nil,
            detail: found ? "fix command '\(program)' is installed." : "fix command '\(program)' was not found: install it or fix `command:` in .gate.yml.")
    }
}
