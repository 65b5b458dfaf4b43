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
        #expect(names(source) == ["--verbose", "a", "tool", "tool-cli", "v1.2+build", "x"])
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
        // `\(x)` is text in a raw literal; "raw \##(…)" has a space: only its first word is a name.
        #expect(names(source) == ["after", "aped", "deep", "end", "esc", "inner", "raw", "runner"])
    }

    @Test func keepsTheFirstWordOfACommandLine() {
        let source = #"""
            try run(command: "tool 1 2 3")
            try run(command: "  .build/debug/tool-cli --help")
            try run(command: "\(bin)/gen --out x")
            let message = "not a name: tool"
            """#
        // Every command line's first word counts ("not"); a path counts by its last component only.
        #expect(names(source) == ["gen", "not", "tool", "tool-cli"])
    }

    @Test func seesProcessLaunchesInCodeOnly() {
        #expect(SwiftLiteralScanner.scan(Array("let p = Process()\np.executableURL = url\n".utf8)).launchesProcesses)
        #expect(SwiftLiteralScanner.scan(Array("let r = posix_spawnp(&pid, name, nil, nil, argv, envp)\n".utf8)).launchesProcesses)
        #expect(SwiftLiteralScanner.scan(Array("let out = \\(x).system\n".utf8)).launchesProcesses)
        #expect(!SwiftLiteralScanner.scan(Array("// Process() in a comment\nlet s = \"Process\"\nlet processed = 1\n".utf8)).launchesProcesses)
    }

    @Test func binaryHasNoNames() {
        #expect(SwiftLiteralScanner.scan([0x22, 0x61, 0x22, 0x00]).names.isEmpty)
    }
}
