/// A file tracked by git at the revision being indexed.
public struct TrackedFile: Sendable, Hashable, Codable {
    /// Repo-relative path with `/` separators.
    public var path: String
    /// Hex id of the file's git blob.
    public var blobID: String

    public init(path: String, blobID: String) {
        self.path = path
        self.blobID = blobID
    }
}
