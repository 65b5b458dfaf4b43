import Foundation
import Testing
@testable import GateCore

@Suite struct EventTrailTests {
    @Test func aLineCutShortByAKilledWriterDoesNotSwallowTheNextEvent() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let trail = EventTrail(path: directory.path + "/events.jsonl")
        trail.append(run: "r1", event: "run_start", ["mode": "pre-push"])
        // A writer killed mid-line leaves a fragment without a newline.
        let handle = try #require(FileHandle(forWritingAtPath: trail.path))
        handle.seekToEndOfFile()
        handle.write(Data("{\"event\":\"ver".utf8))
        handle.closeFile()
        trail.append(run: "r2", event: "verdict", ["verdict": "passed", "exit": 0])
        let (events, unreadable) = trail.read()
        #expect(events.map { $0["event"]?.stringValue } == ["run_start", "verdict"])
        #expect(events.last?["run"]?.stringValue == "r2")
        #expect(unreadable == 1)
    }

    @Test func concurrentAppendsStayLineIntact() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let trail = EventTrail(path: directory.path + "/events.jsonl")
        DispatchQueue.concurrentPerform(iterations: 200) { index in
            trail.append(run: "run\(index)", event: "suite", ["detail": .string(String(repeating: "x", count: 5_000))])
        }
        let (events, unreadable) = trail.read()
        #expect(events.count == 200)
        #expect(unreadable == 0)
    }
}
