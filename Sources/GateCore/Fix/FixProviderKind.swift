import Foundation

/// Which AI backend answers fix prompts.
public enum FixProviderKind: String, Sendable, Equatable, CaseIterable {
    case openai
    case anthropic
    case ollama
    case command
    case none

    /// Parses a configured or `GATE_AI_PROVIDER` value, ignoring case and surrounding spaces.
    public init?(configured value: String) {
        self.init(rawValue: value.trimmingCharacters(in: .whitespaces).lowercased())
    }

    /// The model used when neither `.gate.yml` nor `GATE_AI_MODEL` names one.
    public var defaultModel: String {
        switch self {
        case .openai: return "gpt-4.1"
        case .anthropic: return "claude-sonnet-4-5"
        case .ollama: return "qwen2.5-coder:7b"
        case .command: return "command"
        case .none: return "none"
        }
    }

    /// Seconds one request may take when the configuration sets no timeout.
    public var defaultTimeoutSeconds: Double {
        switch self {
        case .openai, .anthropic, .none: return 120
        case .ollama: return 300
        case .command: return 600
        }
    }
}
