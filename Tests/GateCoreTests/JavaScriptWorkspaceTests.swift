import Foundation
import Testing
@testable import GateCore

/// package.json reading: which runner detection picks, workspaces (npm/yarn and pnpm), and imports of workspace
/// packages through `main`, `exports` and `imports`.
@Suite struct JavaScriptWorkspaceTests {
    private func detect(_ files: [String: String]) -> [SuiteDefinition] {
        SuiteDetector.detect(paths: files.keys.sorted()) { files[$0].map { Array($0.utf8) } }
    }

    @Test(arguments: [
        ("{\"scripts\": {\"test\": \"jest --coverage\"}}", [String: String](), RunnerKind.jest),
        ("{\"scripts\": {\"test\": \"mocha --check-leaks test/\"}, \"devDependencies\": {\"vitest\": \"3\"}}", [:], .mocha),
        ("{\"devDependencies\": {\"ts-jest\": \"29\"}}", [:], .jest),
        ("{\"devDependencies\": {\"mocha\": \"10\"}}", [:], .mocha),
        ("{\"name\": \"x\"}", ["jest.config.ts": "export default {}"], .jest),
        ("{\"name\": \"x\"}", [".mocharc.yml": "spec: test"], .mocha),
        ("{\"name\": \"x\", \"jest\": {}}", [:], .jest),
        ("{\"scripts\": {\"test\": \"node --test\"}}", [:], .node),
        ("{\"name\": \"x\"}", [:], .node),
    ])
    func runnerComesFromPackageJSONAndConfigFiles(package: String, extra: [String: String], expected: RunnerKind) {
        let suites = detect(["package.json": package, "src/a.test.ts": "", "src/a.ts": ""].merging(extra) { a, _ in a })
        #expect(suites.map(\.runner) == [expected])
    }

    @Test func vitestGetsNoSuiteAndIsNamedAsUnsupported() {
        let files = ["package.json": "{\"devDependencies\": {\"vitest\": \"3\"}}", "src/a.test.ts": ""]
        #expect(detect(files).isEmpty)
        let notes = SuiteDetector.unsupported(paths: files.keys.sorted()) { files[$0].map { Array($0.utf8) } }
        #expect(notes.count == 1)
        #expect(notes.first?.contains("vitest (package.json devDependencies) is not supported yet") == true)
        #expect(notes.first?.contains("runner: command") == true)
    }

