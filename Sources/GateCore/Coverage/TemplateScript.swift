import Foundation

/// Runs one of gate's Python scripts in `Templates/` with a JSON request on stdin and decodes its JSON answer.
struct TemplateScript {
    let name: String
    let environment: [String: String]

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    func run<Answer: Decodable>(input: Data, timeout: Double = 120, as type: Answer.Type) throws -> Answer {
        let script = try SupportFiles.file("Templates/" + name)
        guard FileManager.default.fileExists(atPath: script) else { throw Failure(description: "\(script) is missing") }
        let outcome = try ChildProcess.run(
            ProcessSpec(executable: "python3", arguments: [script], environment: environment, standardInput: [UInt8](input), timeout: timeout),
            captureLimit: 256 << 20)
        guard outcome.exitCode == 0 else {
            throw Failure(description: "\(name) exited with \(outcome.exitCode): " + String(decoding: outcome.standardError.suffix(400), as: UTF8.self))
        }
        return try JSONDecoder().decode(type, from: Data(outcome.standardOutput))
    }
}
