/// The outcome of a single test case.
///
/// `failed` means the test's own check did not hold (an assertion); `errored` means the test
/// could not be judged: an unexpected exception, a broken fixture or hook, a build or
/// collection error.
public enum TestStatus: String, Codable, Sendable {
    case passed, failed, errored, skipped
}
