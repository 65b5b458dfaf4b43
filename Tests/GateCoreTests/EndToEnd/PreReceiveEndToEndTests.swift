import Foundation
import Testing
@testable import GateCore

/// Real `git push` from a client clone to a local bare repository whose pre-receive hook was installed with
/// `gate install --server`, run inside the bare repository. The client has no gate hook: every verdict is the server's.
@Suite("pre-receive end to end")
struct PreReceiveEndToEndTests {
    /// A project whose one `command` suite passes while value.txt says "ok"; the failure names what the checkout held.
    static let files = [
        ".gate.yml": suiteConfig(),
        "test.sh": "v=$(cat value.txt)\n[ \"$v\" = ok ] || { echo \"value.txt says $v\"; exit 1; }\n",
        "value.txt": "ok\n",
        "README.md": "# sample\n",
    ]

    static func suiteConfig(command: String = "sh test.sh", server: String = "") -> String {
        "version: 1\nsuites:\n  - name: check\n    runner: command\n    command: \(command)\n    timeout: 60\n"
            + (server.isEmpty ? "" : "server:\n" + server)
    }

    /// `work/` (the pusher) and `remote.git` with gate's pre-receive hook and, unless nil, `gate/config.yml`.
    func server(config: String? = suiteConfig(), files: [String: String] = files) throws -> GitSandbox {
        let box = try GitSandbox("gate-server")
        try box.makeProject(files)
        try box.sh("git config receive.advertisePushOptions true", in: "remote.git")
        if let config { try box.write("remote.git/gate/config.yml", config) }
        let install = try box.gate("install --server", in: "remote.git")
        #expect(install.output.contains("installed \(box.path("remote.git"))/hooks/pre-receive"))
        return box
    }

    func commit(_ box: GitSandbox, _ file: String, _ text: String, _ message: String, in work: String = "work") throws {
        try box.write(work + "/" + file, text)
        try box.sh("git add -A && git commit -q -m '\(message)'", in: work)
    }

    /// Every line of the server's trail, each parsed on its own: a torn or merged line fails the test.
    func trail(_ box: GitSandbox) throws -> [[String: JSONValue]] {
        let text = box.read("remote.git/gate/events.jsonl") ?? ""
        #expect(text.isEmpty || text.hasSuffix("\n"))
        return try text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { line in
            guard case .object(let event) = try JSONDecoder().decode(JSONValue.self, from: Data(line.utf8)) else {
                throw GitSandbox.SandboxError(message: "trail line is not an object: \(line)")
            }
            return event
        }
    }

    func events(_ box: GitSandbox, _ name: String) throws -> [[String: JSONValue]] {
        try trail(box).filter { $0["event"]?.stringValue == name }
    }

    /// No per-run checkout is left behind under `gate/runs`.
    func expectNoCheckouts(_ box: GitSandbox, sourceLocation: SourceLocation = #_sourceLocation) {
        let left = (try? FileManager.default.contentsOfDirectory(atPath: box.path("remote.git/gate/runs"))) ?? []
        #expect(left.isEmpty, "left behind in gate/runs: \(left)", sourceLocation: sourceLocation)
    }

