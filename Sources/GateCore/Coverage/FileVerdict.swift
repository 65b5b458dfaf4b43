/// How a changed Python file is handled: by its recorded coverage (the blocks that differ from each blob tests
/// were recorded on, plus the changes to follow by name), or by the static import closure, and why.
enum FileVerdict {
    /// A change coverage cannot see (module-level, cached, run at import time), to follow by name from one
    /// recorded blob; `reason` is what the safety net says if it cannot be followed.
    struct NameFlowNeed {
        var recordedBlob: String
        var reason: String
        var functions: Set<String>
    }

    /// Recorded blob id → names of the changed function blocks; and the changes to follow by name.
    case coverage(changedByBlob: [String: Set<String>], followByName: [NameFlowNeed])
    /// The safety net: the file's import closure runs, for this reason ("module-level change in pkg/x.py").
    case importClosure(String)
}
