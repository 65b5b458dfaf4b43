import Testing
@testable import GateCore

@Suite struct XMLEventReaderTests {
    func events(_ text: String) throws -> [XMLEventReader.Event] {
        var reader = XMLEventReader(Array(text.utf8))
        var events: [XMLEventReader.Event] = []
        try reader.read { events.append($0) }
        return events.filter { if case .text(let text) = $0 { return !text.allSatisfy(\.isWhitespace) } else { return true } }
    }

    @Test func readsTheConstructsTestReportsUse() throws {
        let xml = """
        <?xml version="1.0" encoding="utf-8"?>
        <!DOCTYPE x><!-- a <comment> -->
        <suite name='a &amp; b' n="&#65;&#x42;"><case/><failure message="x &lt; y">trace &quot;q&quot;<![CDATA[<raw> & ]]></failure></suite>
        """
        #expect(try events(xml) == [
            .start(name: "suite", attributes: ["name": "a & b", "n": "AB"]),
            .start(name: "case", attributes: [:]), .end(name: "case"),
            .start(name: "failure", attributes: ["message": "x < y"]),
            .text("trace \"q\""), .text("<raw> & "),
            .end(name: "failure"), .end(name: "suite"),
        ])
    }

    @Test func rejectsMalformedDocumentsWithALine() {
        for bad in ["<a><b></a>", "<a", "<a x=1></a>", "<a>&bogus;</a>", "<a>", "<a><!-- open</a>"] {
            #expect(throws: XMLEventReader.Failure.self, "\(bad)") { _ = try events(bad) }
        }
        do {
            _ = try events("<a>\n\n</b>")
        } catch let failure as XMLEventReader.Failure {
            #expect(failure.line == 3)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
