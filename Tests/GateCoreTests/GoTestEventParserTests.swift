import Testing
@testable import GateCore

@Suite struct GoTestEventParserTests {
    @Test func readsTestsSubtestsBuildFailuresAndCache() {
        let stream = """
        {"Action":"run","Package":"m/a","Test":"TestOK"}
        {"Action":"output","Package":"m/a","Test":"TestOK","Output":"=== RUN   TestOK\\n"}
        {"Action":"pass","Package":"m/a","Test":"TestOK","Elapsed":0}
        {"Action":"run","Package":"m/a","Test":"TestBad"}
        {"Action":"output","Package":"m/a","Test":"TestBad","Output":"    a_test.go:9: want 2, got 1\\n"}
        {"Action":"output","Package":"m/a","Test":"TestBad","Output":"--- FAIL: TestBad (0.00s)\\n"}
        {"Action":"fail","Package":"m/a","Test":"TestBad","Elapsed":0}
        {"Action":"run","Package":"m/a","Test":"TestTable"}
        {"Action":"run","Package":"m/a","Test":"TestTable/one"}
        {"Action":"pass","Package":"m/a","Test":"TestTable/one","Elapsed":0}
        {"Action":"run","Package":"m/a","Test":"TestTable/two"}
        {"Action":"skip","Package":"m/a","Test":"TestTable/two","Elapsed":0}
        {"Action":"pass","Package":"m/a","Test":"TestTable","Elapsed":0}
        {"Action":"fail","Package":"m/a","Elapsed":0.01}
        {"Action":"output","Package":"m/b","Output":"FAIL\\tm/b [build failed]\\n"}
        {"Action":"fail","Package":"m/b","Elapsed":0}
        {"Action":"output","Package":"m/c","Output":"ok  \\tm/c\\t(cached)\\n"}
        {"Action":"pass","Package":"m/c","Elapsed":0}
        {"Action":"skip","Package":"m/d","Elapsed":0}
        """
        let build = "# m/b [m/b.test]\nb/b_test.go:5:2: undefined: missing\n"
        let report = GoTestEventParser.parse(stream, buildOutput: build)
        #expect(report.cases.map(\.name) == ["m/a.TestOK", "m/a.TestBad", "m/a.TestTable/one", "m/a.TestTable/two", "m/b"])
        #expect(report.cases.map(\.status) == [.passed, .failed, .passed, .skipped, .errored])
        #expect(report.cases[1].message == "a_test.go:9: want 2, got 1")
        #expect(report.cases[1].file == "a_test.go")
        #expect(report.cases[4].message == "build failed")
        #expect(report.cases[4].trace?.contains("undefined: missing") == true)
        #expect(report.cachedPackages == ["m/c"])
    }

    @Test func panicsAndUnfinishedTestsAreErrors() {
        let stream = """
        {"Action":"run","Package":"m/p","Test":"TestPanics"}
        {"Action":"output","Package":"m/p","Test":"TestPanics","Output":"panic: runtime error: index out of range\\n"}
        {"Action":"output","Package":"m/p","Test":"TestPanics","Output":"--- FAIL: TestPanics (0.00s)\\n"}
        {"Action":"fail","Package":"m/p","Test":"TestPanics","Elapsed":0}
        {"Action":"run","Package":"m/p","Test":"TestNeverEnds"}
        {"Action":"fail","Package":"m/p","Elapsed":0}
        not json at all
        """
        let report = GoTestEventParser.parse(stream)
        #expect(report.cases.map(\.status) == [.errored, .errored])
        #expect(report.cases[1].message == "test did not finish (the test binary exited)")
    }

    @Test func plainTextBuildFailureOfOldGoIsAnError() {
        let stream = "FAIL\texample.com/m/broken [build failed]\n"
        let build = "# example.com/m/broken [example.com/m/broken.test]\nbroken/x_test.go:6:2: undefined: f\n"
        let report = GoTestEventParser.parse(stream, buildOutput: build)
        #expect(report.cases == [TestCaseResult(
            name: "example.com/m/broken", status: .errored, message: "build failed",
            trace: "broken/x_test.go:6:2: undefined: f\n\nFAIL\texample.com/m/broken [build failed]")])
    }

    @Test func buildOutputEventsOfNewerGoAreAttached() {
        let stream = """
        {"ImportPath":"m/b [m/b.test]","Action":"build-output","Output":"b/b_test.go:5:2: undefined: f\\n"}
        {"Action":"output","Package":"m/b","Output":"FAIL\\tm/b [build failed]\\n"}
        {"Action":"fail","Package":"m/b","Elapsed":0}
        """
        let report = GoTestEventParser.parse(stream)
        #expect(report.cases.count == 1)
        #expect(report.cases[0].trace?.hasPrefix("b/b_test.go:5:2: undefined: f") == true)
    }

    @Test func packageFailureWithoutFailingTestIsAnError() {
        let stream = """
        {"Action":"output","Package":"m/x","Output":"panic in TestMain\\n"}
        {"Action":"output","Package":"m/x","Output":"FAIL\\tm/x\\t0.01s\\n"}
        {"Action":"fail","Package":"m/x","Elapsed":0.01}
        """
        let report = GoTestEventParser.parse(stream)
        #expect(report.cases.count == 1)
        #expect(report.cases[0].status == .errored)
        #expect(report.cases[0].message == "package failed outside of any test")
        #expect(report.cases[0].trace?.contains("panic in TestMain") == true)
    }
}
