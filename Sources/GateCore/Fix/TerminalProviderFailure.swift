/// A provider answer that no retry can fix (bad key, no quota, unknown model, ...).
/// It ends the fix loop at once; `description` tells the user what to do.
public struct TerminalProviderFailure: Sendable, Equatable, CustomStringConvertible {
    /// Why the provider refused.
    public enum Reason: Sendable, Equatable {
        case badRequest
        case unauthorized
        case forbidden
        case notFound
        case payloadTooLarge
        case insufficientQuota
        case spendLimit
        /// Any other non-retryable status.
        case rejected
    }

    public var provider: String
    public var model: String
    public var status: Int
    public var reason: Reason
    /// The provider's own error message, already redacted.
    public var serverMessage: String
    /// The environment variable holding the key, e.g. `OPENAI_API_KEY`, if the provider uses one.
    public var keyVariable: String?

    public init(provider: String, model: String, status: Int, reason: Reason, serverMessage: String, keyVariable: String?) {
        self.provider = provider
        self.model = model
        self.status = status
        self.reason = reason
        self.serverMessage = serverMessage
        self.keyVariable = keyVariable
    }

    public var description: String {
        let said = serverMessage.isEmpty ? "" : " (\(serverMessage))"
        return "\(provider) refused the request with HTTP \(status)\(said). \(advice)"
    }

    /// The action that fixes the problem.
    public var advice: String {
        let key = keyVariable ?? "the API key variable"
        switch reason {
        case .unauthorized:
            return "The API key was rejected: check that \(key) holds a valid key."
        case .forbidden:
            return "The key is not allowed to use model '\(model)': check the key's permissions or pick another model (GATE_AI_MODEL)."
        case .badRequest:
            return "Check the model name '\(model)' and the max tokens setting in .gate.yml."
        case .notFound:
            if provider == "ollama" {
                return "Model '\(model)' or the endpoint was not found: run `ollama pull \(model)` or check OLLAMA_HOST."
            }
            return "Model '\(model)' or the endpoint was not found: check the model name and the base URL."
        case .payloadTooLarge:
            return "The prompt is too large: lower the source budget in .gate.yml or pick a model with a larger context."
        case .insufficientQuota:
            return "The account has no quota left: add credits on the provider's billing page, then push again."
        case .spendLimit:
            return "The account reached its spend limit: raise the limit on the provider's billing page, then push again."
        case .rejected:
            return "Check the provider settings in .gate.yml."
        }
    }
}
