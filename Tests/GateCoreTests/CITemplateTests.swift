import Foundation
import Testing

/// Templates/ci/ checked by check-jsonschema (PyPI, pinned in Tests/run.sh) against its vendored GitHub Actions and
/// GitLab CI schemas, offline; a broken copy of each must fail the same check, so the check is known to bite.
@Suite(.enabled(if: CheckJSONSchema.path != nil))
struct CITemplateTests {
    static let templates = [("github-actions.yml", "vendor.github-workflows"), ("gitlab-ci.yml", "vendor.gitlab-ci")]

    @Test(arguments: templates)
    func templateValidates(file: String, schema: String) throws {
        let box = try GitSandbox()
        let path = GitSandbox.packageRoot + "/Templates/ci/" + file
        let result = try box.sh("'\(CheckJSONSchema.path!)' --builtin-schema \(schema) '\(path)'", expect: nil)
        #expect(result.status == 0 && result.output.contains("ok -- validation done"), "\(result.output)")

        let text = try String(contentsOfFile: path, encoding: .utf8)
        for step in ["gate plan --shards", "--shard", "--plan plan.json", "--junit", "gate report merge", "gate history export", "gate history import",
                     "gate history write-ref", "refs/gate/history"] {
            #expect(text.contains(step), "\(file) lacks \(step)")
        }
        let broken = text.replacingOccurrences(of: "stage: test", with: "stage: [test, 3]").replacingOccurrences(of: "runs-on:", with: "runs_on:")
        try box.write("broken-" + file, broken)
        let bad = try box.sh("'\(CheckJSONSchema.path!)' --builtin-schema \(schema) broken-\(file)", expect: nil)
        #expect(bad.status != 0, "\(bad.output)")
    }
}

/// The check-jsonschema executable: on PATH, or in the venv Tests/run.sh installs it into.
enum CheckJSONSchema {
    static let path: String? = {
        let tools = (ProcessInfo.processInfo.environment["XDG_CACHE_HOME"] ?? (NSHomeDirectory() + "/.cache")) + "/gate-test-tools/bin"
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init) + [tools]
        return path.map { $0 + "/check-jsonschema" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()
}
