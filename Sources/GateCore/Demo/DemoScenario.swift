import Foundation

/// `gate demo`: plays a user in a throwaway directory. It makes a small Python project with a bare remote, installs
/// the hook, then pushes once with passing tests and once with a failing one, showing where the report went.
/// It types the git commands a user would (printed as it goes); gate itself reads the repository through libgit2.
public struct DemoScenario {
    public let console: Console
    public let keep: Bool
    public let gateBinary: String

    public init(console: Console, keep: Bool, gateBinary: String) {
        self.console = console
        self.keep = keep
        self.gateBinary = gateBinary
    }

    public struct Failure: Error, CustomStringConvertible { public let description: String }

    /// Runs the scenario; true when both pushes behaved as expected.
    public func run() throws -> Bool {
        let root = try makeTemporaryDirectory()
        defer {
            if keep { console.line("kept everything under \(root)") } else { try? FileManager.default.removeItem(atPath: root) }
        }
        let project = root + "/project"
        let remote = root + "/remote.git"
        var environment = ProcessInfo.processInfo.environment
        environment["GIT_CONFIG_NOSYSTEM"] = "1"
        environment["GIT_CONFIG_GLOBAL"] = root + "/gitconfig"
        environment["GIT_TERMINAL_PROMPT"] = "0"
        environment.removeValue(forKey: "GATE_SKIP")
        let identity = "[user]\n\tname = gate demo\n\temail = demo@gate.invalid\n[init]\n\tdefaultBranch = main\n"
        try identity.write(toFile: root + "/gitconfig", atomically: true, encoding: .utf8)
        let hasPytest = (try? ChildProcess.run(ProcessSpec(executable: "python3", arguments: ["-m", "pytest", "--version"],
                                                            environment: environment, timeout: 30)))?.exitCode == 0

        section("1. A sample project with a bare remote, in \(root)")
        try shell("git init -q --bare \(q(remote))", in: root, environment)
        try FileManager.default.createDirectory(atPath: project + "/tests", withIntermediateDirectories: true)
        try write(project + "/calc.py", "def add(a, b):\n    return a + b\n\n\ndef mul(a, b):\n    return a * b\n")
        try write(project + "/README.md", "# calc\n")
        if hasPytest {
            try write(project + "/tests/test_calc.py", "from calc import add, mul\n\n\ndef test_add():\n    assert add(2, 3) == 5\n\n\ndef test_mul():\n    assert mul(2, 3) == 6\n")
            try write(project + "/.gate.yml", "version: 1\nsuites:\n  - name: unit\n    runner: pytest\n    env:\n      PYTHONPATH: .\nfix:\n  provider: none\n")
        } else {
            console.line("(pytest is not installed, so the demo uses a `command` suite; `pip install pytest` to see the pytest runner)")
            try write(project + "/tests/check.sh", "#!/bin/sh\npython3 -c 'from calc import add, mul; assert add(2, 3) == 5, \"add(2, 3) != 5\"; assert mul(2, 3) == 6'\n")
            try write(project + "/.gate.yml", "version: 1\nsuites:\n  - name: unit\n    runner: command\n    command: sh tests/check.sh\nfix:\n  provider: none\n")
        }
        try shell("git init -q && git config core.hooksPath .git/hooks && git remote add origin \(q(remote))", in: project, environment)
        try shell("git add -A && git commit -q -m 'calc with tests' && git push -q --no-verify -u origin main", in: project, environment)

        section("2. Install the hook")
        try shell("\(q(gateBinary)) install", in: project, environment)

        section("3. A push whose tests pass")
        try write(project + "/calc.py", "def add(a, b):\n    return a + b\n\n\ndef mul(a, b):\n    return a * b\n\n\ndef sub(a, b):\n    return a - b\n")
        try shell("git commit -q -am 'add sub'", in: project, environment)
        let passed = try shell("git push origin main", in: project, environment, allowFailure: true) == 0

        section("4. A push that breaks a test")
        try write(project + "/calc.py", "def add(a, b):\n    return a - b\n\n\ndef mul(a, b):\n    return a * b\n\n\ndef sub(a, b):\n    return a - b\n")
        try shell("git commit -q -am 'refactor add'", in: project, environment)
        let blocked = try shell("git push origin main", in: project, environment, allowFailure: true) != 0

        section("5. Where the report went")
        let reports = (try? FileManager.default.contentsOfDirectory(atPath: project + "/.git/gate/reports")) ?? []
        for name in reports.sorted() { console.line("  .git/gate/reports/\(name)") }
        try shell("git notes --ref gate show HEAD | head -n 12", in: project, environment, allowFailure: true)
        try shell("git ls-remote origin main && git rev-parse --short HEAD", in: project, environment, allowFailure: true)
        try shell("\(q(gateBinary)) log --limit 6", in: project, environment, allowFailure: true)

        let ok = passed && blocked && !reports.isEmpty
        section(ok ? "Done: the first push went through, the second was blocked and its report kept."
                   : "The demo did not behave as expected (first push passed: \(passed), second blocked: \(blocked)).")
        return ok
    }

    private func section(_ title: String) {
        console.line("")
        console.line(console.styled("== " + title, .bold))
    }

    @discardableResult
    private func shell(_ command: String, in directory: String, _ environment: [String: String], allowFailure: Bool = false) throws -> Int32 {
        let console = self.console
        console.line(console.styled("$ " + command, .cyan))
        let outcome = try ChildProcess.run(ProcessSpec(executable: "/bin/sh", arguments: ["-c", command + " 2>&1"],
                                                       environment: environment, workingDirectory: directory, timeout: 600),
                                           onOutput: { console.passthrough($0) })
        if outcome.exitCode != 0 && !allowFailure {
            throw Failure(description: "`\(command)` failed with exit \(outcome.exitCode)")
        }
        return outcome.exitCode
    }

    private func write(_ path: String, _ text: String) throws {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    private func q(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    private func makeTemporaryDirectory() throws -> String {
        let base = (ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp") + "/gate-demo.XXXXXX"
        var template = Array(base.utf8CString)
        guard let pointer = mkdtemp(&template) else { throw Failure(description: "cannot create a temporary directory") }
        return String(cString: pointer)
    }
}
