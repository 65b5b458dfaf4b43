import ArgumentParser
import Foundation
import GateCore

/// Maps an error to gate's exit codes and prints what to do next.
enum CommandFailure {
    static func exit(for error: Error, console: Console = Console()) -> ExitCode {
        switch error {
        case let error as ExitCode:
            return error
        case let error as ConfigError:
            console.line(console.styled("gate: invalid configuration: ", .red) + error.description)
            return ExitCode(GateExitCode.misuse.rawValue)
        case let error as HookInputError:
            console.line(console.styled("gate: ", .red) + error.description)
            return ExitCode(GateExitCode.misuse.rawValue)
        case let error as RunReportLookupError:
            console.line(console.styled("gate: ", .red) + error.description)
            return ExitCode(GateExitCode.misuse.rawValue)
        case let error as ShardSpecError:
            console.line(console.styled("gate: ", .red) + error.description)
            return ExitCode(GateExitCode.misuse.rawValue)
        case let error as UsageError:
            console.line(console.styled("gate: ", .red) + error.description)
            return ExitCode(GateExitCode.misuse.rawValue)
        case let error as GitError where error.function == "git_repository_open_ext":
            console.line(console.styled("gate: ", .red) + "not inside a git repository (\(error.message)). Run gate from a repository.")
            return ExitCode(GateExitCode.misuse.rawValue)
        default:
            console.line(console.styled("gate: could not run: ", .red) + "\(error)")
            console.line("  Push anyway with `GATE_SKIP=1 git push` if you must, and report this with the output of `gate doctor`.")
            return ExitCode(GateExitCode.internalFailure.rawValue)
        }
    }
}

/// A command used the wrong way.
struct UsageError: Error, CustomStringConvertible {
    let description: String
}

/// Runs a command body, turning errors into gate's exit codes.
func withExitCodes(_ body: () throws -> GateExitCode) throws {
    let code: GateExitCode
    do {
        code = try body()
    } catch {
        throw CommandFailure.exit(for: error)
    }
    if code != .passed { throw ExitCode(code.rawValue) }
}

/// Reads all of stdin.
func readStandardInput() -> [UInt8] {
    Array(FileHandle.standardInput.readDataToEndOfFile())
}

var currentDirectory: String { FileManager.default.currentDirectoryPath }
