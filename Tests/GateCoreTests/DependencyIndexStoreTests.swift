import Foundation
import Testing

@testable import GateCore

@Suite struct DependencyIndexStoreTests {
    private func temporaryDirectory() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("gate-index-\(UUID().uuidString)")
    }

    @Test func savedIndexLoadsBackEqual() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = DependencyIndexStore(directory: directory)
        #expect(store.load() == .missing)
        let index = try InMemoryRepository(GoSelectionTests.tree).index()
        try store.save(index)
        #expect(store.load() == .loaded(index))
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        #expect(leftovers == ["index-v\(DependencyIndex.currentFormatVersion).bin"])
    }

    @Test func everyTruncationIsCorruptNeverACrash() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = DependencyIndexStore(directory: directory)
        let index = try InMemoryRepository(PythonSelectionTests.tree).index()
        try store.save(index)
        let bytes = try Data(contentsOf: store.fileURL)
        for length in stride(from: 0, to: bytes.count, by: max(1, bytes.count / 97)) {
            try bytes.prefix(length).write(to: store.fileURL)
            if case .loaded = store.load() { Issue.record("a truncated index of \(length) bytes loaded") }
        }
    }

    @Test func corruptAndOldFilesAreReported() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = DependencyIndexStore(directory: directory)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)

        try Data("{ truncated".utf8).write(to: store.fileURL)
        guard case .corrupt(let why) = store.load() else {
            Issue.record("expected corrupt")
            return
        }
        #expect(why.contains("index-v\(DependencyIndex.currentFormatVersion).bin"))

        try Data([0x47, 0x49, 0x44, 0x58, 0x01, 0x00]).write(to: store.fileURL)
        #expect(store.load() == .oldFormat)

        try FileManager.default.removeItem(at: store.fileURL)
        try Data("{}".utf8).write(to: directory.appendingPathComponent("index-v1.json"))
        #expect(store.load() == .oldFormat)
        // Writing the current format clears the old file away.
        try store.save(DependencyIndex())
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["index-v\(DependencyIndex.currentFormatVersion).bin"])
    }
}
