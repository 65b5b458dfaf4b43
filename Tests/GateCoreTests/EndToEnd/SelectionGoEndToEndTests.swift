import Foundation
import Testing
@testable import GateCore

/// Impact selection on a real Go module: `gate affected` on real commits, real pushes through the hook, and
/// the safety check against what `go test ./...` actually fails.
@Suite("selection end to end: Go", .enabled(if: GitSandbox.hasTool("go version")))
struct SelectionGoEndToEndTests {
    /// Packages a and b import shared; a also imports internal/util and reads testdata; b is tested from an
    /// external `b_test` package; cmd/tool is a main package without tests.
    static let files: [String: String] = [
        ".gate.yml": "version: 1\nsuites:\n  - name: go\n    runner: go\n    timeout: 300\nfix:\n  provider: none\n",
        "go.mod": "module example.com/calc\n\ngo 1.19\n",
        "README.md": "# calc\n",
        "docs/guide.md": "# Guide\n",
        "shared/shared.go": "package shared\n\n// Scale doubles x.\nfunc Scale(x int) int { return x * 2 }\n",
        "shared/shared_test.go": """
            package shared

            import "testing"

            func TestScale(t *testing.T) {
            \tif Scale(3) != 6 {
            \t\tt.Fatal("Scale(3) != 6")
            \t}
            }
            """,
        "internal/util/util.go": "package util\n\n// Offset is added by a.\nfunc Offset() int { return 1 }\n",
        "a/a.go": """
            package a

            import (
            \t"example.com/calc/internal/util"
            \t"example.com/calc/shared"
            )

            // A scales and offsets x.
            func A(x int) int { return shared.Scale(x) + util.Offset() }
            """,
        "a/a_test.go": """
            package a

            import (
            \t"os"
            \t"strconv"
            \t"strings"
            \t"testing"
            )

            func TestA(t *testing.T) {
            \tif A(10) != 21 {
            \t\tt.Fatal("A(10) != 21")
            \t}
            }

            func TestAFromTestdata(t *testing.T) {
            \traw, err := os.ReadFile("testdata/input.txt")
            \tif err != nil {
            \t\tt.Fatal(err)
            \t}
            \tn, err := strconv.Atoi(strings.TrimSpace(string(raw)))
            \tif err != nil || A(n) != 2*n+1 {
            \t\tt.Fatalf("bad input %q", raw)
            \t}
            }
            """,
        "a/testdata/input.txt": "4\n",
        "b/b.go": "package b\n\nimport \"example.com/calc/shared\"\n\n// B scales and decrements x.\nfunc B(x int) int { return shared.Scale(x) - 1 }\n",
        "b/b_test.go": """
            package b_test

            import (
            \t"testing"

            \t"example.com/calc/b"
            )

            func TestB(t *testing.T) {
            \tif b.B(10) != 19 {
            \t\tt.Fatal("B(10) != 19")
            \t}
            }
            """,
        "cmd/tool/main.go": "package main\n\nimport (\n\t\"fmt\"\n\n\t\"example.com/calc/a\"\n)\n\nfunc main() { fmt.Println(a.A(1)) }\n",
    ].mapValues(withFinalNewline)

    static let allTests: Set<String> = ["./a", "./b", "./shared"]

    func repo() throws -> SelectionRepo {
        try SelectionRepo(Self.files, name: "gate-sel-go")
    }

    @Test func leafChangeSelectsOnlyItsPackageAndThePushRunsOnlyIt() throws {
        let repo = try repo()
        try repo.install()
        try repo.commit("tweak a", write: ["a/a.go": try repo.text("a/a.go") + "\n// Limit is unused.\nconst Limit = 5\n"])
        let report = try repo.affectedByLastCommit()
        #expect(report.mode == .selected)
        #expect(report.ids == ["./a"])
        #expect(report.tests.first?.because == ["a/a.go", "a"])
        let push = try repo.push()
        #expect(push.output.contains("go (1 selected)"))
        // Package a has two tests; b's and shared's did not run.
        #expect(push.output.contains("go (go): 2 passed, 0 failed, 0 errors"))
        #expect(push.output.contains("PASSED"))
        #expect(try repo.remoteHead() == repo.box.rev("HEAD"))
    }

