import Foundation
import Testing
@testable import GateCore

/// Real pushes through the installed hook with the real mocha, suites detected from package.json (no `.gate.yml`):
/// a plain project, and a 3-package npm workspace where each package's suite runs in its own directory.
@Suite("mocha end to end", .enabled(if: FileManager.default.fileExists(atPath: "/usr/bin/mocha") || GitSandbox.hasTool("mocha --version")))
struct MochaEndToEndTests {
    /// Debian's mocha beside this machine's node needs NODE_PATH; a user of it has the same line in their shell.
    static let env = JavaScriptToolchains.mochaEnvironment

    static let plain: [String: String] = [
        "package.json": "{\n  \"name\": \"calc\",\n  \"private\": true,\n  \"scripts\": {\"test\": \"mocha\"},\n  \"devDependencies\": {\"mocha\": \"^10\"}\n}\n",
        ".mocharc.json": "{\"spec\": [\"test/**/*.test.js\"]}\n",
        "README.md": "# calc\n",
        "lib/alpha.js": "exports.double = (x) => x * 2;\n",
        "lib/beta.js": "exports.name = (user) => user.name.toUpperCase();\n",
        "lib/gamma.js": "exports.three = () => 3;\n",
        "test/alpha.test.js": "const assert = require('assert');\nconst { double } = require('../lib/alpha');\n\ndescribe('alpha', () => {\n  it('doubles', () => { assert.strictEqual(double(2), 4); });\n});\n",
        "test/beta.test.js": "const assert = require('assert');\nconst { name } = require('../lib/beta');\n\ndescribe('beta', () => {\n  it('shouts the name', () => { assert.strictEqual(name({ name: 'ann' }), 'ANN'); });\n});\n",
        "test/gamma.test.js": "const assert = require('assert');\nconst { three } = require('../lib/gamma');\n\nit('three', () => { assert.strictEqual(three(), 3); });\n",
    ]

    @Test func plainProjectSelectsASubsetBlocksWithIdsAndTellsFailuresFromErrors() throws {
        let repo = try SelectionRepo(Self.plain, name: "gate-mocha")
        try repo.install()
        try repo.commit("tweak alpha", write: ["lib/alpha.js": "exports.double = (x) => x + x;\n"])
        #expect(try repo.affectedByLastCommit().ids == ["test/alpha.test.js"])
        let passed = try repo.box.sh("git push origin main", in: "work", env: Self.env)
        #expect(passed.output.contains("no .gate.yml: detected mocha (test/)"), "\(passed.output)")
        #expect(passed.output.contains("mocha (mocha): 1 passed, 0 failed, 0 errors"), "\(passed.output)")

        let before = try repo.remoteHead()
        try repo.commit("break alpha, crash beta", write: [
            "lib/alpha.js": "exports.double = (x) => x * 3;\n",
            "lib/beta.js": "exports.name = (user) => user.nickname.toUpperCase();\n",
        ])
        let blocked = try repo.box.sh("git push origin main", in: "work", env: Self.env, expect: 1)
        #expect(blocked.output.contains("mocha (mocha): 0 passed, 1 failed, 1 errors"), "\(blocked.output)")
        #expect(blocked.output.contains("test/alpha.test.js > alpha > doubles"), "\(blocked.output)")
        #expect(blocked.output.contains("test/beta.test.js > beta > shouts the name"), "\(blocked.output)")
        #expect(!blocked.output.contains("gamma"), "\(blocked.output)")
        #expect(blocked.output.contains("BLOCKED"))
        #expect(try repo.remoteHead() == before)
        let report = try #require(Self.lastJSONReport(repo.box))
        #expect(report.contains("\"name\" : \"test/alpha.test.js > alpha > doubles\""), "\(report.prefix(2000))")
        #expect(report.contains("\"status\" : \"errored\""), "\(report.prefix(2000))")
    }

    @Test func flakyTestIsReRunByItsFileAndLetsThePushThrough() throws {
        let repo = try SelectionRepo(Self.plain, name: "gate-mocha-flaky")
        try repo.install()
        let marker = repo.box.path("flaky-marker")
        try repo.commit("flaky gamma test", write: [
            "test/gamma.test.js": "const assert = require('assert');\nconst fs = require('fs');\n\nit('three, sometimes', () => {\n  if (!fs.existsSync('\(marker)')) { fs.writeFileSync('\(marker)', ''); assert.fail('first run fails'); }\n});\n",
        ])
        let pushed = try repo.box.sh("git push origin main", in: "work", env: Self.env)
        #expect(pushed.output.contains("gate: flaky (failed, then passed on re-run): mocha: test/gamma.test.js > three, sometimes"), "\(pushed.output)")
        #expect(try repo.remoteHead() == repo.box.rev("HEAD"))
    }

