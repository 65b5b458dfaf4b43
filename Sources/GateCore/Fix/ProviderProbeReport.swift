/// What `gate doctor` learned about the AI provider.
public struct ProviderProbeReport: Sendable, Equatable {
    /// The server answered at all.
    public var reachable: Bool
    /// The key was accepted; nil when the provider uses no key or it could not be checked.
    public var authenticated: Bool?
    /// The configured model is listed; nil when it could not be checked.
    public var modelPresent: Bool?
    /// One line for the doctor's output; when something failed, it says how to fix it.
    public var detail: String

    public init(reachable: Bool, authenticated: Bool?, modelPresent: Bool?, detail: String) {
        self.reachable = reachable
        self.authenticated = authenticated
        self.modelPresent = modelPresent
        self.detail = detail
    }

    /// True when nothing failed.
    public var passed: Bool {
        reachable && authenticated != false && modelPresent != false
    }
}
