import ArgumentParser
import Foundation
import GateCore

@main
struct Gate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gate",
        abstract: "A quality gate for git push: runs the tests a push affects, on the pushed commit, and blocks it when they fail.",
        discussion: """
        Exit codes: 0 passed or nothing to check · 1 blocked (tests fail, or a fix was committed and must be re-pushed) · \
        2 misuse or invalid configuration · 3 gate itself could not run.
        """,
        version: GateVersion.current,
        subcommands: [
            InstallCommand.self, UninstallCommand.self, DoctorCommand.self, PrePushCommand.self, PreReceiveCommand.self,
            RunCommand.self, AffectedCommand.self, ChangedCommand.self, IndexCommand.self, LogCommand.self, ReportCommand.self, InitCommand.self, DemoCommand.self,
            HistoryCommand.self, StatsCommand.self, PlanCommand.self,
        ]
    )

    /// ArgumentParser's own entry point, except that a usage error (an unknown option, a missing or bad argument) exits
    /// 2 like every other misuse, not 64 (`EX_USAGE`).
    static func main() {
        do {
            var command = try parseAsRoot(nil)
            try command.run()
        } catch {
            let code = exitCode(for: error)
            guard code == .validationFailure else { exit(withError: error) }
            FileHandle.standardError.write(Data((TerminalText.sanitize(fullMessage(for: error)) + "\n").utf8))
            Foundation.exit(GateExitCode.misuse.rawValue)
        }
    }
}
