import Foundation

/// Where the tests find the real mocha and Jest (installed by Tests/run.sh): Debian's mocha on this machine's node needs
/// `NODE_PATH=/usr/share/nodejs`; Debian's Jest runs on Debian's nodejs 18, unpacked by Tests/setup_jest.sh.
enum JavaScriptToolchains {
    /// The environment Debian's mocha needs beside a non-Debian node.
    static let mochaEnvironment = ["NODE_PATH": "/usr/share/nodejs"]

    /// `$GATE_TEST_TOOLS/jest/root` (default `~/.cache/gate-test-tools/jest/root`).
    static let jestRoot: String = {
        let environment = ProcessInfo.processInfo.environment
        let tools = environment["GATE_TEST_TOOLS"] ?? ((environment["XDG_CACHE_HOME"] ?? (NSHomeDirectory() + "/.cache")) + "/gate-test-tools")
        return tools + "/jest/root"
    }()

    /// The unpacked Jest binary (a symlink to its bin script).
    static var jestBinary: String { jestRoot + "/usr/bin/jest" }

    static var hasJest: Bool { FileManager.default.fileExists(atPath: jestBinary) }

    /// What a suite running that Jest needs: node 18's directory first on PATH, its libraries and its modules.
    static var jestEnvironment: [String: String] {
        ["LD_LIBRARY_PATH": jestRoot + "/usr/lib/x86_64-linux-gnu",
         "NODE_PATH": [jestRoot + "/usr/share/nodejs", jestRoot + "/usr/lib/nodejs", jestRoot + "/usr/lib/x86_64-linux-gnu/nodejs"].joined(separator: ":")]
    }

    /// A directory holding only that node 18 (Tests/setup_jest.sh makes it).
    static var nodeDirectory: String { (jestRoot as NSString).deletingLastPathComponent + "/node-bin" }

    /// `.gate.yml` lines for a Jest suite (`path:` to node 18 only, and `env:`), indented for a suite entry: jest
    /// itself is then found where users have it, in node_modules/.bin.
    static func jestSuiteLines(indent: String = "    ") -> String {
        let env = jestEnvironment.sorted { $0.key < $1.key }.map { "\($0.key): \"\($0.value)\"" }.joined(separator: ", ")
        return "\(indent)path: [\"\(nodeDirectory)\"]\n\(indent)env: {\(env)}\n"
    }
}
