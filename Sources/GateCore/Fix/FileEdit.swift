/// One edit a model asked for: replace `search` with `replace` in the file at `path`
/// (relative to the repository root). An empty `search` creates a new file.
/// Both texts are whole lines, each ending in a newline.
public struct FileEdit: Sendable, Equatable {
    public var path: String
    public var search: String
    public var replace: String

    public init(path: String, search: String, replace: String) {
        self.path = path
        self.search = search
        self.replace = replace
    }

    /// True when the edit creates a file rather than changing one.
    public var createsFile: Bool { search.isEmpty }
}
