/// One test case as reported by a test tool.
public struct TestCaseResult: Codable, Sendable, Equatable {
    public var name: String
    public var status: TestStatus
    /// A one-line reason for a failure, error or skip.
    public var message: String?
    /// Detail: stack trace, captured output or compiler messages.
    public var trace: String?
    /// The source file of the test, when the tool reports it.
    public var file: String?
    /// The line of the test (or of its failure) in `file`, when the tool reports it.
    public var line: Int?
    /// Seconds the test took, when the tool reports it.
    public var duration: Double?
    /// True when the test failed, then passed when gate re-ran it (`FlakeCheck`); its status is then `passed`, and
    /// `message`/`trace` keep the first failure.
    public var flaky: Bool?

    public init(name: String, status: TestStatus, message: String? = nil, trace: String? = nil, file: String? = nil,
                line: Int? = nil, duration: Double? = nil) {
        self.name = name
        self.status = status
        self.message = message
        self.trace = trace
        self.file = file
        self.line = line
        self.duration = duration
    }
}

extension TestCaseResult {
    /// A short name for messages: the last part of a pytest node id (`test_b[1-2]` for `tests/t.py::TestA::test_b[1-2]`),
    /// otherwise what follows the last dot (`TestFails` for `example.com/m/bad.TestFails`).
    static func shortName(_ id: String) -> String {
        if let range = id.range(of: "::", options: .backwards) { return String(id[range.upperBound...]) }
        return String(id.split(separator: ".").last ?? Substring(id))
    }
}
