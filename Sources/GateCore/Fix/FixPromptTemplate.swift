/// The default fix prompt; `Templates/fix-prompt.md` holds the same text for users to copy and adapt.
public enum FixPromptTemplate {
    /// Placeholders a template may use.
    public static let placeholders = ["failures", "diff", "sources", "protected", "previous_attempt", "reply_format"]

    public static let defaultText = """
Analyze test failures and suggest fix.

A push made the tests below fail. Find the cause in the source code and change the source code so that the tests pass.

Rules:
- Remember: the tests are correct, do not change them. Fix the code under test.
- Do not edit these protected paths; an edit to any of them is rejected:
{{protected}}
- Change as little as possible and keep the existing style.
- Only edit files shown below, or create new files.

## Failing tests

{{failures}}

## The pushed changes

{{diff}}

## Source files

{{sources}}

## Previous attempt

{{previous_attempt}}

## Reply format

{{reply_format}}
"""
}
