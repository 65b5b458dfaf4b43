import Foundation
import Testing
@testable import GateCore

@Suite struct CommandProviderTests {
    static let request = FixRequest(system: "SYSTEM PART", user: "Analyze test failures and suggest fix", maxTokens: 100)

    @Test func sendsThePromptOnStdinAndReturnsStdout() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("agent.sh", """
            cat > "$1/prompt.txt"
            printf 'src/a.py\\n<<<<<<< SEARCH\\nold\\n=======\\nnew\\n>>>>>>> REPLACE\\n'
            """)
        let provider = CommandProvider(command: "sh '\(directory.path)/agent.sh' '\(directory.path)'", timeout: 10)
        let reply = try await provider.complete(Self.request)

        #expect(reply.text == "src/a.py\n<<<<<<< SEARCH\nold\n=======\nnew\n>>>>>>> REPLACE\n")
        #expect(reply.truncated == false)
        #expect(try directory.read("prompt.txt") == "SYSTEM PART\n\nAnalyze test failures and suggest fix")
        #expect(try EditReplyParser().parse(reply.text) == [FileEdit(path: "src/a.py", search: "old\n", replace: "new\n")])
    }

    @Test func failingCommandReportsItsStandardError() async throws {
        let provider = CommandProvider(command: "cat >/dev/null; echo 'agent: not logged in' >&2; exit 3", timeout: 10)
        let error = await #expect(throws: ProviderError.self) { try await provider.complete(Self.request) }
        #expect(error == .commandFailed(command: provider.command, exitCode: 3, signal: nil, standardError: "agent: not logged in"))
        #expect(error?.description.contains("exited with status 3: agent: not logged in") == true)
    }

    @Test func timeoutKillsTheWholeProcessGroup() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let pidFile = directory.path + "/child.pid"
        let provider = CommandProvider(command: "sleep 900 & echo $! > '\(pidFile)'; wait", timeout: 0.5)
        let started = Date()
        let error = await #expect(throws: ProviderError.self) { try await provider.complete(Self.request) }
        #expect(error == .timeout(provider: "command", seconds: 0.5))
        // Far below the 900 s sleep; loose because blocking tests running in parallel can starve the async pool
        // (208 s seen on a loaded 2-core machine).
        #expect(Date().timeIntervalSince(started) < 600)

        let pid = try #require(Int32(try directory.read("child.pid").trimmingCharacters(in: .whitespacesAndNewlines)))
        let state = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8))?
            .split(separator: ")").last?.split(separator: " ").first
        #expect(state == nil || state == "Z", "the background sleep \(pid) must be killed with its group")
    }

    @Test func emptyOutputIsMalformed() async throws {
        let provider = CommandProvider(command: "cat >/dev/null", timeout: 10)
        let error = await #expect(throws: ProviderError.self) { try await provider.complete(Self.request) }
        #expect(error == .malformedReply(provider: "command", detail: "the command printed nothing on stdout"))
    }
}