    @Test func sharedChangeSelectsEveryDependent() throws {
        let repo = try repo()
        try repo.commit("tweak shared", write: ["shared/shared.go": try repo.text("shared/shared.go") + "\n// Factor is unused.\nconst Factor = 2\n"])
        #expect(try repo.affectedByLastCommit().ids == ["./a", "./b", "./shared"])
        try repo.commit("tweak util", write: ["internal/util/util.go": try repo.text("internal/util/util.go") + "\n// Spare is unused.\nconst Spare = 2\n"])
        #expect(try repo.affectedByLastCommit().ids == ["./a"])
        // testdata belongs to its package's tests only.
        try repo.commit("tweak testdata", write: ["a/testdata/input.txt": "5\n"])
        #expect(try repo.affectedByLastCommit().ids == ["./a"])
        // A main package without tests affects no test.
        try repo.commit("tweak tool", write: ["cmd/tool/main.go": try repo.text("cmd/tool/main.go") + "\n// Version is unused.\nconst Version = 1\n"])
        #expect(try repo.affectedByLastCommit().mode == .none)
    }

    /// Issue 13: an external test package (`package money_test`) that imports cart makes cart a dependency of money's
    /// tests only, not of money as tax imports it. A change in cart selects cart and money, never tax.
    @Test func externalTestImportsAreEdgesOfThatTestOnly() throws {
        let repo = try SelectionRepo(Self.files.merging([
            "money/money.go": "package money\n\n// Cents of a whole amount.\nfunc Cents(x int) int { return x * 100 }\n",
            "money/money_test.go": "package money_test\n\nimport (\n\t\"testing\"\n\n\t\"example.com/calc/cart\"\n\t\"example.com/calc/money\"\n)\n\nfunc TestCents(t *testing.T) {\n\tif money.Cents(2) != 200 || cart.Total(1, 2) != 300 {\n\t\tt.Fatal(\"wrong\")\n\t}\n}\n",
            "cart/cart.go": "package cart\n\nimport \"example.com/calc/money\"\n\n// Total of two amounts, in cents.\nfunc Total(a, b int) int { return money.Cents(a + b) }\n",
            "tax/tax.go": "package tax\n\nimport \"example.com/calc/money\"\n\n// Tax on an amount, in cents.\nfunc Tax(x int) int { return money.Cents(x) / 10 }\n",
            "tax/tax_test.go": "package tax\n\nimport \"testing\"\n\nfunc TestTax(t *testing.T) {\n\tif Tax(1) != 10 {\n\t\tt.Fatal(\"wrong\")\n\t}\n}\n",
        ]) { $1 }, name: "gate-sel-go-xtest")
        try repo.commit("break cart", write: ["cart/cart.go": try repo.text("cart/cart.go").replacingOccurrences(of: "a + b", with: "a + b + 1")])
        let report = try repo.affectedByLastCommit()
        #expect(report.ids == ["./money"], "\(report.tests.map(\.because))")
        #expect(report.tests.first?.because == ["cart/cart.go", "cart", "money/money_test.go", "money"])
        let failing = try ["./money", "./tax"].filter { try repo.box.sh("go test -count=1 \($0)", in: "work", expect: nil, timeout: 300).status != 0 }
        #expect(failing == ["./money"])
        // money itself still reaches tax and its own tests.
        try repo.commit("tweak money", write: ["money/money.go": try repo.text("money/money.go") + "\n// Unit is unused.\nconst Unit = 1\n"])
        #expect(try repo.affectedByLastCommit().ids == ["./money", "./tax"])
    }

