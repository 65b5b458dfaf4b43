import ArgumentParser
import Foundation
import GateCore

struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Diagnoses gate's setup in this repository: each check ✓ or ✗ with the command that fixes it.")

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let console = Console(environment: environment)
        let checks = Doctor(environment: environment, directory: currentDirectory).run()
        for check in checks {
            let mark = check.ok ? console.styled(check.informational ? "•" : "✓", check.informational ? .cyan : .green) : console.styled("✗", .red)
            console.line("\(mark) \(check.title): \(check.detail)")
            if let fix = check.fix, !check.ok { console.line("    fix: \(fix)") }
        }
        let failures = checks.filter { !$0.ok }.count
        console.line(failures == 0 ? console.styled("all checks passed", .green) : console.styled("\(failures) check(s) failed", .red))
        if failures > 0 { throw ExitCode(GateExitCode.blocked.rawValue) }
    }
}
