/// `git push -o` values, as git hands them to pre-receive (`GIT_PUSH_OPTION_COUNT`, `GIT_PUSH_OPTION_<i>`).
public enum PushOptions {
    public static func read(_ environment: [String: String]) -> [String] {
        guard let count = environment["GIT_PUSH_OPTION_COUNT"].flatMap(Int.init), count > 0 else { return [] }
        return (0..<count).compactMap { environment["GIT_PUSH_OPTION_\($0)"] }
    }
}
