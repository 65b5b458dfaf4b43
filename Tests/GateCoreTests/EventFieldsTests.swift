import Testing
@testable import GateCore

/// README's event table and `EventKind.fields` are the same table, and the trail writes every documented field.
@Suite struct EventFieldsTests {
    @Test func readmeDocumentsEveryKindWithItsFields() throws {
        let table = try EventFieldTable.fromREADME()
        #expect(Set(table.keys) == Set(EventKind.allCases.map(\.rawValue)))
        for kind in EventKind.allCases {
            #expect(table[kind.rawValue] == kind.fields, "\(kind.rawValue)")
        }
    }

    @Test func aFieldLeftOutIsWrittenAsNull() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let trail = EventTrail(path: directory.path + "/events.jsonl")
        trail.append(run: "r1", event: .verdict, ["verdict": "passed", "exit": 0])
        let event = try #require(trail.read().events.first)
        #expect(Set(event.keys) == Set(EventKind.verdict.fields + EventKind.commonFields))
        #expect(event["report"] == .null && event["verdict"]?.stringValue == "passed")
        #expect(!EventText.line(event).contains("report="))
    }
}
