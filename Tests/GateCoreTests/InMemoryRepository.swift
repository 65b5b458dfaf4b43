import Foundation
import Synchronization

@testable import GateCore

/// An in-memory tree for tests: paths to contents, blob ids derived from content, and a count of blob reads.
final class InMemoryRepository: BlobSource {
    let blobs: [String: [UInt8]]
    let files: [TrackedFile]
    private let reads = Mutex(0)

    init(_ tree: [String: String]) {
        var blobs: [String: [UInt8]] = [:]
        var files: [TrackedFile] = []
        for (path, text) in tree.sorted(by: { $0.key < $1.key }) {
            let bytes = Array(text.utf8)
            let id = InMemoryRepository.blobID(bytes)
            blobs[id] = bytes
            files.append(TrackedFile(path: path, blobID: id))
        }
        self.blobs = blobs
        self.files = files
    }

    /// How many blobs were read so far.
    var readCount: Int { reads.withLock { $0 } }

    func contents(ofBlob id: String) throws -> [UInt8] {
        reads.withLock { $0 += 1 }
        guard let bytes = blobs[id] else { throw CocoaError(.fileNoSuchFile) }
        return bytes
    }

    /// FNV-1a of the bytes, as hex: equal contents share a blob like in git.
    static func blobID(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return String(hash, radix: 16) + String(bytes.count, radix: 16)
    }

    /// Builds the index of this tree (no previous index).
    func index(dumpManifest: ManifestDumper? = nil) throws -> DependencyIndex {
        try DependencyIndexBuilder.build(files: files, source: self, previous: nil, dumpManifest: dumpManifest).0
    }
}

/// Shorthand: the ids of the selected tests.
extension Selection {
    var ids: [String] { tests.map(\.id) }

    func test(_ id: String) -> SelectedTest? { tests.first { $0.id == id } }
}
