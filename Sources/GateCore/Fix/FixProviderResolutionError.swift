/// A provider setting gate cannot use; a configuration error (exit code 2).
public enum FixProviderResolutionError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknownProvider(value: String, source: String)
    case missingCommand
    case invalidBaseURL(String)

    public var description: String {
        switch self {
        case .unknownProvider(let value, let source):
            let known = FixProviderKind.allCases.map(\.rawValue).joined(separator: ", ")
            return "\(source) names an unknown AI provider '\(value)'; use one of: \(known)."
        case .missingCommand:
            return "The command AI provider needs `command:` in the ai section of .gate.yml."
        case .invalidBaseURL(let value):
            return "The AI base URL '\(value)' is not an http(s) URL."
        }
    }
}
