import Foundation
import Testing
@testable import GateCore

/// External text (test output, provider replies, hook input) reaches the terminal without anything a terminal acts on.
@Suite struct TerminalTextTests {
    static let esc = "\u{1B}"

    @Test func csiSequencesThatClearOrMoveAreRemoved() {
        #expect(TerminalText.sanitize("a\(Self.esc)[2Jb\(Self.esc)[10;20Hc\(Self.esc)[?25ld") == "abcd")
        #expect(TerminalText.sanitize("x\(Self.esc)[8mhidden\(Self.esc)[0m") == "xhidden")
    }

    @Test func oscHyperlinkAndClipboardSequencesAreRemoved() {
        // OSC 8 hyperlink, terminated by ST (ESC \).
        #expect(TerminalText.sanitize("\(Self.esc)]8;;https://evil.invalid\(Self.esc)\\click\(Self.esc)]8;;\(Self.esc)\\ here") == "click here")
        // OSC 52 clipboard write, terminated by BEL; and a title change.
        #expect(TerminalText.sanitize("a\(Self.esc)]52;c;cm0gLXJmIH4=\u{07}b\(Self.esc)]0;owned\u{07}c") == "abc")
        // An OSC that never ends swallows the rest, as a terminal would: nothing of it is shown.
        #expect(TerminalText.sanitize("ok\(Self.esc)]52;c;cm0gLXJmIH4=") == "ok")
        // An ESC inside an OSC ends it and is read as a sequence of its own.
        #expect(TerminalText.sanitize("\(Self.esc)]0;title\(Self.esc)[2Jafter") == "after")
        // DCS, APC, PM, SOS.
        #expect(TerminalText.sanitize("1\(Self.esc)Pq#0;2\(Self.esc)\\2\(Self.esc)_apc\(Self.esc)\\3\(Self.esc)^pm\(Self.esc)\\4\(Self.esc)Xsos\(Self.esc)\\5") == "12345")
    }

    @Test func c1ControlsAreRemovedAsCharactersAndAsRawBytes() {
        // U+009B is CSI in its C1 form: the whole sequence goes.
        #expect(TerminalText.sanitize("a\u{9B}2Jb\u{9D}0;title\u{9C}c\u{85}d") == "abcd")
        // The bytes C2 9B (UTF-8 of U+009B) and a bare 0x9B byte (invalid UTF-8).
        #expect(TerminalText.sanitize([0x61, 0xC2, 0x9B, 0x32, 0x4A, 0x62]) == "ab")
        #expect(TerminalText.sanitize([0x61, 0x9B, 0x62]) == "ab")
    }

    @Test func loneEscapeAndTwoCharacterEscapesAreRemoved() {
        #expect(TerminalText.sanitize("a\(Self.esc)") == "a")
        #expect(TerminalText.sanitize("a\(Self.esc)cb\(Self.esc)7c\(Self.esc)(Bd") == "abcd")
        #expect(TerminalText.sanitize("\(Self.esc)\(Self.esc)[31mred") == "red")
    }

    @Test func c0ControlsAndDeleteGoExceptNewlineAndTab() {
        var bytes = Array(UInt8(0)...UInt8(0x1F)) + [0x7F]
        bytes.insert(0x41, at: 5)
        #expect(TerminalText.sanitize(bytes) == "A\t\n")
        #expect(TerminalText.sanitize("line\r\nnext\u{08}\u{07}") == "line\nnext")
    }

    @Test func invalidUTF8IsDroppedAndValidTextKept() {
        #expect(TerminalText.sanitize([0x61, 0xFF, 0xC3, 0x28, 0x62, 0xED, 0xA0, 0x80]) == "a(b")
        #expect(TerminalText.sanitize(Array("é ✓ 日本 🙂\ttab\n".utf8)) == "é ✓ 日本 🙂\ttab\n")
        let clean = "plain text — nothing to do"
        #expect(TerminalText.sanitize(clean) == clean)
        #expect(TerminalText.isClean(clean) && !TerminalText.isClean("a\(Self.esc)[2J"))
    }

    @Test func gatesOwnColoursSurviveAndNothingElse() {
        let allowed = Console.ownSequences
        let own = "\(Self.esc)[31mred\(Self.esc)[0m \(Self.esc)[1mbold\(Self.esc)[0m"
        #expect(TerminalText.sanitize(own, keeping: allowed) == own)
        #expect(TerminalText.sanitize("\(Self.esc)[8mhidden\(Self.esc)[2J\(Self.esc)]0;t\u{07}", keeping: allowed) == "hidden")
        #expect(TerminalText.sanitize(own) == "red bold")
    }

    @Test func consoleStylingStillUsesEscapeSequences() {
        let console = Console(environment: ["CLICOLOR_FORCE": "1"])
        let styled = console.styled("BLOCKED", .red)
        #expect(styled == "\(Self.esc)[31mBLOCKED\(Self.esc)[0m")
        #expect(console.printable(styled + " \(Self.esc)[2Jtest said hi") == styled + " test said hi")
        let plain = Console(environment: ["NO_COLOR": "1"])
        #expect(plain.printable(styled) == "BLOCKED")
    }

    @Test func aStreamKeepsACharacterSplitAcrossChunks() {
        var stream = TerminalTextStream()
        let check = Array("✓".utf8)
        #expect(stream.feed([0x6F, 0x6B, 0x20] + check.prefix(2)) == "ok ")
        #expect(stream.feed(Array(check.suffix(1)) + [0x1B, 0x5B, 0x32, 0x4A, 0x0A]) == "✓\n")
        #expect(stream.feed([0xE2]) == "")
        #expect(stream.flush() == "")
    }

    @Test func visibleShowsControlsAndCutsLongText() {
        #expect(TerminalText.visible("refs/heads/\(Self.esc)[2J") == #""refs/heads/\u{1B}[2J""#)
        let long = TerminalText.visible(String(repeating: "x", count: 10_000_000))
        #expect(long.utf8.count < 300)
        #expect(long.contains("more characters, 10000000 bytes in all"))
    }

    @Test func gateLogShowsTrailFieldsWithoutEscapes() {
        let line = EventText.line(["time": "2026-01-01T00:00:00Z", "run": "r1", "event": "suite",
                                   "error": .string("boom \(Self.esc)[2J\(Self.esc)]52;c;aGk=\u{07}done")])
        #expect(!line.contains(Self.esc))
        #expect(line.contains("boom") && line.contains("done"))
    }
}
