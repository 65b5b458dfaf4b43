#if canImport(Glibc)
import Glibc
#endif

/// Seconds from a monotonic clock, immune to wall-clock changes.
enum MonotonicClock {
    static var now: Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1_000_000_000
    }
}
