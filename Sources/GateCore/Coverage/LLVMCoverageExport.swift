import Foundation

/// The JSON `llvm-cov export` writes (`llvm.coverage.json.export`, format 2.x or 3.x: LLVM 21 writes 3.0.1): per source file its segments (what
/// line coverage is computed from), per function its regions and the files they point into. Only what gate reads is
/// modelled; branches, expansions, MC/DC records and summaries are ignored.
public struct LLVMCoverageExport: Sendable, Hashable, Decodable {
    public var version: String
    public var data: [Unit]

    /// One `data` element: everything one `llvm-cov export` call measured.
    public struct Unit: Sendable, Hashable, Decodable {
        public var files: [File]
        public var functions: [Function]

        private enum CodingKeys: String, CodingKey { case files, functions }

        public init(files: [File], functions: [Function]) {
            self.files = files
            self.functions = functions
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            files = try container.decodeIfPresent([File].self, forKey: .files) ?? []
            functions = try container.decodeIfPresent([Function].self, forKey: .functions) ?? []
        }
    }

    /// A source file: absolute path as compiled, and its segments in source order.
    public struct File: Sendable, Hashable, Decodable {
        public var filename: String
        public var segments: [Segment]

        private enum CodingKeys: String, CodingKey { case filename, segments }

        public init(filename: String, segments: [Segment]) {
            self.filename = filename
            self.segments = segments
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            filename = try container.decode(String.self, forKey: .filename)
            segments = try container.decodeIfPresent([Segment].self, forKey: .segments) ?? []
        }

        /// Line → execution count, for every line that holds instrumented code (llvm-cov's own line rule: the
        /// highest count of a region starting on the line, else the count of the region wrapping into it; a
        /// line that starts a skipped region or only has gap regions is not instrumented).
        public func lineCounts() -> [Int: UInt64] {
            guard let first = segments.first, let last = segments.last else { return [:] }
            var counts: [Int: UInt64] = [:]
            var wrapped: Segment?
            var next = 0
            for line in first.line...max(first.line, last.line) {
                let start = next
                while next < segments.count, segments[next].line == line { next += 1 }
                let onLine = segments[start..<next]
                let starts = onLine.filter(\.startsRegion)
                let skipped = onLine.first.map { !$0.hasCount && $0.isRegionEntry } ?? false
                if !skipped, (wrapped?.hasCount ?? false) || !starts.isEmpty {
                    let wrappedCount = (wrapped?.hasCount ?? false) ? wrapped!.count : 0
                    counts[line] = max(wrappedCount, starts.map(\.count).max() ?? 0)
                }
                if let lastOnLine = onLine.last { wrapped = lastOnLine }
            }
            return counts
        }
    }

    /// `[line, column, count, hasCount, isRegionEntry, isGapRegion]` (the last one is absent in old exports).
    public struct Segment: Sendable, Hashable, Decodable {
        public var line: Int
        public var column: Int
        public var count: UInt64
        public var hasCount: Bool
        public var isRegionEntry: Bool
        public var isGapRegion: Bool

        public init(line: Int, column: Int, count: UInt64, hasCount: Bool, isRegionEntry: Bool, isGapRegion: Bool = false) {
            self.line = line
            self.column = column
            self.count = count
            self.hasCount = hasCount
            self.isRegionEntry = isRegionEntry
            self.isGapRegion = isGapRegion
        }

        public init(from decoder: any Decoder) throws {
            var container = try decoder.unkeyedContainer()
            line = try container.decode(Int.self)
            column = try container.decode(Int.self)
            count = try container.decode(UInt64.self)
            hasCount = try container.decode(Bool.self)
            isRegionEntry = try container.decode(Bool.self)
            isGapRegion = container.isAtEnd ? false : try container.decode(Bool.self)
        }

        /// Whether a counted, non-gap region begins here.
        var startsRegion: Bool { hasCount && isRegionEntry && !isGapRegion }
    }

    /// A function (mangled `name`) with its execution count and regions; `filenames[region.fileID]` is the file
    /// of a region, and the first region is the function's whole body.
    public struct Function: Sendable, Hashable, Decodable {
        public var name: String
        public var count: UInt64
        public var regions: [Region]
        public var filenames: [String]

