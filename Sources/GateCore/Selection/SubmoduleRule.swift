/// A submodule bump (a gitlink that moved, appeared or went away) selects every test, whatever its path: gate's
/// dependency index covers the superproject's own files, not the submodule's, so it cannot tell which tests read them.
/// Being safe beats being fast here. An `ignore` glob that matches the submodule's path still drops it.
enum SubmoduleRule {
    static let reason = "a submodule moved to another commit; gate's dependency index does not see inside submodules, so every test runs"

    /// The paths of the gitlinks among `changes` (both sides of a rename).
    static func paths(_ changes: [FileChange]) -> Set<String> {
        Set(changes.filter { $0.isSubmodule == true }.flatMap(\.paths))
    }
}