    static let workspace: [String: String] = [
        "package.json": "{\n  \"name\": \"ws\",\n  \"private\": true,\n  \"workspaces\": [\"packages/*\"],\n  \"devDependencies\": {\"mocha\": \"^10\"}\n}\n",
        "packages/core/package.json": "{\"name\": \"@ws/core\", \"main\": \"index.js\"}\n",
        "packages/core/index.js": "exports.add = (a, b) => a + b;\n",
        "packages/core/test/core.test.js": "const assert = require('assert');\nconst { add } = require('..');\n\ndescribe('core', () => { it('adds', () => { assert.strictEqual(add(2, 3), 5); }); });\n",
        "packages/util/package.json": "{\"name\": \"@ws/util\", \"main\": \"dist/index.js\", \"exports\": {\".\": \"./dist/index.js\", \"./format\": \"./src/format.js\"}, \"dependencies\": {\"@ws/core\": \"*\"}}\n",
        "packages/util/src/index.js": "module.exports = require('./format');\n",
        "packages/util/src/format.js": "const { add } = require('@ws/core');\n\nexports.total = (values) => `total ${values.reduce(add, 0)}`;\n",
        "packages/util/test/format.test.js": "const assert = require('assert');\nconst { total } = require('../src/format');\n\ndescribe('format', () => { it('totals', () => { assert.strictEqual(total([1, 2]), 'total 3'); }); });\n",
        "packages/app/package.json": "{\"name\": \"@ws/app\", \"dependencies\": {\"@ws/util\": \"*\"}}\n",
        "packages/app/index.js": "const { total } = require('@ws/util/format');\n\nexports.banner = (values) => `[${total(values)}]`;\n",
        "packages/app/test/app.test.js": "const assert = require('assert');\nconst { banner } = require('..');\n\ndescribe('app', () => { it('shows a banner', () => { assert.strictEqual(banner([4]), '[total 4]'); }); });\n",
        "packages/docs/package.json": "{\"name\": \"@ws/docs\"}\n",
        "packages/docs/README.md": "# docs\n",
    ]

