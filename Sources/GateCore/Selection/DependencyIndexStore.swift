import Foundation

/// Loads and saves the dependency index as `index-v<formatVersion>.bin` in a directory (normally `.git/gate/index/`).
/// Saving writes a temporary file and renames it over the old one, so readers never see a partial index.
public struct DependencyIndexStore: Sendable {
    public let directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// The file the current format lives in.
    public var fileURL: URL {
        directory.appendingPathComponent("index-v\(DependencyIndex.currentFormatVersion).bin")
    }

    /// Loads the index, raw scan cache included.
    public func load() -> IndexLoadResult {
        let (result, staged) = loadStaged()
        guard case .loaded = result, var staged else { return result }
        do {
            return .loaded(try staged.withScans())
        } catch {
            return .corrupt("\(fileURL.lastPathComponent): \(error)")
        }
    }

    /// Loads the index without its raw scan cache (enough to select), and the decoding that can add the scans later.
    func loadStaged() -> (IndexLoadResult, DependencyIndexCodec.StagedDecoding?) {
        let data: Data
        do {
            data = try Data(contentsOf: fileURL)
        } catch {
            return (hasOtherFormat() ? .oldFormat : .missing, nil)
        }
        let bytes = [UInt8](data)
        guard let version = DependencyIndexCodec.formatVersion(bytes) else {
            return (.corrupt("\(fileURL.lastPathComponent) is not an index (no header)"), nil)
        }
        guard version == DependencyIndex.currentFormatVersion else { return (.oldFormat, nil) }
        do {
            let staged = try DependencyIndexCodec.decodeStaged(bytes)
            return (.loaded(staged.index), staged)
        } catch {
            return (.corrupt("\(fileURL.lastPathComponent): \(error)"), nil)
        }
    }

    public func save(_ index: DependencyIndex) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let data = Data(DependencyIndexCodec.encode(index))
        let temporary = directory.appendingPathComponent(".index-\(UUID().uuidString).tmp")
        do {
            try data.write(to: temporary)
            if rename(temporary.path, fileURL.path) != 0 {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: fileURL.path])
            }
            // Files of older formats are dead weight once the current one is written.
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            for name in names where name.hasPrefix("index-v") && name != fileURL.lastPathComponent {
                try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    /// Whether an index file of another format version is present.
    private func hasOtherFormat() -> Bool {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.contains { $0.hasPrefix("index-v") && $0 != fileURL.lastPathComponent }
    }
}
