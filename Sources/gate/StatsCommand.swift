import ArgumentParser
import Foundation
import GateCore

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Summarises the test history: pushes, selection and the time it saved, slow and flaky tests, AI fixes, failures.")

    enum Format: String, ExpressibleByArgument { case text, json, html }

    @Option(help: "How far back: 30d, 12h, 2w, or a UTC day such as 2026-11-01.") var since: String = "30d"
    @Option(help: "text, json, or html (one self-contained page with inline SVG charts).") var format: Format = .text
    @Option(name: .shortAndLong, help: "Write to this file instead of stdout.") var output: String?

    func run() throws {
        try withExitCodes {
            guard let start = StatsWindow.start(since) else {
                throw UsageError(description: "--since \(since.debugDescription) is neither a span (30d, 12h, 2w) nor a day (2026-11-01)")
            }
            let (_, directory) = try HistoryCommand.open()
            let report: StatsReport
            if let history = try TestHistory.existing(in: directory) {
                report = try StatsQuery(history: history).report(since: start)
            } else {
                report = StatsReport(since: start, generated: Date().timeIntervalSince1970)
            }
            let text: String
            switch format {
            case .text: text = StatsText.render(report).joined(separator: "\n") + "\n"
            case .json:
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                text = String(decoding: try encoder.encode(report), as: UTF8.self) + "\n"
            case .html: text = try StatsHTML.render(report)
            }
            if let output {
                try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
            } else {
                FileHandle.standardOutput.write(Data(text.utf8))
            }
            return .passed
        }
    }
}
