import Foundation
import Testing
@testable import GateCore

/// `run.local_budget_seconds`: the pre-push hook runs the shortest units within the budget and says loudly which it
/// deferred to CI; without the key, or in `gate run`, everything selected runs.
@Suite(.serialized, .enabled(if: GitSandbox.hasTool("python3 -c 'import pytest'")))
struct LocalBudgetEndToEndTests {
    /// ShardEndToEndTests' project without its failures: 24 fast tests and 6 of 0.2 s (tests/test_f4.py).
    static func project(budget: String?) -> [String: String] {
        var files = ShardEndToEndTests.project().mapValues {
            $0.replacingOccurrences(of: "assert add(1, 1) == 3", with: "assert add(1, 1) == 2").replacingOccurrences(of: "raise RuntimeError('boom')", with: "pass")
        }
        if let budget { files[".gate.yml"] = ShardEndToEndTests.config + "run:\n  local_budget_seconds: \(budget)\n" }
        return files
    }

    @Test func thePrePushHookRunsTheShortestUnitsWithinTheBudgetAndNamesTheRest() throws {
        let box = try GitSandbox()
        try box.makeProject(Self.project(budget: "0.5"))
        try box.gate("run --all --no-fix", in: "work")  // records the durations the budget is priced with
        try box.gate("install", in: "work")
        try box.sh("printf 'def add(a, b):\\n    return b + a\\n' > calc.py && git commit -qam swap", in: "work")
        let push = try box.sh("git push origin main", in: "work").output
        #expect(push.contains("run.local_budget_seconds 0.5: ran 26 of 30 selected units"), "\(push)")
        #expect(push.contains("deferred to CI: 4 units, ~1 s"), "\(push)")
        #expect(push.contains("26 passed"), "\(push)")

        // `gate run` by hand runs everything, budget or not.
        let manual = try box.gate("run --all --no-fix", in: "work").output
        #expect(manual.contains("30 passed") && !manual.contains("deferred to CI"), "\(manual)")
    }

    @Test func withoutTheKeyThePushRunsEverythingSelected() throws {
        let box = try GitSandbox()
        try box.makeProject(Self.project(budget: nil))
        try box.gate("run --all --no-fix", in: "work")
        try box.gate("install", in: "work")
        try box.sh("printf 'def add(a, b):\\n    return b + a\\n' > calc.py && git commit -qam swap", in: "work")
        let push = try box.sh("git push origin main", in: "work").output
        #expect(push.contains("30 passed") && !push.contains("deferred to CI"), "\(push)")
    }

    @Test(arguments: ["0", "-3", "soon", "[1]"])
    func badBudgetsNameTheKey(value: String) throws {
        let error = try #require(throws: ConfigError.self) { try ConfigParser().parse("version: 1\nrun:\n  local_budget_seconds: \(value)\n") }
        #expect(error.description.contains("run.local_budget_seconds"), "\(error)")
        #expect(try ConfigParser().parse("version: 1\nrun:\n  local_budget_seconds: 90\n").run.localBudgetSeconds == 90)
    }
}
