import Foundation
import Testing
@testable import GateCore

/// A suite with `working_directory:` names its tests relative to the repository root in the push's output, the
/// reports and the fix prompt, while pytest (run inside that directory) is re-run with the ids it understands.
@Suite("working directory ids end to end", .enabled(if: GitSandbox.hasTool("python3 -m pytest --version")))
struct WorkingDirectoryIdsEndToEndTests {
    @Test func pytestSuiteInASubdirectoryIsReportedByRepositoryPaths() throws {
        let server = try LoopbackHTTPServer([FixLoopEndToEndTests.reply("No idea.")])
        defer { server.stop() }
        let config = FixLoopEndToEndTests.config().replacingOccurrences(of: "    runner: pytest\n",
                                                                      with: "    runner: pytest\n    working_directory: service\n")
        let box = try GitSandbox("gate-wdids")
        try box.makeProject([".gate.yml": config, "service/cards.py": TestIdentityEndToEndTests.cards,
                             "service/tests/pytest.ini": "[pytest]\n", "service/tests/test_cards.py": TestIdentityEndToEndTests.cardTests,
                             ".gitignore": "__pycache__/\n"])
        try box.gate("install", in: "work")
        // The test file itself changes: the index does not resolve `import cards` through the suite's directory.
        try box.write("work/service/tests/test_cards.py",
                      TestIdentityEndToEndTests.cardTests.replacingOccurrences(of: "== \"hearts\"", with: "== \"harts\""))
        try box.sh("git commit -qam 'typo in a test'", in: "work")
        let env = ["OPENAI_API_KEY": FixLoopEndToEndTests.key, "OPENAI_BASE_URL": server.baseURL.absoluteString + "/v1"]
        let push = try box.sh("git push origin main", in: "work", env: env, expect: 1)

        let id = "service/tests/test_cards.py::test_suit"
        #expect(push.output.contains("failure: " + id), "\(push.output)")
        #expect(push.output.contains("re-running the 1 failing test(s)"), "\(push.output)")
        #expect(!push.output.lowercased().contains("flaky"), "\(push.output)")
        #expect(!push.output.contains("could not be judged") && !push.output.contains("did not run"), "\(push.output)")
        let (report, markdown) = try TestIdentityEndToEndTests().latestReport(box)
        #expect(TestIdentityEndToEndTests().failingIDs(report) == [id])
        #expect(markdown.contains("**\(id)**"), "\(markdown)")
        let prompt = try #require(server.requests.first.map(FixLoopEndToEndTests.text))
        #expect(prompt.contains(id), "\(prompt)")
    }

    /// A bug in the code under test of a suite in a subdirectory: the failing test's file (a path relative to the suite)
    /// is found in the repository and sent with the sources, beside the changed module.
    @Test func failingTestSourcesOfASubdirectorySuiteReachThePrompt() throws {
        let server = try LoopbackHTTPServer([FixLoopEndToEndTests.reply("No idea.")])
        defer { server.stop() }
        let config = FixLoopEndToEndTests.config().replacingOccurrences(of: "    runner: pytest\n",
                                                                      with: "    runner: pytest\n    working_directory: service\n")
        let box = try GitSandbox("gate-wdsrc")
        try box.makeProject([".gate.yml": config + "  max_attempts: 1\n", "service/cards.py": TestIdentityEndToEndTests.cards,
                             "service/tests/pytest.ini": "[pytest]\n", "service/tests/test_cards.py": TestIdentityEndToEndTests.cardTests,
                             ".gitignore": "__pycache__/\n"])
        try box.gate("install", in: "work")
        try box.write("work/service/cards.py", TestIdentityEndToEndTests.cards.replacingOccurrences(of: "card % 13 + 1", with: "card % 13"))
        try box.sh("git commit -qam 'zero-based ranks'", in: "work")
        let env = ["OPENAI_API_KEY": FixLoopEndToEndTests.key, "OPENAI_BASE_URL": server.baseURL.absoluteString + "/v1"]
        let push = try box.sh("git push origin main", in: "work", env: env, expect: 1)
        #expect(push.output.contains("service/tests/test_cards.py::TestRank::test_rank"), "\(push.output)")
        let prompt = try #require(server.requests.first.map(FixLoopEndToEndTests.text))
        #expect(prompt.contains("service/cards.py\\n```"), "\(prompt)")
        #expect(prompt.contains("service/tests/test_cards.py\\n```"), "\(prompt)")
    }
}
