/// A source file shown to the model in full, so its SEARCH text can quote it exactly.
public struct SourceFile: Sendable, Equatable {
    /// Path relative to the repository root.
    public var path: String
    public var text: String

    public init(path: String, text: String) {
        self.path = path
        self.text = text
    }
}
