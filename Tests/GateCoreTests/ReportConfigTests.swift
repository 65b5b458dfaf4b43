import Testing
@testable import GateCore

/// `report: {junit: PATH}` of `.gate.yml`, validated like every other key.
@Suite struct ReportConfigTests {
    static let head = "version: 1\nsuites:\n  - name: unit\n    runner: pytest\n"

    @Test func junitPathIsReadAndOffByDefault() throws {
        #expect(try ConfigParser().parse(Self.head).report.junit == nil)
        #expect(try ConfigParser().parse(Self.head + "report:\n  junit: build/gate-junit.xml\n").report.junit == "build/gate-junit.xml")
    }

    @Test func badValuesNameTheKeyAndLine() throws {
        let empty = try #require(#expect(throws: ConfigError.self) { try ConfigParser().parse(Self.head + "report:\n  junit: ''\n") })
        #expect("\(empty)".contains("report.junit must be a file path"))
        #expect(empty.line == 6)
        let unknown = try #require(#expect(throws: ConfigError.self) { try ConfigParser().parse(Self.head + "report:\n  html: x\n") })
        #expect("\(unknown)".contains("html"))
        let list = try #require(#expect(throws: ConfigError.self) { try ConfigParser().parse(Self.head + "report:\n  junit: [a, b]\n") })
        #expect("\(list)".contains("report.junit"))
    }
}
