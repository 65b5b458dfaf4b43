import Foundation

extension GateRun {
    /// Records this run in `.git/gate/history.sqlite` when it ran tests or found its tree verified. A run that ran
    /// nothing (a docs-only push) never opens the database. A history that cannot be written is said loudly and never
    /// changes the verdict.
    func recordHistory(verdict: Verdict, attempts: [FixAttemptRecord], started: Date, diffCoverage: Double? = nil) {
        guard historySettings.enabled, !captures.isEmpty || verifiedCacheHit else { return }
        let repository = self.repository
        do {
            let database = try HistoryDatabase(directory: directory)
            try HistoryRecorder(database: database, settings: historySettings).record(HistoryRecorder.Push(
                run: runID, started: started, wallTime: Date().timeIntervalSince(started), mode: mode.rawValue, verdict: verdict,
                captures: captures, attempts: attempts, tree: { try? repository.commit($0).tree },
                redactor: SecretRedactor(environment: environment), diffCoverage: diffCoverage))
        } catch {
            console.line(console.styled("gate: ⚠ this run was not recorded in the test history: \(error)", .yellow))
            trail.append(run: runID, event: .historyFailed, ["error": .string(String(describing: error))])
        }
    }
}
