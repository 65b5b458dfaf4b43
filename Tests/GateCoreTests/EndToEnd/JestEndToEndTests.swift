import Foundation
import Testing
@testable import GateCore

/// Real pushes through the installed hook with the real Jest (Debian's jest 29 on Debian's nodejs 18, from
/// Tests/setup_jest.sh), found as users have it: `node_modules/.bin/jest`. A TypeScript project whose tests Jest
/// compiles with babel-jest and @babel/preset-typescript (both Debian's); imports go through a tsconfig `paths` alias
/// that Jest maps with `moduleNameMapper`.
@Suite("jest end to end", .enabled(if: JavaScriptToolchains.hasJest))
struct JestEndToEndTests {
    static var files: [String: String] {
        [
            ".gate.yml": "version: 1\nsuites:\n  - name: unit\n    runner: jest\n    timeout: 300\n" + JavaScriptToolchains.jestSuiteLines() + "fix:\n  provider: none\n",
            ".gitignore": "node_modules/\n",
            "package.json": "{\"name\": \"shapes\", \"private\": true, \"scripts\": {\"test\": \"jest\"}, \"devDependencies\": {\"jest\": \"^29\", \"@babel/preset-typescript\": \"^7\", \"@babel/preset-env\": \"^7\"}}\n",
            "babel.config.js": "module.exports = { presets: [['@babel/preset-env', { targets: { node: 'current' } }], '@babel/preset-typescript'] };\n",
            "jest.config.js": "module.exports = { moduleNameMapper: { '^@lib/(.*)$': '<rootDir>/src/$1' } };\n",
            "tsconfig.json": "{\"compilerOptions\": {\"baseUrl\": \".\", \"paths\": {\"@lib/*\": [\"src/*\"]}}}\n",
            "src/area.ts": "export interface Shape { w: number; h: number }\nexport const area = (s: Shape): number => s.w * s.h;\n",
            "src/label.ts": "export const label = (name: string): string => name.trim().toUpperCase();\n",
            "src/other.ts": "export const other = 1;\n",
            "__tests__/area.test.ts": "import { area, Shape } from '@lib/area';\n\ndescribe('area', () => {\n  it('multiplies', () => { const s: Shape = { w: 2, h: 3 }; expect(area(s)).toBe(6); });\n});\n",
            "src/label.spec.ts": "import { label } from './label';\n\ntest('label shouts', () => { expect(label(' box ')).toBe('BOX'); });\n",
            "src/other.test.tsx": "import { other } from './other';\n\ntest('other', () => { expect(other).toBe(1); });\n",
        ]
    }

    @Test func typeScriptProjectSelectsThroughAliasesAndBlocksWithIds() throws {
        let repo = try SelectionRepo(Self.files, name: "gate-jest")
        try repo.box.sh("mkdir -p node_modules/.bin && ln -s '\(JavaScriptToolchains.jestBinary)' node_modules/.bin/jest", in: "work")
        try repo.install()
        let doctor = try repo.box.gate("doctor", in: "work", expect: nil)
        #expect(doctor.output.contains("node_modules/.bin/jest (jest 29."), "\(doctor.output)")

        try repo.commit("tweak area", write: ["src/area.ts": try repo.text("src/area.ts") + "export const unit = 'cm';\n"])
        #expect(try repo.affectedByLastCommit().ids == ["__tests__/area.test.ts"])
        let passed = try repo.push()
        #expect(passed.output.contains("unit (jest): 1 passed, 0 failed, 0 errors"), "\(passed.output)")

        let before = try repo.remoteHead()
        try repo.commit("break area, crash label", write: [
            "src/area.ts": "export interface Shape { w: number; h: number }\nexport const area = (s: Shape): number => s.w + s.h;\n",
            "src/label.ts": "export const label = (name: string): string => (null as any).trim();\n",
        ])
        #expect(try repo.affectedByLastCommit().ids == ["__tests__/area.test.ts", "src/label.spec.ts"])
        let blocked = try repo.push(expect: 1)
        #expect(blocked.output.contains("unit (jest): 0 passed, 1 failed, 1 errors"), "\(blocked.output)")
        #expect(blocked.output.contains("__tests__/area.test.ts > area > multiplies"), "\(blocked.output)")
        #expect(blocked.output.contains("src/label.spec.ts > label shouts"), "\(blocked.output)")
        #expect(!blocked.output.contains("other"), "\(blocked.output)")
        #expect(try repo.remoteHead() == before)
    }

    @Test func aTestFileThatDoesNotCompileIsAnErrorNamedByTheFile() throws {
        let repo = try SelectionRepo(Self.files, name: "gate-jest-broken")
        try repo.box.sh("mkdir -p node_modules/.bin && ln -s '\(JavaScriptToolchains.jestBinary)' node_modules/.bin/jest", in: "work")
        try repo.install()
        try repo.commit("broken test", write: ["src/other.test.tsx": "import { other } from './other';\n\ntest('other', () => { expect(other).toBe(1) ;\n"])
        let blocked = try repo.push(expect: 1)
        #expect(blocked.output.contains("unit (jest): 0 passed, 0 failed, 1 errors"), "\(blocked.output)")
        #expect(blocked.output.contains("src/other.test.tsx"), "\(blocked.output)")
    }

    @Test func flakyTestIsReRunByItsFileAndLetsThePushThrough() throws {
        let repo = try SelectionRepo(Self.files, name: "gate-jest-flaky")
        try repo.box.sh("mkdir -p node_modules/.bin && ln -s '\(JavaScriptToolchains.jestBinary)' node_modules/.bin/jest", in: "work")
        try repo.install()
        let marker = repo.box.path("flaky-marker")
        try repo.commit("flaky other test", write: [
            "src/other.test.tsx": "import * as fs from 'fs';\nimport { other } from './other';\n\ndescribe('other', () => {\n  test('sometimes', () => {\n    if (!fs.existsSync('\(marker)')) { fs.writeFileSync('\(marker)', ''); expect(other).toBe(2); }\n  });\n});\n",
        ])
        let pushed = try repo.push()
        #expect(pushed.output.contains("gate: flaky (failed, then passed on re-run): unit: src/other.test.tsx > other > sometimes"), "\(pushed.output)")
        #expect(try repo.remoteHead() == repo.box.rev("HEAD"))
    }
}
