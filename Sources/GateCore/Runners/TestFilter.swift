/// A selection of tests to run. A `nil` filter runs the whole suite.
///
/// The meaning of an id depends on the runner: swift test target names or test ids
/// (`Module.Class/test`, `Module.function()`), pytest node ids
/// (file paths, optionally with `::test`), go package patterns (`./pkg/a`), node test
/// files, or the words substituted for `{tests}` in a command. An empty `ids` list selects
/// nothing: the runner returns an empty, passing result without starting any process.
public struct TestFilter: Sendable, Equatable, Codable {
    public var ids: [String]

    public init(ids: [String]) { self.ids = ids }
}
