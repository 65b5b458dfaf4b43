import Foundation
import Testing
@testable import GateCore

@Suite struct FixPromptBuilderTests {
    static let input = FixPromptInput(
        failures: [
            FailingTest(name: "tests/test_calc.py::test_add", kind: .failure, message: "assert -1 == 3", trace: "tests/test_calc.py:4: AssertionError"),
            FailingTest(name: "tests/test_io.py", kind: .error, message: "ImportError: cannot import name 'load'"),
        ],
        diff: "--- a/src/calc.py\n+++ b/src/calc.py\n@@ -1 +1 @@\n-    return a + b\n+    return a - b\n",
        sources: [SourceFile(path: "src/calc.py", text: "def add(a, b):\n    return a - b  # {{diff}}\n")],
        protectedPaths: ["tests/**", "Package.swift"])

    @Test func defaultPromptHasEverySection() {
        let request = FixPromptBuilder().build(Self.input, maxTokens: 4096)
        let prompt = request.user
        #expect(request.maxTokens == 4096)
        #expect(request.system.contains("SEARCH/REPLACE"))
        #expect(prompt.contains("Analyze test failures and suggest fix"))
        #expect(prompt.contains("the tests are correct, do not change them"))
        #expect(prompt.contains("### FAILURE: tests/test_calc.py::test_add\n```\nassert -1 == 3\ntests/test_calc.py:4: AssertionError\n```"))
        #expect(prompt.contains("### ERROR: tests/test_io.py"))
        #expect(prompt.contains("```diff\n--- a/src/calc.py"))
        #expect(prompt.contains("src/calc.py\n```\ndef add(a, b):\n    return a - b  # {{diff}}\n```"))
        #expect(prompt.contains("  - `tests/**`\n  - `Package.swift`"))
        #expect(prompt.contains("This is the first attempt."))
        #expect(prompt.contains("<<<<<<< SEARCH"))
        #expect(prompt.components(separatedBy: "{{").count == 2, "only the source file's literal {{diff}} may remain")
    }

    @Test func longFailureOutputKeepsHeadAndTail() {
        let trace = (1...2000).map { "frame \($0) in some/deep/module.py" }.joined(separator: "\n")
        var input = Self.input
        input.failures = [FailingTest(name: "t", kind: .failure, message: "FIRST LINE", trace: trace + "\nLAST LINE")]
        let prompt = FixPromptBuilder(failureBudgetBytes: 2048).render(input)
        #expect(prompt.contains("FIRST LINE"))
        #expect(prompt.contains("LAST LINE"))
        #expect(prompt.contains("bytes omitted"))
        #expect(!prompt.contains("frame 1000 in"))
        #expect(HeadTailTrimmer.trim(trace, toBytes: 10 * 1024).utf8.count < 10 * 1024 + 100)
    }

    @Test func sourcesRespectSecretsAndTheBudget() {
        var input = Self.input
        input.sources = [
            SourceFile(path: ".env.local", text: "API_KEY=hunter2\n"),
            SourceFile(path: "certs/server.pem", text: "-----BEGIN PRIVATE KEY-----\n"),
            SourceFile(path: "src/small.py", text: "A = 1\n"),
            SourceFile(path: "src/huge.py", text: String(repeating: "x = 1\n", count: 1000)),
            SourceFile(path: "src/later.py", text: "B = 2\n"),
        ]
        let prompt = FixPromptBuilder(sourceBudgetBytes: 100).render(input)
        #expect(!prompt.contains("hunter2"))
        #expect(!prompt.contains("BEGIN PRIVATE KEY"))
        #expect(prompt.contains("src/small.py\n```\nA = 1\n```"))
        #expect(prompt.contains("src/later.py\n```\nB = 2\n```"))
        #expect(prompt.contains("`src/huge.py` (over the prompt's size budget)"))
        #expect(prompt.contains("`.env.local` (may hold secrets: matches `.env*`)"))
    }

