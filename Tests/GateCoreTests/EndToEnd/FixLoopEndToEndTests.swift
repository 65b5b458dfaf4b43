import Foundation
import Testing
@testable import GateCore

/// The AI fix loop end to end: a real `git push` through the hook, the real HTTP client, and a loopback server that
/// speaks the OpenAI Chat Completions wire format with scripted replies.
@Suite("fix loop end to end", .enabled(if: GitSandbox.hasTool("python3 -m pytest --version")))
struct FixLoopEndToEndTests {
    static let key = "sk-test-SECRET-0123456789"
    static let calc = "def add(a, b):\n    return a + b\n\n\ndef mul(a, b):\n    return a * b\n"
    static let sub = "\n\ndef sub(a, b):\n    return a + (-b)\n"
    static let tests = "from calc import add, mul\n\n\ndef test_add():\n    assert add(2, 3) == 5\n\n\ndef test_mul():\n    assert mul(2, 3) == 6\n"

    static func config(_ extra: String = "") -> String {
        "version: 1\nsuites:\n  - name: unit\n    runner: pytest\n    env:\n      PYTHONPATH: .\nfix:\n  provider: openai\n  model: gpt-test\n  timeout: 5\n" + extra
    }

    /// A reply whose content is `edit`, as Chat Completions sends it.
    static func reply(_ edit: String, finish: String = "stop") -> ScriptedResponse {
        let content = String(decoding: try! JSONEncoder().encode(edit), as: UTF8.self)
        return ScriptedResponse(headers: ["x-request-id": "req-\(edit.count)"], body: """
        {"id":"chatcmpl-1","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":\(content)},"finish_reason":"\(finish)"}],"usage":{"prompt_tokens":900,"completion_tokens":40}}
        """)
    }

    static func searchReplace(_ path: String, _ search: String, _ replace: String) -> String {
        "Here is the fix.\n\n\(path)\n```python\n<<<<<<< SEARCH\n\(search)\n=======\n\(replace)\n>>>>>>> REPLACE\n```\n"
    }

    /// A request body as text, with JSON's escaped slashes undone.
    static func text(_ request: RecordedRequest) -> String {
        String(decoding: request.body, as: UTF8.self).replacingOccurrences(of: "\\/", with: "/")
    }

    static let goodFix = searchReplace("calc.py", "    return a - b", "    return a + b")

    struct Scenario {
        let box: GitSandbox
        let server: LoopbackHTTPServer
        let pushed: String
        /// `.git/gate/verified.json` as it was before the push under test.
        let verifiedBefore: String?
        var env: [String: String] { ["OPENAI_API_KEY": FixLoopEndToEndTests.key, "OPENAI_BASE_URL": server.baseURL.absoluteString + "/v1"] }
    }

    /// A project whose push breaks `add`, with the hook installed and the server scripted.
    func breakingPush(_ script: [ScriptedResponse], config: String = FixLoopEndToEndTests.config()) throws -> Scenario {
        let box = try GitSandbox()
        try box.makeProject(["calc.py": Self.calc, "tests/test_calc.py": Self.tests, ".gate.yml": config])
        try box.gate("install", in: "work")
        // The push adds `sub` (so the fixed tree differs from the remote's) and breaks `add`.
        try box.write("work/calc.py", Self.calc.replacingOccurrences(of: "a + b", with: "a - b") + Self.sub)
        try box.sh("git commit -qam 'add sub, refactor add'", in: "work")
        let server = try LoopbackHTTPServer(script)
        return Scenario(box: box, server: server, pushed: try box.rev("HEAD"), verifiedBefore: box.read("work/.git/gate/verified.json"))
    }

    func push(_ scenario: Scenario, expect: Int32? = 1) throws -> String {
        try scenario.box.sh("git push origin main", in: "work", env: scenario.env, expect: expect).output
    }

