import Foundation
import Testing
@testable import GateCore

/// The reply cap (`fix.max_reply_bytes`), the helper's environment and its failure messages, with the real `gate-http`
/// against a loopback server.
@Suite struct ProviderReplyCapTests {
    static let key = "sk-test-SECRET-0123456789"
    static let request = FixRequest(system: "s", user: "Analyze test failures and suggest fix", maxTokens: 100)

    static func reply(contentBytes: Int) -> ScriptedResponse {
        ScriptedResponse(body: #"{"choices":[{"message":{"content":""# + String(repeating: "y", count: contentBytes) + "\"" + #"},"finish_reason":"stop"}]}"#)
    }

    func provider(_ server: LoopbackHTTPServer, maxReplyBytes: Int) -> OpenAIProvider {
        let sleep = RecordingSleep()
        return OpenAIProvider(model: "m", baseURL: server.baseURL.appendingPathComponent("v1"), apiKey: APIKey(Self.key), timeout: 20,
                              client: ProviderHTTPClient(maxReplyBytes: maxReplyBytes, sleep: sleep.sleep))
    }

    @Test(arguments: [false, true])
    func replyOverTheCapIsRefusedOnceWithAClearMessage(omitsContentLength: Bool) async throws {
        var big = Self.reply(contentBytes: 3 << 20)
        big.omitsContentLength = omitsContentLength
        let server = try LoopbackHTTPServer([big, big, big, big])
        defer { server.stop() }
        let error = await #expect(throws: ProviderError.self) { try await provider(server, maxReplyBytes: 64 << 10).complete(Self.request) }
        guard case .replyTooLarge(let name, let limit, let bytesRead) = error else {
            Issue.record("expected replyTooLarge, got \(String(describing: error))")
            return
        }
        #expect(name == "openai" && limit == 64 << 10)
        #expect(bytesRead <= 3 << 20)
        #expect(error?.endsFixLoop == true)
        #expect(error?.description.hasPrefix("the provider's reply exceeded fix.max_reply_bytes (64 KB); nothing was applied") == true)
        #expect(server.requests.count == 1, "an oversize reply is never retried")
    }

    @Test func replyUnderTheCapIsRead() async throws {
        let server = try LoopbackHTTPServer([Self.reply(contentBytes: 50_000)])
        defer { server.stop() }
        let reply = try await provider(server, maxReplyBytes: 64 << 10).complete(Self.request)
        #expect(reply.text.count == 50_000)
    }

    @Test func helperEnvironmentHoldsNoKey() {
        let environment = ["OPENAI_API_KEY": Self.key, "ANTHROPIC_API_KEY": "other-key-value", "ALIAS_OF_KEY": Self.key,
                           "GITHUB_TOKEN": "ghp_whatever_value", "PATH": "/usr/bin:/bin", "HOME": "/home/u", "HTTPS_PROXY": "http://proxy:3128"]
        let helper = ProviderHTTPClient.helperEnvironment(environment, headers: ["Authorization": "Bearer \(Self.key)"])
        #expect(helper == ["PATH": "/usr/bin:/bin", "HOME": "/home/u", "HTTPS_PROXY": "http://proxy:3128"])
    }

    @Test func helperFailuresAlwaysSayWhy() {
        let silent = ProcessOutcome(exitCode: 0, signal: nil, timedOut: false, standardOutput: [], standardError: [], duration: 0.1, processGroup: 1)
        let message = ProviderHTTPClient.helperFailure(silent, helper: "/bin/gate-http")
        #expect(message == "the HTTP helper /bin/gate-http exited normally but printed no response; it wrote nothing on stderr")
        let killed = ProcessOutcome(exitCode: 137, signal: 9, timedOut: false, standardOutput: Array("{\"stat".utf8), standardError: Array("oom\n".utf8), duration: 1, processGroup: 1)
        #expect(ProviderHTTPClient.helperFailure(killed, helper: "gate-http") == "the HTTP helper gate-http was killed by signal 9: oom")
        let garbled = ProcessOutcome(exitCode: 0, signal: nil, timedOut: false, standardOutput: Array("{\"stat".utf8), standardError: [], duration: 1, processGroup: 1)
        #expect(ProviderHTTPClient.helperFailure(garbled, helper: "gate-http").contains("a response gate cannot read (6 bytes)"))
    }

    @Test func commandProviderReplyOverTheCapIsRefusedWhole() async throws {
        let provider = CommandProvider(command: "cat >/dev/null; head -c 5000 /dev/zero | tr '\\\\0' x", timeout: 10, maxReplyBytes: 1000)
        let error = await #expect(throws: ProviderError.self) { try await provider.complete(Self.request) }
        #expect(error?.description.hasPrefix("the provider's reply exceeded fix.max_reply_bytes (1000 bytes); nothing was applied") == true)
    }

    @Test func maxReplyBytesIsConfigurable() throws {
        #expect(GateConfig.FixSettings().maxReplyBytes == 1 << 20)
        let config = try ConfigParser().parse("version: 1\nfix:\n  max_reply_bytes: 200000\n")
        #expect(config.fix.maxReplyBytes == 200_000)
        #expect(throws: ConfigError.self) { try ConfigParser().parse("version: 1\nfix:\n  max_reply_bytes: 0\n") }
    }
}
