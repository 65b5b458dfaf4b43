import Testing
@testable import GateCore

/// The prompt states the edit policy the validator enforces, and tells the next attempt why a fix was not verified.
@Suite struct FixPromptPolicyTests {
    static func prompt(_ previous: PreviousAttempt? = nil) -> String {
        let input = FixPromptInput(failures: [FailingTest(name: "test_add", kind: .failure, message: "assert -1 == 5")], diff: "",
                                   sources: [], protectedPaths: EditPolicy(unavailable: "unused").deniedDescriptions, previousAttempt: previous)
        return FixPromptBuilder().build(input, maxTokens: 1000).user
    }

    @Test func promptStatesTheDefaultDenyRule() {
        let text = Self.prompt()
        #expect(text.contains("You may edit ONLY code under test"))
        #expect(text.contains("conftest.py"))
        #expect(text.contains("sitecustomize.py"))
        #expect(text.contains("Never make a test skip, xfail or disappear"))
        #expect(text.contains("  - `conftest.py`"))
        #expect(text.contains("  - `.gate.yml`"))
    }

    @Test func nextAttemptIsToldWhyTheFixWasNotVerified() {
        let text = Self.prompt(.notVerified(reason: "the fix was not verified: unit: test_add was skipped or xfailed, not run and passed."))
        #expect(text.contains("Your previous edits were rolled back: the fix was not verified: unit: test_add was skipped or xfailed"))
    }
}
