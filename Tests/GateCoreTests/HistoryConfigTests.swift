import Testing
@testable import GateCore

@Suite struct HistoryConfigTests {
    @Test func historyAndFlakyKeysAreReadWithDefaults() throws {
        let defaults = try ConfigParser().parse("version: 1\n")
        #expect(defaults.history == HistorySettings())
        #expect(defaults.flaky.quarantine == false)
        let config = try ConfigParser().parse("""
            version: 1
            history:
              enabled: false
              retention_days: 30
              max_pushes: 500
            flaky:
              quarantine: true
              min_rate: 0.2
              min_runs: 8
            """)
        #expect(config.history.enabled == false)
        #expect(config.history.retentionDays == 30)
        #expect(config.history.maxPushes == 500)
        #expect(config.flaky.quarantine)
        #expect(config.flaky.minRate == 0.2)
        #expect(config.flaky.minRuns == 8)
    }

    @Test func badHistoryAndFlakyValuesNameTheLine() {
        let cases: [(String, Int, String)] = [
            ("version: 1\nhistory:\n  keep: 3\n", 3, "unknown key \"keep\" in history"),
            ("version: 1\nhistory:\n  retention_days: -1\n", 3, "history.retention_days must be a number of days greater than 0"),
            ("version: 1\nhistory:\n  max_pushes: 0\n", 3, "history.max_pushes must be greater than 0"),
            ("version: 1\nflaky:\n  min_rate: 5\n", 3, "flaky.min_rate is a share of runs"),
            ("version: 1\nflaky:\n  quarantine: maybe\n", 3, "flaky.quarantine must be true or false"),
            ("version: 1\nflaky: yes\n", 2, "flaky must be a mapping"),
        ]
        for (text, line, message) in cases {
            do {
                _ = try ConfigParser().parse(text)
                Issue.record("accepted: \(text)")
            } catch let error as ConfigError {
                #expect(error.line == line, "\(text)")
                #expect(error.description.contains(message), "\(error.description)")
            } catch {
                Issue.record("\(error)")
            }
        }
    }
}
