import Foundation
import Testing
@testable import GateCore

/// The hook's environment is the user's, not the shell's: pushes with PATH=/usr/bin:/bin (as git GUIs run hooks),
/// GATE_SKIP, and an uncommitted .gate.yml.
@Suite("hook environment end to end")
struct HookEnvironmentEndToEndTests {
    static let minimalPath = ["PATH": "/usr/bin:/bin"]

    /// A Python interpreter that has pytest (for the project's .venv), and whether /usr/bin:/bin's python3 lacks it.
    static let pythonWithPytest: String? = {
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map { String($0) + "/python3" }
        for candidate in path + ["/usr/local/bin/python3", NSHomeDirectory() + "/.pyenv/shims/python3"] where FileManager.default.isExecutableFile(atPath: candidate) {
            let spec = ProcessSpec(executable: "/bin/sh", arguments: ["-c", "\(candidate) -c 'import pytest, sys; print(sys.executable)'"],
                                   environment: ProcessInfo.processInfo.environment, timeout: 60)
            if let outcome = try? ChildProcess.run(spec), outcome.exitCode == 0 {
                return String(decoding: outcome.standardOutput, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            }
        }
        FileHandle.standardError.write(Data("SKIPPING .venv tests: no python3 with pytest found (pip install pytest)\n".utf8))
        return nil
    }()
    static let minimalPythonLacksPytest: Bool = {
        let lacks = (try? ChildProcess.run(ProcessSpec(executable: "/usr/bin/env", arguments: ["python3", "-c", "import pytest"],
                                                        environment: minimalPath, timeout: 60)))?.exitCode ?? 1 != 0
        if !lacks { FileHandle.standardError.write(Data("SKIPPING missing-tool tests: python3 on /usr/bin:/bin has pytest\n".utf8)) }
        return lacks
    }()

    static let pythonFiles = [
        ".gate.yml": "version: 1\nsuites:\n  - name: tests\n    runner: pytest\n    timeout: 120\n",
        "calc.py": "def add(a, b):\n    return a + b\n",
        "tests/test_calc.py": "from calc import add\n\ndef test_add():\n    assert add(2, 2) == 4\n",
        "conftest.py": "",
        "requirements.txt": "pytest\n",
        ".gitignore": ".venv/\n",
    ]

    func pythonProject(withVenv: Bool) throws -> GitSandbox {
        let box = try GitSandbox()
        try box.makeProject(Self.pythonFiles)
        if withVenv, let python = Self.pythonWithPytest {
            // A virtualenv that sees the interpreter's pytest, as `pip install -r requirements.txt` would provide.
            try box.sh("'\(python)' -m venv --system-site-packages .venv", in: "work")
        }
        try box.gate("install", in: "work")
        return box
    }

    func commit(_ box: GitSandbox, _ file: String, _ text: String) throws {
        try box.write("work/" + file, text)
        try box.sh("git add \(file) && git commit -q -m 'edit \(file)'", in: "work")
    }

    @Test(.enabled(if: pythonWithPytest != nil, "no python3 with pytest to build a .venv from"))
    func minimalPathPushFindsPytestInTheProjectVenv() throws {
        let box = try pythonProject(withVenv: true)
        try commit(box, "calc.py", "def add(a, b):\n    return a - b\n")
        let blocked = try box.sh("git push origin main", in: "work", env: Self.minimalPath, expect: 1)
        #expect(blocked.output.contains("BLOCKED") && blocked.output.contains("1 failed"))
        try commit(box, "calc.py", "def add(a, b):\n    return b + a\n")
        let passed = try box.sh("git push origin main", in: "work", env: Self.minimalPath)
        #expect(passed.output.contains("PASSED") && passed.output.contains("1 passed"), "\(passed.output)")
        let doctor = try box.gate("doctor", in: "work", expect: nil)
        #expect(doctor.output.contains("✓ suite tests: pytest: \(box.path("work"))/.venv/bin/python3 -m pytest"))
    }

    @Test(.enabled(if: minimalPythonLacksPytest, "python3 on /usr/bin:/bin has pytest"))
    func aMissingToolIsExitThreeWithAFixNotABlockedPush() throws {
        let box = try pythonProject(withVenv: false)
        try commit(box, "calc.py", "def add(a, b):\n    return b + a\n")
        let push = try box.sh("git push origin main", in: "work", env: Self.minimalPath, expect: 1)
        #expect(push.output.contains("cannot run: required tool 'pytest' was not found"))
        #expect(push.output.contains("python3 -m venv .venv && .venv/bin/pip install -r requirements.txt"))
        #expect(!push.output.contains("BLOCKED") && !push.output.contains("0 passed"))
        let run = try box.gate("run --all --no-fix", in: "work", env: Self.minimalPath, expect: 3)
        #expect(run.output.contains("required tool 'pytest'"))
        let doctor = try box.gate("doctor", in: "work", env: Self.minimalPath, expect: 1)
        #expect(doctor.output.contains("✗ suite tests: pytest not found as a hook runs it"))
        #expect(doctor.output.contains("fix: cd \(box.path("work")) && python3 -m venv .venv && .venv/bin/pip install -r requirements.txt pytest"))
    }

    @Test func gateSkipAcceptsOneTrueYesAndLogsEverySkip() throws {
        let box = try GitSandbox()
        try box.makeProject(PrePushEndToEndTests.files)
        try box.gate("install", in: "work")
        try commit(box, "value.txt", "broken\n")
        let values = ["1", "true", "TRUE", "yes", "Yes"]
        for value in values {
            let push = try box.sh("git push --dry-run origin main", in: "work", env: ["GATE_SKIP": value])
            #expect(push.output.contains("gate: skipped (GATE_SKIP=\(value))"))
        }
        let events = try #require(box.read("work/.git/gate/events.jsonl")).split(separator: "\n").filter { $0.contains("\"event\":\"skipped\"") }
        #expect(events.count == values.count)
        #expect(events.allSatisfy { $0.contains("\"mode\":\"pre-push\"") && $0.contains("\"refs\":1") })
        for value in ["0", "false", "maybe"] {
            let push = try box.sh("git push --dry-run origin main", in: "work", env: ["GATE_SKIP": value], expect: 1)
            #expect(push.output.contains("BLOCKED"))
        }
        #expect(try box.sh("git push --dry-run origin main", in: "work", env: ["GATE_SKIP": "maybe"], expect: 1).output.contains("is not 1, true or yes"))
    }

    @Test func uncommittedGateConfigIsNamedOnPushDoctorAndInit() throws {
        let box = try GitSandbox()
        try box.makeProject(PrePushEndToEndTests.files)
        try box.gate("install", in: "work")
        try box.write("work/.gate.yml", PrePushEndToEndTests.files[".gate.yml"]! + "run:\n  max_commits: 50\n")
        try commit(box, "notes.txt", "hello\n")
        let push = try box.sh("git push origin main", in: "work")
        #expect(push.output.contains(".gate.yml has uncommitted changes; gate reads the committed copy"))
        let doctor = try box.gate("doctor", in: "work", expect: nil)
        #expect(doctor.output.contains("gate reads the committed copy"))
        let initialise = try box.gate("init", in: "work", expect: 2)
        #expect(initialise.output.contains("gate reads the committed copy"))
        try box.sh("git add .gate.yml && git commit -q -m config", in: "work")
        let clean = try box.sh("git push origin main", in: "work")
        #expect(!clean.output.contains("committed copy"))
    }
}
