import Foundation
import Testing
@testable import GateCore

/// Impact selection on a real `node --test` project (CommonJS and ES modules): `gate affected` on real commits,
/// real pushes through the hook, and the safety check against what node actually fails.
@Suite("selection end to end: JavaScript", .enabled(if: GitSandbox.hasTool("node --version")))
struct SelectionJavaScriptEndToEndTests {
    /// A shared module, leaf modules (extensionless `require`, a JSON `require`, a dynamic `import()` of a
    /// directory index, an ES module importing CommonJS), an orphan, and one test file per module.
    static let files: [String: String] = [
        ".gate.yml": "version: 1\nsuites:\n  - name: node\n    runner: node\n    timeout: 300\nfix:\n  provider: none\n",
        "package.json": "{\n  \"name\": \"calc\",\n  \"version\": \"1.0.0\",\n  \"private\": true\n}\n",
        "README.md": "# calc\n",
        "docs/guide.md": "# Guide\n",
        "lib/shared.js": "exports.scale = (x) => x * 2;\n",
        "lib/alpha.js": "const { scale } = require('./shared');\n\nmodule.exports = { alpha: (x) => scale(x) + 1 };\n",
        "lib/beta.js": """
            const shared = require('./shared.js');
            const config = require('./config.json');

            exports.beta = (x) => shared.scale(x) - config.offset;
            """,
        "lib/config.json": "{\"offset\": 1}\n",
        "lib/format/index.js": "exports.format = (value) => `#${value}`;\n",
        "lib/gamma.js": """
            exports.gamma = async (x) => {
              const { format } = await import('./format/index.js');
              return format(x * 3);
            };
            """,
        "lib/delta.mjs": "import shared from './shared.js';\n\nexport const delta = (x) => shared.scale(x) * 10;\n",
        "lib/orphan.js": "exports.unused = () => 0;\n",
        "lib/index.js": "module.exports = { ...require('./alpha'), ...require('./gamma') };\n",
        "test/alpha.test.js": """
            const test = require('node:test');
            const assert = require('node:assert');
            const { alpha } = require('../lib/alpha');

            test('alpha', () => { assert.strictEqual(alpha(10), 21); });
            test('alpha of zero', () => { assert.strictEqual(alpha(0), 1); });
            """,
        "test/beta.test.js": """
            const test = require('node:test');
            const assert = require('node:assert');
            const { beta } = require('../lib/beta');

            test('beta', () => { assert.strictEqual(beta(10), 19); });
            """,
        "test/gamma.test.js": """
            const test = require('node:test');
            const assert = require('node:assert');
            const { gamma } = require('../lib/gamma');

            test('gamma', async () => { assert.strictEqual(await gamma(2), '#6'); });
            """,
        "test/delta.test.mjs": """
            import test from 'node:test';
            import assert from 'node:assert';
            import { delta } from '../lib/delta.mjs';

            test('delta', () => { assert.strictEqual(delta(1), 20); });
            """,
        "test/index.test.js": """
            const test = require('node:test');
            const assert = require('node:assert');
            const calc = require('../lib');

            test('index', () => { assert.strictEqual(calc.alpha(1), 3); });
            """,
        "test/shared.test.js": """
            const test = require('node:test');
            const assert = require('node:assert');
            const shared = require('../lib/shared');

            test('scale', () => { assert.strictEqual(shared.scale(3), 6); });
            """,
    ].mapValues(withFinalNewline)

    static let allTests: Set<String> = [
        "test/alpha.test.js", "test/beta.test.js", "test/delta.test.mjs", "test/gamma.test.js", "test/index.test.js",
        "test/shared.test.js",
    ]

    func repo() throws -> SelectionRepo {
        try SelectionRepo(Self.files, name: "gate-sel-js")
    }

    @Test func leafChangeSelectsOnlyItsTestsAndThePushRunsOnlyThem() throws {
        let repo = try repo()
        try repo.install()
        try repo.commit("tweak alpha", write: ["lib/alpha.js": try repo.text("lib/alpha.js") + "\nmodule.exports.limit = 5;\n"])
        let report = try repo.affectedByLastCommit()
        #expect(report.mode == .selected)
        #expect(report.ids == ["test/alpha.test.js", "test/index.test.js"])
        #expect(report.tests.first?.because == ["lib/alpha.js", "test/alpha.test.js"])
        #expect(report.tests.last?.because == ["lib/alpha.js", "lib/index.js", "test/index.test.js"])
        let push = try repo.push()
        #expect(push.output.contains("node (2 selected)"))
        // alpha.test.js has two tests and index.test.js one; the four other files' tests did not run.
        #expect(push.output.contains("node (node): 3 passed, 0 failed, 0 errors"))
        #expect(push.output.contains("PASSED"))
        #expect(try repo.remoteHead() == repo.box.rev("HEAD"))
    }

