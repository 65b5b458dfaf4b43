import Foundation

/// Renders the fix prompt from a template with `{{failures}}`, `{{diff}}`, `{{sources}}`,
/// `{{protected}}`, `{{previous_attempt}}` and `{{reply_format}}` placeholders, keeping each part
/// within its byte budget. Nothing secret goes in: secret-pattern files are left out of the sources and have their
/// content withheld from the diff, and every part (failure output and previous attempt included) is redacted.
public struct FixPromptBuilder: Sendable {
    /// The default system prompt.
    public static let defaultSystemPrompt = """
        You are gate, an automated assistant that fixes failing tests by editing source code. \
        Reply only with SEARCH/REPLACE blocks, as the reply format section describes.
        """

    /// Files never shown to the model, whatever the index says.
    public static let defaultSecretGlobs = SecretPathRule.defaultGlobs

    /// How the model must write its edits.
    public static let replyFormat = """
        Reply with one SEARCH/REPLACE block per change, in this exact form:

        path/to/file.py
        ```python
        <<<<<<< SEARCH
        the exact lines to replace, copied from the file
        =======
        the new lines
        >>>>>>> REPLACE
        ```

        - Put the file's path, relative to the repository root, alone on the line before the block.
        - The SEARCH section must match the file's current lines exactly, including indentation, \
        and must match only one place; include a few surrounding lines when needed.
        - To create a new file, leave the SEARCH section empty.
        - Use several small blocks rather than one large one.
        """

    public var template: String
    public var systemPrompt: String
    /// Bytes kept per failing test (message and trace together), as head and tail.
    public var failureBudgetBytes: Int
    /// Bytes kept of the push diff, as head and tail.
    public var diffBudgetBytes: Int
    /// Total bytes of source file text; files that do not fit are left out whole.
    public var sourceBudgetBytes: Int
    /// Files matching these globs (on top of the defaults) are never sent, in the sources or the diff.
    public var secretGlobs: [String]
    /// Redacts key values and token shapes from everything the prompt holds.
    public var redactor: SecretRedactor

    public init(template: String = FixPromptTemplate.defaultText, systemPrompt: String = FixPromptBuilder.defaultSystemPrompt, failureBudgetBytes: Int = 10 * 1024, diffBudgetBytes: Int = 32 * 1024, sourceBudgetBytes: Int = 256 * 1024, secretGlobs: [String] = FixPromptBuilder.defaultSecretGlobs, redactor: SecretRedactor = SecretRedactor(environment: [:])) {
        self.template = template
        self.systemPrompt = systemPrompt
        self.failureBudgetBytes = failureBudgetBytes
        self.diffBudgetBytes = diffBudgetBytes
        self.sourceBudgetBytes = sourceBudgetBytes
        self.secretGlobs = secretGlobs
        self.redactor = redactor
    }

    /// The request for a provider: the system prompt and the rendered template.
    public func build(_ input: FixPromptInput, maxTokens: Int) -> FixRequest {
        FixRequest(system: systemPrompt, user: render(input), maxTokens: maxTokens)
    }

    /// The rendered template. Placeholders are replaced in one pass, so text inside a
    /// failure or source file that looks like a placeholder stays as it is.
    public func render(_ input: FixPromptInput) -> String {
        let values = [
            "failures": failures(input.failures),
            "diff": diff(input.diff),
            "sources": sources(input.sources),
            "protected": input.protectedPaths.isEmpty ? "(none)" : input.protectedPaths.map { "  - `\($0)`" }.joined(separator: "\n"),
            "previous_attempt": redactor.redact(previousAttempt(input.previousAttempt)),
            "reply_format": Self.replyFormat,
        ]
        var output = ""
        var rest = template[...]
        while let open = rest.range(of: "{{") {
            output += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "}}") else {
                rest = rest[open.lowerBound...]
                break
            }
            let name = String(rest[open.upperBound..<close.lowerBound]).trimmingCharacters(in: .whitespaces)
            output += values[name] ?? String(rest[open.lowerBound..<close.upperBound])
            rest = rest[close.upperBound...]
        }
        return redactor.redact(output + rest)
    }

    private func failures(_ tests: [FailingTest]) -> String {
        guard !tests.isEmpty else { return "(no failure details were captured)" }
        return tests.map { test in
            let label = test.kind == .failure ? "FAILURE" : "ERROR"
            let details = redactor.redact([test.message, test.trace].filter { !$0.isEmpty }.joined(separator: "\n"))
            return "### \(label): \(test.name)\n" + Self.fenced(HeadTailTrimmer.trim(details, toBytes: failureBudgetBytes))
        }.joined(separator: "\n\n")
    }

    private func diff(_ text: String) -> String {
        guard !text.isEmpty else { return "(no diff)" }
        let withheld = SecretDiffFilter(rule: SecretPathRule(extraGlobs: secretGlobs)).filter(text)
        return Self.fenced(HeadTailTrimmer.trim(redactor.redact(withheld), toBytes: diffBudgetBytes), language: "diff")
    }

    private func sources(_ files: [SourceFile]) -> String {
        let rule = SecretPathRule(extraGlobs: secretGlobs)
        var remaining = sourceBudgetBytes
        var shown: [String] = []
        var omitted: [String] = []
        for file in files {
            if let glob = rule.matchingGlob(file.path) {
                omitted.append("`\(file.path)` (may hold secrets: matches `\(glob)`)")
            } else if file.text.utf8.count > remaining {
                omitted.append("`\(file.path)` (over the prompt's size budget)")
            } else {
                remaining -= file.text.utf8.count
                shown.append("\(file.path)\n" + Self.fenced(redactor.redact(file.text)))
            }
        }
        var parts = shown.isEmpty ? ["(no source files)"] : shown
        if !omitted.isEmpty {
            parts.append("Not shown: " + omitted.joined(separator: ", ") + ".")
        }
        return parts.joined(separator: "\n\n")
    }

    private func previousAttempt(_ attempt: PreviousAttempt?) -> String {
        switch attempt {
        case nil:
            return "This is the first attempt."
        case .editRejected(let edit, let reason):
            var text = "Your previous reply was not applied, and no file was changed: \(reason)"
            if let edit {
                text += "\nThe rejected block was:\n" + Self.fenced("\(edit.path)\n<<<<<<< SEARCH\n\(edit.search)=======\n\(edit.replace)>>>>>>> REPLACE\n")
            }
            return text + "\nSend the complete fix again with corrected blocks."
        case .unreadableReply(let reason):
            return "Your previous reply could not be read, and no file was changed: \(reason)\nUse the reply format below exactly."
        case .truncatedReply:
            return "Your previous reply was cut off at the token limit and was not applied. Send a shorter reply with small, focused blocks."
        case .testsStillFailing(let names):
            let list = names.map { "  - \($0)" }.joined(separator: "\n")
            return "Your previous edits were applied, but these tests still fail:\n\(list)\nThe source files above show the current content."
        case .notVerified(let reason):
            return "Your previous edits were rolled back: \(reason)\nFix the code under test so that the failing tests run and pass."
        }
    }

    /// Wraps text in a fence longer than any backtick run inside it.
    private static func fenced(_ text: String, language: String = "") -> String {
        var longest = 0, run = 0
        for character in text {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: max(3, longest + 1))
        return fence + language + "\n" + text + (text.hasSuffix("\n") ? "" : "\n") + fence
    }
}
