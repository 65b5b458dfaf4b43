import Foundation
import Testing
@testable import GateCore

/// The real lefthook and pre-commit (pip: lefthook==2.2.2, pre-commit==4.7.0) and husky's documented layouts (v9 and
/// v4–8; husky itself is npm-only), installed around gate, then real pushes to a local bare remote.
@Suite("hook managers end to end")
struct HookManagerEndToEndTests {
    static let lefthook = HookManagerTools.locate("lefthook")
    static let preCommit = HookManagerTools.locate("pre-commit")

    /// A project whose command suite passes while value.txt says "ok"; gate's directory and the managers are on PATH.
    func project(_ extra: [String: String] = [:]) throws -> GitSandbox {
        let box = try GitSandbox()
        try box.makeProject(PrePushEndToEndTests.files.merging(extra) { _, new in new })
        return box
    }

    var toolsPath: [String: String] {
        let dirs = [Self.lefthook, Self.preCommit].compactMap { $0 }.map { ($0 as NSString).deletingLastPathComponent }
        let gateDir = (GitSandbox.gateBinary as NSString).deletingLastPathComponent
        return ["PATH": (dirs + [gateDir, ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]).joined(separator: ":")]
    }

    func commit(_ box: GitSandbox, _ file: String, _ text: String) throws {
        try box.write("work/" + file, text)
        try box.sh("git add \(file) && git commit -q -m 'edit \(file)'", in: "work")
    }

    /// The `fix:` command doctor prints under the first failing check whose line contains `marker`.
    func doctorFix(_ output: String, _ marker: String) -> String? {
        let lines = output.components(separatedBy: "\n")
        guard let index = lines.firstIndex(where: { $0.hasPrefix("✗") && $0.contains(marker) }), index + 1 < lines.count else { return nil }
        let fix = lines[index + 1].trimmingCharacters(in: .whitespaces)
        return fix.hasPrefix("fix: ") ? String(fix.dropFirst(5)) : nil
    }

    @Test(.enabled(if: lefthook != nil, "lefthook is not on PATH: pip install lefthook==2.2.2"))
    func lefthookInstallAfterGateInstallIsFlaggedAndTheFixRegistersGateInLefthook() throws {
        let box = try project()
        let env = toolsPath
        try box.sh("gate install", in: "work", env: env)
        try box.write("work/lefthook.yml", "pre-push:\n  commands:\n    lint:\n      run: echo lint-ran\n")
        try box.sh("git add lefthook.yml && git commit -q -m lefthook && lefthook install", in: "work", env: env)
        #expect(box.exists("work/.git/hooks/pre-push.old"))
        // The observed failure: lefthook runs, gate does not, and nobody says so.
        let doctor = try box.sh("gate doctor", in: "work", env: env, expect: 1)
        #expect(doctor.output.contains("pre-push.old"))
        let fix = try #require(doctorFix(doctor.output, "pre-push.old"))
        try box.sh(fix, in: "work", env: env)
        let config = try #require(box.read("work/lefthook.yml"))
        #expect(config.contains("lint:\n      run: echo lint-ran"))
        #expect(config.contains("use_stdin: true") && GateHookLine.isCalled(in: config))
        #expect(!config.contains(GitSandbox.gateBinary))
        #expect(!box.exists("work/.git/hooks/pre-push.old"))
        let before = try box.rev("main", in: "remote.git")
        try commit(box, "value.txt", "broken\n")
        let blocked = try box.sh("git push origin main", in: "work", env: env, expect: 1)
        #expect(blocked.output.contains("BLOCKED") && blocked.output.contains("lint-ran"))
        #expect(try box.rev("main", in: "remote.git") == before)
        try commit(box, "value.txt", "ok\n")
        let passed = try box.sh("git push origin main", in: "work", env: env)
        #expect(passed.output.contains("PASSED"))
        let after = try box.sh("gate doctor", in: "work", env: env, expect: nil)
        #expect(!after.output.contains("✗ lefthook"))
        #expect(after.output.contains("gate is a pre-push command"))
    }

