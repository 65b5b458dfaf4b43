import Foundation

/// Well-known shapes of credentials, recognised wherever they appear (test output, diffs, provider replies).
public enum SecretTokenShape: String, Sendable, CaseIterable {
    case providerKey
    case githubToken
    case awsAccessKey
    case slackToken
    case privateKeyBlock

    /// How a message names it, without ever quoting it.
    public var label: String {
        switch self {
        case .providerKey: return "an API key (sk-…)"
        case .githubToken: return "a GitHub token (ghp_…/github_pat_…)"
        case .awsAccessKey: return "an AWS access key id (AKIA…)"
        case .slackToken: return "a Slack token (xox…-)"
        case .privateKeyBlock: return "a PEM private key block"
        }
    }

    /// The pattern. A private key block whose END line was cut off still matches up to the end of its base64 lines.
    var pattern: String {
        let start = "(?<![A-Za-z0-9_\\-])"
        switch self {
        case .providerKey: return start + "sk-[A-Za-z0-9_\\-]{20,}"
        case .githubToken: return start + "(?:gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,})"
        case .awsAccessKey: return start + "(?:AKIA|ASIA)[0-9A-Z]{16}(?![0-9A-Za-z])"
        case .slackToken: return start + "xox[abposr]-[A-Za-z0-9\\-]{10,}"
        case .privateKeyBlock:
            return "-----BEGIN[A-Z0-9 ]* PRIVATE KEY-----(?:[\\s\\S]*?-----END[A-Z0-9 ]* PRIVATE KEY-----|(?:\\r?\\n[A-Za-z0-9+/=:, \\-]*)*)"
        }
    }

    /// Every shape compiled once, in one alternation per shape.
    static let compiled: [(shape: SecretTokenShape, regex: NSRegularExpression)] = allCases.map {
        ($0, try! NSRegularExpression(pattern: $0.pattern))
    }

    /// The ranges in `text` holding a token of some shape.
    static func matches(in text: String) -> [(shape: SecretTokenShape, range: Range<String.Index>)] {
        let whole = NSRange(text.startIndex..., in: text)
        return compiled.flatMap { entry in
            entry.regex.matches(in: text, range: whole).compactMap { match in
                Range(match.range, in: text).map { (entry.shape, $0) }
            }
        }
    }
}
