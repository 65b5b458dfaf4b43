import Foundation

/// Computes block tables of blobs with `Templates/gate_blocks.py` (Python's own `ast`), one `python3` process
/// for all of them.
struct BlockTableReader {
    let source: BlobSource
    let environment: [String: String]

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    func tables(of blobs: Set<String>) throws -> [String: BlockTable] {
        guard !blobs.isEmpty else { return [:] }
        let script = try SupportFiles.file("Templates/gate_blocks.py")
        guard FileManager.default.fileExists(atPath: script) else { throw Failure(description: "\(script) is missing") }
        var request: [String: String] = [:]
        for blob in blobs { request[blob] = Data(try source.contents(ofBlob: blob)).base64EncodedString() }
        let input = try JSONEncoder().encode(["blobs": request])
        let outcome = try ChildProcess.run(
            ProcessSpec(executable: "python3", arguments: [script], environment: environment, standardInput: [UInt8](input), timeout: 120),
            captureLimit: 256 << 20)
        guard outcome.exitCode == 0 else {
            throw Failure(description: "gate_blocks.py exited with \(outcome.exitCode): " + String(decoding: outcome.standardError.suffix(400), as: UTF8.self))
        }
        return try JSONDecoder().decode([String: BlockTable].self, from: Data(outcome.standardOutput))
    }
}
