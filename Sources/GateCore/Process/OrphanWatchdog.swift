import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Kills gate's test processes when gate itself dies, however it dies (SIGKILL included, when no code of gate runs).
///
/// A tiny `/bin/sh` process, started on the first `ChildProcess.run` (so never on a docs-only push), reads lines from
/// a pipe whose only write end gate holds (close-on-exec, so no child inherits it). Gate announces each run's marker
/// before spawning and its process group after, and withdraws both when the run is over. When the pipe reaches EOF,
/// gate is gone: the watchdog sends SIGTERM, then SIGKILL, to every group still announced and to every process whose
/// environment carries an announced marker (found in `/proc/*/environ`), which reaches the ones that moved to
/// another session. After a normal exit nothing is announced and it just exits.
///
/// Why not `PR_SET_PDEATHSIG`: it fires when the spawning *thread* exits (gate spawns from dispatch worker threads),
/// `posix_spawn` cannot set it, and it is not inherited by grandchildren, so a `setsid` daemon would escape anyway.
/// The watchdog runs in its own process group and ignores SIGINT, SIGTERM and SIGHUP, so a Ctrl-C aimed at the
/// terminal's foreground group reaches gate (whose `InterruptTrap` cleans up) but not the watchdog.
final class OrphanWatchdog: Sendable {
    /// The watchdog for this process, started on first use; nil when it could not be started.
    static let shared: OrphanWatchdog? = OrphanWatchdog.start()

    private let pid: pid_t
    private let pipe: Int32
    private let lock = NSLock()

    private init(pid: pid_t, pipe: Int32) {
        self.pid = pid
        self.pipe = pipe
    }

    /// Announces a marker before the child that carries it is spawned.
    func watch(marker: String) { send("+m \(marker)") }
    /// Announces a spawned child's process group.
    func watch(group: pid_t) { send("+g \(group)") }
    /// Withdraws a finished run: its group is gone and its marked processes were killed.
    func release(group: pid_t, marker: String) { send("-g \(group)\n-m \(marker)") }

    private func send(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        lock.lock()
        defer { lock.unlock() }
        // Non-blocking: a stopped watchdog must never stall gate; a full pipe loses the line (64 KB of backlog).
        _ = bytes.withUnsafeBytes { write(pipe, $0.baseAddress, $0.count) }
    }

    /// The watchdog's program: collect announcements until EOF, then kill what is still announced.
    static let script = """
        trap '' INT TERM HUP PIPE
        groups=' '; markers=' '
        drop() {
          kept=' '; for x in $groups; do [ "$x" = "$1" ] || kept="$kept$x "; done; groups=$kept
          kept=' '; for x in $markers; do [ "$x" = "$2" ] || kept="$kept$x "; done; markers=$kept
        }
        while read -r op value; do
          case $op in
            +g) groups="$groups$value " ;;
            +m) markers="$markers$value " ;;
            -g) drop "$value" '' ;;
            -m) drop '' "$value" ;;
          esac
        done
        [ -z "${groups# }" ] && [ -z "${markers# }" ] && exit 0
        sweep() {
          for g in $groups; do kill -$1 -$g 2>/dev/null; done
          [ -z "${markers# }" ] && return
          set -- "$1"; for m in $markers; do set -- "$@" -e "$m"; done
          signal=$1; shift
          for file in $(grep -l -s -F "$@" /proc/[0-9]*/environ 2>/dev/null); do
            pid=${file#/proc/}; pid=${pid%/environ}
            [ "$pid" = $$ ] || kill -$signal "$pid" 2>/dev/null
          done
        }
        sweep TERM; sleep 1; sweep KILL; sleep 0.5; sweep KILL
        """

    private static func start() -> OrphanWatchdog? {
        guard access("/bin/sh", X_OK) == 0 else { return nil }
        let spec = ProcessSpec(executable: "/bin/sh", arguments: ["-c", script, "gate-watchdog"],
                               environment: ["PATH": "/usr/bin:/bin"], workingDirectory: "/")
        guard let spawned = try? SpawnedProcess.spawn(executablePath: "/bin/sh", spec: spec, withInput: true) else {
            return nil
        }
        // It prints nothing; its output pipes are not needed (writes to them fail quietly, SIGPIPE is trapped).
        close(spawned.standardOutput)
        close(spawned.standardError)
        return OrphanWatchdog(pid: spawned.pid, pipe: spawned.standardInput)
    }
}
