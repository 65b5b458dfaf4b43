import Foundation
import Testing
@testable import GateCore

@Suite("hook integrations")
struct HookIntegrationTests {
    /// Every original line survives, in order.
    func keepsLines(_ original: String, _ updated: String) -> Bool {
        var rest = updated.components(separatedBy: "\n")[...]
        for line in original.components(separatedBy: "\n") where !line.isEmpty {
            guard let index = rest.firstIndex(of: line) else { return false }
            rest = rest[(index + 1)...]
        }
        return true
    }

    @Test(arguments: [
        "",
        "pre-commit:\n  commands:\n    fmt:\n      run: fmt\n",
        "pre-push:\n  parallel: true\n  commands:\n    lint:\n      run: echo lint\npre-commit:\n  commands:\n    fmt:\n      run: fmt\n",
        "pre-push:\n    commands:\n        lint:\n            run: echo lint\n",
        "pre-push:\n  jobs:\n    - run: echo job\n",
    ])
    func lefthookEntryIsAddedWithoutTouchingTheRest(_ original: String) throws {
        let updated = try LefthookIntegration.inserting(into: original)
        #expect(keepsLines(original, updated))
        #expect(updated.contains("use_stdin: true"))
    }

    @Test(arguments: [
        "repos: []\n",
        "repos:\n- repo: https://github.com/psf/black\n  rev: 24.1.0\n  hooks:\n  - id: black\n",
        "default_stages: [pre-commit]\nrepos:\n  - repo: local\n    hooks:\n      - id: x\n        name: x\n        entry: x\n        language: system\nci:\n  autofix: false\n",
        "",
    ])
    func preCommitEntryIsAddedWithoutTouchingTheRest(_ original: String) throws {
        let updated = try PreCommitIntegration.inserting(into: original)
        #expect(keepsLines(original == "repos: []\n" ? "" : original, updated))
        #expect(updated.contains("stages: [pre-push]") && GateHookLine.isCalled(in: updated))
    }

    @Test func preCommitEntryRunsGateThroughAShellWithoutAnAbsolutePath() throws {
        let yaml = try PreCommitIntegration.inserting(into: "repos: []\n")
        #expect(yaml.contains("entry: 'sh -c ''\"${GATE_BIN:-$(git config --get gate.bin || echo gate)}\" pre-push'''"))
    }

    @Test func preCommitVariablesBecomeAPrePushLine() {
        let tip = ObjectID(hex: String(repeating: "b", count: 40))!
        let ranged = PreCommitPushInput.recover(["PRE_COMMIT_FROM_REF": "aaa", "PRE_COMMIT_TO_REF": "bbb", "PRE_COMMIT_LOCAL_BRANCH": "refs/heads/x",
                                                 "PRE_COMMIT_REMOTE_BRANCH": "refs/heads/y", "PRE_COMMIT_REMOTE_NAME": "origin"], resolve: { _ in nil })
        #expect(ranged == .init(line: "refs/heads/x bbb refs/heads/y aaa\n", localRef: "refs/heads/x", remoteName: "origin"))
        let whole = PreCommitPushInput.recover(["PRE_COMMIT_LOCAL_BRANCH": "HEAD", "PRE_COMMIT_REMOTE_BRANCH": "refs/heads/main",
                                                "PRE_COMMIT_REMOTE_NAME": "origin"], resolve: { _ in tip })
        #expect(whole?.line == "HEAD \(tip.hex) refs/heads/main \(String(repeating: "0", count: 40))\n")
        #expect(PreCommitPushInput.recover([:], resolve: { _ in tip }) == nil)
    }

    @Test(arguments: [("1", true), ("true", true), ("TRUE", true), ("yes", true), ("Yes", true), ("0", false), ("false", false), ("", false)])
    func gateSkipValues(_ value: String, _ skips: Bool) {
        #expect((GateSkip.request(["GATE_SKIP": value]) == .skip(value)) == skips)
        #expect(GateSkip.request(["GATE_SKIP": "please"]) == .unrecognised("please"))
    }

    @Test func toolEnvironmentSearchesInTheDocumentedOrder() throws {
        let root = NSTemporaryDirectory() + "gate-toolenv-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        for dir in ["own/bin", "interp/bin", "active/bin", "sub/.venv/bin", ".venv/bin", "venv/bin", "recorded/bin", "sub/node_modules/.bin", "node_modules/.bin"] {
            try FileManager.default.createDirectory(atPath: root + "/" + dir, withIntermediateDirectories: true)
        }
        for venv in ["sub/.venv", ".venv", "venv"] { _ = FileManager.default.createFile(atPath: root + "/" + venv + "/bin/python", contents: Data()) }
        var suite = SuiteDefinition(name: "s", runner: .pytest, workingDirectory: "sub")
        suite.toolPath = ["own/bin"]
        suite.python = root + "/interp/bin/python3"
        let tools = ToolEnvironment(projectRoot: root, recordedVirtualenv: root + "/recorded")
        let order = tools.sources(for: suite, environment: ["VIRTUAL_ENV": root + "/active"]).map { String($0.directory.dropFirst(root.count + 1)) }
        #expect(order == ["own/bin", "interp/bin", "active/bin", "sub/.venv/bin", ".venv/bin", "venv/bin", "recorded/bin", "sub/node_modules/.bin", "node_modules/.bin"])
        let env = tools.environment(for: suite, base: ["PATH": "/usr/bin:/bin", "VIRTUAL_ENV": root + "/active"])
        #expect(env["PATH"]?.hasSuffix(":/usr/bin:/bin") == true && env["VIRTUAL_ENV"] == root + "/active")
    }
}