    @Test(.enabled(if: lefthook != nil, "lefthook is not on PATH: pip install lefthook==2.2.2"))
    func gateInstallAfterLefthookInstallRegistersInsteadOfWritingAShim() throws {
        let box = try project(["lefthook.yml": "pre-push:\n  commands:\n    lint:\n      run: echo lint-ran\n"])
        let env = toolsPath
        try box.sh("lefthook install", in: "work", env: env)
        let install = try box.sh("gate install", in: "work", env: env)
        #expect(install.output.contains("add a `gate` command") && install.output.contains("stdin is not a terminal"))
        #expect(box.read("work/.git/hooks/pre-push").map(LefthookIntegration.isLefthookScript) == true)
        #expect(!box.exists("work/.git/hooks/pre-push.gate-legacy"))
        #expect(try box.sh("gate install", in: "work", env: env).output.contains("already registered"))
        try commit(box, "value.txt", "broken\n")
        let blocked = try box.sh("git push origin main", in: "work", env: env, expect: 1)
        #expect(blocked.output.contains("BLOCKED") && blocked.output.contains("lint-ran"))
        // lefthook passes git's stdin: a two-ref push is checked ref by ref.
        try box.sh("git checkout -q -b topic", in: "work")
        let twoRefs = try box.sh("git push origin main topic", in: "work", env: env, expect: 1)
        #expect(twoRefs.output.contains("refs/heads/topic") && twoRefs.output.contains("refs/heads/main"))
    }

    @Test(.enabled(if: preCommit != nil, "pre-commit is not on PATH: pip install pre-commit==4.7.0"))
    func preCommitMigrationModeIsFlaggedAndTheFixRegistersARepoLocalHook() throws {
        let box = try project()
        let env = toolsPath
        try box.sh("gate install", in: "work", env: env)
        try box.write("work/.pre-commit-config.yaml", "repos:\n  - repo: local\n    hooks:\n      - id: say\n        name: say\n        entry: echo said\n        language: system\n        stages: [pre-push]\n        always_run: true\n        pass_filenames: false\n")
        try box.sh("git add .pre-commit-config.yaml && git commit -q -m pre-commit && pre-commit install -t pre-push", in: "work", env: env)
        #expect(box.exists("work/.git/hooks/pre-push.legacy"))
        let doctor = try box.sh("gate doctor", in: "work", env: env, expect: 1)
        #expect(doctor.output.contains("migration mode"))
        let fix = try #require(doctorFix(doctor.output, "migration mode"))
        let repaired = try box.sh(fix, in: "work", env: env)
        #expect(repaired.output.contains("registered gate") && repaired.output.contains("next: pre-commit runs only once its config is staged"))
        try box.sh("git add .pre-commit-config.yaml && git commit -q -m 'register gate'", in: "work")
        #expect(!box.exists("work/.git/hooks/pre-push.legacy"))
        let config = try #require(box.read("work/.pre-commit-config.yaml"))
        #expect(config.contains("- id: say") && config.contains("repo: local") && GateHookLine.isCalled(in: config))
        #expect(!config.contains(GitSandbox.gateBinary))
        let before = try box.rev("main", in: "remote.git")
        try commit(box, "value.txt", "broken\n")
        let blocked = try box.sh("git push origin main", in: "work", env: env, expect: 1)
        #expect(blocked.output.contains("BLOCKED") && blocked.output.contains("value.txt is not ok"))
        #expect(!blocked.output.contains("migration mode"))
        #expect(try box.rev("main", in: "remote.git") == before)
        try commit(box, "value.txt", "ok\n")
        let passed = try box.sh("git push origin main", in: "work", env: env)
        #expect(passed.output.contains("PASSED") && passed.output.contains("checking refs/heads/main"))
    }

