import Foundation

/// Reads blobs from the object database for the index builder. libgit2 repository handles are not thread-safe,
/// so reads are serialised behind a lock while parsing runs in parallel.
final class RepositoryBlobSource: BlobSource, @unchecked Sendable {
    private let repository: GitRepository
    private let lock = NSLock()

    init(repository: GitRepository) { self.repository = repository }

    func contents(ofBlob id: String) throws -> [UInt8] {
        guard let oid = ObjectID(hex: id) else { throw GitError(function: "blob id", code: -1, message: "invalid blob id \(id)") }
        lock.lock()
        defer { lock.unlock() }
        return try repository.blobContents(oid)
    }
}
