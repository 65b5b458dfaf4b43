import Foundation
import Testing
@testable import GateCore

/// Bad input is refused before any work, through the real `gate` binary and the installed hooks: no test runs, no
/// provider is called, nothing is written; and nothing a test or provider prints reaches the terminal raw.
@Suite("bad input end to end")
struct BadInputEndToEndTests {
    static let zero = String(repeating: "0", count: 40)

    /// Ref names git itself refuses, and names carrying terminal escape sequences.
    static let badNames = [
        "refs/heads/../x", "refs/heads/x.lock", "refs/heads/x\u{1B}[2J\u{1B}[H", "refs/heads/\u{1B}]52;c;cm0gLXJmIH4=\u{07}",
        "refs/heads/\u{1B}]8;;https://evil.invalid\u{1B}\\link", "refs/heads/a\u{9B}31m",
    ]

    /// A project whose suite records that it ran and fails, with a command provider that records that it was called.
    func project() throws -> GitSandbox {
        let box = try GitSandbox("gate-badinput")
        let config = """
        version: 1
        suites:
          - name: check
            runner: command
            command: touch '\(box.path("tests-ran"))'; grep -q '^ok$' value.txt
            timeout: 60
        fix:
          provider: command
          command: touch '\(box.path("provider-called"))'; printf 'nothing useful'
          timeout: 30

        """
        try box.makeProject([".gate.yml": config, "value.txt": "ok\n"])
        try box.gate("install", in: "work")
        // A commit that breaks the suite: were the input accepted, tests would run and the provider be asked.
        try box.write("work/value.txt", "broken\n")
        try box.sh("git commit -qam break", in: "work")
        return box
    }

    /// Everything gate could have written, to compare before and after.
    func footprint(_ box: GitSandbox, gitDirectory: String) -> [String] {
        let root = box.path(gitDirectory)
        let listing = (FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? [])
            .filter { !$0.hasPrefix("objects/") && !$0.hasPrefix("logs/") && $0 != "index" && $0 != "ORIG_HEAD" }.sorted()
        return listing + [box.read(gitDirectory + "/gate/events.jsonl") ?? "<no trail>"]
    }