    @Test func eachWorkspacePackageWithTestsGetsASuiteInItsDirectory() throws {
        let files = [
            "package.json": "{\"private\": true, \"workspaces\": {\"packages\": [\"packages/*\", \"!packages/legacy\"]}, \"devDependencies\": {\"mocha\": \"10\"}}",
            "packages/a/package.json": "{\"name\": \"a\", \"scripts\": {\"test\": \"jest\"}}",
            "packages/a/__tests__/x.ts": "",
            "packages/b/package.json": "{\"name\": \"b\"}",
            "packages/b/test/b.test.js": "",
            "packages/c/package.json": "{\"name\": \"c\"}",
            "packages/c/index.js": "",
            "packages/legacy/package.json": "{\"name\": \"legacy\"}",
            "packages/legacy/test/l.test.js": "",
        ]
        let suites = detect(files)
        #expect(suites.map { "\($0.name) \($0.runner) \($0.workingDirectory ?? "-")" } == [
            "mocha mocha -", "packages/a jest packages/a", "packages/b mocha packages/b"])
        #expect(SuiteDetector.configText(for: suites).contains("    working_directory: packages/a\n"))
        // What `gate init` writes reads back as the same suites.
        let parsed = try ConfigParser(fileName: ".gate.yml").parse(SuiteDetector.configText(for: suites))
        #expect(parsed.suites.map { "\($0.name) \($0.runner) \($0.workingDirectory ?? "-")" } == [
            "mocha mocha -", "packages/a jest packages/a", "packages/b mocha packages/b"])
    }

    @Test func pnpmWorkspaceListsPackages() {
        let yaml = "packages:\n  - 'apps/*'\n  - \"libs/**\"\n# comment\ncatalog:\n  - x\n"
        #expect(PackageJSON.pnpmWorkspaces(Array(yaml.utf8)) == ["apps/*", "libs/**"])
        let files = ["package.json": "{\"devDependencies\": {\"jest\": \"29\"}}", "pnpm-workspace.yaml": yaml,
                     "apps/web/package.json": "{\"name\": \"web\"}", "apps/web/src/w.spec.tsx": ""]
        #expect(detect(files).map(\.workingDirectory) == ["apps/web"])
    }

    private func resolver(_ files: [String: String]) -> JavaScriptModuleResolver {
        let paths = Set(files.keys)
        let workspace = JavaScriptWorkspace(paths: files.keys.sorted()) { files[$0].map { Array($0.utf8) } }
        return JavaScriptModuleResolver(paths: paths, configs: [], workspace: workspace)
    }

    @Test func workspaceImportsResolveThroughExportsMainAndImports() {
        let files = [
            "package.json": "{\"workspaces\": [\"packages/*\"]}",
            "packages/core/package.json": "{\"name\": \"@acme/core\", \"main\": \"dist/index.js\", \"types\": \"dist/index.d.ts\", \"exports\": {\".\": {\"types\": \"./dist/index.d.ts\", \"import\": \"./dist/index.mjs\", \"require\": \"./dist/index.js\"}, \"./utils/*\": \"./dist/utils/*.js\"}, \"imports\": {\"#internal/*\": \"./src/internal/*.ts\"}}",
            "packages/core/src/index.ts": "",
            "packages/core/src/utils/math.ts": "",
            "packages/core/src/internal/db.ts": "",
            "packages/core/src/user.ts": "",
            "packages/web/package.json": "{\"name\": \"web\"}",
            "packages/web/app.ts": "",
            "packages/built/package.json": "{\"name\": \"built\", \"main\": \"out/bundle.js\"}",
            "packages/built/lib/one.js": "",
            "packages/built/lib/two.test.js": "",
        ]
        let resolve = resolver(files)
        func edges(_ specifier: String, from importer: String = "packages/web/app.ts") -> [String] {
            resolve.resolve([ImportStatement(module: specifier)], importer: importer).edges
        }
        #expect(edges("@acme/core") == ["packages/core/src/index.ts"])
        #expect(edges("@acme/core/utils/math") == ["packages/core/src/utils/math.ts"])
        #expect(edges("#internal/db", from: "packages/core/src/user.ts") == ["packages/core/src/internal/db.ts"])
        // Built output that is not tracked: the import depends on every script of the package (never nothing).
        #expect(edges("built") == ["packages/built/lib/one.js"])
        #expect(edges("lodash").isEmpty)
    }
}

/// The fix loop's edit policy knows the JS/TS test conventions mocha and Jest use, in a workspace too.
@Suite struct JavaScriptEditPolicyTests {
    @Test func testsRunnerConfigAndWorkspaceManifestsAreProtectedSourceIsNot() throws {
        let policy = try EditPolicy.indexing([
            "package.json": "{\"workspaces\": [\"packages/*\"]}\n",
            "pnpm-workspace.yaml": "packages:\n  - packages/*\n",
            "packages/a/package.json": "{\"name\": \"a\"}\n",
            "packages/a/src/area.ts": "export const area = 1;\n",
            "packages/a/src/area.spec.ts": "import { area } from './area';\n",
            "packages/a/__tests__/area.ts": "import { area } from '../src/area';\n",
            "packages/a/test/helpers.js": "exports.h = 1;\n",
            "packages/a/.mocharc.yml": "spec: test\n",
            "packages/a/jest.config.ts": "export default {};\n",
            "packages/a/babel.config.js": "module.exports = {};\n",
        ])
        #expect(policy.refusal(for: "packages/a/src/area.ts") == nil)
        for path in ["packages/a/src/area.spec.ts", "packages/a/__tests__/area.ts", "packages/a/test/helpers.js",
                     "packages/a/.mocharc.yml", "packages/a/jest.config.ts", "packages/a/babel.config.js",
                     "packages/a/package.json", "pnpm-workspace.yaml", "packages/a/src/new.test.tsx"] {
            #expect(policy.refusal(for: path) != nil, "\(path) must be protected")
        }
    }
}