    @Test func correctFixIsCommittedOnTopAndTheRePushPasses() throws {
        let scenario = try breakingPush([Self.reply(Self.goodFix)])
        defer { scenario.server.stop() }
        let box = scenario.box
        let output = try push(scenario)
        // The fix waits under refs/gate/fixes/main; the user's branch and work tree are untouched.
        let fix = try box.rev("refs/gate/fixes/main")
        #expect(fix != scenario.pushed)
        #expect(try box.rev("HEAD") == scenario.pushed)
        #expect(output.contains("fixed in \(String(fix.prefix(10)))"))
        #expect(output.contains("take it with `git merge --ff-only refs/gate/fixes/main`, then `git push` again"))
        // The fix commit: parent, identity, subject and trailers.
        #expect(try box.rev("refs/gate/fixes/main~1") == scenario.pushed)
        try box.sh("git merge -q --ff-only refs/gate/fixes/main", in: "work")
        let message = try box.sh("git log -1 --format=%B", in: "work").output
        #expect(message.hasPrefix("gate: fix test_add (attempt 1/3)"))
        #expect(message.contains("Gate-Attempt: 1/3"))
        #expect(message.contains("Gate-Run: "))
        #expect(message.contains("Co-authored-by: openai/gpt-test"))
        #expect(try box.sh("git log -1 --format='%an <%ae>|%cn'", in: "work").output == "Gate Tester <tester@gate.invalid>|Gate Tester\n")
        #expect(box.read("work/calc.py") == Self.calc + Self.sub)
        #expect(try box.sh("git status --porcelain --untracked-files=no", in: "work").output.isEmpty)
        // The request had the real wire shape.
        let request = try #require(scenario.server.requests.first)
        #expect(request.path == "/v1/chat/completions")
        #expect(request.headers["authorization"] == "Bearer \(Self.key)")
        let body = Self.text(request)
        #expect(body.contains("Analyze test failures and suggest fix"))
        #expect(body.contains("\"model\":\"gpt-test\""))
        #expect(body.contains("test_add"))
        // The re-push passes at once: the fixed tree is already verified.
        let again = try box.sh("git push origin main", in: "work", env: scenario.env).output
        // Nothing runs again: the verified tree (or coverage recorded on this very tree) answers at once.
        #expect(!again.contains("running unit"))
        #expect(again.contains("already passed these tests") || again.contains("no test executed a changed block"))
        #expect(try box.rev("main", in: "remote.git") == fix)
    }

    @Test func fixThatNeedsTwoAttempts() throws {
        let wrong = Self.searchReplace("calc.py", "    return a - b", "    return a * b")
        let right = Self.searchReplace("calc.py", "    return a * b\n\n\ndef mul(a, b):", "    return a + b\n\n\ndef mul(a, b):")
        let scenario = try breakingPush([Self.reply(wrong), Self.reply(right)])
        defer { scenario.server.stop() }
        let output = try push(scenario)
        #expect(output.contains("attempt 1: 1 test(s) still failing"))
        #expect(output.contains("fixed in"))
        #expect(scenario.server.requests.count == 2)
        let second = Self.text(scenario.server.requests[1])
        #expect(second.contains("test_add"))
        #expect(try scenario.box.sh("git log -1 --format=%s refs/gate/fixes/main", in: "work").output.contains("(attempt 2/3)"))
        #expect(try scenario.box.rev("refs/gate/fixes/main~2") == scenario.pushed)
    }

