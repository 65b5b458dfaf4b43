import Testing
@testable import GateCore

/// `fix.max_files` and `fix.max_changed_lines`: defaults that fit a real bug fix, validated like every other key.
@Suite struct FixLimitsConfigTests {
    static let head = "version: 1\nsuites:\n  - name: unit\n    runner: pytest\nfix:\n  provider: none\n"

    @Test func defaultsFitARealBugFix() throws {
        let fix = try ConfigParser().parse(Self.head).fix
        #expect(fix.maxFiles == 10)
        #expect(fix.maxChangedLines == 400)
    }

    @Test func settingsAreRead() throws {
        let fix = try ConfigParser().parse(Self.head + "  max_files: 3\n  max_changed_lines: 50\n").fix
        #expect(fix.maxFiles == 3)
        #expect(fix.maxChangedLines == 50)
    }

    @Test func invalidValuesNameTheKeyAndLine() throws {
        let zero = try #require(#expect(throws: ConfigError.self) { try ConfigParser().parse(Self.head + "  max_files: 0\n") })
        #expect("\(zero)".contains("fix.max_files must be greater than 0"))
        #expect(zero.line == 7)
        let text = try #require(#expect(throws: ConfigError.self) { try ConfigParser().parse(Self.head + "  max_changed_lines: lots\n") })
        #expect("\(text)".contains("fix.max_changed_lines"))
    }
}
