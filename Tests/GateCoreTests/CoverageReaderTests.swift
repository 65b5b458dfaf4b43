import Foundation
import Testing
@testable import GateCore

/// The per-language coverage readers and the code-line filter, on the formats the real tools write (copied from
/// node 20's lcov reporter, go 1.19's cover profile).
@Suite struct CoverageReaderTests {
    @Test func lcovPathsBecomeRepoRelativeAndCountsDecideCoverage() throws {
        let text = "TN:\nSF:/ck/lib.js\nFN:2,add\nDA:1,1\nDA:2,0\nLH:1\nLF:2\nend_of_record\nSF:sub/x.js\nDA:3,4\nend_of_record\nSF:/elsewhere/dep.js\nDA:1,1\nend_of_record\n"
        let coverage = try LcovReader(paths: MeasuredPath(root: "/ck", workingDirectory: "web")).read(text, name: "t")
        #expect(coverage.files["lib.js"]?.executable == [1, 2])
        #expect(coverage.files["lib.js"]?.covered == [1])
        #expect(coverage.files["web/sub/x.js"]?.covered == [3])
        #expect(coverage.files.count == 2)
        #expect(throws: CoverageFormatError.self) { try LcovReader(paths: MeasuredPath(root: "/ck", workingDirectory: nil)).read("DA:1,1\n", name: "t") }
    }

    @Test func goProfileBlocksSpanLinesAndMapTheModulePath() throws {
        let text = "mode: set\nexample.com/m/p/p.go:4.24,8.2 1 1\nexample.com/m/p/p.go:10.24,11.11 1 0\nexample.com/m/p/p.go:11.11,13.3 1 0\nother.org/dep/d.go:1.1,2.2 1 1\n"
        let coverage = try GoCoverProfileReader(paths: MeasuredPath(root: "/ck", workingDirectory: "go"), modulePath: "example.com/m").read(text, name: "t")
        #expect(coverage.files["go/p/p.go"]?.executable == Set([4, 5, 6, 7, 8, 10, 11, 12, 13]))
        #expect(coverage.files["go/p/p.go"]?.covered == Set([4, 5, 6, 7, 8]))
        #expect(coverage.files.count == 1)
    }

    @Test func commentBlankAndBracketLinesAreNotCode() {
        let source = "package p\n\n// Add adds.\nfunc Add(a, b int) int {\n\t// inside\n\n\treturn a + b\n}\n/* one\n   two */\nx := 1 /* tail */\n})\n} else {\ny := a / b\n"
        #expect(CodeLines.nonCode(in: source) == Set([2, 3, 5, 6, 8, 9, 10, 12, 15]))
    }
}
