import Foundation
@testable import GateCore

/// A throwaway directory with an isolated HOME and git config, for driving real `git` and the real `gate` binary.
final class GitSandbox: @unchecked Sendable {
    let root: String
    let environment: [String: String]

    /// The repository root (two levels above this file's folder).
    static let packageRoot: String = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// The `gate` executable SwiftPM built beside the test bundle.
    static let gateBinary: String = {
        // GATE_TEST_BINARY runs the end-to-end tests against another build (for example the one before a fix).
        if let other = ProcessInfo.processInfo.environment["GATE_TEST_BINARY"], !other.isEmpty { return other }
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("gate").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return packageRoot + "/.build/debug/gate"
    }()

    init(_ name: String = "gate-test") throws {
        var template = Array(((ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp") + "/\(name).XXXXXX").utf8CString)
        guard let pointer = mkdtemp(&template) else { throw SandboxError(message: "mkdtemp failed") }
        root = String(cString: pointer)
        let home = root + "/home"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
        let gitconfig = "[user]\n\tname = Gate Tester\n\temail = tester@gate.invalid\n[init]\n\tdefaultBranch = main\n[advice]\n\tdetachedHead = false\n"
        try gitconfig.write(toFile: home + "/.gitconfig", atomically: true, encoding: .utf8)
        var env: [String: String] = [:]
        for key in ["PATH", "TMPDIR", "LANG", "SWIFT_BACKTRACE", "GOCACHE", "GOPATH", "GOFLAGS"] {
            if let value = ProcessInfo.processInfo.environment[key] { env[key] = value }
        }
        env["HOME"] = home
        env["GIT_CONFIG_NOSYSTEM"] = "1"
        env["GIT_CONFIG_GLOBAL"] = home + "/.gitconfig"
        env["GIT_TERMINAL_PROMPT"] = "0"
        env["GATE_SHARE_DIR"] = ProcessInfo.processInfo.environment["GATE_TEST_SHARE_DIR"] ?? Self.packageRoot
        env["NO_COLOR"] = "1"
        if env["GOCACHE"] == nil { env["GOCACHE"] = NSTemporaryDirectory() + "/gate-test-gocache" }
        environment = env
    }

    deinit { try? FileManager.default.removeItem(atPath: root) }

    struct SandboxError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    struct Result {
        let status: Int32
        let output: String
    }

    /// Runs a shell command in `directory` (relative to root), output combined.
    @discardableResult
    func sh(_ command: String, in directory: String = "", env extra: [String: String] = [:], stdin: String? = nil,
            expect: Int32? = 0, timeout: Double = 600) throws -> Result {
        var env = environment
        for (key, value) in extra { env[key] = value }
        let outcome = try ChildProcess.run(ProcessSpec(executable: "/bin/sh", arguments: ["-c", "exec 2>&1\n" + command], environment: env,
                                                       workingDirectory: path(directory), standardInput: stdin.map { Array($0.utf8) },
                                                       timeout: timeout))
        let result = Result(status: outcome.exitCode, output: String(decoding: outcome.standardOutput, as: UTF8.self))
        if let expect, result.status != expect {
            throw SandboxError(message: "`\(command)` exited \(result.status), expected \(expect):\n\(result.output)")
        }
        return result
    }

    /// Runs the gate binary.
    @discardableResult
    func gate(_ arguments: String, in directory: String = "", env: [String: String] = [:], stdin: String? = nil, expect: Int32? = 0) throws -> Result {
        try sh("'\(Self.gateBinary)' \(arguments)", in: directory, env: env, stdin: stdin, expect: expect)
    }

    func path(_ relative: String) -> String { relative.isEmpty ? root : root + "/" + relative }

    func write(_ relative: String, _ text: String) throws {
        let url = URL(fileURLWithPath: path(relative))
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    /// The name of the newest file in `relative` ending in `suffix`: by modification time, then name. Run ids sort by
    /// the second only, and every run that ran tests writes a report, so two runs of one second must not be confused.
    func newestFile(in relative: String, suffix: String) -> String? {
        let directory = path(relative)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).filter { $0.hasSuffix(suffix) }
        let modified = { (name: String) -> Date in
            ((try? FileManager.default.attributesOfItem(atPath: directory + "/" + name))?[.modificationDate] as? Date) ?? .distantPast
        }
        return names.max { (modified($0), $0) < (modified($1), $1) }
    }

    func read(_ relative: String) -> String? { try? String(contentsOfFile: path(relative), encoding: .utf8) }

    func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: path(relative)) }

    /// A project `work` with a bare remote `remote.git`, the given files committed on main and pushed without the hook.
    func makeProject(_ files: [String: String], work: String = "work") throws {
        try sh("git init -q --bare remote.git")
        for (name, text) in files { try write(work + "/" + name, text) }
        try sh("git init -q && git remote add origin ../remote.git && git add -A && git commit -q -m initial && git push -q --no-verify origin main", in: work)
    }

    func rev(_ revision: String, in directory: String = "work") throws -> String {
        try sh("git rev-parse \(revision)", in: directory).output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func hasTool(_ command: String) -> Bool {
        (try? ChildProcess.run(ProcessSpec(executable: "/bin/sh", arguments: ["-c", command], timeout: 60)))?.exitCode == 0
    }
}
