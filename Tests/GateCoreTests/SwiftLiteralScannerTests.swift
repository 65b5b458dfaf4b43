import Testing

@testable import GateCore

@Suite struct SwiftLiteralScannerTests {
    private func names(_ source: String) -> [String] {
        SwiftLiteralScanner.scan(Array(source.utf8)).names
    }

    @Test func keepsNameLikeLiteralsAndLastPathComponents() {
        let source = #"""
            let url = productsDirectory.appendingPathComponent("tool")
            let other = URL(fileURLWithPath: ".build/debug/tool-cli")
            let args = ["--verbose", "a b", "x", "v1.2+build"]
            """#
        #expect(names(source) == ["--verbose", "tool", "tool-cli", "v1.2+build", "x"])
    }

    @Test func skipsCommentsAndReadsInterpolationsRawAndMultiLineLiterals() {
        let source = #####"""
            // "commented"
            /* "block" /* "nested" */ "still" */
            let a = "\(dir)/runner"
            let b = "\(name("inner"))"
            let c = #"raw\(x)"#
            let d = ##"raw \##(path("deep"))/end"##
            let e = """
                multi
                """
            let f = "esc\"aped"
            let g = "unterminated
            let h = "after"
            """#####
        // `\(x)` is text in a raw literal, and "raw \##(…)" has a space: neither is a name.
        #expect(names(source) == ["after", "aped", "deep", "end", "esc", "inner", "runner"])
    }

    @Test func binaryHasNoNames() {
        #expect(SwiftLiteralScanner.scan([0x22, 0x61, 0x22, 0x00]).names.isEmpty)
    }
}
