import Foundation

/// Where a server-side gate takes its settings from, in this order (the pushed `.gate.yml` never wins):
/// 1. the file named by `git config gate.config` (relative paths against the bare repository);
/// 2. `gate/config.yml` in the bare repository;
/// 3. `.gate.yml` of the branch the repository's HEAD names, as already accepted on the server;
/// 4. none: suites are detected from the pushed tree, with default server settings.
public struct ServerConfigSource: CustomStringConvertible, Sendable {
    public let config: GateConfig?
    public let bytes: [UInt8]
    public let origin: String
    /// True for the server's own copy (1 and 2 above): then no push can change the config.
    public let isServerCopy: Bool

    public var description: String { origin }

    public static func locate(_ repository: GitRepository) throws -> ServerConfigSource {
        let root = repository.commonDirectory
        if let configured = try repository.configString("gate.config"), !configured.isEmpty {
            let path = configured.hasPrefix("/") ? configured : root + "/" + configured
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ConfigError(file: path, line: nil, message: "git config gate.config names this file, but it cannot be read")
            }
            return try parsed(Array(data), name: path, origin: "\(path) (git config gate.config)", serverCopy: true, repository)
        }
        let local = root + "/gate/config.yml"
        if let data = FileManager.default.contents(atPath: local) {
            return try parsed(Array(data), name: local, origin: local, serverCopy: true, repository)
        }
        if let head = repository.headCommit(), let tree = try? repository.commit(head).tree,
           let blob = try repository.blobID(atPath: ".gate.yml", inTree: tree) {
            let name = ".gate.yml of \(repository.headReferenceName() ?? "HEAD") (\(head.short))"
            return try parsed(try repository.blobContents(blob), name: name, origin: name, serverCopy: false, repository)
        }
        return ServerConfigSource(config: nil, bytes: [], origin: "no server config: suites detected from each pushed tree, default server settings",
                                  isServerCopy: false)
    }

    private static func parsed(_ bytes: [UInt8], name: String, origin: String, serverCopy: Bool,
                               _ repository: GitRepository) throws -> ServerConfigSource {
        let config = try ConfigLoader(repository: repository).parse(bytes, name: name)
        return ServerConfigSource(config: config, bytes: bytes, origin: origin, isServerCopy: serverCopy)
    }
}

extension ServerConfigSource {
    /// Without a server copy, the default branch's `.gate.yml` becomes the config once a push to that branch lands.
    /// Returns the parse error of the `.gate.yml` such a push would install, so the push can be refused before an
    /// invalid file locks every later push out; nil when the push is fine (or cannot change the config).
    public static func invalidPushedConfig(_ update: ReceiveUpdate, defaultBranch: String?, source: ServerConfigSource,
                                           _ repository: GitRepository) throws -> ConfigError? {
        guard !source.isServerCopy, !update.isDeletion, update.ref == defaultBranch,
              let tip = try repository.peelToCommit(update.newID),
              let blob = try repository.blobID(atPath: ".gate.yml", inTree: try repository.commit(tip).tree) else { return nil }
        do {
            _ = try ConfigLoader(repository: repository).parse(try repository.blobContents(blob), name: ".gate.yml of \(update.ref) (\(tip.short))")
            return nil
        } catch let error as ConfigError {
            return error
        }
    }
}
