import Foundation

/// Computes block tables of blobs with `Templates/gate_blocks.py` (Python's own `ast`), one `python3` process
/// for all of them.
struct BlockTableReader {
    let source: BlobSource
    let environment: [String: String]

    func tables(of blobs: Set<String>) throws -> [String: BlockTable] {
        guard !blobs.isEmpty else { return [:] }
        var request: [String: String] = [:]
        for blob in blobs { request[blob] = Data(try source.contents(ofBlob: blob)).base64EncodedString() }
        return try TemplateScript(name: "gate_blocks.py", environment: environment)
            .run(input: try JSONEncoder().encode(["blobs": request]), as: [String: BlockTable].self)
    }
}
