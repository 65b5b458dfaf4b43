import Foundation

/// Runs async provider work from gate's synchronous run loop (the main thread, never a cooperative-pool thread).
enum BlockingAwait {
    static func run<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) throws -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            do { box.set(.success(try await operation())) } catch { box.set(.failure(error)) }
            done.signal()
        }
        done.wait()
        return try box.get()
    }

    static func runValue<T: Sendable>(_ operation: @escaping @Sendable () async -> T) -> T {
        // A non-throwing operation cannot fail, so the throwing path is unreachable.
        (try? run { await operation() })!
    }

    private final class ResultBox<T: Sendable>: @unchecked Sendable {
        private var result: Result<T, Error>?
        private let lock = NSLock()
        func set(_ value: Result<T, Error>) { lock.lock(); result = value; lock.unlock() }
        func get() throws -> T { lock.lock(); defer { lock.unlock() }; return try result!.get() }
    }
}
