/// The index's on-disk form: a string table followed by varint-encoded records. Loading a 20,000-file index this way
/// takes milliseconds, where JSON took half a second, which matters on the hook's path.
enum DependencyIndexCodec {
    static let magic: [UInt8] = Array("GIDX".utf8)

    struct FormatError: Error, CustomStringConvertible {
        let description: String
    }

    static func encode(_ index: DependencyIndex) -> [UInt8] {
        var body = RecordWriter()
        body.int(index.files.count)
        for (path, entry) in index.files.sorted(by: { $0.key < $1.key }) {
            body.string(path)
            body.string(entry.blobID)
            body.string(entry.language.rawValue)
            body.strings(entry.edges)
            body.strings(entry.unresolved)
            body.optional(entry.owner)
            body.int((entry.isTest ? 1 : 0) | (entry.unparseable ? 2 : 0) | (entry.launchesProcesses ? 4 : 0) | (entry.readsSignatures ? 8 : 0))
        }
        body.int(index.swiftManifests.count)
        for (blob, manifest) in index.swiftManifests.sorted(by: { $0.key < $1.key }) {
            body.string(blob)
            body.targets(manifest.targets)
            body.optional(manifest.failure)
        }
        body.targets(index.swiftTargets)
        body.strings(index.pythonRoots)
        body.strings(index.resolutionInputs)
        body.int(index.pytestTestpaths.count)
        for (directory, testpaths) in index.pytestTestpaths.sorted(by: { $0.key < $1.key }) {
            body.string(directory)
            body.strings(testpaths)
        }
        body.int(index.pytestPythonFiles.count)
        for (directory, patterns) in index.pytestPythonFiles.sorted(by: { $0.key < $1.key }) {
            body.string(directory)
            body.strings(patterns)
        }
        body.int(index.pytestNorecursedirs.count)
        for (directory, patterns) in index.pytestNorecursedirs.sorted(by: { $0.key < $1.key }) {
            body.string(directory)
            body.strings(patterns)
        }
        // Raw scans come last: only a rebuild needs them, so a reader that just selects can stop before them.
        body.int(index.scans.count)
        for (language, scans) in index.scans.sorted(by: { $0.key < $1.key }) {
            body.string(language)
            body.int(scans.count)
            for (blob, scan) in scans.sorted(by: { $0.key < $1.key }) {
                body.string(blob)
                body.int(scan.imports.count)
                for statement in scan.imports {
                    body.string(statement.module)
                    body.int(statement.level)
                    body.strings(statement.names)
                }
                body.optional(scan.packageName)
                body.int((scan.unparseable ? 1 : 0) | (scan.launchesProcesses ? 2 : 0) | (scan.readsSignatures ? 4 : 0))
                body.strings(scan.names)
            }
        }

        var output = magic
        RecordWriter.appendVarint(UInt64(index.formatVersion), to: &output)
        RecordWriter.appendVarint(UInt64(body.table.count), to: &output)
        for text in body.table {
            let bytes = Array(text.utf8)
            RecordWriter.appendVarint(UInt64(bytes.count), to: &output)
            output += bytes
        }
        return output + body.bytes
    }

    /// The format version recorded in `bytes`, or nil when they are not an index.
    static func formatVersion(_ bytes: [UInt8]) -> Int? {
        guard bytes.starts(with: magic) else { return nil }
        var reader = RecordReader(bytes: bytes, position: magic.count, table: [])
        return try? reader.int()
    }

    /// Decodes an index; without `includingScans` the raw scan cache is left out (enough to select, not to rebuild).
    static func decode(_ bytes: [UInt8], includingScans: Bool = true) throws -> DependencyIndex {
        var staged = try decodeStaged(bytes)
        return includingScans ? try staged.withScans() : staged.index
    }

    /// An index decoded up to its raw scans, which `withScans()` adds later without decoding the rest again.
    struct StagedDecoding {
        let index: DependencyIndex
        fileprivate var reader: RecordReader

        mutating func withScans() throws -> DependencyIndex {
            var index = self.index
            for _ in 0..<(try reader.int()) {
                let language = try reader.string()
                let count = try reader.int()
                var scans: [String: SourceScan] = [:]
                scans.reserveCapacity(count)
                for _ in 0..<count {
                    let blob = try reader.string()
                    var imports: [ImportStatement] = []
                    for _ in 0..<(try reader.int()) {
                        imports.append(ImportStatement(module: try reader.string(), level: try reader.int(), names: try reader.strings()))
                    }
                    let packageName = try reader.optional()
                    let flags = try reader.int()
                    scans[blob] = SourceScan(imports: imports, packageName: packageName, unparseable: flags & 1 != 0,
                                             names: try reader.strings(), launchesProcesses: flags & 2 != 0,
                                             readsSignatures: flags & 4 != 0)
                }
                index.scans[language] = scans
            }
            guard reader.position == reader.bytes.count else { throw FormatError(description: "trailing bytes") }
            return index
        }
    }

