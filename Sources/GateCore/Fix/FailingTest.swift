/// One test that did not pass, as the runner reported it.
public struct FailingTest: Sendable, Equatable {
    /// An assertion that failed, or an error that stopped the test.
    public enum Kind: String, Sendable, Equatable {
        case failure
        case error
    }

    public var name: String
    public var kind: Kind
    public var message: String
    public var trace: String

    public init(name: String, kind: Kind, message: String, trace: String = "") {
        self.name = name
        self.kind = kind
        self.message = message
        self.trace = trace
    }
}
