/// The language of a tracked file, decided by its extension.
public enum SourceLanguage: String, Codable, Sendable, CaseIterable {
    case swift, python, javascript, go, other

    /// The language a repo path's extension implies; Go files under `testdata/` are data (`other`).
    public init(path: String) {
        switch RepoPath.fileExtension(path) {
        case "swift": self = .swift
        case "py", "pyi": self = .python
        case "js", "jsx", "ts", "tsx", "mjs", "cjs", "mts", "cts": self = .javascript
        case "go": self = GoPackageResolver.isTestData(path) ? .other : .go
        default: self = .other
        }
    }

    /// Whether the index runs an import scanner on files of this language.
    var isScanned: Bool {
        self == .python || self == .javascript || self == .go
    }

    /// The runner that executes tests written in this language, if any.
    var runner: RunnerKind? {
        switch self {
        case .swift: .swift
        case .python: .pytest
        case .javascript: .node
        case .go: .go
        case .other: nil
        }
    }
}