    static func decodeStaged(_ bytes: [UInt8]) throws -> StagedDecoding {
        guard bytes.starts(with: magic) else { throw FormatError(description: "not an index file") }
        var reader = RecordReader(bytes: bytes, position: magic.count, table: [])
        let version = try reader.int()
        try reader.readTable()
        var index = DependencyIndex()
        index.formatVersion = version
        let fileCount = try reader.int()
        index.files.reserveCapacity(fileCount)
        for _ in 0..<fileCount {
            let path = try reader.string()
            let blob = try reader.string()
            guard let language = SourceLanguage(rawValue: try reader.string()) else { throw FormatError(description: "unknown language") }
            let edges = try reader.strings()
            let unresolved = try reader.strings()
            let owner = try reader.optional()
            let flags = try reader.int()
            index.files[path] = IndexEntry(blobID: blob, language: language, edges: edges, unresolved: unresolved, owner: owner,
                                           isTest: flags & 1 != 0, unparseable: flags & 2 != 0,
                                           launchesProcesses: flags & 4 != 0, readsSignatures: flags & 8 != 0)
        }
        for _ in 0..<(try reader.int()) {
            let blob = try reader.string()
            index.swiftManifests[blob] = SwiftManifest(targets: try reader.targets(), failure: try reader.optional())
        }
        index.swiftTargets = try reader.targets()
        index.pythonRoots = try reader.strings()
        index.resolutionInputs = try reader.strings()
        for _ in 0..<(try reader.int()) {
            let directory = try reader.string()
            index.pytestTestpaths[directory] = try reader.strings()
        }
        for _ in 0..<(try reader.int()) {
            let directory = try reader.string()
            index.pytestPythonFiles[directory] = try reader.strings()
        }
        for _ in 0..<(try reader.int()) {
            let directory = try reader.string()
            index.pytestNorecursedirs[directory] = try reader.strings()
        }
        return StagedDecoding(index: index, reader: reader)
    }
}

/// Appends varints and interned strings.
private struct RecordWriter {
    var bytes: [UInt8] = []
    var table: [String] = []
    private var ids: [String: Int] = [:]

    static func appendVarint(_ value: UInt64, to output: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            output.append(UInt8(value & 0x7f) | 0x80)
            value >>= 7
        }
        output.append(UInt8(value))
    }

    mutating func int(_ value: Int) { Self.appendVarint(UInt64(max(0, value)), to: &bytes) }

    mutating func string(_ text: String) {
        if let id = ids[text] { return int(id) }
        ids[text] = table.count
        int(table.count)
        table.append(text)
    }

    mutating func strings(_ list: [String]) {
        int(list.count)
        for text in list { string(text) }
    }

    mutating func optional(_ text: String?) {
        guard let text else { return int(0) }
        int(1)
        string(text)
    }

    mutating func targets(_ targets: [SwiftTarget]) {
        int(targets.count)
        for target in targets {
            string(target.name)
            string(target.kind.rawValue)
            string(target.path)
            strings(target.dependencies)
            strings(target.products)
        }
    }
}

/// Reads what `RecordWriter` wrote, checking every bound.
private struct RecordReader {
    let bytes: [UInt8]
    var position: Int
    var table: [String]

    mutating func int() throws -> Int {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < bytes.count, shift < 64 else { throw DependencyIndexCodec.FormatError(description: "truncated") }
            let byte = bytes[position]
            position += 1
            value |= UInt64(byte & 0x7f) << shift
            if byte & 0x80 == 0 { break }
            shift += 7
        }
        guard value <= UInt64(Int.max) else { throw DependencyIndexCodec.FormatError(description: "number out of range") }
        return Int(value)
    }

    mutating func readTable() throws {
        let count = try int()
        guard count <= bytes.count else { throw DependencyIndexCodec.FormatError(description: "string table too large") }
        table.reserveCapacity(count)
        for _ in 0..<count {
            let length = try int()
            guard length <= bytes.count - position else { throw DependencyIndexCodec.FormatError(description: "truncated string") }
            table.append(String(decoding: bytes[position..<(position + length)], as: UTF8.self))
            position += length
        }
    }

    mutating func string() throws -> String {
        let id = try int()
        guard id < table.count else { throw DependencyIndexCodec.FormatError(description: "bad string reference") }
        return table[id]
    }

    mutating func strings() throws -> [String] {
        let count = try int()
        guard count <= bytes.count else { throw DependencyIndexCodec.FormatError(description: "list too long") }
        var list: [String] = []
        list.reserveCapacity(count)
        for _ in 0..<count { list.append(try string()) }
        return list
    }

    mutating func optional() throws -> String? { try int() == 0 ? nil : try string() }

    mutating func targets() throws -> [SwiftTarget] {
        var targets: [SwiftTarget] = []
        for _ in 0..<(try int()) {
            let name = try string()
            guard let kind = SwiftTarget.Kind(rawValue: try string()) else { throw DependencyIndexCodec.FormatError(description: "unknown target kind") }
            let path = try string()
            let dependencies = try strings()
            targets.append(SwiftTarget(name: name, kind: kind, path: path, dependencies: dependencies, products: try strings()))
        }
        return targets
    }
}