    @Test func manifestOrLockfileRunsEverything() throws {
        let repo = try repo()
        for (file, text) in [("go.mod", "module example.com/calc\n\ngo 1.19\n\n// touched\n"), ("go.sum", "\n")] {
            try repo.commit("change \(file)", write: [file: text])
            let report = try repo.affectedByLastCommit()
            #expect(report.mode == .all, "\(file): \(report.reason)")
            #expect(report.reason.contains(file))
            #expect(Set(report.ids) == Self.allTests)
        }
    }

    @Test func docsOnlyPushRunsNothingAndSaysWhy() throws {
        try repo().expectDocsOnlyPushRunsNothing(runner: "go")
    }

    @Test func deletedPackageSelectsItsDependentsAndThePushIsBlocked() throws {
        let repo = try repo()
        try repo.install()
        let before = try repo.remoteHead()
        try repo.commit("drop util", delete: ["internal/util/util.go"])
        let report = try repo.affectedByLastCommit()
        #expect(report.mode == .selected)
        #expect(report.ids == ["./a"])
        let push = try repo.push(expect: 1)
        #expect(push.output.contains("go (1 selected)"))
        #expect(push.output.contains("BLOCKED"))
        #expect(try repo.remoteHead() == before)
    }

    @Test func renameCountsBothPaths() throws {
        let repo = try repo()
        // Moving util's file to another package: both packages' dependents.
        try repo.commit("move util", move: [("internal/util/util.go", "shared/util.go")])
        let moved = try repo.affectedByLastCommit()
        #expect(moved.changed == ["internal/util/util.go", "shared/util.go"])
        #expect(moved.ids == ["./a", "./b", "./shared"])
    }

    @Test func unparseableFileSelectsItsDependents() throws {
        let repo = try repo()
        // b.go loses its package clause: its own imports are unknown, its package's importers are not.
        let broken = try repo.commit("break b", write: ["b/b.go": String(try repo.text("b/b.go").dropFirst("package b\n".count))])
        #expect(try repo.affectedByLastCommit().ids == ["./b"])
        try repo.commit("tweak util", write: ["internal/util/util.go": try repo.text("internal/util/util.go") + "\n// Spare is unused.\nconst Spare = 2\n"])
        #expect(try repo.affected(from: broken).ids == ["./a", "./b"])
    }

    /// Every non-test file, broken two ways (a panicking `init`, deletion) plus a syntax error: whatever
    /// `go test` then fails must have been selected.
    @Test func safetyEveryFailingTestIsSelected() throws {
        let repo = try repo()
        let box = repo.box
        let sources = Self.files.keys.filter { !$0.hasSuffix("_test.go") && $0 != ".gate.yml" }.sorted()
        let isGo: @Sendable (String) -> Bool = { $0.hasSuffix(".go") }
        let check = SafetyCheck(
            repo: repo, allTests: Self.allTests, files: sources,
            mutations: [
                .breaking("panic", isCode: isGo) { _, text in text + "\nfunc init() { panic(\"mutated by the safety test\") }\n" },
                SafetyMutation(name: "syntax error") { path, text in isGo(path) ? .rewrite(text + "\nfunc broken( {\n") : .skip },
                .delete,
            ],
            failingTests: { try Self.failingTests(box) })
        let outcome = try check.run()
        #expect(outcome.missed.isEmpty)
        #expect(outcome.mutationsThatBrokeTests >= 10, "the mutations broke too few tests to prove anything")
        #expect(outcome.selected < outcome.possible)
    }

    /// Runs `go test` on each tested package alone (one package that fails to load makes `go test ./...` run
    /// nothing at all); a package fails when go exits non-zero.
    static func failingTests(_ box: GitSandbox) throws -> Set<String> {
        var failing = Set<String>()
        for package in allTests.sorted() where try box.sh("go test -count=1 \(package)", in: "work", expect: nil, timeout: 300).status != 0 {
            failing.insert(package)
        }
        return failing
    }
}
