/// Everything one fix prompt shows the model.
public struct FixPromptInput: Sendable, Equatable {
    public var failures: [FailingTest]
    /// The pushed changes as a unified diff.
    public var diff: String
    /// The source files the index links to the failing tests, most relevant first.
    public var sources: [SourceFile]
    /// Globs and paths the model may not edit.
    public var protectedPaths: [String]
    /// What went wrong last time; nil on the first attempt.
    public var previousAttempt: PreviousAttempt?

    public init(failures: [FailingTest], diff: String, sources: [SourceFile], protectedPaths: [String], previousAttempt: PreviousAttempt? = nil) {
        self.failures = failures
        self.diff = diff
        self.sources = sources
        self.protectedPaths = protectedPaths
        self.previousAttempt = previousAttempt
    }
}
