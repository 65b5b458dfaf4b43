/// The outcome of loading a stored index; every case but `.loaded` means the caller rebuilds and logs why.
public enum IndexLoadResult: Sendable, Equatable {
    case loaded(DependencyIndex)
    /// No index file exists yet.
    case missing
    /// The file exists but could not be read or decoded; the text says why.
    case corrupt(String)
    /// The file was written by another format version.
    case oldFormat
}
