/// One AI fix attempt of a push (`fix_attempt` table).
public struct RecordedFixAttempt: Codable, Sendable, Equatable {
    public var run: String
    public var attempt: Int
    public var provider: String
    public var model: String
    public var inputTokens: Int?
    public var outputTokens: Int?
    public var outcome: FixAttemptOutcome
}