    func expectNothingHappened(_ box: GitSandbox, _ output: String, before: [String], gitDirectory: String,
                               sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!box.exists("tests-ran"), "a test ran", sourceLocation: sourceLocation)
        #expect(!box.exists("provider-called"), "the provider was called", sourceLocation: sourceLocation)
        #expect(footprint(box, gitDirectory: gitDirectory) == before, "gate wrote something", sourceLocation: sourceLocation)
        #expect(!output.contains("\u{1B}") && !output.contains("\u{9B}"), "raw escape in \(output.debugDescription)", sourceLocation: sourceLocation)
        #expect(output.utf8.count < 4000, "output of \(output.utf8.count) bytes", sourceLocation: sourceLocation)
    }

    @Test(arguments: badNames)
    func prePushRefusesABadRemoteRef(_ name: String) throws {
        let box = try project()
        let head = try box.rev("HEAD")
        let before = footprint(box, gitDirectory: "work/.git")
        let input = "refs/heads/main \(head) refs/heads/main \(try box.rev("main", in: "remote.git"))\nrefs/heads/main \(head) \(name) \(Self.zero)\n"
        let result = try box.gate("pre-push origin ../remote.git", in: "work", stdin: input, expect: 2)
        #expect(result.output.contains("malformed hook input on line 2"))
        #expect(result.output.contains("Nothing was checked or written"))
        expectNothingHappened(box, result.output, before: before, gitDirectory: "work/.git")
    }

    @Test func prePushRefusesABadLocalRefAndMalformedLines() throws {
        let box = try project()
        let head = try box.rev("HEAD")
        let before = footprint(box, gitDirectory: "work/.git")
        let cases = [
            ("refs/heads/x.lock \(head) refs/heads/main \(Self.zero)\n", "line 1"),
            ("refs/heads/main \(head) refs/heads/main\n", "line 1"),
            ("refs/heads/main \(head) refs/heads/main \(Self.zero)\nrefs/heads/main \(head.prefix(39))g refs/heads/main \(Self.zero)\n", "line 2"),
            ("refs/heads/main \(head) refs/heads/main \(Self.zero)\n\nrefs/heads/main \(head) refs/heads/x \(Self.zero)\n", "line 2"),
        ]
        for (input, line) in cases {
            let result = try box.gate("pre-push origin ../remote.git", in: "work", stdin: input, expect: 2)
            #expect(result.output.contains(line), "\(result.output)")
            expectNothingHappened(box, result.output, before: before, gitDirectory: "work/.git")
        }
    }

    /// The installed shim, run as git runs it, with a name git would never send: gate still refuses it.
    @Test func theInstalledPrePushHookRefusesIt() throws {
        let box = try project()
        let head = try box.rev("HEAD")
        let before = footprint(box, gitDirectory: "work/.git")
        let result = try box.sh(".git/hooks/pre-push origin ../remote.git", in: "work",
                                stdin: "refs/heads/main \(head) refs/heads/x\u{1B}[2J.lock \(Self.zero)\n", expect: 2)
        #expect(result.output.contains("malformed hook input on line 1"))
        #expect(result.output.contains(#"\u{1B}[2J"#))
        expectNothingHappened(box, result.output, before: before, gitDirectory: "work/.git")
        // And a real push of a good ref still runs the gate (and is blocked by the broken test).
        let push = try box.sh("git push origin main", in: "work", expect: 1)
        #expect(push.output.contains("BLOCKED"))
        #expect(box.exists("tests-ran"))
    }

    @Test func aTenMegabyteRefNameIsRefusedAndTheTrailStaysSmall() throws {
        let box = try project()
        let head = try box.rev("HEAD")
        let before = footprint(box, gitDirectory: "work/.git")
        let name = "refs/heads/" + String(repeating: "x", count: 10 << 20)
        let result = try box.gate("pre-push origin ../remote.git", in: "work", stdin: "refs/heads/main \(head) \(name) \(Self.zero)\n", expect: 2)
        #expect(result.output.contains("at most 4096"))
        expectNothingHappened(box, result.output, before: before, gitDirectory: "work/.git")
        let trail = (try? FileManager.default.attributesOfItem(atPath: box.path("work/.git/gate/events.jsonl"))[.size] as? Int) ?? 0
        #expect(trail < 100_000)
    }

    // MARK: pre-receive

    /// A server whose suite records that it ran; the breaking commit is stored at refs/heads/staged without the hook.
    func server() throws -> (box: GitSandbox, old: String, new: String) {
        let box = try project()
        let config = "version: 1\nsuites:\n  - name: check\n    runner: command\n    command: touch '\(box.path("tests-ran"))'; grep -q '^ok$' value.txt\n    timeout: 60\n"
        try box.write("remote.git/gate/config.yml", config)
        try box.gate("install --server", in: "remote.git")
        try box.sh("mv hooks/pre-receive hooks/off", in: "remote.git")
        try box.sh("git push -q --no-verify origin main:refs/heads/staged", in: "work")
        try box.sh("mv hooks/off hooks/pre-receive", in: "remote.git")
        return (box, try box.rev("main", in: "remote.git"), try box.rev("HEAD"))
    }

    @Test func preReceiveRefusesBadRefsThroughTheBinaryAndTheInstalledHook() throws {
        let (box, old, new) = try server()
        let before = footprint(box, gitDirectory: "remote.git")
        let env = ["GIT_DIR": "."]
        for name in Self.badNames + ["refs/heads/" + String(repeating: "y", count: 10 << 20)] {
            let input = "\(old) \(old) refs/heads/main\n\(Self.zero) \(new) \(name)\n"
            let result = try box.gate("pre-receive", in: "remote.git", env: env, stdin: input, expect: 2)
            #expect(result.output.contains("malformed hook input on line 2"))
            expectNothingHappened(box, result.output, before: before, gitDirectory: "remote.git")
        }
        let hook = try box.sh("hooks/pre-receive", in: "remote.git", env: env, stdin: "\(Self.zero) \(new) refs/heads/x.lock\n", expect: 2)
        #expect(hook.output.contains("line 1"))
        expectNothingHappened(box, hook.output, before: before, gitDirectory: "remote.git")
        // A good ref still gets checked.
        try box.gate("pre-receive", in: "remote.git", env: env, stdin: "\(old) \(new) refs/heads/main\n", expect: 1)
        #expect(box.exists("tests-ran"))
    }

    // MARK: what reaches the terminal

    /// A provider whose failure text is full of escape sequences: the user's terminal sees none of them.
    @Test func aProviderFailureFullOfEscapesReachesStderrClean() throws {
        let box = try GitSandbox("gate-badinput")
        let agent = "#!/bin/sh\ncat >/dev/null\nprintf 'bad \\033[2J\\033[H\\033]52;c;cm0gLXJmIH4=\\007\\302\\233\\063\\061m\\233\\033[8mhidden\\033 tail\\n' >&2\nexit 1\n"
        try box.write("agent.sh", agent)
        try box.sh("chmod +x agent.sh")
        let config = "version: 1\nsuites:\n  - name: check\n    runner: command\n    command: printf 'test says \\033]0;title\\007\\033[31mred\\n'; grep -q '^ok$' value.txt\n    timeout: 60\nfix:\n  provider: command\n  command: \(box.path("agent.sh"))\n  timeout: 30\n"
        try box.makeProject([".gate.yml": config, "value.txt": "ok\n"])
        try box.gate("install", in: "work")
        try box.write("work/value.txt", "broken\n")
        try box.sh("git commit -qam break", in: "work")
        let push = try box.sh("git push origin main", in: "work", expect: 1)
        #expect(push.output.contains("BLOCKED"))
        #expect(push.output.contains("bad "), "the provider's message is still shown: \(push.output)")
        #expect(push.output.contains("hidden"))
        #expect(!push.output.contains("\u{1B}"), "\(push.output.debugDescription)")
        #expect(!push.output.contains("\u{9B}"))
    }

    /// A binary HTTP reply from an OpenAI-compatible server: the "not the expected JSON" message shows no raw bytes.
    @Test func aBinaryHTTPReplyIsNotEchoedRaw() throws {
        let box = try GitSandbox("gate-badinput")
        let config = "version: 1\nsuites:\n  - name: check\n    runner: command\n    command: grep -q '^ok$' value.txt\n    timeout: 60\nfix:\n  provider: openai\n  model: m\n  timeout: 5\n"
        try box.makeProject([".gate.yml": config, "value.txt": "ok\n"])
        try box.gate("install", in: "work")
        try box.write("work/value.txt", "broken\n")
        try box.sh("git commit -qam break", in: "work")
        let binary = "\u{1B}[2J\u{1B}[H\u{1B}]52;c;cm0gLXJmIH4=\u{07}\u{9B}6n\u{0}\u{7F}PK\u{3}\u{4}\u{1B}[8mhidden"
        let server = try LoopbackHTTPServer(Array(repeating: ScriptedResponse(body: binary), count: 12))
        defer { server.stop() }
        let env = ["OPENAI_API_KEY": "sk-test-0123456789", "OPENAI_BASE_URL": server.baseURL.absoluteString + "/v1"]
        let push = try box.sh("git push origin main", in: "work", env: env, expect: 1)
        #expect(push.output.contains("BLOCKED"))
        #expect(!server.requests.isEmpty)
        #expect(!push.output.contains("\u{1B}"), "\(push.output.debugDescription)")
        #expect(!push.output.contains("\u{9B}") && !push.output.contains("\u{7F}") && !push.output.contains("\u{0}"))
    }

    // MARK: usage

    @Test func usageErrorsExitTwo() throws {
        let box = try GitSandbox("gate-badinput")
        try box.makeProject(["value.txt": "ok\n"])
        for arguments in ["run --bogus", "log --limit many", "pre-push a b c", "no-such-command", "affected --format yaml"] {
            let result = try box.gate(arguments, in: "work", expect: nil)
            #expect(result.status == 2, "gate \(arguments) exited \(result.status): \(result.output)")
            #expect(result.output.contains("Usage:") || result.output.contains("Error:"), "\(result.output)")
        }
        try box.gate("--help", in: "work", expect: 0)
        try box.gate("--version", in: "work", expect: 0)
    }
}