    /// The run id the pusher was shown.
    func runID(_ output: String) -> String? {
        guard let range = output.range(of: #"run \d{8}T\d{6}Z-[0-9a-f]{4}"#, options: .regularExpression) else { return nil }
        return String(output[range].dropFirst(4))
    }

    // MARK: verdicts

    @Test func passingPushIsAccepted() throws {
        let box = try server()
        try commit(box, "notes.txt", "hello\n", "add notes")
        let push = try box.sh("git push origin main", in: "work")
        #expect(push.output.contains("remote: gate: passed (check); run "))
        #expect(!push.output.contains("\u{1B}"), "no colour or progress codes on the wire")
        #expect(try box.rev("main", in: "remote.git") == box.rev("HEAD"))
        let verdicts = try events(box, "verdict")
        #expect(verdicts.last?["verdict"]?.stringValue == "passed")
        #expect(verdicts.last?["run"]?.stringValue == runID(push.output))
        #expect(try events(box, "run_start").last?["mode"]?.stringValue == "pre-receive")
        expectNoCheckouts(box)
    }

    @Test func failingPushIsRejectedWithTestNamesAndAServerReport() throws {
        let box = try server()
        let before = try box.rev("main", in: "remote.git")
        try commit(box, "value.txt", "broken-7f3a\n", "break it")
        let push = try box.sh("git push origin main", in: "work", expect: 1)
        #expect(push.output.contains("[remote rejected] main -> main (pre-receive hook declined)"))
        // The failing test by name, its message (which shows the brand-new blob was read), a trace line and a hint.
        #expect(push.output.contains("remote: error: FAILED check: value.txt says broken-7f3a"))
        #expect(push.output.contains("remote: error:     sh -c 'sh test.sh' exited with status 1"))
        #expect(push.output.contains("remote: hint: fix the failing tests"))
        #expect(!push.output.contains("\u{1B}"))
        #expect(try box.rev("main", in: "remote.git") == before)
        let run = try #require(runID(push.output))
        let report = try #require(box.read("remote.git/gate/reports/\(run).md"))
        #expect(report.contains("# gate: blocked (run \(run))"))
        #expect(report.contains("value.txt says broken-7f3a"))
        #expect(try events(box, "verdict").last?["verdict"]?.stringValue == "blocked")
        // Notes are never written on the server (pre-receive may not create refs).
        #expect(try box.sh("git notes --ref gate list", in: "remote.git").output.isEmpty)
        expectNoCheckouts(box)
    }

    @Test func quarantinedObjectsAreVisibleToTheHookAndOnlyThere() throws {
        // The foreign hook proves the push really was quarantined; gate still read the new commit's tree.
        let box = try GitSandbox("gate-server")
        try box.makeProject(Self.files)
        try box.write("remote.git/gate/config.yml", Self.suiteConfig())
        try box.write("remote.git/hooks/pre-receive", "#!/bin/sh\necho \"$GIT_QUARANTINE_PATH\" > \"$GIT_DIR/quarantine\"\n")
        try box.sh("chmod +x remote.git/hooks/pre-receive")
        try box.gate("install --server", in: "remote.git")
        try commit(box, "value.txt", "fresh-91c2\n", "new content")
        let push = try box.sh("git push origin main", in: "work", expect: 1)
        #expect(push.output.contains("value.txt says fresh-91c2"))
        let quarantine = try #require(box.read("remote.git/quarantine")).trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(quarantine.contains("/objects/tmp_objdir-incoming-"))
        // Rejected: the quarantine was dropped, so the server never stored the commit.
        #expect(try box.sh("git cat-file -e \(box.rev("HEAD"))", in: "remote.git", expect: nil).status != 0)
    }

    @Test func gitRepositoryFromEnvironmentReadsAQuarantineDirectory() throws {
        // Objects only in a side directory, as receive-pack leaves them: visible through GIT_OBJECT_DIRECTORY and
        // GIT_ALTERNATE_OBJECT_DIRECTORIES, invisible without them.
        let box = try server()
        try commit(box, "value.txt", "side-5d1e\n", "side")
        let old = try box.rev("main", in: "remote.git")
        let new = try box.rev("HEAD")
        let quarantine = box.path("remote.git/objects/incoming-test")
        try box.sh("mkdir -p '\(quarantine)/pack' && git rev-list --objects main --not origin/main | cut -d' ' -f1 | git pack-objects -q '\(quarantine)/pack/pack'", in: "work")
        #expect(try box.sh("git cat-file -e \(new)", in: "remote.git", expect: nil).status != 0)
        let input = "\(old) \(new) refs/heads/main\n"
        let seen = try box.gate("pre-receive", in: "remote.git", env: [
            "GIT_DIR": ".", "GIT_OBJECT_DIRECTORY": quarantine, "GIT_ALTERNATE_OBJECT_DIRECTORIES": box.path("remote.git/objects"),
            "GIT_QUARANTINE_PATH": quarantine,
        ], stdin: input, expect: 1)
        #expect(seen.output.contains("value.txt says side-5d1e"))
        let unseen = try box.gate("pre-receive", in: "remote.git", env: ["GIT_DIR": "."], stdin: input, expect: 3)
        #expect(unseen.output.contains("error: gate could not check this push"))
        expectNoCheckouts(box)
    }

    @Test func newBranchIsComparedWithTheDefaultBranch() throws {
        let box = try server()
        try box.sh("git checkout -q -b feature", in: "work")
        try commit(box, "value.txt", "broken\n", "break on feature")
        try box.sh("git push origin feature", in: "work", expect: 1)
        #expect(try box.sh("git branch --list feature", in: "remote.git").output.isEmpty)
        let range = try #require(try events(box, "range").last)
        #expect(range["ref"]?.stringValue == "refs/heads/feature")
        #expect(range["note"]?.stringValue?.contains("merge-base") == true)
        #expect(range["files"]?.intValue == 1)
        try commit(box, "value.txt", "ok\n", "mend")
        try box.sh("git push origin feature", in: "work")
        #expect(try box.rev("feature", in: "remote.git") == box.rev("HEAD"))
        // A new branch at a commit main already has: nothing new, nothing run.
        let copy = try box.sh("git push origin main:refs/heads/copy", in: "work")
        #expect(copy.output.contains("nothing to check"))
        expectNoCheckouts(box)
    }

    @Test func firstPushToAnEmptyRepositoryChecksTheWholeTree() throws {
        let box = try GitSandbox("gate-server")
        try box.sh("git init -q --bare remote.git")
        try box.write("remote.git/gate/config.yml", Self.suiteConfig())
        try box.gate("install --server", in: "remote.git")
        for (name, text) in Self.files { try box.write("work/" + name, text) }
        try box.write("work/value.txt", "broken\n")
        try box.sh("git init -q && git remote add origin ../remote.git && git add -A && git commit -q -m initial", in: "work")
        let push = try box.sh("git push origin main", in: "work", expect: 1)
        #expect(push.output.contains("value.txt says broken"))
        #expect(try events(box, "range").last?["scope"]?.stringValue == "wholeTree")
        try commit(box, "value.txt", "ok\n", "mend")
        try box.sh("git push origin main", in: "work")
        #expect(try box.rev("main", in: "remote.git") == box.rev("HEAD"))
        expectNoCheckouts(box)
    }

    @Test func multiRefPushWithOneFailingRefIsRejectedWhole() throws {
        let box = try server()
        let before = try box.rev("main", in: "remote.git")
        try commit(box, "notes.txt", "fine\n", "fine change")
        try box.sh("git checkout -q -b topic", in: "work")
        try commit(box, "value.txt", "broken\n", "break on topic")
        let push = try box.sh("git push origin main topic", in: "work", expect: 1)
        #expect(push.output.contains("remote: gate: refs/heads/topic at "))
        #expect(push.output.contains("[remote rejected] main -> main"))
        #expect(push.output.contains("[remote rejected] topic -> topic"))
        #expect(try box.rev("main", in: "remote.git") == before)
        #expect(try box.sh("git branch --list topic", in: "remote.git").output.isEmpty)
        #expect(try events(box, "range").count == 2)
    }

    // MARK: deletions and tags

    @Test func deletionIsAllowedUnlessProtected() throws {
        let box = try server(config: Self.suiteConfig(server: "  protect_from_deletion: [main, \"release/*\"]\n"))
        try box.sh("git push -q origin main:refs/heads/old main:refs/heads/release/1", in: "work")
        let allowed = try box.sh("git push origin --delete old", in: "work")
        #expect(allowed.output.contains("nothing to check"))
        #expect(try box.sh("git branch --list old", in: "remote.git").output.isEmpty)
        let refused = try box.sh("git push origin --delete release/1", in: "work", expect: 1)
        #expect(refused.output.contains("remote: error: refs/heads/release/1 is protected from deletion (server.protect_from_deletion: release/*)"))
        #expect(refused.output.contains("remote: hint: "))
        #expect(try !box.sh("git branch --list release/1", in: "remote.git").output.isEmpty)
        try box.sh("git push origin --delete main", in: "work", expect: 1)
        #expect(try events(box, "verdict").last?["reason"]?.stringValue?.contains("deletion of refs/heads/main refused") == true)
        // Protection holds even when the push asks to skip the gate and skipping is allowed.
        try box.write("remote.git/gate/config.yml", Self.suiteConfig(server: "  allow_skip: true\n  protect_from_deletion: [main, \"release/*\"]\n"))
        try box.sh("git push -o gate.skip origin --delete release/1", in: "work", expect: 1)
    }

    @Test func tagPushesFollowServerTags() throws {
        let box = try server()
        try commit(box, "value.txt", "broken\n", "break")
        try box.sh("git tag -a -m broken v2.0", in: "work")
        // check (default): a tag on an untested commit is tested like a branch.
        let checked = try box.sh("git push origin v2.0", in: "work", expect: 1)
        #expect(checked.output.contains("value.txt says broken"))
        // allow: tags go through untested.
        try box.write("remote.git/gate/config.yml", Self.suiteConfig(server: "  tags: allow\n"))
        try box.sh("git push origin v2.0", in: "work")
        // reject: no tag pushes at all, even of a good commit.
        try box.write("remote.git/gate/config.yml", Self.suiteConfig(server: "  tags: reject\n"))
        try box.sh("git tag v0.1 HEAD~1", in: "work")
        let rejected = try box.sh("git push origin v0.1", in: "work", expect: 1)
        #expect(rejected.output.contains("remote: error: tag pushes are not accepted here (server.tags: reject): refs/tags/v0.1"))
        // Deleting a tag is a deletion, not a tag push.
        try box.sh("git push origin --delete v2.0", in: "work")
    }

    // MARK: configuration

    @Test func pushedGateYmlCannotSwitchTheGateOff() throws {
        // Server config from the HEAD branch's .gate.yml (no gate/config.yml): the pushed copy is ignored.
        let box = try server(config: nil)
        try box.write("work/.gate.yml", "version: 1\nsuites: []\n")
        try commit(box, "value.txt", "broken\n", "disable the gate and break")
        let push = try box.sh("git push origin main", in: "work", expect: 1)
        #expect(push.output.contains("value.txt says broken"))
        let origin = try box.gate("doctor", in: "remote.git").output
        #expect(origin.contains("server config: .gate.yml of refs/heads/main"))
        // Also on a new branch, and also with the server's own gate/config.yml in charge.
        try box.write("remote.git/gate/config.yml", Self.suiteConfig())
        try box.sh("git checkout -q -b sneaky", in: "work")
        try box.write("work/.gate.yml", "version: 1\nsuites:\n  - name: check\n    runner: command\n    command: 'true'\n")
        try commit(box, "notes.txt", "x\n", "replace the suite")
        try box.sh("git push origin sneaky", in: "work", expect: 1)
    }

    @Test func invalidGateYmlCannotReachTheDefaultBranchWhenItIsTheServerConfig() throws {
        // Without a server copy, main's .gate.yml is the config: an invalid one landing there would refuse every later push.
        let box = try server(config: nil)
        let typo = Self.suiteConfig().replacingOccurrences(of: "timeout:", with: "timout:")
        try box.sh("git checkout -q -b side", in: "work")
        try commit(box, ".gate.yml", typo, "typo on a side branch")
        try box.sh("git push origin side", in: "work")
        try box.sh("git checkout -q main", in: "work")
        try commit(box, ".gate.yml", typo, "typo on main")
        let push = try box.sh("git push origin main", in: "work", expect: 1)
        #expect(push.output.contains("remote: error: the pushed .gate.yml would become this server's gate config, but it is invalid"))
        #expect(push.output.contains(":6: unknown key \"timout\""))
        try commit(box, ".gate.yml", Self.suiteConfig(), "mend")
        try box.sh("git push origin main", in: "work")
        // With the server's own copy in charge, the pushed file is not the config and is not judged.
        try box.write("remote.git/gate/config.yml", Self.suiteConfig())
        try commit(box, ".gate.yml", typo, "typo again")
        try box.sh("git push origin main", in: "work")
    }

    @Test func gitConfigGateConfigWinsAndInvalidConfigRefusesThePush() throws {
        let box = try server()
        try box.write("remote.git/admin/gate.yml", Self.suiteConfig(command: "'true'"))
        try box.sh("git config gate.config admin/gate.yml", in: "remote.git")
        try commit(box, "value.txt", "broken\n", "break")
        try box.sh("git push origin main", in: "work")
        #expect(try box.gate("doctor", in: "remote.git").output.contains("admin/gate.yml (git config gate.config)"))
        try box.write("remote.git/admin/gate.yml", "version: 1\nsuites:\n  - name: check\n    runner: command\n    comand: x\n")
        try commit(box, "value.txt", "ok\n", "mend")
        let push = try box.sh("git push origin main", in: "work", expect: 1)
        #expect(push.output.contains("remote: error: gate: invalid server configuration: "))
        #expect(push.output.contains(":5: unknown key \"comand\""))
        #expect(try box.gate("doctor", in: "remote.git", expect: nil).status != 0)
    }

    @Test func exitCodesOfTheHookItself() throws {
        let box = try server()
        let old = try box.rev("main", in: "remote.git")
        try commit(box, "value.txt", "broken\n", "break")
        // Store the commit on the server without the hook, to feed gate by hand.
        try box.sh("mv hooks/pre-receive hooks/off", in: "remote.git")
        try box.sh("git push -q origin main:refs/heads/staged", in: "work")
        try box.sh("mv hooks/off hooks/pre-receive", in: "remote.git")
        let new = try box.rev("HEAD")
        let env = ["GIT_DIR": "."]
        try box.gate("pre-receive", in: "remote.git", env: env, stdin: "\(old) \(old) refs/heads/main\n", expect: 0)
        try box.gate("pre-receive", in: "remote.git", env: env, stdin: "\(old) \(new) refs/heads/main\n", expect: 1)
        let malformed = try box.gate("pre-receive", in: "remote.git", env: env, stdin: "\(old) \(new)\n", expect: 2)
        #expect(malformed.output.contains("line 1"))
        try box.write("remote.git/gate/config.yml", "version: 1\nserver:\n  tags: sometimes\n")
        try box.gate("pre-receive", in: "remote.git", env: env, stdin: "\(old) \(new) refs/heads/main\n", expect: 2)
    }

    // MARK: concurrency

    @Test func fivePushesAtOnceGetTheirOwnVerdicts() throws {
        let box = try server(config: Self.suiteConfig(command: "sleep 1; sh test.sh"))
        for index in 1...5 {
            try box.sh("git clone -q remote.git c\(index) && git -C c\(index) checkout -q -b b\(index)")
            // Odd clones pass, even ones break value.txt.
            try commit(box, index % 2 == 1 ? "f\(index).txt" : "value.txt", index % 2 == 1 ? "fine\n" : "broken-\(index)\n", "c\(index)", in: "c\(index)")
        }
        let script = (1...5).map { "(cd c\($0) && git push origin b\($0) > ../push\($0).log 2>&1; echo $? > ../rc\($0)) &" }.joined(separator: "\n")
        try box.sh(script + "\nwait")
        for index in 1...5 {
            let log = box.read("push\(index).log") ?? ""
            let status = box.read("rc\(index)")?.trimmingCharacters(in: .whitespacesAndNewlines)
            let branch = try box.sh("git branch --list b\(index)", in: "remote.git").output
            if index % 2 == 1 {
                #expect(status == "0", "push \(index): \(log)")
                #expect(!branch.isEmpty)
            } else {
                #expect(status == "1", "push \(index): \(log)")
                #expect(log.contains("value.txt says broken-\(index)"), "push \(index) saw another push's tree: \(log)")
                #expect(branch.isEmpty)
            }
        }
        // One intact JSON object per line, and each run told its own story once.
        let all = try trail(box)
        let started = all.filter { $0["event"]?.stringValue == "run_start" }.compactMap { $0["run"]?.stringValue }
        #expect(Set(started).count == 5 && started.count == 5)
        for run in started {
            let verdicts = all.filter { $0["run"]?.stringValue == run && $0["event"]?.stringValue == "verdict" }
            #expect(verdicts.count == 1, "run \(run)")
        }
        let verdicts = all.filter { $0["event"]?.stringValue == "verdict" }.compactMap { $0["verdict"]?.stringValue }.sorted()
        #expect(verdicts == ["blocked", "blocked", "passed", "passed", "passed"])
        let lines = (box.read("remote.git/gate/events.jsonl") ?? "").split(separator: "\n")
        #expect(lines.count == all.count)
        expectNoCheckouts(box)
    }

    // MARK: timeout and skip

    @Test func timeoutRejectsOrAcceptsWithFailOpen() throws {
        let box = try server(config: Self.suiteConfig(command: "sleep 30", server: "  timeout: 1\n"))
        try commit(box, "notes.txt", "x\n", "slow")
        let start = Date()
        let rejected = try box.sh("git push origin main", in: "work", expect: 1)
        #expect(Date().timeIntervalSince(start) < 15)
        #expect(rejected.output.contains("remote: error: gate timed out after 1 s, so the push is rejected"))
        #expect(rejected.output.contains("remote: hint: push again later, or ask an admin to raise server.timeout."))
        #expect(!rejected.output.contains("fix the failing tests"), "a timeout is not the pusher's failing test")
        #expect(try events(box, "timeout").last?["verdict"]?.stringValue == "blocked")
        try box.write("remote.git/gate/config.yml", Self.suiteConfig(command: "sleep 30", server: "  timeout: 1\n  fail_open: true\n"))
        let accepted = try box.sh("git push origin main", in: "work")
        #expect(accepted.output.contains("remote: warning: gate timed out after 1 s; the push is accepted because server.fail_open is true"))
        #expect(try box.rev("main", in: "remote.git") == box.rev("HEAD"))
        #expect(try events(box, "timeout").last?["verdict"]?.stringValue == "accepted")
        expectNoCheckouts(box)
    }

    @Test func skipPushOptionOnlyWhenAllowed() throws {
        let box = try server()
        try commit(box, "value.txt", "broken\n", "break")
        let refused = try box.sh("git push -o gate.skip origin main", in: "work", expect: 1)
        #expect(refused.output.contains("remote: warning: push option gate.skip is not allowed on this server"))
        #expect(refused.output.contains("value.txt says broken"))
        #expect(try events(box, "skip_refused").count == 1)
        try box.write("remote.git/gate/config.yml", Self.suiteConfig(server: "  allow_skip: true\n"))
        let skipped = try box.sh("git push -o gate.skip origin main", in: "work")
        #expect(skipped.output.contains("remote: gate: skipped by push option gate.skip"))
        #expect(try box.rev("main", in: "remote.git") == box.rev("HEAD"))
        let skip = try #require(try events(box, "skip").last)
        #expect(skip["run"]?.stringValue == runID(skipped.output))
    }

    // MARK: installation

    @Test func foreignHookIsChainedAndRunsFirst() throws {
        let box = try GitSandbox("gate-server")
        try box.makeProject(Self.files)
        try box.write("remote.git/gate/config.yml", Self.suiteConfig())
        try box.write("remote.git/hooks/pre-receive", "#!/bin/sh\ncat > \"$GIT_DIR/foreign-stdin\"\n[ -f \"$GIT_DIR/foreign-fail\" ] && { echo 'foreign says no'; exit 7; }\nexit 0\n")
        try box.sh("chmod +x remote.git/hooks/pre-receive && mkdir tmp")
        let install = try box.gate("install --server", in: "remote.git")
        #expect(install.output.contains("pre-receive.gate-legacy"))
        #expect(try box.gate("install --server", in: "remote.git").output.contains("already installed"))
        let tmp = ["TMPDIR": box.path("tmp")]
        let old = try box.rev("HEAD")
        try commit(box, "notes.txt", "x\n", "notes")
        try box.sh("git push origin main", in: "work", env: tmp)
        #expect(box.read("remote.git/foreign-stdin") == "\(old) \(try box.rev("HEAD")) refs/heads/main\n")
        #expect(try events(box, "verdict").last?["verdict"]?.stringValue == "passed")
        // The foreign hook's refusal stands, and gate does not run after it.
        try box.write("remote.git/foreign-fail", "")
        let runsBefore = try events(box, "run_start").count
        try commit(box, "notes.txt", "y\n", "notes 2")
        let blocked = try box.sh("git push origin main", in: "work", env: tmp, expect: 1)
        #expect(blocked.output.contains("remote: foreign says no"))
        #expect(try events(box, "run_start").count == runsBefore)
        // gate's copy of stdin is gone either way.
        #expect(try FileManager.default.contentsOfDirectory(atPath: box.path("tmp")).isEmpty)
        try box.gate("uninstall", in: "remote.git")
        #expect(box.read("remote.git/hooks/pre-receive")?.contains("foreign-stdin") == true)
    }

    @Test func doctorPassesInTheBareRepositoryAfterInstall() throws {
        let box = try GitSandbox("gate-server")
        try box.makeProject(Self.files)
        let before = try box.gate("doctor", in: "remote.git", expect: nil)
        #expect(before.status != 0)
        #expect(before.output.contains("gate install --server"))
        try box.gate("install --server", in: "remote.git")
        let after = try box.gate("doctor", in: "remote.git")
        #expect(after.output.contains("bare repository"))
        #expect(after.output.contains("pre-receive hook"))
        #expect(after.output.contains("server config"))
        // --server refuses a repository with a work tree.
        let misuse = try box.gate("install --server", in: "work", expect: 2)
        #expect(misuse.output.contains("bare repository"))
    }

    @Test(.enabled(if: GitSandbox.hasTool("python3 -m pytest --version")))
    func pytestFailureIsReportedByTestName() throws {
        let files = [
            "test_value.py": "def test_ok():\n    assert True\n\n\ndef test_value():\n    value = open('value.txt').read().strip()\n    assert value == 'ok', f'value is {value}'\n",
            "value.txt": "ok\n",
        ]
        let box = try server(config: "version: 1\nsuites:\n  - name: py\n    runner: pytest\n    timeout: 120\n", files: files)
        try commit(box, "value.txt", "broken\n", "break")
        let push = try box.sh("git push origin main", in: "work", expect: 1)
        #expect(push.output.contains("remote: error: FAILED test_value.py::test_value: AssertionError: value is broken"))
        #expect(push.output.contains("remote: error:     test_value.py:7: AssertionError"))
        #expect(!push.output.contains("test_ok"))
        expectNoCheckouts(box)
    }
}
