/// `history:` in `.gate.yml`: whether runs are recorded in `.git/gate/history.sqlite`, and how much is kept.
public struct HistorySettings: Sendable, Equatable {
    public init() {}
    /// false: nothing is recorded (reading what is there still works).
    public var enabled = true
    /// Pushes older than this are deleted, with their test runs and fix attempts.
    public var retentionDays: Double = 90
    /// At most this many pushes are kept, the newest.
    public var maxPushes = 2000
}