        private enum CodingKeys: String, CodingKey { case name, count, regions, filenames }

        public init(name: String, count: UInt64, regions: [Region], filenames: [String]) {
            self.name = name
            self.count = count
            self.regions = regions
            self.filenames = filenames
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            name = try container.decode(String.self, forKey: .name)
            count = try container.decodeIfPresent(UInt64.self, forKey: .count) ?? 0
            regions = try container.decodeIfPresent([Region].self, forKey: .regions) ?? []
            filenames = try container.decodeIfPresent([String].self, forKey: .filenames) ?? []
        }

        /// The file the function is defined in: the file of its first code region.
        public var filename: String? {
            guard let region = regions.first(where: { $0.kind == .code }) ?? regions.first,
                filenames.indices.contains(region.fileID)
            else { return nil }
            return filenames[region.fileID]
        }

        /// First and last line of the function's regions in its own file (`filename`).
        public var lines: ClosedRange<Int>? {
            guard let region = regions.first(where: { $0.kind == .code }) ?? regions.first else { return nil }
            let own = regions.filter { $0.fileID == region.fileID }
            guard let low = own.map(\.lineStart).min(), let high = own.map(\.lineEnd).max(), low <= high else { return nil }
            return low...high
        }
    }

    /// `[lineStart, columnStart, lineEnd, columnEnd, executionCount, fileID, expandedFileID, kind]`; newer LLVMs
    /// may append fields, which are ignored.
    public struct Region: Sendable, Hashable, Decodable {
        /// `llvm::coverage::CounterMappingRegion::RegionKind`.
        public enum Kind: Sendable, Hashable {
            case code, expansion, skipped, gap, branch, other(Int)

            init(_ raw: Int) {
                switch raw {
                case 0: self = .code
                case 1: self = .expansion
                case 2: self = .skipped
                case 3: self = .gap
                case 4: self = .branch
                default: self = .other(raw)
                }
            }
        }

        public var lineStart: Int
        public var columnStart: Int
        public var lineEnd: Int
        public var columnEnd: Int
        public var executionCount: UInt64
        public var fileID: Int
        public var expandedFileID: Int
        public var kind: Kind

        public init(
            lineStart: Int, columnStart: Int, lineEnd: Int, columnEnd: Int, executionCount: UInt64,
            fileID: Int = 0, expandedFileID: Int = 0, kind: Kind = .code
        ) {
            self.lineStart = lineStart
            self.columnStart = columnStart
            self.lineEnd = lineEnd
            self.columnEnd = columnEnd
            self.executionCount = executionCount
            self.fileID = fileID
            self.expandedFileID = expandedFileID
            self.kind = kind
        }

        public init(from decoder: any Decoder) throws {
            var container = try decoder.unkeyedContainer()
            lineStart = try container.decode(Int.self)
            columnStart = try container.decode(Int.self)
            lineEnd = try container.decode(Int.self)
            columnEnd = try container.decode(Int.self)
            executionCount = try container.decode(UInt64.self)
            fileID = try container.decode(Int.self)
            expandedFileID = try container.decode(Int.self)
            kind = Kind(try container.decode(Int.self))
        }
    }

    public struct FormatError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Decodes an export; anything but `llvm.coverage.json.export` 2.x or 3.x is refused, naming what was found.
    public static func read(_ json: Data) throws -> LLVMCoverageExport {
        struct Header: Decodable {
            var type: String?
            var version: String?
        }
        let header = try JSONDecoder().decode(Header.self, from: json)
        guard header.type == "llvm.coverage.json.export", let version = header.version, version.hasPrefix("2.") || version.hasPrefix("3.") else {
            throw FormatError(description: "not an llvm-cov export of format 2.x or 3.x (type \(header.type ?? "none"), version \(header.version ?? "none"))")
        }
        return try JSONDecoder().decode(LLVMCoverageExport.self, from: json)
    }

    /// Reads the export at `path`.
    public static func read(path: String) throws -> LLVMCoverageExport {
        guard let bytes = FileManager.default.contents(atPath: path) else {
            throw FormatError(description: "cannot read the llvm-cov export \(path)")
        }
        return try read(bytes)
    }
}
