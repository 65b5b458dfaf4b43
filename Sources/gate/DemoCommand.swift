import ArgumentParser
import Foundation
import GateCore

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Shows gate end to end in a temporary directory: a push that passes and one that is blocked.")

    @Flag(help: "Keep the temporary directory for a look around.") var keep = false

    func run() throws {
        try withExitCodes {
            let console = Console()
            let ok = try DemoScenario(console: console, keep: keep, gateBinary: SupportFiles.executablePath()).run()
            return ok ? .passed : .internalFailure
        }
    }
}
