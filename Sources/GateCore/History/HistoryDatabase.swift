import Foundation
import GRDB

/// `.git/gate/history.sqlite`: every checked push, each test's outcome and duration, and the fix attempts. WAL mode
/// (readers never wait for a writer) with a busy timeout, so overlapping runs wait for each other instead of failing
/// with "database is locked".
public final class HistoryDatabase: Sendable {
    public static let fileName = "history.sqlite"
    /// How long a writer waits for another one before giving up.
    public static let busyTimeout: TimeInterval = 30

    let pool: DatabasePool

    /// Opens (creating when missing) and migrates the database at `path`.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(Self.busyTimeout)
        configuration.foreignKeysEnabled = true
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try Self.migrate(pool)
        } catch let error as DatabaseError {
            throw HistoryError(path: path, message: error.message ?? "\(error)")
        }
    }

    /// The database under a gate directory.
    public convenience init(directory: GateDirectory) throws {
        try directory.ensureExists()
        try self.init(path: Self.path(in: directory))
    }

    public static func path(in directory: GateDirectory) -> String { directory.root + "/" + fileName }

    /// Runs the migrations; a second process that raced this one to the same migration finds it applied.
    private static func migrate(_ pool: DatabasePool) throws {
        let migrator = HistorySchema.migrator
        do {
            try migrator.migrate(pool)
        } catch {
            guard try pool.read({ try migrator.hasCompletedMigrations($0) }) else { throw error }
        }
    }

    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try pool.write(body) } catch let error as DatabaseError {
            throw HistoryError(path: pool.path, message: error.message ?? "\(error)")
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try pool.read(body) } catch let error as DatabaseError {
            throw HistoryError(path: pool.path, message: error.message ?? "\(error)")
        }
    }
}

/// The history database could not be read or written.
public struct HistoryError: Error, CustomStringConvertible {
    public let path: String
    public let message: String
    public var description: String {
        let next: String
        if message.contains("locked") || message.contains("busy") {
            next = "another gate process held it for more than \(Int(HistoryDatabase.busyTimeout)) s; try again"
        } else if message.contains("unable to open") || message.contains("readonly") {
            next = "check that its directory exists and is writable"
        } else {
            next = "if it is damaged, move it aside to start a new history (`gate history export` first keeps what is readable)"
        }
        return "the test history at \(path) failed: \(message); \(next)."
    }
}
