import ArgumentParser
import Foundation
import GateCore

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Shows a run's report (Markdown or HTML), or merges shard reports (`gate report merge`).",
        subcommands: [ReportShowCommand.self, ReportMergeCommand.self],
        defaultSubcommand: ReportShowCommand.self)
}

struct ReportShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Shows a run's report: Markdown, or with --html one self-contained HTML page (the default of `gate report`).")

    @Argument(help: ArgumentHelp("The run id (as `gate log` shows it), or `latest`.", valueName: "run")) var runID: String = "latest"
    @Flag(help: "Write an HTML page (verdict, timeline, failures, fix diffs, per-test durations).") var html = false
    @Option(help: ArgumentHelp("Where the HTML page goes (default: .git/gate/reports/<run>.html).", valueName: "path")) var output: String?

    func run() throws {
        try withExitCodes {
            let repository = try GitRepository(discoveringFrom: currentDirectory)
            let directory = GateDirectory(commonGitDirectory: repository.commonDirectory)
            let store = RunReportStore(directory: directory.reports)
            let report = try store.load(runID)
            guard html else {
                print(MarkdownReport.render(report), terminator: "")
                return .passed
            }
            let page = RunReportPage(report: report, timeline: RunTimeline(run: report.run, events: EventTrail(path: directory.events).read().events))
            let path = output.map { URL(fileURLWithPath: $0, relativeTo: URL(fileURLWithPath: currentDirectory, isDirectory: true)).standardizedFileURL.path }
                ?? directory.reports + "/" + report.run + ".html"
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(try page.render().utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            print(path)
            return .passed
        }
    }
}
