/// The `gate affected --format json` object: a `Selection` plus the range and changed files the caller adds.
/// Nil fields are left out of the JSON.
public struct AffectedReport: Sendable, Hashable, Codable {
    public var from: String?
    public var to: String?
    public var changed: [String]?
    public var mode: Selection.Mode
    public var reason: String
    public var tests: [SelectedTest]

    public init(selection: Selection, from: String? = nil, to: String? = nil, changed: [String]? = nil) {
        self.from = from
        self.to = to
        self.changed = changed
        self.mode = selection.mode
        self.reason = selection.reason
        self.tests = selection.tests
    }
}
