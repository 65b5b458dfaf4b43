/// Gives the bytes of a git blob; the git layer implements it, tests use an in-memory one.
public protocol BlobSource: Sendable {
    func contents(ofBlob id: String) throws -> [UInt8]
}
