/// A `<testcase>` from a JUnit/XUnit XML report, with the context the runners need to name
/// and classify it.
public struct JUnitTestCase: Sendable, Equatable {
    /// Names of the enclosing `<testsuite>` elements, outermost first.
    public var suitePath: [String]
    public var className: String
    public var name: String
    public var file: String?
    public var line: Int?
    /// From the element: `<failure>` gives `.failed`, `<error>` gives `.errored`, `<skipped>`
    /// gives `.skipped`. When several are present, errored > failed > skipped.
    public var status: TestStatus
    /// The `message` attribute(s) of the failure/error/skipped element(s).
    public var message: String?
    /// The `type` attribute of the failure/error element.
    public var failureType: String?
    /// The body text of the failure/error/skipped element(s).
    public var trace: String?
    /// The `time` attribute, in seconds.
    public var duration: Double?

    public init(
        suitePath: [String] = [], className: String = "", name: String, file: String? = nil, line: Int? = nil,
        status: TestStatus = .passed, message: String? = nil, failureType: String? = nil, trace: String? = nil
    ) {
        self.suitePath = suitePath
        self.className = className
        self.name = name
        self.file = file
        self.line = line
        self.status = status
        self.message = message
        self.failureType = failureType
        self.trace = trace
    }

    /// The case as a `TestCaseResult` named `className.name` (or just `name`).
    public var result: TestCaseResult {
        TestCaseResult(
            name: className.isEmpty ? name : "\(className).\(name)",
            status: status, message: message, trace: trace, file: file, line: line, duration: duration)
    }
}