    @Test func previousAttemptIsExplained() {
        var input = Self.input
        let rejection = EditRejection(block: 1, path: "src/calc.py", reason: .searchNotFound)
        input.previousAttempt = .editRejected(edit: FileEdit(path: "src/calc.py", search: "retrun a\n", replace: "return b\n"), reason: rejection.description)
        let rejected = FixPromptBuilder().render(input)
        #expect(rejected.contains(rejection.description))
        #expect(rejected.contains("src/calc.py\n<<<<<<< SEARCH\nretrun a\n=======\nreturn b\n>>>>>>> REPLACE"))

        input.previousAttempt = .testsStillFailing(["tests/test_calc.py::test_add"])
        #expect(FixPromptBuilder().render(input).contains("these tests still fail:\n  - tests/test_calc.py::test_add"))
        input.previousAttempt = .truncatedReply
        #expect(FixPromptBuilder().render(input).contains("cut off at the token limit"))
    }

    @Test func customTemplateAndFenceLength() {
        var input = Self.input
        input.sources = [SourceFile(path: "README.md", text: "```swift\nlet x = 1\n```\n")]
        let prompt = FixPromptBuilder(template: "S={{sources}} U={{unknown}}").render(input)
        #expect(prompt == "S=README.md\n````\n```swift\nlet x = 1\n```\n```` U={{unknown}}")
    }

    @Test func shippedTemplateFileMatchesTheBuiltInDefault() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let shipped = try String(contentsOf: root.appendingPathComponent("Templates/fix-prompt.md"), encoding: .utf8)
        #expect(shipped.trimmingCharacters(in: .newlines) == FixPromptTemplate.defaultText.trimmingCharacters(in: .newlines))
        for placeholder in FixPromptTemplate.placeholders {
            #expect(shipped.contains("{{\(placeholder)}}"))
        }
    }

    /// Issue 11: nothing secret in any part of the prompt (diff, sources, failure output, previous attempt).
    @Test func noSecretInAnyPartOfThePrompt() {
        let key = "sk-live-" + String(repeating: "k", count: 28)
        let token = "deploy-token-0042"
        let aws = "AKIA" + "QWERTYUIOPASDFGH"
        let input = FixPromptInput(
            failures: [FailingTest(name: "t", kind: .failure, message: "AssertionError: env \(key) \(token)", trace: "aws=\(aws)")],
            diff: "diff --git a/.env b/.env\n--- /dev/null\n+++ b/.env\n@@ -0,0 +1 @@\n+DB=dotenv-secret-value\n"
                + "diff --git a/app.py b/app.py\n--- a/app.py\n+++ b/app.py\n@@ -1 +1 @@\n-A = 1\n+A = '\(key)'\n",
            sources: [SourceFile(path: "app.py", text: "A = '\(key)'\n"), SourceFile(path: "id_ed25519", text: "private-key-body\n")],
            protectedPaths: [],
            previousAttempt: .editRejected(edit: FileEdit(path: "app.py", search: "A = 1\n", replace: "A = '\(token)'\n"), reason: "no match"))
        let builder = FixPromptBuilder(redactor: SecretRedactor(environment: ["OPENAI_API_KEY": key, "DEPLOY_TOKEN": token]))
        let request = builder.build(input, maxTokens: 100)
        for secret in [key, token, aws, "dotenv-secret-value", "private-key-body"] {
            #expect(!request.user.contains(secret), "\(secret)")
        }
        #expect(request.user.contains("AssertionError: env <redacted> <redacted>"))
        #expect(request.user.contains("diff --git a/.env b/.env\n(this file changed; its content is withheld"))
        #expect(request.user.contains("`id_ed25519` (may hold secrets: matches `id_ed25519*`)"))
        // Even with no environment at all, token shapes go.
        #expect(!FixPromptBuilder().render(input).contains(key))
    }
}
