import Foundation

/// A user-configured shell command (for example a local CLI agent): the prompt goes to its stdin,
/// its stdout is the reply. It runs as `/bin/sh -c <command>` in its own process group,
/// which is killed when the timeout expires.
public struct CommandProvider: FixProvider {
    public let name = "command"
    /// The shell command line.
    public let command: String
    /// What the command reports as its model; shown in commit trailers.
    public let model: String
    public let timeout: Double
    public let workingDirectory: String?
    public let environment: [String: String]
    /// Bytes of stdout kept; a longer reply is refused whole (never its tail).
    public let maxReplyBytes: Int

    public init(command: String, model: String = "command", timeout: Double = 600, workingDirectory: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment,
                maxReplyBytes: Int = ProviderHTTPClient.defaultMaxReplyBytes) {
        self.maxReplyBytes = maxReplyBytes
        self.command = command
        self.model = model
        self.timeout = timeout
        self.workingDirectory = workingDirectory
        self.environment = environment
    }

    /// The text written to the command's stdin: the system prompt, a blank line, the user prompt.
    public static func standardInput(for request: FixRequest) -> String {
        request.system + "\n\n" + request.user
    }

    public func complete(_ request: FixRequest) async throws -> FixReply {
        let spec = ProcessSpec(
            executable: "/bin/sh", arguments: ["-c", command], environment: environment,
            workingDirectory: workingDirectory, standardInput: Array(Self.standardInput(for: request).utf8),
            timeout: timeout)
        let outcome = try await Self.runOffThePool(spec, captureLimit: maxReplyBytes + 1)
        if outcome.timedOut {
            throw ProviderError.timeout(provider: name, seconds: timeout)
        }
        guard outcome.exitCode == 0, outcome.signal == nil else {
            let standardError = String(decoding: outcome.standardError.suffix(2000), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            throw ProviderError.commandFailed(command: command, exitCode: outcome.exitCode, signal: outcome.signal, standardError: standardError)
        }
        guard outcome.standardOutput.count <= maxReplyBytes else {
            throw ProviderError.replyTooLarge(provider: name, limit: maxReplyBytes, bytesRead: outcome.standardOutput.count)
        }
        let text = String(decoding: outcome.standardOutput, as: UTF8.self)
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ProviderError.malformedReply(provider: name, detail: "the command printed nothing on stdout")
        }
        return FixReply(text: text, truncated: false)
    }

    /// `ChildProcess.run` blocks, so it runs on its own thread rather than the cooperative pool.
    private static func runOffThePool(_ spec: ProcessSpec, captureLimit: Int) async throws -> ProcessOutcome {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Result { try ChildProcess.run(spec, captureLimit: captureLimit) })
            }.start()
        }
    }
}
