import Testing

@testable import GateCore

@Suite struct GlobPatternRuleTests {
    @Test func starStaysInsideOneComponent() {
        #expect(GlobPattern("src/*.py").matches("src/a.py"))
        #expect(!GlobPattern("src/*.py").matches("src/sub/a.py"))
    }

    @Test func doubleStarSpansComponents() {
        let pattern = GlobPattern("src/**/test_*.py")
        #expect(pattern.matches("src/test_a.py"))
        #expect(pattern.matches("src/x/y/test_b.py"))
        #expect(!pattern.matches("lib/test_a.py"))
        #expect(GlobPattern("ci/**").matches("ci/scripts/run.sh"))
        #expect(GlobPattern("**/generated/*").matches("a/b/generated/x.go"))
    }

    @Test func questionMarkAndClasses() {
        #expect(GlobPattern("v?.txt").matches("v1.txt"))
        #expect(!GlobPattern("v?.txt").matches("v12.txt"))
        #expect(GlobPattern("data/[a-c]*.json").matches("data/b1.json"))
        #expect(!GlobPattern("data/[!a-c]*.json").matches("data/b1.json"))
        #expect(GlobPattern("data/[^a-c]*.json").matches("data/z.json"))
    }

    @Test func patternWithoutSlashMatchesAnyComponent() {
        #expect(GlobPattern("*.md").matches("docs/guide/intro.md"))
        #expect(GlobPattern("node_modules").matches("web/node_modules/x/index.js"))
        #expect(!GlobPattern("*.md").matches("src/md.py"))
    }

    @Test func anchoredAndDirectoryPatterns() {
        #expect(GlobPattern("/build/").matches("build/out/a.o"))
        #expect(!GlobPattern("/build/").matches("src/build/a.o"))
    }
}
