import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One gate run per repository: an `flock` on `.git/gate/lock`. The kernel drops the lock when its holder dies,
/// so a killed run never leaves a lock that blocks; its leftover pid is reported as cleared.
public final class RunLock: @unchecked Sendable {
    public let path: String
    private var fd: Int32 = -1

    public init(path: String) { self.path = path }

    public enum Outcome: Sendable, Equatable {
        case acquired(clearedStaleHolder: Int32?)
        case busy(holder: String)
    }

    /// Tries to take the lock, waiting up to `wait` seconds; `onWait` is told once who holds it.
    public func acquire(wait: Double, onWait: (String) -> Void) -> Outcome {
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return .busy(holder: "cannot open \(path): \(String(cString: strerror(errno)))") }
        let deadline = Date().addingTimeInterval(wait)
        var told = false
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let holder = describeHolder()
            if Date() >= deadline {
                close(fd)
                fd = -1
                return .busy(holder: holder)
            }
            if !told { onWait(holder); told = true }
            usleep(100_000)
        }
        // We hold the lock. A pid still written there belongs to a run that died without cleaning up.
        var stale: Int32?
        if let previous = Int32(readContents().split(separator: " ").first ?? ""), previous != getpid() {
            stale = previous
        }
        let record = "\(getpid()) \(ProcessInfo.processInfo.hostName) \(Int(Date().timeIntervalSince1970))\n"
        ftruncate(fd, 0)
        _ = record.withCString { pwrite(fd, $0, strlen($0), 0) }
        return .acquired(clearedStaleHolder: stale)
    }

    /// Releases the lock and empties the file. Safe to call twice, and from a signal-time cleanup.
    public func release() {
        guard fd >= 0 else { return }
        ftruncate(fd, 0)
        flock(fd, LOCK_UN)
        close(fd)
        fd = -1
    }

    private func readContents() -> String {
        (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
    }

    private func describeHolder() -> String {
        let parts = readContents().split(separator: " ")
        guard let pid = parts.first else { return "another gate run" }
        return "gate run pid \(pid)" + (parts.count > 1 ? " on \(parts[1])" : "")
    }
}
