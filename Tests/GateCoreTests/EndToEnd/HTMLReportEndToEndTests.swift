import Foundation
import Testing
@testable import GateCore

/// `gate report RUN --html` on the report of a real blocked push with a fix attempt, rendered by a real browser
/// (Debian's chromium, headless): its DOM holds the verdict, the failing test, the attempt's diff and the chart, and
/// it renders to a PNG. `GATE_REPORT_PNG=path` keeps the screenshot (the README's picture is made that way).
@Suite("HTML report end to end", .enabled(if: GitSandbox.hasTool("python3 -m pytest --version") && GitSandbox.hasTool("chromium --version")))
struct HTMLReportEndToEndTests {
    @Test func blockedRunRendersInAHeadlessBrowser() throws {
        let box = try GitSandbox()
        let config = "version: 1\nsuites:\n  - name: unit\n    runner: pytest\n    env:\n      PYTHONPATH: .\nfix:\n  provider: openai\n  model: gpt-test\n  timeout: 5\n  max_attempts: 1\n"
        try box.makeProject(["calc.py": MachineReadableReportEndToEndTests.calc, "tests/test_calc.py": MachineReadableReportEndToEndTests.tests, ".gate.yml": config])
        try box.gate("install", in: "work")
        try box.write("work/calc.py", MachineReadableReportEndToEndTests.calc.replacingOccurrences(of: "a + b", with: "a - b"))
        try box.sh("git commit -qam 'break add'", in: "work")
        let wrongFix = FixLoopEndToEndTests.searchReplace("calc.py", "    return a - b", "    return a * b")
        let server = try LoopbackHTTPServer([FixLoopEndToEndTests.reply(wrongFix)])
        defer { server.stop() }
        let env = ["OPENAI_API_KEY": FixLoopEndToEndTests.key, "OPENAI_BASE_URL": server.baseURL.absoluteString + "/v1", "FLAKY_MARKER": box.path("flaky-marker")]
        try box.sh("git push origin main", in: "work", env: env, expect: 1)

        let printed = try box.gate("report latest --html --output ../page/report.html", in: "work").output
        let page = box.path("page/report.html")
        #expect(printed.trimmingCharacters(in: .whitespacesAndNewlines) == page)
        let html = try #require(box.read("page/report.html"))
        #expect(html.range(of: #"(src|href)\s*=\s*["']?(https?:)?//"#, options: .regularExpression) == nil)
        #expect(!html.contains("<script"))
        #expect(!html.contains(FixLoopEndToEndTests.key))

        let chrome = "chromium --headless --no-sandbox --disable-gpu --user-data-dir='\(box.path("chrome"))'"
        let dom = try box.sh("\(chrome) --dump-dom 'file://\(page)' 2>/dev/null", timeout: 120).output
        #expect(dom.contains("<span class=\"verdict verdict-blocked\">blocked</span>"))
        #expect(dom.contains("tests/test_calc.py::test_add"))
        #expect(dom.contains("tests/test_calc.py::test_boom") && dom.contains("RuntimeError: boom"))
        // Test output reaches the page as text: no escape sequence or control character survives.
        #expect(!dom.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" && $0 != "\r" })
        #expect(dom.contains("RuntimeError: boom  &lt;&amp;&gt;  end"))
        #expect(dom.contains("tests/test_calc.py::test_flaky"))
        #expect(dom.contains("fix attempt 1: still_failing") || dom.contains("fix attempt 1: regressed"))
        #expect(dom.contains("<span class=\"del\">-    return a - b</span>") && dom.contains("<span class=\"add\">+    return a * b</span>"))
        #expect(dom.contains("suite unit (pytest)") && dom.contains("verdict: blocked"))
        #expect(dom.matches(of: /<rect x="300"/).count == 5)

        let shot = box.path("page/report.png")
        try box.sh("\(chrome) --hide-scrollbars --window-size=1100,2250 --screenshot='\(shot)' 'file://\(page)' 2>/dev/null", timeout: 120)
        let png = try #require(FileManager.default.contents(atPath: shot))
        #expect(png.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        #expect(png.count > 20_000)
        if let keep = ProcessInfo.processInfo.environment["GATE_REPORT_PNG"], !keep.isEmpty {
            try? FileManager.default.removeItem(atPath: keep)
            try FileManager.default.copyItem(atPath: shot, toPath: keep)
        }
        // An unknown run is a misuse that names the runs there are.
        let missing = try box.gate("report 20000101T000000Z-0000 --html", in: "work", expect: 2).output
        #expect(missing.contains("no report for run") && missing.contains("known runs:"))
    }
}
