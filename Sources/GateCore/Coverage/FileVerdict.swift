/// How a changed Python file is handled: by its recorded coverage (the blocks that differ from each blob tests
/// were recorded on), or by the static import closure, and why.
enum FileVerdict {
    /// Recorded blob id → names of the blocks that differ from the current blob (functions only).
    case coverage(changedByBlob: [String: Set<String>])
    /// The safety net: the file's import closure runs, for this reason ("module-level change in pkg/x.py").
    case importClosure(String)
}
