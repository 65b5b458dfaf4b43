import Testing

@testable import GateCore

@Suite struct PythonImportScannerTests {
    private func imports(_ source: String) -> [ImportStatement] {
        let scan = PythonImportScanner.scan(Array(source.utf8))
        #expect(!scan.unparseable)
        return scan.imports
    }

    @Test func plainAndAliasedImports() {
        #expect(imports("import a.b as c, d\nimport os\n") == [
            ImportStatement(module: "a.b"), ImportStatement(module: "d"), ImportStatement(module: "os"),
        ])
    }

    @Test func fromImportsAcrossLinesAndContinuations() {
        let source = """
            from a.b import (x,
                y as z,
            )
            from c import d, \\
                e
            """
        #expect(imports(source) == [
            ImportStatement(module: "a.b", names: ["x", "y"]), ImportStatement(module: "c", names: ["d", "e"]),
        ])
    }

    @Test func relativeImportsKeepTheirLevel() {
        let source = "from . import x\nfrom ..pkg import y\nfrom ... import *\n"
        #expect(imports(source) == [
            ImportStatement(module: "", level: 1, names: ["x"]),
            ImportStatement(module: "pkg", level: 2, names: ["y"]),
            ImportStatement(module: "", level: 3, names: []),
        ])
    }

    @Test func importsInsideFunctionsAndTryBlocksCount() {
        let source = """
            def load():
                try:
                    import fast_json as json
                except ImportError: import json
                if True: from x import y
            """
        #expect(imports(source).map(\.module) == ["fast_json", "json", "x"])
    }

    @Test func stringsCommentsAndDocstringsAreNotImports() {
        let source = #"""
            """Module doc.
            import fake_in_docstring
            """
            # import fake_in_comment
            text = 'import fake_single'
            raw = r"from fake import raw\" still string"
            f = f"{value!r} import {'nested' + "from x import y"} {{literal}}"
            b = b'''
            from fake import bytes
            '''
            raise ValueError("x") from None
            yield_from = 1
            import real
            """#
        #expect(imports(source) == [ImportStatement(module: "real")])
    }

    @Test func unterminatedStringIsUnparseable() {
        #expect(PythonImportScanner.scan(Array("import a\nx = 'oops\nimport b\n".utf8)).unparseable)
        #expect(PythonImportScanner.scan(Array("x = \"\"\"never closed\nimport b\n".utf8)).unparseable)
    }

    @Test func unbalancedBracketsAndBinaryAreUnparseable() {
        #expect(PythonImportScanner.scan(Array("print((1)\n".utf8)).unparseable)
        #expect(PythonImportScanner.scan(Array("x = 1)\n".utf8)).unparseable)
        #expect(PythonImportScanner.scan([0x69, 0x00, 0x01]).unparseable)
    }

    /// Code that reads annotations or defaults keeps every signature change of the project significant.
    @Test func signatureReadersAreCode() {
        let reads = { (source: String) in PythonImportScanner.scan(Array(source.utf8)).readsSignatures }
        #expect(reads("import typing\nhints = typing.get_type_hints(f)\n"))
        #expect(reads("print(f.__defaults__)\n"))
        #expect(reads("for p in params:\n    print(p.annotation)\n"))
        #expect(reads("import inspect\nd = inspect.signature(f).parameters['x'].default\n"))
        // Parameter names only, a word in a comment or string, a `.default` with no signature in sight: no.
        #expect(!reads("import inspect\nnames = list(inspect.signature(f).parameters)\n"))
        #expect(!reads("# get_type_hints(f)\ns = '__annotations__'\n"))
        #expect(!reads("assert field.default == 1\n"))
    }
}
