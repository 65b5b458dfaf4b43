import Foundation
import Testing

@testable import GateCore

@Suite struct DependencyIndexBuilderTests {
    @Test func rebuildParsesOnlyTheChangedBlob() throws {
        var tree = PythonSelectionTests.tree
        let first = InMemoryRepository(tree)
        let (index, coldStats) = try DependencyIndexBuilder.build(
            files: first.files, source: first, previous: nil, dumpManifest: nil)
        #expect(coldStats.filesParsed == 13)  // 14 .py files, two of them identical empty __init__.py blobs
        #expect(coldStats.filesPerLanguage[.python] == 14)

        tree["pkg/api.py"] = "from pkg.util import helper\nimport pkg.sub.leaf\n"
        let second = InMemoryRepository(tree)
        let (updated, stats) = try DependencyIndexBuilder.build(
            files: second.files, source: second, previous: index, dumpManifest: nil)
        #expect(stats.filesParsed == 1)
        #expect(stats.filesReused == 13)
        #expect(second.readCount == 1)
        #expect(updated.files["pkg/api.py"]?.edges == ["pkg/util.py", "pkg/__init__.py", "pkg/sub/leaf.py", "pkg/sub/__init__.py"])
        #expect(updated == (try second.index()))
    }

    @Test func addedFileIsParsedAndOthersAreReResolved() throws {
        var tree = PythonSelectionTests.tree
        tree["pkg/api.py"] = "import pkg.extra\n"
        let first = InMemoryRepository(tree)
        let (index, _) = try DependencyIndexBuilder.build(files: first.files, source: first, previous: nil, dumpManifest: nil)
        #expect(index.files["pkg/api.py"]?.unresolved == ["pkg.extra"])

        tree["pkg/extra.py"] = "EXTRA = 2\n"
        let second = InMemoryRepository(tree)
        let (updated, stats) = try DependencyIndexBuilder.build(
            files: second.files, source: second, previous: index, dumpManifest: nil)
        #expect(stats.filesParsed == 1)
        #expect(updated.files["pkg/api.py"]?.edges == ["pkg/extra.py", "pkg/__init__.py"])
        #expect(updated.files["pkg/api.py"]?.unresolved == [])
    }

    @Test func unreadableBlobFailsTheBuild() {
        let repository = InMemoryRepository(["a.py": "import b\n"])
        let missing = [TrackedFile(path: "a.py", blobID: "0000")]
        #expect(throws: (any Error).self) {
            try DependencyIndexBuilder.build(files: missing, source: repository, previous: nil, dumpManifest: nil)
        }
    }

    @Test func generatedTwentyThousandFilePythonTreeBuilds() throws {
        var tree: [String: String] = [:]
        for package in 0..<200 {
            tree["src/app/p\(package)/__init__.py"] = "from .m0 import VALUE\n"
            for module in 0..<95 {
                let peer = (module + 1) % 95
                tree["src/app/p\(package)/m\(module).py"] = """
                    \"\"\"Module \(module) of package \(package); import os in a docstring is not an import.\"\"\"
                    import os
                    from app.p\((package + 1) % 200) import m\(module)
                    from . import m\(peer)  # sibling

                    VALUE = \(module)

                    def run(x):
                        return f"{x} import {os.sep}"
                    """
            }
            for test in 0..<4 {
                tree["tests/p\(package)/test_\(test).py"] = "import pytest\nfrom app.p\(package).m\(test) import run\n"
            }
        }
        let repository = InMemoryRepository(tree)
        #expect(repository.files.count == 20_000)
        let (index, stats) = try DependencyIndexBuilder.build(
            files: repository.files, source: repository, previous: nil, dumpManifest: nil)
        print("cold build of \(repository.files.count) files: \(String(format: "%.3f", stats.elapsedSeconds)) s, \(stats.edges) edges, \(stats.tests) tests")
        #expect(stats.tests == 800)
        #expect(stats.unparseable == 0)

        var changed = tree
        changed["src/app/p7/m3.py"] = "import os\nVALUE = 3\n"
        let second = InMemoryRepository(changed)
        let (_, incremental) = try DependencyIndexBuilder.build(
            files: second.files, source: second, previous: index, dumpManifest: nil)
        print("incremental build after a one-file change: \(String(format: "%.4f", incremental.elapsedSeconds)) s, parsed \(incremental.filesParsed)")
        #expect(incremental.filesParsed == 1)

        let started = Date()
        let selection = TestSelector.select(
            changed: ["src/app/p7/m3.py"], index: index, suites: [SuiteScope(name: "py", runner: .pytest)], rules: SelectionRules())
        print("selection over the 20,000-file index: \(String(format: "%.4f", Date().timeIntervalSince(started))) s, \(selection.tests.count) tests")
        #expect(selection.mode == .selected)

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("gate-index-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = DependencyIndexStore(directory: directory)
        let saving = Date()
        try store.save(index)
        let loading = Date()
        #expect(store.load() == .loaded(index))
        let size = (try? FileManager.default.attributesOfItem(atPath: store.fileURL.path)[.size] as? Int) ?? 0
        print("store: save \(String(format: "%.3f", loading.timeIntervalSince(saving))) s, load \(String(format: "%.3f", Date().timeIntervalSince(loading))) s, \(size / 1024) KiB")
    }
}