    /// pre-commit sets no FROM/TO for a push that reaches a root commit: gate must still check it, not pass it.
    @Test(.enabled(if: preCommit != nil, "pre-commit is not on PATH: pip install pre-commit==4.7.0"))
    func preCommitFirstPushOfARepositoryIsCheckedAsAWholeTree() throws {
        let box = try GitSandbox()
        let env = toolsPath
        try box.sh("git init -q --bare remote.git")
        for (name, text) in PrePushEndToEndTests.files.merging(["value.txt": "broken\n", ".pre-commit-config.yaml": "repos: []\n"], uniquingKeysWith: { _, new in new }) {
            try box.write("work/" + name, text)
        }
        try box.sh("git init -q && git remote add origin ../remote.git && pre-commit install -t pre-push && gate install --yes && git add -A && git commit -q -m initial",
                   in: "work", env: env)
        let push = try box.sh("git push origin main", in: "work", env: env, expect: 1)
        #expect(push.output.contains("checking refs/heads/main") && push.output.contains("every file counts") && push.output.contains("BLOCKED"))
        #expect(try box.sh("git ls-remote ../remote.git", in: "work").output.isEmpty)
    }

    @Test(.enabled(if: preCommit != nil, "pre-commit is not on PATH: pip install pre-commit==4.7.0"))
    func theChainLoopAnOlderGateInstallMadeIsRepaired() throws {
        let box = try project([".pre-commit-config.yaml": "repos: []\n"])
        let env = toolsPath
        let hooks = box.path("work/.git/hooks")
        // What `gate install` did before: gate shim → pre-commit's script → gate's old shim (pre-push.legacy) → …
        let shim = try HookInstaller(hooksDirectory: hooks, gateBinary: GitSandbox.gateBinary).shimText(.prePush)
        try box.write("work/.git/hooks/pre-push", shim)
        try box.sh("chmod +x .git/hooks/pre-push && pre-commit install -t pre-push", in: "work", env: env)
        try box.sh("mv .git/hooks/pre-push .git/hooks/pre-push.gate-legacy", in: "work")
        try box.write("work/.git/hooks/pre-push", shim)
        try box.sh("chmod +x .git/hooks/pre-push", in: "work")
        try commit(box, "notes.txt", "hello\n")
        let looped = try box.sh("git push origin main", in: "work", env: env, expect: 1)
        #expect(looped.output.contains("migration mode"))
        let doctor = try box.sh("gate doctor", in: "work", env: env, expect: 1)
        let fix = try #require(doctorFix(doctor.output, "pre-commit"))
        try box.sh(fix + " && git add .pre-commit-config.yaml", in: "work", env: env)
        #expect(box.read("work/.git/hooks/pre-push")?.contains("File generated by pre-commit") == true)
        let push = try box.sh("git push origin main", in: "work", env: env)
        #expect(push.output.contains("PASSED"))
    }

    static let huskyV9Dispatcher = """
        #!/usr/bin/env sh
        [ "$HUSKY" = "2" ] && set -x
        n=$(basename "$0")
        s=$(dirname "$(dirname "$0")")/$n
        [ ! -f "$s" ] && exit 0
        [ "${HUSKY-}" = "0" ] && exit 0
        export PATH="node_modules/.bin:$PATH"
        sh -e "$s" "$@"
        c=$?
        [ $c != 0 ] && echo "husky - $n script failed (code $c)"
        exit $c

        """

    static let huskyV8Script = """
        #!/usr/bin/env sh
        if [ -z "$husky_skip_init" ]; then
          readonly hook_name="$(basename -- "$0")"
          if [ "$HUSKY" = "0" ]; then exit 0; fi
          readonly husky_skip_init=1
          export husky_skip_init
          sh -e "$0" "$@"
          exitCode="$?"
          if [ $exitCode != 0 ]; then echo "husky - $hook_name hook exited with code $exitCode (error)"; fi
          exit $exitCode
        fi

        """

