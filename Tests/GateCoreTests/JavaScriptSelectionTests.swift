import Testing

@testable import GateCore

@Suite struct JavaScriptSelectionTests {
    static let tree: [String: String] = [
        "package.json": "{}\n",
        "tsconfig.json": """
            {
              // aliases
              "compilerOptions": { "baseUrl": ".", "paths": { "@app/*": ["src/*"], }, },
            }
            """,
        "src/util.ts": "export const x = 1\n",
        "src/api.ts": "import { x } from './util.js'\nexport const api = x\n",
        "src/components/index.tsx": "export * from '../api'\n",
        "src/components/widget.spec.tsx": "import { api } from '.'\n",
        "src/leaf.js": "module.exports = 1\n",
        "src/data.json": "{}\n",
        "src/config.ts": "import data from './data.json'\nexport default data\n",
        "test/api.test.ts": "import { api } from '@app/api'\nimport lodash from 'lodash'\n",
        "__tests__/leaf.test.js": "const leaf = require('../src/leaf')\n",
        "__tests__/config.test.ts": "test('x', async () => { await import('../src/config') })\n",
    ]
    static let suites = [SuiteScope(name: "node", runner: .node)]

    private func select(_ changed: [String], tree: [String: String] = tree) throws -> Selection {
        TestSelector.select(
            changed: changed, index: try InMemoryRepository(tree).index(), suites: Self.suites, rules: SelectionRules())
    }

    @Test func resolvesAliasesExtensionsAndIndexFiles() throws {
        let index = try InMemoryRepository(Self.tree).index()
        #expect(index.files["test/api.test.ts"]?.edges == ["src/api.ts"])
        #expect(index.files["src/api.ts"]?.edges == ["src/util.ts"])
        #expect(index.files["src/components/widget.spec.tsx"]?.edges == ["src/components/index.tsx"])
        #expect(index.files["src/components/index.tsx"]?.isTest == false)
        #expect(index.files["__tests__/leaf.test.js"]?.isTest == true)
    }

    @Test func leafChangeSelectsOnlyItsTest() throws {
        let selection = try select(["src/leaf.js"])
        #expect(selection.tests == [
            SelectedTest(suite: "node", runner: .node, id: "__tests__/leaf.test.js", because: ["src/leaf.js", "__tests__/leaf.test.js"]),
        ])
    }

    @Test func sharedModuleSelectsAllDependents() throws {
        let selection = try select(["src/util.ts"])
        #expect(selection.ids == ["src/components/widget.spec.tsx", "test/api.test.ts"])
        #expect(selection.test("src/components/widget.spec.tsx")?.because == [
            "src/util.ts", "src/api.ts", "src/components/index.tsx", "src/components/widget.spec.tsx",
        ])
    }

    @Test func importedDataFileFollowsItsImporters() throws {
        #expect(try select(["src/data.json"]).ids == ["__tests__/config.test.ts"])
    }

    @Test func configSelectsAllAndDocsNone() throws {
        #expect(try select(["tsconfig.json"]).mode == .all)
        #expect(try select(["package-lock.json"]).mode == .all)
        #expect(try select(["CHANGELOG.md"]).mode == .none)
    }

    @Test func deletedAndRenamedModulesSelectImporters() throws {
        var deleted = Self.tree
        deleted["src/leaf.js"] = nil
        #expect(try select(["src/leaf.js"], tree: deleted).ids == ["__tests__/leaf.test.js"])

        var renamed = Self.tree
        renamed["src/util.ts"] = nil
        renamed["src/helpers.ts"] = "export const x = 1\n"
        #expect(try select(["src/util.ts", "src/helpers.ts"], tree: renamed).ids == [
            "src/components/widget.spec.tsx", "test/api.test.ts",
        ])
    }

    @Test func unparseableModuleStillReachesItsImporters() throws {
        var tree = Self.tree
        tree["src/leaf.js"] = "module.exports = `never closed\n"
        let selection = try select(["src/leaf.js"], tree: tree)
        #expect(selection.ids == ["__tests__/leaf.test.js"])
    }
}
