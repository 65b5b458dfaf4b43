import Foundation

/// The error a provider put in a response body, whichever shape it used:
/// OpenAI `{"error":{"message","type","code"}}`, Anthropic `{"type":"error","error":{"type","message"}}`,
/// older vLLM's flat `{"object":"error","message",...}`, Ollama's `{"error":"..."}`, or raw text.
public struct ProviderErrorBody: Sendable, Equatable {
    public var message: String
    public var type: String?
    public var code: String?

    public init(message: String, type: String? = nil, code: String? = nil) {
        self.message = message
        self.type = type
        self.code = code
    }

    /// Parses any known error shape, falling back to the raw body (shortened).
    public init(parsing body: Data) {
        let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
        if let nested = object?["error"] as? [String: Any] {
            self.init(message: Self.text(nested["message"]) ?? "", type: Self.text(nested["type"]), code: Self.text(nested["code"]))
        } else if let flat = object?["error"] as? String {
            self.init(message: flat)
        } else if let object, let message = Self.text(object["message"]) {
            self.init(message: message, type: Self.text(object["type"]), code: Self.text(object["code"]))
        } else {
            let raw = String(decoding: body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            self.init(message: raw.count > 500 ? String(raw.prefix(500)) + "…" : raw)
        }
    }

    /// True when the account has no credit left (OpenAI `insufficient_quota`, Anthropic "credit balance is too low").
    public var isInsufficientQuota: Bool {
        code == "insufficient_quota" || type == "insufficient_quota"
            || mentions(["exceeded your current quota", "credit balance is too low", "insufficient_quota"])
    }

    /// True when the account hit a spend or usage limit its owner set.
    public var isSpendLimit: Bool {
        code == "billing_hard_limit_reached"
            || mentions(["spend limit", "spending limit", "usage limit", "billing hard limit", "billing_hard_limit"])
    }

    private func mentions(_ phrases: [String]) -> Bool {
        let lowered = message.lowercased()
        return phrases.contains { lowered.contains($0) }
    }

    private static func text(_ value: Any?) -> String? {
        switch value {
        case let string as String: return string
        case let number as NSNumber: return number.stringValue
        default: return nil
        }
    }
}
