import Foundation
import Testing
@testable import GateCore

@Suite struct JUnitXMLParserTests {
    @Test func keepsFailuresErrorsAndSkipsApart() throws {
        let xml = """
        <?xml version="1.0"?>
        <testsuites>
          <testsuite name="outer">
            <testsuite name="inner">
              <testcase classname="pkg.Mod" name="ok" file="tests/mod.py" line="3"/>
              <testcase classname="pkg.Mod" name="asserts"><failure message="assert 1 == 2" type="AssertionError">trace line 1
        trace line 2</failure></testcase>
              <testcase classname="pkg.Mod" name="breaks"><error message="fixture broke">setup trace</error></testcase>
              <testcase classname="pkg.Mod" name="later"><skipped message="not today"/></testcase>
            </testsuite>
            <testcase classname="" name="bare"><failure><![CDATA[first line of body
        second]]></failure></testcase>
          </testsuite>
        </testsuites>
        """
        let cases = try JUnitXMLParser.parse(Data(xml.utf8))
        #expect(cases.map(\.status) == [.passed, .failed, .errored, .skipped, .failed])
        #expect(cases[0].file == "tests/mod.py")
        #expect(cases[0].line == 3)
        #expect(cases[0].suitePath == ["outer", "inner"])
        #expect(cases[1].message == "assert 1 == 2")
        #expect(cases[1].failureType == "AssertionError")
        #expect(cases[1].trace == "trace line 1\ntrace line 2")
        #expect(cases[2].message == "fixture broke")
        #expect(cases[2].trace == "setup trace")
        #expect(cases[3].message == "not today")
        #expect(cases[4].suitePath == ["outer"])
        #expect(cases[4].message == "first line of body")
        #expect(cases[4].result.name == "bare")
        #expect(cases[1].result == TestCaseResult(
            name: "pkg.Mod.asserts", status: .failed, message: "assert 1 == 2",
            trace: "trace line 1\ntrace line 2", file: nil))
    }

    @Test func errorOutranksFailureInOneCase() throws {
        let xml = """
        <testsuite name="s"><testcase classname="c" name="t">
          <failure message="assert x">body</failure><error message="teardown failed">td</error>
        </testcase></testsuite>
        """
        let cases = try JUnitXMLParser.parse(Data(xml.utf8))
        #expect(cases.count == 1)
        #expect(cases[0].status == .errored)
        #expect(cases[0].message == "assert x\nteardown failed")
    }

    @Test func acceptsCasesDirectlyUnderTestsuites() throws {
        let xml = #"<testsuites><testcase name="top" classname="test"/></testsuites>"#
        #expect(try JUnitXMLParser.parse(Data(xml.utf8)).map(\.name) == ["top"])
    }

    @Test func rejectsMalformedAndForeignDocuments() {
        #expect(throws: JUnitXMLParser.ParseError.self) { try JUnitXMLParser.parse(Data("<testsuites><testcase".utf8)) }
        #expect(throws: JUnitXMLParser.ParseError.self) { try JUnitXMLParser.parse(Data("<html></html>".utf8)) }
        #expect(throws: JUnitXMLParser.ParseError.self) { try JUnitXMLParser.parse(Data()) }
    }
}
