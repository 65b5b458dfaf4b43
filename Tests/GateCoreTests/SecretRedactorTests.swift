import Foundation
import Testing
@testable import GateCore

@Suite struct SecretRedactorTests {
    static let github = "ghp_" + String(repeating: "aB3", count: 12)
    static let privateKey = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAsecretbase64line\nAnotherLine==\n-----END RSA PRIVATE KEY-----"

    @Test func redactsValuesOfKeyVariablesAboveTheMinimumLength() {
        let redactor = SecretRedactor(environment: [
            "OPENAI_API_KEY": "plain-openai-value-1", "ANTHROPIC_API_KEY": "anthropic-value-22", "DEPLOY_TOKEN": "deploy-token-333",
            "DB_PASSWORD": "hunter2hunter2", "SENTRY_SECRET": "sentry-secret-44", "CI_TOKEN": "short", "HOME": "/home/someone-long",
        ])
        let text = "a plain-openai-value-1 b anthropic-value-22 c deploy-token-333 d hunter2hunter2 e sentry-secret-44 f short g /home/someone-long"
        #expect(redactor.redact(text) == "a <redacted> b <redacted> c <redacted> d <redacted> e <redacted> f short g /home/someone-long")
        #expect(redactor.findings(in: "x deploy-token-333") == ["the value of DEPLOY_TOKEN"])
    }

    @Test func redactsWellKnownTokenShapes() {
        let redactor = SecretRedactor(environment: [:])
        let samples = ["sk-proj-" + String(repeating: "x", count: 30), "sk-ant-api03-" + String(repeating: "Y", count: 30), Self.github,
                       "github_pat_" + String(repeating: "1a", count: 20), "AKIAIOSFODNN7EXAMPLE", "xoxb-1234567890-abcdefghij", Self.privateKey]
        for sample in samples {
            #expect(redactor.redact("before \(sample) after") == "before <redacted> after", "\(sample.prefix(12))")
        }
        // Look-alikes inside ordinary words stay.
        let ordinary = "task-" + String(repeating: "q", count: 30) + " AKIA_NOT_A_KEY disk-cache"
        #expect(redactor.redact(ordinary) == ordinary)
    }

    @Test func aPrivateKeyCutOffBeforeItsEndLineIsStillRedacted() {
        let cut = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\nQUJDREVGR0g=\n"
        let redacted = SecretRedactor(environment: [:]).redact("trace:\n" + cut + "[... 400 bytes omitted ...]")
        #expect(!redacted.contains("b3BlbnNzaC1rZXktdjEAAAAA"))
        #expect(!redacted.contains("QUJDREVGR0g="))
        #expect(redacted.contains("[... 400 bytes omitted ...]"))
    }

    @Test func extraValuesAndSecretFileLines() {
        let values = SecretRedactor.values(inSecretFile: "DATABASE_URL=postgres://u:pw-9Q@db/x\nDEBUG=1\nexport STRIPE='stripe-val-123'\n")
        #expect(values.contains("postgres://u:pw-9Q@db/x"))
        #expect(values.contains("stripe-val-123"))
        #expect(!values.contains("1"))
        let redactor = SecretRedactor(environment: [:], extraValues: values.map { (value: $0, source: ".env") })
        #expect(redactor.redact("connecting to postgres://u:pw-9Q@db/x") == "connecting to <redacted>")
    }

    @Test func keyVariableNames() {
        for name in ["OPENAI_API_KEY", "anthropic_api_key", "GITHUB_TOKEN", "AWS_SECRET_ACCESS_KEY", "DB_PASSWORD", "CLIENT_SECRET", "MY_APIKEY"] {
            #expect(SecretRedactor.isKeyVariable(name), "\(name)")
        }
        for name in ["PATH", "HOME", "TOKENIZER", "KEYBOARD", "OLLAMA_HOST"] {
            #expect(!SecretRedactor.isKeyVariable(name), "\(name)")
        }
    }

    @Test func secretPathRuleCoversKeysAndCredentialFiles() {
        let rule = SecretPathRule(extraGlobs: ["config/prod.yml"])
        for path in [".env", ".env.local", "deploy/.env.production", "id_rsa", "home/.ssh/id_ed25519", "server.pem", "tls/server.key",
                     "store.p12", "cert.pfx", ".npmrc", ".pypirc", ".netrc", "aws/credentials", "config/prod.yml"] {
            #expect(rule.isSecret(path), "\(path)")
        }
        for path in ["src/env.py", "keys.py", "credentials.py", "README.md", "rsa_test.go"] {
            #expect(!rule.isSecret(path), "\(path)")
        }
    }

    @Test func diffFilterKeepsTheHeaderAndWithholdsTheContent() {
        let diff = """
            diff --git a/.env b/.env
            new file mode 100644
            index 0000000..1111111
            --- /dev/null
            +++ b/.env
            @@ -0,0 +1 @@
            +API=value-from-dotenv-77
            diff --git a/calc.py b/calc.py
            index 2222222..3333333 100644
            --- a/calc.py
            +++ b/calc.py
            @@ -1 +1 @@
            -    return a + b
            +    return a - b
            diff --git a/keys/server.pem b/keys/server.pem
            deleted file mode 100644
            --- a/keys/server.pem
            +++ /dev/null
            @@ -1 +0,0 @@
            -CERTIFICATE-CONTENT-88
            """
        let filtered = SecretDiffFilter(rule: SecretPathRule()).filter(diff)
        #expect(!filtered.contains("value-from-dotenv-77"))
        #expect(!filtered.contains("CERTIFICATE-CONTENT-88"))
        #expect(filtered.contains("diff --git a/.env b/.env\n(this file changed; its content is withheld"))
        #expect(filtered.contains("diff --git a/keys/server.pem b/keys/server.pem\n(this file changed"))
        #expect(filtered.contains("-    return a + b\n+    return a - b"))
    }
}

/// The diff gate builds for the prompt, straight from libgit2: secret files are named, their content never read in.
@Suite struct WithheldPatchTests {
    @Test func patchTextWithholdsSecretFilesOnEitherSide() throws {
        let box = try GitSandbox("gate-patch")
        try box.makeProject(["calc.py": "x = 1\n", "old.key": "OLD-KEY-CONTENT-31\n"])
        try box.write("work/calc.py", "x = 2\n")
        try box.write("work/.env", "TOKEN=dotenv-content-17\n")
        try box.sh("git mv old.key renamed.txt && git add -A && git commit -qm change", in: "work")
        let repo = try GitRepository(discoveringFrom: box.path("work"))
        let base = try repo.commit(ObjectID(hex: try box.rev("HEAD~1"))!).tree
        let tip = try repo.commit(ObjectID(hex: try box.rev("HEAD"))!).tree
        let rule = SecretPathRule()
        let patch = try repo.patchText(from: base, to: tip, withholding: rule.isSecret)
        #expect(patch.contains("-x = 1\n+x = 2\n"))
        #expect(patch.contains("diff --git a/.env b/.env\n(this file changed; its content is withheld"))
        #expect(!patch.contains("dotenv-content-17"))
        #expect(!patch.contains("OLD-KEY-CONTENT-31"))
        // Unfiltered, the same diff holds both: the filter is what keeps them out.
        let full = try repo.patchText(from: base, to: tip)
        #expect(full.contains("dotenv-content-17") && full.contains("OLD-KEY-CONTENT-31"))
    }
}
