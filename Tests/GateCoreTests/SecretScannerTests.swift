import Foundation
import Testing
@testable import GateCore

@Suite struct SecretScannerTests {
    static let key = "sk-test-SECRET-0123456789abcdef"
    static let scanner = SecretScanner(redactor: SecretRedactor(environment: ["OPENAI_API_KEY": key]))

    @Test func refusesAnEditWritingTheKnownKey() {
        let edits = [FileEdit(path: "calc.py", search: "x = 1\n", replace: "x = 2\n"),
                     FileEdit(path: "calc.py", search: "y = 1\n", replace: "API = '\(Self.key)'\n")]
        let leak = Self.scanner.leak(in: edits)
        #expect(leak == SecretLeak(block: 2, path: "calc.py", what: "the value of OPENAI_API_KEY"))
        #expect(leak?.description.contains(Self.key) == false)
        #expect(leak?.description.contains("Nothing was applied") == true)
    }

    @Test func refusesNewTokenShapes() {
        let github = "ghp_" + String(repeating: "Q1w", count: 12)
        #expect(Self.scanner.leak(in: [FileEdit(path: "a.py", search: "", replace: "T = '\(github)'\n")])?.what == SecretTokenShape.githubToken.label)
        #expect(Self.scanner.leak(in: [FileEdit(path: "a.py", search: "a\n", replace: "K = 'AKIAABCDEFGHIJKLMNOP'\n")])?.what == SecretTokenShape.awsAccessKey.label)
        #expect(Self.scanner.leak(in: [FileEdit(path: "a.py", search: "a\n", replace: "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n-----END EC PRIVATE KEY-----\n")]) != nil)
    }

    @Test func keepsATokenShapeTheFileAlreadyHeldAndPassesOrdinaryEdits() {
        let example = "EXAMPLE = 'AKIAIOSFODNN7EXAMPLE'\n"
        #expect(Self.scanner.leak(in: [FileEdit(path: "docs_example.py", search: example + "x = 1\n", replace: example + "x = 2\n")]) == nil)
        #expect(Self.scanner.leak(in: [FileEdit(path: "calc.py", search: "    return a - b\n", replace: "    return a + b\n")]) == nil)
    }

    @Test func refusesAnyEditToASecretPatternFile() {
        let leak = Self.scanner.leak(in: [FileEdit(path: "config/.env.production", search: "", replace: "DEBUG=0\n")])
        #expect(leak?.what == "a file that may hold secrets (matches `.env*`)")
        let custom = SecretScanner(redactor: SecretRedactor(environment: [:]), paths: SecretPathRule(extraGlobs: ["vault/**"]))
        #expect(custom.leak(in: [FileEdit(path: "vault/app.yml", search: "a\n", replace: "b\n")]) != nil)
    }
}
