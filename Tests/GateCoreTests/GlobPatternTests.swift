import Testing
@testable import GateCore

@Suite struct GlobPatternTests {
    @Test(arguments: [
        ("test_*.py", "test_calc.py", true),
        ("test_*.py", "pkg/tests/test_calc.py", true),
        ("test_*.py", "src/contest_a.py", false),
        ("*_test.go", "internal/x/parse_test.go", true),
        ("*.test.*", "web/app.test.tsx", true),
        ("*.spec.*", "web/app.ts", false),
        ("**/tests/**", "tests/unit/test_a.py", true),
        ("**/tests/**", "pkg/tests/helpers.py", true),
        ("**/tests/**", "src/mytests/a.py", false),
        ("tests/**", "pkg/tests/helpers.py", false),
        ("Package.swift", "Package.swift", true),
        ("Package.swift", "Sub/Package.swift", true),
        ("Package.swift", "Package.swifty", false),
        ("requirements*.txt", "requirements-dev.txt", true),
        ("/setup.py", "setup.py", true),
        ("/setup.py", "vendor/setup.py", false),
        ("src/**/gen_*.py", "src/gen_a.py", true),
        ("src/**/gen_*.py", "src/a/b/gen_a.py", true),
        ("src/*.py", "src/a/b.py", false),
        ("file?.txt", "file1.txt", true),
        ("file?.txt", "file10.txt", false),
        ("**/*.pem", "certs/deep/server.pem", true),
        ("docs/", "docs/a/b.md", true),
        ("refs/heads/release/*", "refs/heads/release/1.0", true),
        ("refs/heads/release/*", "refs/heads/main", false),
    ])
    func matching(pattern: String, path: String, expected: Bool) {
        #expect(GlobPattern(pattern).matches(path) == expected, "\(pattern) vs \(path)")
    }
}
