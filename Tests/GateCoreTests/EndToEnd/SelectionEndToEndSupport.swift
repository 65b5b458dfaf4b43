import Foundation
import Testing
@testable import GateCore

/// A fixture repository for the selection end-to-end tests: a `GitSandbox` project (`work/` with a bare
/// `remote.git`, the fixture committed and pushed on main), with helpers to commit and to ask the real
/// `gate affected` what a range selects.
struct SelectionRepo {
    let box: GitSandbox
    /// The initial commit (the fixture as given).
    let base: String

    init(_ files: [String: String], name: String) throws {
        box = try GitSandbox(name)
        try box.makeProject(files)
        base = try box.rev("HEAD")
    }

    /// Commits renames (`git mv`), deletions, then writes; returns the new HEAD.
    @discardableResult
    func commit(_ message: String, write: [String: String] = [:], delete: [String] = [],
                move: [(from: String, to: String)] = []) throws -> String {
        for (from, to) in move { try box.sh("git mv '\(from)' '\(to)'", in: "work") }
        for path in delete { try box.sh("git rm -q '\(path)'", in: "work") }
        for (path, text) in write { try box.write("work/" + path, text) }
        try box.sh("git add -A && git commit -q -m '\(message)'", in: "work")
        return try box.rev("HEAD")
    }

    /// The current text of a tracked file in the work tree.
    func text(_ path: String) throws -> String {
        try #require(box.read("work/" + path), "missing fixture file \(path)")
    }

    /// What `gate affected --from from --to to --format json` reports.
    func affected(from: String, to: String = "HEAD") throws -> AffectedReport {
        let output = try box.gate("affected --from \(from) --to \(to) --format json", in: "work").output
        guard let open = output.firstIndex(of: "{"), let close = output.lastIndex(of: "}") else {
            throw GitSandbox.SandboxError(message: "gate affected printed no JSON:\n\(output)")
        }
        do {
            return try JSONDecoder().decode(AffectedReport.self, from: Data(output[open...close].utf8))
        } catch {
            throw GitSandbox.SandboxError(message: "gate affected printed unreadable JSON (\(error)):\n\(output)")
        }
    }

    /// The report of the last commit alone.
    func affectedByLastCommit() throws -> AffectedReport {
        try affected(from: try box.rev("HEAD~1"))
    }

    /// Installs the pre-push hook.
    func install() throws {
        try box.gate("install", in: "work")
    }

    /// `git push origin main` through the installed hook.
    func push(expect: Int32? = 0) throws -> GitSandbox.Result {
        try box.sh("git push origin main", in: "work", expect: expect)
    }

    func remoteHead() throws -> String { try box.rev("main", in: "remote.git") }

    /// A docs-only push selects nothing, says which files it looked at, starts no `runner` suite, and goes through.
    func expectDocsOnlyPushRunsNothing(runner: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try install()
        try commit("docs", write: ["README.md": "# sample\n\nMore words.\n", "docs/guide.md": "# Guide\n\nStep one.\n"])
        let report = try affectedByLastCommit()
        #expect(report.mode == .none, sourceLocation: sourceLocation)
        #expect(report.tests.isEmpty, sourceLocation: sourceLocation)
        #expect(report.reason.contains("README.md") && report.reason.contains("docs/guide.md"), sourceLocation: sourceLocation)
        let pushed = try push()
        #expect(pushed.output.contains("none affects a test"), sourceLocation: sourceLocation)
        #expect(pushed.output.contains("README.md"), sourceLocation: sourceLocation)
        #expect(!pushed.output.contains("(\(runner))"), sourceLocation: sourceLocation)
        #expect(pushed.output.contains("PASSED"), sourceLocation: sourceLocation)
        #expect(try remoteHead() == box.rev("HEAD"), sourceLocation: sourceLocation)
    }
}

extension AffectedReport {
    /// The selected ids, sorted.
    var ids: [String] { tests.map(\.id).sorted() }
}

/// One way to break a file for the safety test: new content, or deletion.
struct SafetyMutation: Sendable {
    let name: String
    /// The mutated text of `path` given its current text; nil deletes the file; `.skip` leaves this file alone.
    let apply: @Sendable (_ path: String, _ text: String) -> Outcome

    enum Outcome {
        case rewrite(String)
        case delete
        case skip
    }

    /// Deletes the file.
    static let delete = SafetyMutation(name: "delete") { _, _ in .delete }

    /// Non-code files become the text `mutated`; code files get `breakCode(path, text)`.
    static func breaking(_ name: String, isCode: @escaping @Sendable (String) -> Bool,
                         _ breakCode: @escaping @Sendable (String, String) -> String) -> SafetyMutation {
        SafetyMutation(name: name) { path, text in
            isCode(path) ? .rewrite(breakCode(path, text)) : .rewrite("mutated\n")
        }
    }
}

/// The safety property, checked for real: for every non-test file and every mutation, the tests that
/// actually fail when the full suite runs (with the language's own tool) are all in the selection.
struct SafetyCheck {
    let repo: SelectionRepo
    /// Every test unit id, as the selection names them.
    let allTests: Set<String>
    /// Files to break (repo paths).
    let files: [String]
    let mutations: [SafetyMutation]
    /// Runs the whole suite in `work/` and returns the ids of the test units that failed.
    let failingTests: () throws -> Set<String>

    struct Outcome {
        var mutationsRun = 0
        var mutationsThatBrokeTests = 0
        var selected = 0
        var possible = 0
        var missed: [String] = []
    }

    func run() throws -> Outcome {
        let baseline = try failingTests()
        #expect(baseline.isEmpty, "the fixture's own tests fail before any mutation: \(baseline.sorted())")
        var outcome = Outcome()
        for path in files {
            for mutation in mutations {
                try repo.box.sh("git reset -q --hard \(repo.base) && git clean -q -fdx", in: "work")
                let original = try repo.text(path)
                switch mutation.apply(path, original) {
                case .skip:
                    continue
                case .delete:
                    try repo.commit("safety: \(mutation.name) \(path)", delete: [path])
                case .rewrite(let text):
                    try repo.commit("safety: \(mutation.name) \(path)", write: [path: text])
                }
                let report = try repo.affected(from: repo.base)
                let selected = report.mode == .all ? allTests : Set(report.ids)
                let failing = try failingTests()
                let missed = failing.subtracting(selected)
                outcome.mutationsRun += 1
                if !failing.isEmpty { outcome.mutationsThatBrokeTests += 1 }
                outcome.selected += selected.count
                outcome.possible += allTests.count
                if !missed.isEmpty {
                    outcome.missed.append("\(mutation.name) \(path): \(missed.sorted()) failed but were not selected "
                        + "(mode \(report.mode.rawValue): \(report.reason); selected \(report.ids))")
                }
                #expect(missed.isEmpty, "\(mutation.name) \(path): tests \(missed.sorted()) fail but the selection skipped them; mode \(report.mode.rawValue) (\(report.reason)), selected \(report.ids), failing \(failing.sorted())")
            }
        }
        try repo.box.sh("git reset -q --hard \(repo.base)", in: "work")
        return outcome
    }
}
