import ArgumentParser
import Foundation
import GateCore

struct ReportMergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merges the JSON reports of a plan's N shards into one verdict (for a final CI job).",
        discussion: """
            Exit 0 when all N shards reported and passed, 1 when a shard blocked, 3 when a shard's report is missing \
            or unreadable (named on the console). Shard reports come from `gate run --shard K/N --json PATH`.
            """)

    @Argument(help: ArgumentHelp("The shards' JSON reports.", valueName: "report.json")) var reports: [String]
    @Option(help: ArgumentHelp("Write one JUnit XML file of all shards.", valueName: "path")) var junit: String?
    @Option(help: ArgumentHelp("Write the merged JSON report (gate.report/1).", valueName: "path")) var output: String?

    func run() throws {
        try withExitCodes {
            guard !reports.isEmpty else { throw UsageError(description: "give the shards' JSON reports: gate report merge shard-1.json shard-2.json …") }
            let console = Console(environment: ProcessInfo.processInfo.environment)
            let result = ShardReportMerge().merge(paths: reports.map(absolute))
            if let output {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                let path = absolute(output)
                try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try encoder.encode(result.report).write(to: URL(fileURLWithPath: path), options: .atomic)
                console.line("gate: merged JSON report written to \(path)")
            }
            if let junit {
                try JUnitReport.write(result.report, to: absolute(junit))
                console.line("gate: merged JUnit XML written to \(absolute(junit))")
            }
            for problem in result.problems { console.line(console.styled("gate: ✗ " + problem, .red)) }
            let tests = result.report.targets.flatMap(\.results)
            let failing = tests.reduce(0) { $0 + $1.failed + $1.errored }
            console.line("gate: merged \(result.report.mergedFrom?.count ?? 0) shard report(s): \(result.report.verdict.rawValue)"
                + " (\(tests.reduce(0) { $0 + $1.passed }) passed, \(failing) failed or errored)")
            for step in result.report.nextSteps where !result.problems.contains(step) { console.line("gate: " + step) }
            return result.exit
        }
    }

    private func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: currentDirectory, isDirectory: true)).standardizedFileURL.path
    }
}
