import Foundation
import Testing
@testable import GateCore

/// Hook stdin is checked with git's own ref-name rules before gate does anything with it.
@Suite struct HookInputValidationTests {
    static let head = String(repeating: "a", count: 40)
    static let zero = String(repeating: "0", count: 40)

    static let refusedNames = [
        "refs/heads/../x", "refs/heads/x.lock", "refs/heads/a..b", "refs/heads/with space", "refs/heads/ends/",
        "refs/heads/x\u{1B}[2J", "refs/heads/\u{1B}]52;c;aGk=\u{07}", "refs/heads/a\u{9B}31m", "refs/heads/tilde~1",
        "refs/heads/colon:x", "refs/heads/star*", "refs/heads/at@{1}", "refs/heads/.hidden", "refs/heads/back\\slash",
        "heads/not-under-refs", "refs/heads/" + String(repeating: "n", count: 5000),
    ]

    @Test(arguments: refusedNames)
    func gitsRulesRefuse(_ name: String) {
        #expect(RefNameRules.problem(name) != nil)
    }

    @Test func gitsRulesAccept() {
        for name in ["refs/heads/main", "refs/heads/feature/x-1", "refs/tags/v1.0", "refs/heads/ünïcode", "refs/heads/a.b"] {
            #expect(RefNameRules.problem(name) == nil, "\(name)")
        }
    }

    @Test(arguments: refusedNames)
    func prePushRefusesABadRemoteRefNamingTheLine(_ name: String) throws {
        let input = "refs/heads/main \(Self.head) refs/heads/main \(Self.zero)\nrefs/heads/main \(Self.head) \(name) \(Self.zero)\n"
        // A name with a space splits differently; either way the line is refused.
        let error = try #require(throws: HookInputError.self) { try PrePushInput.parse(Array(input.utf8)) }
        #expect(error.lineNumber == 2)
        #expect(!error.description.contains("\u{1B}") && !error.description.contains("\u{9B}"))
        #expect(error.description.utf8.count < 1000)
    }

    @Test func prePushRefusesABadLocalRefButKeepsRevisionsTheUserTyped() throws {
        let bad = "refs/heads/x.lock \(Self.head) refs/heads/main \(Self.zero)\n"
        #expect(throws: HookInputError.self) { try PrePushInput.parse(Array(bad.utf8)) }
        let escape = "HEAD\u{1B}[2J \(Self.head) refs/heads/main \(Self.zero)\n"
        #expect(throws: HookInputError.self) { try PrePushInput.parse(Array(escape.utf8)) }
        let typed = "HEAD~1 with spaces \(Self.head) refs/heads/main \(Self.zero)\n(delete) \(Self.zero) refs/heads/gone \(Self.head)\n"
        #expect(try PrePushInput.parse(Array(typed.utf8)).map(\.localRef) == ["HEAD~1 with spaces", "(delete)"])
    }

    @Test(arguments: refusedNames)
    func preReceiveRefusesABadRefNamingTheLine(_ name: String) throws {
        let input = "\(Self.zero) \(Self.head) refs/heads/ok\n\(Self.zero) \(Self.head) \(name)\n"
        let error = try #require(throws: HookInputError.self) { try PreReceiveInput.parse(Array(input.utf8)) }
        #expect(error.lineNumber == 2)
        #expect(!error.description.contains("\u{1B}"))
    }

    @Test func malformedLinesNameTheirLine() throws {
        let cases: [(String, Int, String)] = [
            ("refs/heads/main \(Self.head) refs/heads/main\n", 1, "4 space-separated fields"),
            ("refs/heads/main \(Self.head) refs/heads/main \(Self.zero)\nrefs/heads/main nothex refs/heads/main \(Self.zero)\n", 2, "local oid"),
            ("refs/heads/main \(Self.head) refs/heads/main \(String(repeating: "0", count: 64))\n", 1, "different lengths"),
        ]
        for (input, line, problem) in cases {
            let error = try #require(throws: HookInputError.self) { try PrePushInput.parse(Array(input.utf8)) }
            #expect(error.lineNumber == line)
            #expect(error.description.contains(problem), "\(error.description)")
        }
        let receive = try #require(throws: HookInputError.self) { try PreReceiveInput.parse(Array("\(Self.zero) \(Self.head) refs/heads/a extra\n".utf8)) }
        #expect(receive.description.contains("line 1") && receive.description.contains("3 space-separated fields"))
        let mixed = try #require(throws: HookInputError.self) {
            try PreReceiveInput.parse(Array("\(Self.zero) \(String(repeating: "b", count: 64)) refs/heads/a\n".utf8))
        }
        #expect(mixed.description.contains("different lengths"))
    }

    @Test func invalidUTF8IsRefusedRatherThanGuessed() throws {
        var bytes = Array("refs/heads/main \(Self.head) refs/heads/caf".utf8)
        bytes += [0xE9]  // Latin-1 é
        bytes += Array(" \(Self.zero)\n".utf8)
        let error = try #require(throws: HookInputError.self) { try PrePushInput.parse(bytes) }
        #expect(error.description.contains("not UTF-8"))
    }

    @Test func aTenMegabyteRefNameIsRefusedWithAShortMessage() throws {
        let name = "refs/heads/" + String(repeating: "x", count: 10 << 20)
        let error = try #require(throws: HookInputError.self) {
            try PrePushInput.parse(Array("refs/heads/main \(Self.head) \(name) \(Self.zero)\n".utf8))
        }
        #expect(error.description.contains("at most 4096"))
        #expect(error.description.utf8.count < 1000)
    }
}
