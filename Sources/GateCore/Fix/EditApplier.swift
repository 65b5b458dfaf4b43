import Foundation

/// Applies edits to files under the validator's root, all or nothing: every edit is validated
/// and every new file content computed in memory first; only then is each file written to a
/// temporary file and renamed into place. If anything fails, no file changes.
public struct EditApplier: Sendable {
    public let validator: EditValidator

    public init(validator: EditValidator) {
        self.validator = validator
    }

    /// Applies `edits` in order and returns the changed files' paths relative to the root, as written: an edit through an
    /// in-repository symlink names the file the link points to, so a commit of these paths holds what changed.
    /// Throws the first `EditRejection`; then nothing was written.
    public func apply(_ edits: [FileEdit]) throws -> [String] {
        try validator.validate(edits)
        var pending: [String: PendingFile] = [:]
        var order: [String] = []
        for (offset, edit) in edits.enumerated() {
            let block = offset + 1
            func reject(_ reason: EditRejection.Reason) -> EditRejection {
                EditRejection(block: block, path: edit.path, reason: reason)
            }
            let target: String
            switch validator.resolve(edit.path, block: block) {
            case .success(let resolved): target = resolved
            case .failure(let rejection): throw rejection
            }
            var file: PendingFile
            if let existing = pending[target] {
                file = existing
            } else {
                file = try PendingFile(reading: target, relativePath: EditValidator.normalized(edit.path), reject: reject)
                file.writtenPath = validator.relativeToRoot(target) ?? file.relativePath
                order.append(target)
            }
            if edit.createsFile {
                if let content = file.content, !content.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                    throw reject(.fileAlreadyExists)
                }
                file.content = edit.replace
            } else {
                guard let content = file.content else { throw reject(.fileNotFound) }
                do {
                    file.content = try SearchReplacement.apply(search: edit.search, replace: edit.replace, in: content)
                } catch .notFound {
                    throw reject(.searchNotFound)
                } catch .ambiguous(let matches) {
                    throw reject(.searchAmbiguous(matches: matches))
                }
            }
            pending[target] = file
        }
        let changed = order.compactMap { pending[$0] }.filter { $0.content != $0.original }
        try write(changed, blockFor: { file in
            (edits.firstIndex { EditValidator.normalized($0.path) == file.relativePath } ?? 0) + 1
        })
        return changed.map(\.writtenPath)
    }

    /// Stages every file as a temporary sibling, then renames all into place; on a failed rename
    /// the files already replaced get their original content back.
    private func write(_ files: [PendingFile], blockFor: (PendingFile) -> Int) throws {
        var staged: [(file: PendingFile, temporary: String)] = []
        var createdDirectories: [String] = []
        func cleanUp() {
            staged.forEach { unlink($0.temporary) }
            createdDirectories.reversed().forEach { rmdir($0) }
        }
        for file in files {
            let directory = (file.absolutePath as NSString).deletingLastPathComponent
            do {
                createdDirectories += try Self.createDirectories(directory)
                let temporary = directory + "/.gate-edit-\(UUID().uuidString)"
                try Data(file.encodedContent.utf8).write(to: URL(fileURLWithPath: temporary))
                staged.append((file, temporary))
                if let mode = file.mode { chmod(temporary, mode) }
            } catch {
                cleanUp()
                throw EditRejection(block: blockFor(file), path: file.relativePath, reason: .writeFailed(error.localizedDescription))
            }
        }
        for (index, entry) in staged.enumerated() where rename(entry.temporary, entry.file.absolutePath) != 0 {
            let reason = String(cString: strerror(errno))
            for done in staged[..<index] {
                if let original = done.file.originalData {
                    try? original.write(to: URL(fileURLWithPath: done.file.absolutePath))
                } else {
                    unlink(done.file.absolutePath)
                }
            }
            staged = Array(staged[index...])
            cleanUp()
            throw EditRejection(block: blockFor(entry.file), path: entry.file.relativePath, reason: .writeFailed(reason))
        }
    }

    /// Creates missing directories and returns those it created, outermost first.
    private static func createDirectories(_ directory: String) throws -> [String] {
        var missing: [String] = []
        var cursor = directory
        while !cursor.isEmpty, cursor != "/", !FileManager.default.fileExists(atPath: cursor) {
            missing.insert(cursor, at: 0)
            cursor = (cursor as NSString).deletingLastPathComponent
        }
        for path in missing {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        }
        return missing
    }
}

/// One file's content before and after the edits, kept in memory until everything applied.
private struct PendingFile {
    let absolutePath: String
    let relativePath: String
    /// The path relative to the root of the file actually written (the symlink's target when the edit named a link).
    var writtenPath = ""
    let originalData: Data?
    let original: String?
    let usesCRLF: Bool
    let mode: mode_t?
    var content: String?

    init(reading path: String, relativePath: String, reject: (EditRejection.Reason) -> EditRejection) throws {
        self.absolutePath = path
        self.relativePath = relativePath
        var info = stat()
        guard stat(path, &info) == 0 else {
            originalData = nil
            original = nil
            usesCRLF = false
            mode = nil
            return
        }
        guard info.st_mode & S_IFMT == S_IFREG else { throw reject(.unreadable("not a regular file")) }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw reject(.unreadable(error.localizedDescription))
        }
        guard let text = String(data: data, encoding: .utf8) else { throw reject(.notText) }
        originalData = data
        usesCRLF = text.contains("\r\n")
        original = usesCRLF ? text.replacingOccurrences(of: "\r\n", with: "\n") : text
        mode = info.st_mode & 0o7777
        content = original
    }

    /// The new content with the file's original line endings.
    var encodedContent: String {
        let text = content ?? ""
        return usesCRLF ? text.replacingOccurrences(of: "\n", with: "\r\n") : text
    }
}