    /// husky v9: core.hooksPath=.husky/_, whose `h` runs the tracked .husky/pre-push. gate is not on PATH here: the
    /// added line finds it through `git config gate.bin`.
    @Test func huskyV9TrackedPrePushGetsOneLineAndNoAbsolutePath() throws {
        let team = "echo husky-user-hook-ran\n"
        let box = try project([".husky/pre-push": team, ".husky/_/.gitignore": "*\n", ".husky/_/h": Self.huskyV9Dispatcher,
                               ".husky/_/pre-push": "#!/usr/bin/env sh\n. \"$(dirname \"$0\")/h\"\n"])
        try box.sh("chmod +x .husky/_/h .husky/_/pre-push && git config core.hooksPath .husky/_", in: "work")
        #expect(try box.sh("git ls-files .husky", in: "work").output == ".husky/pre-push\n")
        let install = try box.gate("install", in: "work")
        #expect(install.output.contains("add one line"))
        let script = try #require(box.read("work/.husky/pre-push"))
        #expect(script.hasPrefix(team) && script.hasSuffix(GateHookLine.shellLine + "\n"))
        #expect(!script.contains(GitSandbox.gateBinary) && !script.contains("gate-shim"))
        #expect(box.read("work/.husky/_/pre-push")?.contains("gate") == false)
        #expect(try box.gate("install --yes", in: "work").output.contains("already registered"))
        try commit(box, "value.txt", "broken\n")
        let blocked = try box.sh("git push origin main", in: "work", expect: 1)
        #expect(blocked.output.contains("husky-user-hook-ran") && blocked.output.contains("BLOCKED"))
        let doctor = try box.gate("doctor", in: "work", expect: nil)
        #expect(doctor.output.contains("✓ husky"))
    }

    /// husky v4–8: core.hooksPath=.husky, the tracked .husky/pre-push sources _/husky.sh. An older gate overwrote it
    /// with its shim; doctor says so and its fix restores the team's file and adds the line.
    @Test func huskyV8OverwrittenScriptIsFlaggedAndTheFixRestoresIt() throws {
        let team = "#!/usr/bin/env sh\n. \"$(dirname -- \"$0\")/_/husky.sh\"\n\necho husky-user-hook-ran\n"
        let box = try project([".husky/pre-push": team, ".husky/_/.gitignore": "*\n", ".husky/_/husky.sh": Self.huskyV8Script])
        try box.sh("chmod +x .husky/pre-push && git add .husky/pre-push && git commit -q -m mode && git config core.hooksPath .husky", in: "work")
        let shim = try HookInstaller(hooksDirectory: box.path("work/.husky"), gateBinary: GitSandbox.gateBinary).shimText(.prePush)
        try box.write("work/.husky/pre-push", shim)
        let doctor = try box.gate("doctor", in: "work", expect: 1)
        #expect(doctor.output.contains("absolute path"))
        let fix = try #require(doctorFix(doctor.output, "absolute path"))
        try box.sh(fix.replacingOccurrences(of: "gate install", with: "'\(GitSandbox.gateBinary)' install"), in: "work")
        let script = try #require(box.read("work/.husky/pre-push"))
        #expect(script.hasPrefix(team) && script.contains(GateHookLine.shellLine) && !script.contains(GitSandbox.gateBinary))
        try commit(box, "value.txt", "broken\n")
        let blocked = try box.sh("git push origin main", in: "work", expect: 1)
        #expect(blocked.output.contains("husky-user-hook-ran") && blocked.output.contains("BLOCKED"))
    }
}

/// Finds a hook manager for the tests, and says loudly when one is missing.
enum HookManagerTools {
    static func locate(_ name: String) -> String? {
        let found = ChildProcess.locate(name, environment: ProcessInfo.processInfo.environment)
        if found == nil {
            FileHandle.standardError.write(Data("SKIPPING \(name) tests: \(name) is not on PATH (pip install lefthook==2.2.2 pre-commit==4.7.0)\n".utf8))
        }
        return found
    }
}
