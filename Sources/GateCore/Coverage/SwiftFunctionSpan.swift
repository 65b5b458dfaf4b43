/// One function of a Swift source blob as LLVM's coverage mapping saw it: where its body starts and ends.
public struct SwiftFunctionSpan: Sendable, Hashable, Codable {
    /// What the function is, from its demangled name: only a body's change is located by coverage.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// A function, method, accessor, closure or initializer body.
        case body
        /// Runs once per process or in the caller (a global or static variable's initial value, a stored property's
        /// initial value, a default argument, a lazy global's one-time initializer): a test that reaches it may
        /// not show it, so a change there falls back to the target.
        case initializer
    }

    /// Mangled name (LLVM's profile name).
    public var name: String
    public var kind: Kind
    /// First region's start (the body's opening) and the last line of its regions, 1-based.
    public var startLine: Int
    public var startColumn: Int
    public var endLine: Int
    public var endColumn: Int

    public init(name: String, kind: Kind, startLine: Int, startColumn: Int, endLine: Int, endColumn: Int) {
        self.name = name
        self.kind = kind
        self.startLine = startLine
        self.startColumn = startColumn
        self.endLine = endLine
        self.endColumn = endColumn
    }

    private enum CodingKeys: String, CodingKey {
        case name = "n", kind = "k", startLine = "l", startColumn = "c", endLine = "e", endColumn = "f"
    }

    /// The kind a demangled name (`swift demangle`) stands for.
    static func kind(demangled: String) -> Kind {
        let markers = ["variable initialization expression of", "one-time initialization function for", "globalinit",
                       "default argument ", "property wrapper backing initializer of", "unsafeMutableAddressor"]
        return markers.contains { demangled.contains($0) } ? .initializer : .body
    }
}
