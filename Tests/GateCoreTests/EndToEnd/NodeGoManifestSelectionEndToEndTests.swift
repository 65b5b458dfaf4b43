import Foundation
import Testing
@testable import GateCore

/// package.json / package-lock.json and go.mod / go.sum through the real `gate affected`: metadata selects nothing and
/// says so, a dependency bump selects only the tests whose import closure reaches the package or module (followed
/// through the lockfile's graph, or the module cache's go.mod files), and the runner's configuration, the language
/// version and an unreadable file run everything.
@Suite("npm and Go manifests end to end")
struct NodeGoManifestSelectionEndToEndTests {
    static let packageJSON = """
        {
          "name": "shop",
          "version": "1.0.0",
          "description": "A shop",
          "scripts": {"test": "node --test", "lint": "eslint ."},
          "dependencies": {"lodash": "^4.17.20", "left-pad": "^1.3.0"}
        }

        """
    static let packageLock = """
        {
          "name": "shop",
          "version": "1.0.0",
          "lockfileVersion": 3,
          "requires": true,
          "packages": {
            "": {"name": "shop", "version": "1.0.0", "dependencies": {"lodash": "^4.17.20", "left-pad": "^1.3.0"}},
            "node_modules/lodash": {"version": "4.17.20", "resolved": "https://registry.npmjs.org/lodash/-/lodash-4.17.20.tgz"},
            "node_modules/left-pad": {"version": "1.3.0", "dependencies": {"repeat-string": "^1.0.0"}},
            "node_modules/repeat-string": {"version": "1.6.1"},
            "node_modules/jest": {"version": "29.7.0", "dev": true}
          }
        }

        """
    static let nodeFiles: [String: String] = [
        "package.json": packageJSON,
        "package-lock.json": packageLock,
        ".gate.yml": "version: 1\nsuites:\n  - name: js\n    runner: node\n",
        "src/sum.js": "const _ = require('lodash');\nmodule.exports = (xs) => _.sum(xs);\n",
        "src/pad.mjs": "import pad from 'left-pad';\nexport default (s) => pad(s, 4);\n",
        "test/sum.test.js": "const sum = require('../src/sum.js');\nrequire('node:assert').equal(sum([1, 2]), 3);\n",
        "test/pad.test.mjs": "import pad from '../src/pad.mjs';\nimport assert from 'node:assert';\nassert.equal(pad('a'), '   a');\n",
        "test/plain.test.js": "require('node:assert').ok(true);\n",
    ]

    func ids(_ report: AffectedReport) -> [String] { report.tests.map(\.id) }

    @Test func npmMetadataSelectsNothingAndALockedBumpSelectsItsImporters() throws {
        let repo = try SelectionRepo(Self.nodeFiles, name: "gate-npm")
        try repo.commit("release", write: ["package.json": Self.packageJSON.replacingOccurrences(of: "1.0.0", with: "1.1.0")
            .replacingOccurrences(of: "eslint .", with: "eslint src"),
            "package-lock.json": Self.packageLock.replacingOccurrences(of: "\"1.0.0\"", with: "\"1.1.0\"")])
        let release = try repo.affectedByLastCommit()
        #expect(release.mode == .none, "\(release.reason)")
        #expect(release.reason.contains("package.json: only scripts.lint, version changed"), "\(release.reason)")

        try repo.commit("lodash", write: ["package.json": Self.packageJSON.replacingOccurrences(of: "^4.17.20", with: "^4.17.21"),
            "package-lock.json": Self.packageLock.replacingOccurrences(of: "4.17.20", with: "4.17.21")])
        let lodash = try repo.affectedByLastCommit()
        #expect(lodash.mode == .selected, "\(lodash.reason)")
        #expect(ids(lodash) == ["test/sum.test.js"])

        // repeat-string is imported by no file, but left-pad requires it.
        try repo.commit("repeat-string", write: ["package-lock.json": try repo.text("package-lock.json").replacingOccurrences(of: "1.6.1", with: "1.6.2")])
        #expect(ids(try repo.affectedByLastCommit()) == ["test/pad.test.mjs"])
    }

    @Test func npmRunnerScriptsRunnersAndUnreadableFilesRunEverything() throws {
        let repo = try SelectionRepo(Self.nodeFiles, name: "gate-npm")
        try repo.commit("test script", write: ["package.json": Self.packageJSON.replacingOccurrences(of: "node --test", with: "node --test --test-only")])
        let script = try repo.affectedByLastCommit()
        #expect(script.mode == .all)
        #expect(script.reason.contains("package.json changed: scripts.test changed"), "\(script.reason)")
        try repo.commit("jest", write: ["package-lock.json": Self.packageLock.replacingOccurrences(of: "29.7.0", with: "29.7.1")])
        #expect(try repo.affectedByLastCommit().reason.contains("jest changed (29.7.0 → 29.7.1)"))
        try repo.commit("broken", write: ["package.json": "{\"name\": \"shop\",\n"])
        let broken = try repo.affectedByLastCommit()
        #expect(broken.mode == .all)
        #expect(broken.reason.contains("package.json changed: gate could not read it"), "\(broken.reason)")
    }

