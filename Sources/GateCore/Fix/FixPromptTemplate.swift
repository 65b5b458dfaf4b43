/// The default fix prompt; `Templates/fix-prompt.md` holds the same text for users to copy and adapt.
public enum FixPromptTemplate {
    /// Placeholders a template may use.
    public static let placeholders = ["failures", "diff", "sources", "protected", "previous_attempt", "reply_format"]

    public static let defaultText = """
Analyze test failures and suggest fix.

A push made the tests below fail. Find the cause in the source code and change the source code so that the tests pass.

Rules:
- Remember: the tests are correct, do not change them. Fix the code under test.
- You may edit ONLY code under test: source files (Python, JS/TS, Go, Swift) that are not tests. Everything else is
  refused before anything is written: tests and test support (conftest.py, fixtures, helpers and __init__.py of test
  packages, snapshots, test data), runner configuration (pytest.ini, tox.ini, setup.cfg, pyproject.toml, jest, vitest,
  mocha, karma, Package.swift), files Python or node load implicitly (sitecustomize.py, usercustomize.py, *.pth, .npmrc),
  manifests, lockfiles, CI files, hooks and .gate.yml. These paths are always refused:
{{protected}}
- A new file is allowed only as non-test source next to existing source of its language.
- Never make a test skip, xfail or disappear: the fix is verified by re-running the pushed commit's own tests, and each
  failing test must run and pass.
- Change as little as possible and keep the existing style: a fix over the file or changed-line limit is refused whole.
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
