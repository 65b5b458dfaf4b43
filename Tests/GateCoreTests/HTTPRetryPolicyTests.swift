import Foundation
import Testing
@testable import GateCore

@Suite struct HTTPRetryPolicyTests {
    let policy = HTTPRetryPolicy()

    @Test(arguments: [408, 409, 429, 500, 502, 503, 504, 529])
    func retryableStatuses(status: Int) {
        #expect(policy.verdict(status: status, error: ProviderErrorBody(message: "busy")) == .retry)
    }

    @Test func terminalStatuses() {
        let plain = ProviderErrorBody(message: "nope")
        #expect(policy.verdict(status: 400, error: plain) == .terminal(.badRequest))
        #expect(policy.verdict(status: 401, error: plain) == .terminal(.unauthorized))
        #expect(policy.verdict(status: 403, error: plain) == .terminal(.forbidden))
        #expect(policy.verdict(status: 404, error: plain) == .terminal(.notFound))
        #expect(policy.verdict(status: 413, error: plain) == .terminal(.payloadTooLarge))
        #expect(policy.verdict(status: 422, error: plain) == .terminal(.rejected))
        #expect(policy.verdict(status: 200, error: plain) == .success)
    }

    @Test func quotaAndSpendLimit429sAreTerminal() {
        #expect(policy.verdict(status: 429, error: ProviderErrorBody(message: "quota", type: "insufficient_quota", code: "insufficient_quota")) == .terminal(.insufficientQuota))
        #expect(policy.verdict(status: 429, error: ProviderErrorBody(message: "You have reached your specified API usage limits.")) == .terminal(.spendLimit))
        #expect(policy.verdict(status: 429, error: ProviderErrorBody(message: "Billing hard limit has been reached", code: "billing_hard_limit_reached")) == .terminal(.spendLimit))
    }

    @Test func backoffIsTwoFourEightWithoutHeaders() {
        #expect((1...3).map { policy.delay(beforeRetry: $0) } == [2, 4, 8])
    }

    @Test func retryAfterSecondsAndMillisecondsAreHonoured() {
        #expect(policy.delay(beforeRetry: 1, headers: ["retry-after": "1"]) == 1)
        #expect(policy.delay(beforeRetry: 2, headers: ["retry-after-ms": "250"]) == 0.25)
        #expect(policy.delay(beforeRetry: 1, headers: ["retry-after-ms": "750", "retry-after": "9"]) == 0.75)
    }

    @Test func retryAfterHTTPDateIsHonoured() {
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        let header = formatter.string(from: now.addingTimeInterval(7))
        #expect(policy.delay(beforeRetry: 1, headers: ["retry-after": header], now: now) == 7)
    }

    @Test func retryAfterBeyondTheCapFallsBackToBackoff() {
        #expect(policy.delay(beforeRetry: 1, headers: ["retry-after": "3600"]) == 2)
        #expect(policy.delay(beforeRetry: 3, headers: ["retry-after": "61"]) == 8)
        #expect(policy.delay(beforeRetry: 1, headers: ["retry-after": "60"]) == 60)
    }

    @Test func errorBodyShapes() {
        let openAI = ProviderErrorBody(parsing: Data(#"{"error":{"message":"m1","type":"t1","param":null,"code":"c1"}}"#.utf8))
        #expect(openAI == ProviderErrorBody(message: "m1", type: "t1", code: "c1"))
        let anthropic = ProviderErrorBody(parsing: Data(#"{"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}"#.utf8))
        #expect(anthropic == ProviderErrorBody(message: "Overloaded", type: "overloaded_error"))
        let vllm = ProviderErrorBody(parsing: Data(#"{"object":"error","message":"m2","type":"BadRequestError","code":400}"#.utf8))
        #expect(vllm == ProviderErrorBody(message: "m2", type: "BadRequestError", code: "400"))
        #expect(ProviderErrorBody(parsing: Data(#"{"error":"m3"}"#.utf8)) == ProviderErrorBody(message: "m3"))
        #expect(ProviderErrorBody(parsing: Data("<html>Bad Gateway</html>\n".utf8)) == ProviderErrorBody(message: "<html>Bad Gateway</html>"))
    }

    @Test func connectionErrorsAreRetriedThenReported() async throws {
        let server = try LoopbackHTTPServer([])
        let base = server.baseURL
        server.stop()
        try await Task.sleep(nanoseconds: 200_000_000)
        let sleep = RecordingSleep()
        let provider = OllamaProvider(model: "m", baseURL: base, timeout: 5, client: sleep.client())
        let error = await #expect(throws: ProviderError.self) {
            try await provider.complete(FixRequest(system: "s", user: "u", maxTokens: 10))
        }
        guard case .retriesExhausted(_, let retries, _) = error else {
            Issue.record("expected exhausted retries, got \(String(describing: error))")
            return
        }
        #expect(retries == 3)
        #expect(sleep.delays == [2, 4, 8])
    }

    /// A provider that is down costs one request's back-off, bounded in total, and then ends the fix loop.
    @Test func retryWaitsAreBoundedInTotalAndExhaustionEndsTheLoop() async throws {
        let rateLimited = ScriptedResponse(status: 429, headers: ["retry-after": "40"], body: #"{"error":{"message":"slow down"}}"#)
        let server = try LoopbackHTTPServer([rateLimited, rateLimited, rateLimited])
        defer { server.stop() }
        let sleep = RecordingSleep()
        let provider = OllamaProvider(model: "m", baseURL: server.baseURL, timeout: 5, client: sleep.client())
        let error = await #expect(throws: ProviderError.self) {
            try await provider.complete(FixRequest(system: "s", user: "u", maxTokens: 10))
        }
        #expect(sleep.delays == [40], "a second 40 s wait would pass maxTotalDelay (60 s)")
        #expect(server.requests.count == 2)
        guard case .retriesExhausted(_, let retries, _) = error else {
            Issue.record("expected exhausted retries, got \(String(describing: error))")
            return
        }
        #expect(retries == 1)
        #expect(error?.endsFixLoop == true)
    }
}
