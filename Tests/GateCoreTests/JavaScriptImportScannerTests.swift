import Testing

@testable import GateCore

@Suite struct JavaScriptImportScannerTests {
    private func specifiers(_ source: String) -> [String] {
        let scan = JavaScriptImportScanner.scan(Array(source.utf8))
        #expect(!scan.unparseable)
        return scan.imports.map(\.module)
    }

    @Test func everyImportForm() {
        let source = """
            import x from './a';
            import './side-effect'
            import type { T } from "./types"
            import * as ns from './ns'
            import {
              one,
              two as three,
            } from './multi'
            export * from './reexport'
            export { a, b } from './named'
            export type { U } from './type-only'
            const c = require('./common')
            const lazy = await import('./lazy')
            import fs = require('fs')
            """
        #expect(specifiers(source) == [
            "./a", "./side-effect", "./types", "./ns", "./multi", "./reexport", "./named", "./type-only",
            "./common", "./lazy", "fs",
        ])
    }

    @Test func spreadRequireAndImportAreLoadsButMembersAreNot() {
        let source = """
            module.exports = { ...require('./alpha'), ...require("./gamma") }
            const all = [...await import('./lazy')]
            const m = loader.require('./member'); const n = loader?.require('./optional')
            """
        #expect(specifiers(source) == ["./alpha", "./gamma", "./lazy"])
    }

    @Test func stringsCommentsTemplatesAndRegexAreSkipped() {
        let source = """
            // import a from './comment'
            /* require('./block') */
            const s = "import b from './string'"
            const t = `import c from './template' ${ require('./in-template') } ${ `nested ${'x'}` }`
            const r = /import d from '.\\/regex'/g.test(s)
            const q = a / b / c; const k = x.import
            const o = { from: 'x' }
            export const value = 1
            import real from './real'
            """
        #expect(specifiers(source) == ["./in-template", "./real"])
    }

    @Test func regexAfterKeywordAndClassWithSlash() {
        let source = "function f(s) { return /[/'\"]+/.test(s) }\nimport z from './z'\n"
        #expect(specifiers(source) == ["./z"])
    }

    @Test func jsxTextWithApostropheDoesNotHideImports() {
        let source = "import React from 'react'\nconst A = () => <p>Don't panic</p>\nimport B from './b'\n"
        #expect(specifiers(source) == ["react", "./b"])
    }

    @Test func unterminatedCommentOrTemplateIsUnparseable() {
        #expect(JavaScriptImportScanner.scan(Array("import a from './a'\n/* open".utf8)).unparseable)
        #expect(JavaScriptImportScanner.scan(Array("const t = `open ${x}".utf8)).unparseable)
        #expect(JavaScriptImportScanner.scan(Array("function f() {".utf8)).unparseable)
    }
}
