/// Test ids of the path-based runners (pytest, node) as gate shows them: relative to the repository root
/// (`sub/tests/test_x.py::test_y` for a suite with `working_directory: sub`), while the runner itself is handed ids
/// relative to its working directory (`tests/test_x.py::test_y`). An id of `.` (pytest's collection of the working
/// directory itself) is the directory.
enum RepoRelativeTestID {
    /// The id as gate shows it; `directory` is the suite's working directory, cleaned (`RepoPath.cleanDirectory`).
    static func shown(_ id: String, directory: String) -> String {
        guard !directory.isEmpty else { return id }
        return id.isEmpty || id == "." ? directory : directory + "/" + id
    }

    /// The id the runner understands, for an id `shown` made; other ids are returned as they are.
    static func runnerID(_ id: String, directory: String) -> String {
        guard !directory.isEmpty else { return id }
        if id == directory { return "." }
        return id.hasPrefix(directory + "/") ? String(id.dropFirst(directory.count + 1)) : id
    }
}
