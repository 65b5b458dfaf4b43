import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One-time adjustments to the calling process that running children safely requires.
enum ProcessWideSetup {
    /// Performs the setup on first use; later calls do nothing.
    static func ensure() { _ = done }

    private static let done: Bool = {
        // A child that closes its stdin early must produce EPIPE, not kill us with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        becomeSubreaper()
        return true
    }()

    /// Makes orphaned descendants reparent to this process (Linux only) so their
    /// process groups can be reaped completely instead of lingering as zombies, and so
    /// that descendants that left their group or session stay below gate, where
    /// `ProcessFamily` finds and kills them.
    private static func becomeSubreaper() {
        _ = GNUExtensions.becomeChildSubreaper()
    }
}
