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
        #expect(leftovers == ["index-v1.json"])
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
        #expect(why.contains("index-v1.json"))

        try Data(#"{"formatVersion": 0, "files": {}}"#.utf8).write(to: store.fileURL)
        #expect(store.load() == .oldFormat)

        try FileManager.default.removeItem(at: store.fileURL)
        try Data("{}".utf8).write(to: directory.appendingPathComponent("index-v0.json"))
        #expect(store.load() == .oldFormat)
    }
}
