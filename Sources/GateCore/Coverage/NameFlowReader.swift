import Foundation

/// Runs `Templates/gate_name_flow.py` (Python's own `ast`) once for all the changes of a selection.
struct NameFlowReader {
    let source: BlobSource
    let environment: [String: String]

    /// Beyond this much source the flow is not attempted; the import closure runs instead.
    static let byteLimit = 64 << 20

    func flows(_ request: NameFlowRequest) throws -> [String: NameFlow] {
        guard !request.changes.isEmpty else { return [:] }
        var bytes = 0
        func encoded(_ blob: String) throws -> String {
            let contents = try source.contents(ofBlob: blob)
            bytes += contents.count
            guard bytes <= Self.byteLimit else { throw TemplateScript.Failure(description: "the importers hold more than \(Self.byteLimit >> 20) MB of source") }
            return Data(contents).base64EncodedString()
        }
        var changes: [String: [String: Any]] = [:]
        for (key, change) in request.changes {
            changes[key] = ["path": change.path, "old": try encoded(change.oldBlob), "new": try encoded(change.newBlob),
                            "functions": change.functions.sorted()]
        }
        var files: [String: String] = [:]
        for (path, blob) in request.files { files[path] = try encoded(blob) }
        let body: [String: Any] = ["changes": changes, "files": files, "tests": request.testFiles.sorted(),
                                   "local": request.localModules.sorted(),
                                   "signature_readers": request.signatureReaders.sorted()]
        return try TemplateScript(name: "gate_name_flow.py", environment: environment)
            .run(input: try JSONSerialization.data(withJSONObject: body), as: [String: NameFlow].self)
    }
}