    @Test func threeWrongFixesBlockWithReportAndAttemptRefs() throws {
        let wrong = [Self.searchReplace("calc.py", "    return a - b", "    return a * b"),
                     Self.searchReplace("calc.py", "    return a * b\n\n\ndef mul(a, b):", "    return b - a\n\n\ndef mul(a, b):"),
                     Self.searchReplace("calc.py", "    return b - a", "    return 0")]
        let scenario = try breakingPush(wrong.map { Self.reply($0) })
        defer { scenario.server.stop() }
        let box = scenario.box
        let output = try push(scenario)
        #expect(output.contains("BLOCKED"))
        #expect(try box.rev("HEAD") == scenario.pushed)
        let refs = try box.sh("git for-each-ref --format='%(refname)' refs/gate/attempts", in: "work").output
        #expect(refs.split(separator: "\n").count == 3)
        let reportName = try #require(try FileManager.default.contentsOfDirectory(atPath: box.path("work/.git/gate/reports")).first { $0.hasSuffix(".json") })
        let report = try JSONDecoder().decode(RunReport.self, from: try #require(FileManager.default.contents(atPath: box.path("work/.git/gate/reports/" + reportName))))
        #expect(report.attempts.count == 3)
        #expect(report.attempts.allSatisfy { $0.commit != nil && $0.requestID != nil && $0.inputTokens == 900 })
        #expect(report.attempts.last?.logPath != nil)
        let markdown = box.read("work/.git/gate/reports/" + reportName.replacingOccurrences(of: ".json", with: ".md")) ?? ""
        #expect(markdown.contains("## Fix attempts"))
        let events = box.read("work/.git/gate/events.jsonl") ?? ""
        #expect(events.components(separatedBy: "\"event\":\"fix_attempt\"").count == 4)
    }

    @Test func regressingFixIsRolledBack() throws {
        let regress = Self.searchReplace("calc.py", "    return a * b", "    return a / b")
        let scenario = try breakingPush([Self.reply(regress), Self.reply(Self.goodFix)])
        defer { scenario.server.stop() }
        let output = try push(scenario)
        #expect(output.contains("rolled back"))
        #expect(output.contains("fixed in"))
        // The fix sits directly on the pushed commit: the regression was dropped.
        #expect(try scenario.box.rev("refs/gate/fixes/main~1") == scenario.pushed)
        #expect(try scenario.box.sh("git show refs/gate/fixes/main:calc.py", in: "work").output == Self.calc + Self.sub)
    }

    @Test func rejectedEditsUseUpAttemptsAndTheNextPromptSaysWhy() throws {
        let noMatch = Self.searchReplace("calc.py", "    return a ** b", "    return a + b")
        let testEdit = Self.searchReplace("tests/test_calc.py", "    assert add(2, 3) == 5", "    assert add(2, 3) == -1")
        let traversal = Self.searchReplace("../outside.py", "", "print('escaped')")
        let scenario = try breakingPush([Self.reply(noMatch), Self.reply(testEdit), Self.reply(traversal)])
        defer { scenario.server.stop() }
        let box = scenario.box
        let output = try push(scenario)
        #expect(output.contains("BLOCKED"))
        #expect(scenario.server.requests.count == 3)
        let second = Self.text(scenario.server.requests[1])
        let third = Self.text(scenario.server.requests[2])
        #expect(second.contains("calc.py") && second.lowercased().contains("match"))
        #expect(third.contains("tests/test_calc.py") && third.contains("protected"))
        #expect(!box.exists("outside.py"))
        #expect(box.read("work/tests/test_calc.py") == Self.tests)
        #expect(try box.sh("git for-each-ref refs/gate/attempts", in: "work").output.isEmpty)
        #expect(try box.rev("HEAD") == scenario.pushed)
    }

    @Test func truncatedReplyIsNeverApplied() throws {
        let scenario = try breakingPush([Self.reply(Self.goodFix, finish: "length")],
                                        config: Self.config("  max_attempts: 1\n"))
        defer { scenario.server.stop() }
        let output = try push(scenario)
        #expect(output.contains("cut off"))
        #expect(try scenario.box.rev("HEAD") == scenario.pushed)
    }

    @Test func unauthorizedEndsTheLoopAtOnce() throws {
        let scenario = try breakingPush([ScriptedResponse(status: 401, body: "{\"error\":{\"message\":\"Incorrect API key provided\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}")])
        defer { scenario.server.stop() }
        let output = try push(scenario)
        #expect(scenario.server.requests.count == 1)
        #expect(output.contains("OPENAI_API_KEY"))
        #expect(output.contains("BLOCKED"))
    }

    @Test func flakyTestIsNotSentToTheProvider() throws {
        let box = try GitSandbox()
        let marker = box.path("flaky-marker")
        let flakyTest = "import os\n\n\ndef test_sometimes():\n    if not os.path.exists('\(marker)'):\n        open('\(marker)', 'w').close()\n        assert False, 'first run fails'\n"
        try box.makeProject(["calc.py": Self.calc, "tests/test_calc.py": Self.tests, ".gate.yml": Self.config()])
        try box.gate("install", in: "work")
        try box.write("work/tests/test_flaky.py", flakyTest)
        try box.sh("git add -A && git commit -qm 'flaky test'", in: "work")
        let server = try LoopbackHTTPServer([Self.reply(Self.goodFix)])
        defer { server.stop() }
        let scenario = Scenario(box: box, server: server, pushed: try box.rev("HEAD"), verifiedBefore: nil)
        let output = try push(scenario, expect: 0)
        #expect(output.contains("flaky"))
        #expect(server.requests.isEmpty)
        #expect(box.read("work/.git/gate/flakes.json")?.contains("test_sometimes") == true)
        #expect(box.read("work/.git/gate/events.jsonl")?.contains("\"event\":\"flaky\"") == true)
    }

    @Test func apiKeyIsAbsentFromEverythingGateWrote() throws {
        let scenario = try breakingPush([Self.reply(Self.goodFix)])
        defer { scenario.server.stop() }
        _ = try push(scenario)
        let box = scenario.box
        let leaks = try box.sh("grep -rl '\(Self.key)' .git/gate || true; git notes --ref gate list >/dev/null 2>&1 && git log --all --format=%B | grep -c '\(Self.key)' || true", in: "work").output
        #expect(leaks.trimmingCharacters(in: .whitespacesAndNewlines) == "0" || leaks.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
        #expect(box.exists("work/.git/gate/events.jsonl"))
    }

    @Test func commandProviderFixesThroughAScript() throws {
        let box = try GitSandbox()
        let script = "#!/bin/sh\ncat > \"$GATE_TEST_PROMPT\"\nprintf 'calc.py\\n<<<<<<< SEARCH\\n    return a - b\\n=======\\n    return a + b\\n>>>>>>> REPLACE\\n'\n"
        try box.write("agent.sh", script)
        try box.sh("chmod +x agent.sh")
        let config = "version: 1\nsuites:\n  - name: unit\n    runner: pytest\n    env:\n      PYTHONPATH: .\nfix:\n  provider: command\n  command: \(box.path("agent.sh"))\n  timeout: 30\n"
        try box.makeProject(["calc.py": Self.calc, "tests/test_calc.py": Self.tests, ".gate.yml": config])
        try box.gate("install", in: "work")
        try box.write("work/calc.py", Self.calc.replacingOccurrences(of: "a + b", with: "a - b"))
        try box.sh("git commit -qam 'refactor add'", in: "work")
        let output = try box.sh("git push origin main", in: "work", env: ["GATE_TEST_PROMPT": box.path("prompt.txt")], expect: 1).output
        #expect(output.contains("fixed in"))
        #expect(box.read("prompt.txt")?.contains("Analyze test failures and suggest fix") == true)
        #expect(try box.sh("git log -1 --format=%B refs/gate/fixes/main", in: "work").output.contains("Co-authored-by: command/"))
    }

    /// Python trusts a .pyc whose source has the same size and mtime second, so a same-size edit (`a * b` → `a + b`)
    /// could run stale bytecode. Seen as flaky wrong verdicts; caches that could be stale are now removed before a run.
    @Test func staleBytecodeIsRemovedBeforeTestsRun() throws {
        let box = try GitSandbox()
        try box.makeProject(["calc.py": Self.calc, "other.py": "X = 1\n", "tests/test_calc.py": Self.tests,
                             ".gate.yml": "version: 1\nsuites:\n  - name: unit\n    runner: pytest\n    env:\n      PYTHONPATH: .\n"])
        try box.gate("install", in: "work")
        // In the work tree (in place): only the cache of the file the push changes goes.
        try box.write("work/__pycache__/calc.cpython-311.pyc", "stale")
        try box.write("work/__pycache__/other.cpython-311.pyc", "kept")
        try box.write("work/calc.py", Self.calc + "\n")
        try box.sh("git commit -qam 'touch calc'", in: "work")
        try box.sh("git push origin main", in: "work")
        #expect(box.read("work/__pycache__/calc.cpython-311.pyc") != "stale")
        #expect(box.read("work/__pycache__/other.cpython-311.pyc") == "kept")
        // In gate's own checkout: every cache goes before a run.
        try box.write("work/calc.py", Self.calc + "\n\n")
        try box.sh("git commit -qam 'touch again' && echo dirty >> other.py", in: "work")
        try box.gate("run --no-fix", in: "work")
        try box.write("work/.git/gate/checkout/__pycache__/planted.cpython-311.pyc", "stale")
        try box.write("work/calc.py", Self.calc + "\n\n\n")
        try box.sh("git commit -qam 'and again' && echo dirty >> other.py", in: "work")
        let run = try box.gate("run --no-fix", in: "work")
        #expect(run.output.contains(".git/gate/checkout"))
        #expect(!box.exists("work/.git/gate/checkout/__pycache__/planted.cpython-311.pyc"))
    }

    // MARK: a fix must never make a failing push pass by changing what is tested

    /// A root conftest.py whose hook reports every test as passed.
    static let passEverything = """
    import pytest


    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(item, call):
        outcome = yield
        report = outcome.get_result()
        report.outcome = "passed"
        report.longrepr = None

    """

    static func create(_ path: String, _ text: String) -> String {
        "\(path)\n```python\n<<<<<<< SEARCH\n=======\n\(text)>>>>>>> REPLACE\n```\n"
    }

    /// Nothing of a refused or unverified fix reached anything: no branch move, no verified record, no file, no remote change.
    func expectNothingMoved(_ scenario: Scenario, remoteBefore: String, file: String? = nil) throws {
        let box = scenario.box
        #expect(try box.rev("HEAD") == scenario.pushed)
        #expect(try box.rev("main", in: "remote.git") == remoteBefore)
        #expect(try box.sh("git for-each-ref refs/gate/fixes", in: "work").output.isEmpty)
        #expect(!(box.read("work/.git/gate/events.jsonl") ?? "").contains("\"event\":\"fix_delivered\""))
        #expect(box.read("work/.git/gate/verified.json") == scenario.verifiedBefore)
        if let file {
            #expect(!box.exists("work/" + file))
            #expect(!box.exists("work/.git/gate/fix/" + file))
        }
    }

    /// Observed: a reply creating a root conftest.py that passes every test was accepted, the branch fast-forwarded, the
    /// tree recorded as verified, and the broken code reached the remote on the re-push.
    @Test func rootConftestThatPassesEveryTestIsRefusedAndThePushStaysBlocked() throws {
        let attack = "Here is the fix.\n\n" + Self.create("conftest.py", Self.passEverything)
        let scenario = try breakingPush([Self.reply(attack), Self.reply(attack)], config: Self.config("  max_attempts: 2\n"))
        defer { scenario.server.stop() }
        let box = scenario.box
        let remoteBefore = try box.rev("main", in: "remote.git")
        let output = try push(scenario)
        #expect(output.contains("BLOCKED"))
        #expect(output.contains("edit rejected"))
        #expect(output.contains("conftest.py"))
        #expect(!output.contains("fixed in"))
        try #require(scenario.server.requests.count == 2)
        let second = Self.text(scenario.server.requests[1])
        #expect(second.contains("conftest.py") && second.contains("protected"))
        #expect(try box.sh("git for-each-ref refs/gate/attempts", in: "work").output.isEmpty)
        try expectNothingMoved(scenario, remoteBefore: remoteBefore, file: "conftest.py")
        // The re-push is still checked, still fails, and the broken code never reaches the remote.
        let again = try box.sh("git push origin main", in: "work", env: scenario.env, expect: 1).output
        #expect(again.contains("BLOCKED"))
        try expectNothingMoved(scenario, remoteBefore: remoteBefore, file: "conftest.py")
    }

    @Test func commandProviderCannotPlantAConftestEither() throws {
        let box = try GitSandbox()
        let block = Self.create("conftest.py", Self.passEverything)
        try box.write("reply.txt", block)
        try box.write("agent.sh", "#!/bin/sh\ncat > /dev/null\ncat \(box.path("reply.txt"))\n")
        try box.sh("chmod +x agent.sh")
        let config = "version: 1\nsuites:\n  - name: unit\n    runner: pytest\n    env:\n      PYTHONPATH: .\nfix:\n  provider: command\n  command: \(box.path("agent.sh"))\n  timeout: 30\n  max_attempts: 1\n"
        try box.makeProject(["calc.py": Self.calc, "tests/test_calc.py": Self.tests, ".gate.yml": config])
        try box.gate("install", in: "work")
        try box.write("work/calc.py", Self.calc.replacingOccurrences(of: "a + b", with: "a - b"))
        try box.sh("git commit -qam 'refactor add'", in: "work")
        let remoteBefore = try box.rev("main", in: "remote.git")
        let pushed = try box.rev("HEAD")
        let output = try box.sh("git push origin main", in: "work", expect: 1).output
        #expect(output.contains("BLOCKED"))
        #expect(output.contains("edit rejected") && output.contains("conftest.py"))
        #expect(try box.rev("HEAD") == pushed)
        #expect(try box.rev("main", in: "remote.git") == remoteBefore)
        #expect(!box.exists("work/conftest.py") && !box.exists("work/.git/gate/fix/conftest.py"))
        #expect(try box.sh("git for-each-ref refs/gate", in: "work").output.isEmpty)
    }

    /// An edit to code under test that makes the failing test xfail reports no failure, but proves nothing.
    @Test func fixThatXfailsTheFailingTestIsRejectedAndTheNextAttemptIsToldWhy() throws {
        let xfail = Self.searchReplace("calc.py", "    return a - b", "    import pytest\n    pytest.xfail('not yet')")
        let scenario = try breakingPush([Self.reply(xfail), Self.reply(Self.goodFix)])
        defer { scenario.server.stop() }
        let output = try push(scenario)
        #expect(output.contains("attempt 1: the fix was not verified"))
        #expect(output.contains("test_add was skipped or xfailed"))
        #expect(output.contains("fixed in"))
        try #require(scenario.server.requests.count == 2)
        let second = Self.text(scenario.server.requests[1])
        #expect(second.contains("rolled back"))
        #expect(second.contains("test_add was skipped or xfailed, not run and passed"))
        // The fix sits directly on the pushed commit: the xfail attempt was dropped.
        #expect(try scenario.box.rev("refs/gate/fixes/main~1") == scenario.pushed)
        #expect(try scenario.box.sh("git show refs/gate/fixes/main:calc.py", in: "work").output == Self.calc + Self.sub)
    }

    /// Skipping the whole test module from the code under test: the failing test is gone and fewer tests run.
    @Test func fixThatSkipsTheTestModuleIsRejectedAndNothingMoves() throws {
        let skip = Self.searchReplace("calc.py", "    return a - b", "    return a - b\n\n\nimport pytest\npytest.skip('later', allow_module_level=True)")
        let scenario = try breakingPush([Self.reply(skip)], config: Self.config("  max_attempts: 1\n"))
        defer { scenario.server.stop() }
        let remoteBefore = try scenario.box.rev("main", in: "remote.git")
        let output = try push(scenario)
        #expect(output.contains("BLOCKED"))
        #expect(output.contains("the fix was not verified"))
        #expect(output.contains("test_add was not run"))
        #expect(output.contains("test(s) ran after the fix, 2 before"))
        try expectNothingMoved(scenario, remoteBefore: remoteBefore)
        let events = scenario.box.read("work/.git/gate/events.jsonl") ?? ""
        #expect(events.contains("\"outcome\":\"unverified\""))
    }

    @Test func replyOverTheFileCapIsRefusedWhole() throws {
        var reply = Self.goodFix
        for number in 0..<12 { reply += Self.create("junk_\(number).py", "X = \(number)\n") }
        let scenario = try breakingPush([Self.reply(reply)], config: Self.config("  max_attempts: 1\n  max_files: 5\n"))
        defer { scenario.server.stop() }
        let remoteBefore = try scenario.box.rev("main", in: "remote.git")
        let output = try push(scenario)
        #expect(output.contains("changes 13 files, more than the 5 one fix may touch (`fix.max_files`)"))
        try expectNothingMoved(scenario, remoteBefore: remoteBefore, file: "junk_0.py")
        #expect(scenario.box.read("work/.git/gate/fix/calc.py")?.contains("a - b") == true)
    }
    /// Code under test that writes a conftest.py into the checkout when imported: too late for its own run, but an
    /// earlier attempt's leftover must never take part in a later attempt's run.
    @Test func conftestPlantedByATestRunIsNotTrustedAndDoesNotOutliveTheAttempt() throws {
        let plant = "    return a - b\n\n\nimport os as _os\n"
            + "with open(_os.path.join(_os.path.dirname(_os.path.abspath(__file__)), 'tests', 'conftest.py'), 'w') as _f:\n"
            + "    _f.write('''\(Self.passEverything)''')"
        let planting = Self.searchReplace("calc.py", "    return a - b", plant)
        let harmless = Self.searchReplace("calc.py", "def mul(a, b):", "# multiply\ndef mul(a, b):")
        let scenario = try breakingPush([Self.reply(planting), Self.reply(harmless)])
        defer { scenario.server.stop() }
        let remoteBefore = try scenario.box.rev("main", in: "remote.git")
        let output = try push(scenario)
        #expect(output.contains("attempt 1: the test run created `tests/conftest.py`"))
        #expect(output.contains("BLOCKED"))
        #expect(!output.contains("fixed in"))
        try #require(scenario.server.requests.count >= 2)
        #expect(Self.text(scenario.server.requests[1]).contains("the test run created `tests/conftest.py`"))
        try expectNothingMoved(scenario, remoteBefore: remoteBefore, file: "tests/conftest.py")
    }
    /// Observed: a reply that created 1,000 junk files plus the real fix was committed whole, and the branch moved.
    @Test func thousandJunkFilesPlusTheRealFixAreRefusedWholeThroughAPush() throws {
        var reply = Self.goodFix
        for number in 0..<1000 { reply += Self.create("junk_\(number).py", "X = \(number)\n") }
        let scenario = try breakingPush([Self.reply(reply)], config: Self.config("  max_attempts: 1\n"))
        defer { scenario.server.stop() }
        let remoteBefore = try scenario.box.rev("main", in: "remote.git")
        let output = try push(scenario)
        #expect(output.contains("BLOCKED"))
        #expect(output.contains("changes 1001 files, more than the 10 one fix may touch (`fix.max_files`)"))
        try expectNothingMoved(scenario, remoteBefore: remoteBefore, file: "junk_0.py")
        #expect(!scenario.box.exists("work/.git/gate/fix/junk_999.py"))
        #expect(try scenario.box.sh("git for-each-ref refs/gate/attempts", in: "work").output.isEmpty)
    }
}