    @Test func sharedChangeSelectsEveryDependent() throws {
        let repo = try repo()
        try repo.commit("tweak shared", write: ["lib/shared.js": try repo.text("lib/shared.js") + "exports.factor = 2;\n"])
        #expect(try repo.affectedByLastCommit().ids == [
            "test/alpha.test.js", "test/beta.test.js", "test/delta.test.mjs", "test/index.test.js", "test/shared.test.js",
        ])
        // Reached through a dynamic import() of a directory's index.js, and through a JSON require.
        try repo.commit("tweak format", write: ["lib/format/index.js": try repo.text("lib/format/index.js") + "exports.prefix = '#';\n"])
        #expect(try repo.affectedByLastCommit().ids == ["test/gamma.test.js", "test/index.test.js"])
        try repo.commit("tweak config", write: ["lib/config.json": "{\"offset\": 1, \"spare\": 2}\n"])
        #expect(try repo.affectedByLastCommit().ids == ["test/beta.test.js"])
    }

    /// Manifests are read per key and per package (see the manifest tests); what can reach every test still runs them
    /// all: the test script, and a lockfile gate cannot read.
    @Test func manifestOrLockfileRunsEverything() throws {
        let repo = try repo()
        for (file, text) in [("package.json", "{\n  \"name\": \"calc\",\n  \"version\": \"1.0.0\",\n  \"private\": true,\n  \"scripts\": {\"test\": \"node --test --test-concurrency=1\"}\n}\n"),
                             ("package-lock.json", "{\n  \"lockfileVersion\": 3,\n  \"packages\": {\n")] {
            try repo.commit("change \(file)", write: [file: text])
            let report = try repo.affectedByLastCommit()
            #expect(report.mode == .all, "\(file): \(report.reason)")
            #expect(report.reason.contains(file))
            #expect(Set(report.ids) == Self.allTests)
        }
    }

    @Test func docsOnlyPushRunsNothingAndSaysWhy() throws {
        try repo().expectDocsOnlyPushRunsNothing(runner: "node")
    }

    @Test func deletedModuleSelectsItsDependentsAndThePushIsBlocked() throws {
        let repo = try repo()
        try repo.install()
        let before = try repo.remoteHead()
        try repo.commit("drop beta", delete: ["lib/beta.js"])
        let report = try repo.affectedByLastCommit()
        #expect(report.mode == .selected)
        #expect(report.ids == ["test/beta.test.js"])
        let push = try repo.push(expect: 1)
        #expect(push.output.contains("node (1 selected)"))
        #expect(push.output.contains("BLOCKED"))
        #expect(try repo.remoteHead() == before)
        // A deleted directory index reaches the dynamic import of it.
        try repo.box.sh("git reset -q --hard \(repo.base)", in: "work")
        try repo.commit("drop format", delete: ["lib/format/index.js"])
        #expect(try repo.affectedByLastCommit().ids == ["test/gamma.test.js", "test/index.test.js"])
    }

    @Test func renameCountsBothPaths() throws {
        let repo = try repo()
        try repo.commit("rename beta", move: [("lib/beta.js", "lib/beta2.js")])
        let moved = try repo.affectedByLastCommit()
        #expect(moved.changed == ["lib/beta.js", "lib/beta2.js"])
        #expect(moved.ids == ["test/beta.test.js"])
        try repo.box.sh("git reset -q --hard \(repo.base)", in: "work")
        try repo.commit("rename shared", write: [
            "lib/alpha.js": try repo.text("lib/alpha.js").replacingOccurrences(of: "./shared", with: "./common"),
            "lib/beta.js": try repo.text("lib/beta.js").replacingOccurrences(of: "./shared", with: "./common"),
            "lib/delta.mjs": try repo.text("lib/delta.mjs").replacingOccurrences(of: "./shared", with: "./common"),
            "test/shared.test.js": try repo.text("test/shared.test.js").replacingOccurrences(of: "lib/shared", with: "lib/common"),
        ], move: [("lib/shared.js", "lib/common.js")])
        let renamed = try repo.affectedByLastCommit()
        #expect(renamed.changed?.contains("lib/shared.js") == true && renamed.changed?.contains("lib/common.js") == true)
        #expect(renamed.ids == [
            "test/alpha.test.js", "test/beta.test.js", "test/delta.test.mjs", "test/index.test.js", "test/shared.test.js",
        ])
    }

    @Test func unparseableFileSelectsItsDependents() throws {
        let repo = try repo()
        // beta.js stops parsing (an unterminated template literal): its importers are still known.
        let broken = try repo.commit("break beta", write: ["lib/beta.js": try repo.text("lib/beta.js") + "\nconst broken = `\n"])
        #expect(try repo.affectedByLastCommit().ids == ["test/beta.test.js"])
        // While it stays unparseable its own imports are unknown: any script change may reach it.
        try repo.commit("tweak format", write: ["lib/format/index.js": try repo.text("lib/format/index.js") + "exports.prefix = '#';\n"])
        #expect(try repo.affected(from: broken).ids == ["test/beta.test.js", "test/gamma.test.js", "test/index.test.js"])
    }

    /// Every non-test file, broken three ways (a top-level throw, a syntax error, deletion): whatever
    /// `node --test` then fails must have been selected.
    @Test func safetyEveryFailingTestIsSelected() throws {
        let repo = try repo()
        let box = repo.box
        let sources = Self.files.keys.filter { !Self.allTests.contains($0) && $0 != ".gate.yml" }.sorted()
        let isScript: @Sendable (String) -> Bool = { $0.hasSuffix(".js") || $0.hasSuffix(".mjs") }
        let check = SafetyCheck(
            repo: repo, allTests: Self.allTests, files: sources,
            mutations: [
                .breaking("throw", isCode: isScript) { _, text in text + "\nthrow new Error('mutated by the safety test');\n" },
                SafetyMutation(name: "syntax error") { path, text in isScript(path) ? .rewrite(text + "\nconst broken = `\n") : .skip },
                .delete,
            ],
            failingTests: { try Self.failingTests(box) })
        let outcome = try check.run()
        #expect(outcome.missed.isEmpty)
        #expect(outcome.mutationsThatBrokeTests >= 15, "the mutations broke too few tests to prove anything")
        #expect(outcome.selected < outcome.possible)
    }

    /// Runs each test file with `node --test`; a file fails when node exits non-zero.
    static func failingTests(_ box: GitSandbox) throws -> Set<String> {
        var failing = Set<String>()
        for test in allTests.sorted() where try box.sh("node --test '\(test)'", in: "work", expect: nil).status != 0 {
            failing.insert(test)
        }
        return failing
    }
}
