import Foundation
import Testing
@testable import GateCore

@Suite struct EventTrailTests {
    @Test func aLineCutShortByAKilledWriterDoesNotSwallowTheNextEvent() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let trail = EventTrail(path: directory.path + "/events.jsonl")
        trail.append(run: "r1", event: .runStart, ["mode": "pre-push"])
        // A writer killed mid-line leaves a fragment without a newline.
        let handle = try #require(FileHandle(forWritingAtPath: trail.path))
        handle.seekToEndOfFile()
        handle.write(Data("{\"event\":\"ver".utf8))
        handle.closeFile()
        trail.append(run: "r2", event: .verdict, ["verdict": "passed", "exit": 0])
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
            trail.append(run: "run\(index)", event: .suite, ["detail": .string(String(repeating: "x", count: 5_000))])
        }
        let (events, unreadable) = trail.read()
        #expect(events.count == 200)
        #expect(unreadable == 0)
    }

    @Test func aHugeFieldIsCutAndMarkedAtAnyDepth() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let trail = EventTrail(path: directory.path + "/events.jsonl")
        let huge = "refs/heads/" + String(repeating: "é", count: 5 << 20)
        trail.append(run: "r1", event: .range, ["ref": .string(huge), "nested": .array([.object(["message": .string(huge)])]), "files": 3])
        let size = try #require(try FileManager.default.attributesOfItem(atPath: trail.path)[.size] as? Int)
        #expect(size < 3 * EventTrail.maxFieldBytes)
        let (events, unreadable) = trail.read()
        #expect(unreadable == 0)
        let ref = try #require(events.first?["ref"]?.stringValue)
        #expect(ref.hasPrefix("refs/heads/é"))
        #expect(ref.contains("…[cut: ") && ref.contains("\(huge.utf8.count) in all]"))
        #expect(ref.utf8.count < EventTrail.maxFieldBytes + 100)
        guard case .array(let items)? = events.first?["nested"], case .object(let inner)? = items.first else {
            Issue.record("nested field lost"); return
        }
        #expect(inner["message"]?.stringValue?.contains("…[cut: ") == true)
        #expect(events.first?["files"]?.intValue == 3)
        // Short fields are written as they are.
        trail.append(run: "r2", event: .range, ["ref": "refs/heads/main"])
        #expect(trail.read().events.last?["ref"]?.stringValue == "refs/heads/main")
    }
}