    @Test func workspaceChangeSelectsDependentPackagesAndRunsEachInItsDirectory() throws {
        let repo = try SelectionRepo(Self.workspace.merging([".gitignore": "node_modules/\n"]) { a, _ in a }, name: "gate-mocha-ws")
        // Workspace packages are linked from node_modules (untracked), as `npm install` does; selection reads only
        // the tracked package.json files.
        try repo.box.sh("mkdir -p node_modules/@ws && for p in core util app; do ln -s ../../packages/$p node_modules/@ws/$p; done", in: "work")
        try repo.install()
        try repo.commit("tweak app", write: ["packages/app/index.js": try repo.text("packages/app/index.js") + "exports.width = 10;\n"])
        #expect(try repo.affectedByLastCommit().ids == ["test/app.test.js"])
        try repo.commit("tweak util", write: ["packages/util/src/format.js": try repo.text("packages/util/src/format.js") + "exports.sep = ',';\n"])
        #expect(try repo.affectedByLastCommit().tests.map { $0.suite + ": " + $0.id } == [
            "packages/app: test/app.test.js", "packages/util: test/format.test.js"])
        try repo.commit("tweak core", write: ["packages/core/index.js": "exports.add = (a, b) => b + a;\n"])
        let core = try repo.affectedByLastCommit()
        #expect(core.tests.map { $0.suite + ": " + $0.id } == [
            "packages/app: test/app.test.js", "packages/core: test/core.test.js", "packages/util: test/format.test.js"])
        #expect(core.tests.first?.because == ["packages/core/index.js", "packages/util/src/format.js", "packages/app/index.js", "packages/app/test/app.test.js"])
        let passed = try repo.box.sh("git push origin main", in: "work", env: Self.env)
        #expect(passed.output.contains("no .gate.yml: detected mocha (packages/app/), mocha (packages/core/), mocha (packages/util/)"), "\(passed.output)")
        #expect(passed.output.contains("PASSED"), "\(passed.output)")

        let before = try repo.remoteHead()
        try repo.commit("break core, crash app", write: [
            "packages/core/index.js": "exports.add = (a, b) => a - b;\n",
            "packages/app/index.js": "const { total } = require('@ws/util/format');\n\nexports.banner = (values) => `[${total(values.items.list)}]`;\n",
        ])
        let blocked = try repo.box.sh("git push origin main", in: "work", env: Self.env, expect: 1)
        #expect(blocked.output.contains("packages/core (mocha): 0 passed, 1 failed, 0 errors"), "\(blocked.output)")
        #expect(blocked.output.contains("packages/util (mocha): 0 passed, 1 failed, 0 errors"), "\(blocked.output)")
        #expect(blocked.output.contains("packages/app (mocha): 0 passed, 0 failed, 1 errors"), "\(blocked.output)")
        for id in ["packages/core/test/core.test.js > core > adds", "packages/util/test/format.test.js > format > totals",
                   "packages/app/test/app.test.js > app > shows a banner"] {
            #expect(blocked.output.contains(id), "\(id)\n\(blocked.output)")
        }
        #expect(blocked.output.contains("BLOCKED"))
        #expect(try repo.remoteHead() == before)

        // A flaky test in one package is re-run in that package's directory, by its file, and passes.
        try repo.box.sh("git reset -q --hard HEAD~1", in: "work")
        let marker = repo.box.path("flaky-marker")
        try repo.commit("flaky util test", write: [
            "packages/util/test/flaky.test.js": "const assert = require('assert');\nconst fs = require('fs');\nrequire('../src/format');\n\nit('sometimes', () => {\n  if (!fs.existsSync('\(marker)')) { fs.writeFileSync('\(marker)', ''); assert.fail('first run fails'); }\n});\n",
        ])
        let flaky = try repo.box.sh("git push origin main", in: "work", env: Self.env)
        #expect(flaky.output.contains("gate: flaky (failed, then passed on re-run): packages/util: packages/util/test/flaky.test.js > sometimes"), "\(flaky.output)")
    }

    /// The fix loop on a mocha suite: a command provider's edit to the code under test is verified by re-running the
    /// failing test by its id; an edit to the test file is refused.
    @Test func fixLoopFixesCodeUnderTestAndRefusesTestEdits() throws {
        let box = try GitSandbox("gate-mocha-fix")
        let fix = "lib/alpha.js\n```js\n<<<<<<< SEARCH\nexports.double = (x) => x * 3;\n=======\nexports.double = (x) => x * 2;\n>>>>>>> REPLACE\n```\n"
        let cheat = "test/alpha.test.js\n```js\n<<<<<<< SEARCH\nassert.strictEqual(double(2), 4)\n=======\nassert.strictEqual(double(2), 6)\n>>>>>>> REPLACE\n```\n"
        try box.write("replies/1.txt", cheat)
        try box.write("replies/2.txt", fix)
        try box.write("agent.sh", "#!/bin/sh\ncat > /dev/null\nn=$(ls \(box.path("replies")) | head -1)\ncat \(box.path("replies"))/$n\nrm \(box.path("replies"))/$n\n")
        try box.sh("chmod +x agent.sh")
        let config = "version: 1\nsuites:\n  - name: unit\n    runner: mocha\n    env: {NODE_PATH: /usr/share/nodejs}\n"
            + "fix:\n  provider: command\n  command: \(box.path("agent.sh"))\n  timeout: 30\n"
        try box.makeProject(Self.plain.merging([".gate.yml": config]) { a, _ in a })
        try box.gate("install", in: "work")
        try box.write("work/lib/alpha.js", "exports.double = (x) => x * 3;\n")
        try box.sh("git commit -qam 'refactor double'", in: "work")
        let output = try box.sh("git push origin main", in: "work", expect: 1).output
        #expect(output.contains("test/alpha.test.js"), "\(output)")
        #expect(output.contains("attempt 1: edit rejected: Edit block 1 (test/alpha.test.js) was rejected: the path is protected"), "\(output)")
        #expect(output.contains("fixed in"), "\(output)")
        #expect(try box.sh("git show refs/gate/fixes/main:lib/alpha.js", in: "work").output == "exports.double = (x) => x * 2;\n")
        #expect(try box.sh("git show refs/gate/fixes/main:test/alpha.test.js", in: "work").output == Self.plain["test/alpha.test.js"])
    }

    @Test func vitestIsNamedAsUnsupportedNeverRunWithNodeTest() throws {
        let repo = try SelectionRepo([
            "package.json": "{\"name\": \"v\", \"scripts\": {\"test\": \"vitest run\"}, \"devDependencies\": {\"vitest\": \"^1\"}}\n",
            "src/a.js": "export const a = 1;\n",
            "src/a.test.js": "import { a } from './a.js';\n",
        ], name: "gate-vitest")
        try repo.install()
        try repo.commit("tweak a", write: ["src/a.js": "export const a = 2;\n"])
        let pushed = try repo.box.sh("git push origin main", in: "work", env: Self.env, expect: nil)
        #expect(pushed.output.contains("vitest (scripts.test runs vitest) is not supported yet"), "\(pushed.output)")
        #expect(pushed.output.contains("runner: command"), "\(pushed.output)")
        #expect(!pushed.output.contains("(node)"), "\(pushed.output)")
        let doctor = try repo.box.gate("doctor", in: "work", expect: nil)
        #expect(doctor.output.contains("vitest"), "\(doctor.output)")
    }

    /// The newest JSON report of the sandbox's work repository.
    static func lastJSONReport(_ box: GitSandbox) -> String? {
        box.newestFile(in: "work/.git/gate/reports", suffix: ".json").flatMap { box.read("work/.git/gate/reports/" + $0) }
    }
}