    static let goMod = "module example.com/shop\n\ngo 1.21\n\nrequire (\n\tgithub.com/google/go-cmp v0.5.9\n\texample.org/wrap v1.0.0\n)\n\nrequire example.org/deep v1.2.0 // indirect\n"
    static let goFiles: [String: String] = [
        "go.mod": goMod,
        "go.sum": "github.com/google/go-cmp v0.5.9 h1:aaa=\ngithub.com/google/go-cmp v0.5.9/go.mod h1:bbb=\n",
        ".gate.yml": "version: 1\nsuites:\n  - name: go\n    runner: go\n",
        "diff/diff.go": "package diff\n\nimport \"github.com/google/go-cmp/cmp\"\n\nfunc Same(a, b any) bool { return cmp.Equal(a, b) }\n",
        "diff/diff_test.go": "package diff\n\nimport \"testing\"\n\nfunc TestSame(t *testing.T) {}\n",
        "wrapped/w.go": "package wrapped\n\nimport \"example.org/wrap/inner\"\n\nvar X = inner.X\n",
        "wrapped/w_test.go": "package wrapped\n\nimport \"testing\"\n\nfunc TestW(t *testing.T) {}\n",
        "plain/p.go": "package plain\n\nimport \"fmt\"\n\nvar F = fmt.Sprint\n",
        "plain/p_test.go": "package plain\n\nimport \"testing\"\n\nfunc TestP(t *testing.T) {}\n",
    ]

    /// A module cache holding the go.mod files of the required modules: wrap requires deep.
    func goRepo() throws -> (SelectionRepo, [String: String]) {
        let repo = try SelectionRepo(Self.goFiles, name: "gate-gomod")
        let mods: [(String, String)] = [
            ("github.com/google/go-cmp/@v/v0.5.9.mod", "module github.com/google/go-cmp\n\ngo 1.13\n"),
            ("github.com/google/go-cmp/@v/v0.6.0.mod", "module github.com/google/go-cmp\n\ngo 1.13\n"),
            ("example.org/wrap/@v/v1.0.0.mod", "module example.org/wrap\n\ngo 1.21\n\nrequire example.org/deep v1.2.0\n"),
            ("example.org/deep/@v/v1.2.0.mod", "module example.org/deep\n"),
            ("example.org/deep/@v/v1.3.0.mod", "module example.org/deep\n"),
        ]
        for (path, text) in mods { try repo.box.write("modcache/cache/download/" + path, text) }
        return (repo, ["GOMODCACHE": repo.box.path("modcache")])
    }

    func affected(_ repo: SelectionRepo, _ env: [String: String]) throws -> (mode: String, output: String) {
        let output = try repo.box.gate("affected --from HEAD~1 --explain", in: "work", env: env).output
        let mode = output.split(separator: "\n").dropFirst().first.map { String($0.prefix { $0 != ":" }) } ?? ""
        return (mode, output)
    }

    @Test func goModBumpsSelectTheImportingPackagesAndGoSumAdditionsNothing() throws {
        let (repo, env) = try goRepo()
        try repo.commit("cmp", write: ["go.mod": Self.goMod.replacingOccurrences(of: "v0.5.9", with: "v0.6.0"),
            "go.sum": "github.com/google/go-cmp v0.6.0 h1:ccc=\ngithub.com/google/go-cmp v0.6.0/go.mod h1:ddd=\n"])
        let cmp = try affected(repo, env)
        #expect(cmp.mode == "selected", "\(cmp.output)")
        #expect(cmp.output.contains("[go] ./diff: diff ← diff/diff.go ← dependency github.com/google/go-cmp (v0.5.9 → v0.6.0"), "\(cmp.output)")
        #expect(!cmp.output.contains("./wrapped") && !cmp.output.contains("./plain"), "\(cmp.output)")

        // deep is imported by no file, but wrap requires it (the module cache's go.mod says so).
        try repo.commit("deep", write: ["go.mod": try repo.text("go.mod").replacingOccurrences(of: "v1.2.0", with: "v1.3.0")])
        let deep = try affected(repo, env)
        #expect(deep.mode == "selected", "\(deep.output)")
        #expect(deep.output.contains("./wrapped") && !deep.output.contains("./diff"), "\(deep.output)")

        try repo.commit("sum", write: ["go.sum": try repo.text("go.sum") + "example.org/deep v1.3.0/go.mod h1:eee=\n"])
        let sum = try affected(repo, env)
        #expect(sum.mode == "none", "\(sum.output)")
        #expect(sum.output.contains("go.sum: only checksum lines added changed"), "\(sum.output)")
    }

    @Test func goVersionMissingModulesAndRemovedChecksumsRunEverything() throws {
        let (repo, env) = try goRepo()
        try repo.commit("go", write: ["go.mod": Self.goMod.replacingOccurrences(of: "go 1.21", with: "go 1.22")])
        #expect(try affected(repo, env).output.contains("go.mod changed: the go directive changed"))
        try repo.commit("unknown", write: ["go.mod": try repo.text("go.mod").replacingOccurrences(of: "v1.0.0", with: "v1.1.0")])
        let missing = try affected(repo, env)
        #expect(missing.mode == "all")
        #expect(missing.output.contains("the module cache holds no go.mod for example.org/wrap@v1.1.0"), "\(missing.output)")
        try repo.commit("sum", write: ["go.sum": "github.com/google/go-cmp v0.5.9 h1:aaa=\n"])
        #expect(try affected(repo, env).output.contains("go.sum changed: a checksum line was removed"))
    }
}
