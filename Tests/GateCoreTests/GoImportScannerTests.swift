import Testing

@testable import GateCore

@Suite struct GoImportScannerTests {
    @Test func groupedImportsWithAliasesDotAndUnderscore() {
        let source = """
            // Package a does things.
            package a

            import (
            \tstdio "fmt"
            \t. "example.com/m/pkg/dot"
            \t_ "example.com/m/pkg/side"
            \t"example.com/m/pkg/b" // comment "example.com/fake"
            \t/* "example.com/fake2" */
            )

            import "os"

            var s = "import \\"example.com/not\\""
            """
        let scan = GoImportScanner.scan(Array(source.utf8))
        #expect(!scan.unparseable)
        #expect(scan.packageName == "a")
        #expect(scan.imports.map(\.module) == [
            "fmt", "example.com/m/pkg/dot", "example.com/m/pkg/side", "example.com/m/pkg/b", "os",
        ])
    }

    @Test func buildConstrainedFileStillCounts() {
        let source = "//go:build linux && !cgo\n// +build linux\n\npackage a_test\n\nimport `example.com/m/raw`\n"
        let scan = GoImportScanner.scan(Array(source.utf8))
        #expect(scan.packageName == "a_test")
        #expect(scan.imports.map(\.module) == ["example.com/m/raw"])
    }

    @Test func missingPackageClauseOrBrokenImportIsUnparseable() {
        #expect(GoImportScanner.scan(Array("import \"fmt\"\n".utf8)).unparseable)
        #expect(GoImportScanner.scan(Array("package a\nimport (\n\"fmt\n)\n".utf8)).unparseable)
        #expect(GoImportScanner.scan(Array("package a\n/* unterminated".utf8)).unparseable)
    }
}
