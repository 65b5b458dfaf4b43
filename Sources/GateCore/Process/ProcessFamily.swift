import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Every process one `ChildProcess.run` started, wherever it went: the child's process group, the descendants of
/// its members, and any process below gate whose environment carries the run's marker (`ProcessFamily.variable`).
///
/// A test can leave its process group and session (`setsid`, daemons) and outlive its parent; because gate is a
/// child subreaper, such orphans are reparented to gate instead of init, so they stay below gate in `/proc` where
/// the marker (inherited through fork and exec unless a process clears its environment) or an earlier survey (pid
/// plus start time, safe against pid reuse) ties them to this run. Only processes below gate are ever touched.
struct ProcessFamily {
    /// The environment variable holding the markers of every gate run a process descends from, `:`-separated.
    static let variable = "GATE_PROCESS_MARKERS"

    let leader: pid_t
    let marker: String
    /// The inodes of the child's output pipes: a process below gate that holds one is a member too.
    let outputPipes: Set<UInt64>
    private var known: Set<Identity> = []

    private struct Identity: Hashable {
        let pid: pid_t
        let startTime: UInt64
    }

    init(leader: pid_t, marker: String, outputPipes: Set<UInt64> = []) {
        precondition(leader > 0, "a process family needs its leader's pid")
        self.leader = leader
        self.marker = marker
        self.outputPipes = outputPipes
    }

    private static let counter = Locked(0)

    /// A marker unique to this gate process and one run: `gate-<pid>-<random>-<n>`.
    static func newMarker() -> String {
        let number = counter.withLock { value -> Int in
            value += 1
            return value
        }
        return "gate-\(getpid())-\(String(UInt32.random(in: 0...UInt32.max), radix: 36))-\(number)"
    }

    /// `environment` with `marker` appended to the markers it inherited.
    static func marking(_ environment: [String: String], with marker: String) -> [String: String] {
        var marked = environment
        marked[variable] = environment[variable].map { $0 + ":" + marker } ?? marker
        return marked
    }

    /// The live members now, remembering them for later surveys. Zombies among the members that were reparented
    /// to gate (outside the leader's group, which the session reaps itself) are reaped here. With `pipeHolders`,
    /// processes holding the output pipes count too (this reads every candidate's descriptors: done at termination).
    mutating func survey(pipeHolders: Bool = false) -> [pid_t] {
        let table = ProcessTable.snapshot()
        let own = getpid()
        var roots: Set<pid_t> = []
        for pid in table.descendants(of: [own]) {
            guard let entry = table.entries[pid] else { continue }
            if pid == leader || entry.group == leader || known.contains(Identity(pid: pid, startTime: entry.startTime))
                || (!entry.isGone && ProcessTable.listVariable(Self.variable, of: pid).contains(Substring(marker)))
                || (pipeHolders && !entry.isGone && ProcessTable.holdsPipe(pid, of: outputPipes)) {
                roots.insert(pid)
            }
        }
        var live: [pid_t] = []
        for pid in roots.union(table.descendants(of: roots)) {
            guard let entry = table.entries[pid] else { continue }
            if !entry.isGone {
                known.insert(Identity(pid: pid, startTime: entry.startTime))
                live.append(pid)
            } else if entry.parent == own && pid != leader && entry.group != leader {
                var status: Int32 = 0
                if waitpid(pid, &status, WNOHANG) == pid { known.remove(Identity(pid: pid, startTime: entry.startTime)) }
            }
        }
        return live.sorted()
    }

    /// Sends `signal` to the leader's process group and to every live member; returns how many members were live.
    @discardableResult
    mutating func signal(_ signal: Int32) -> Int {
        kill(-leader, signal)
        let live = survey(pipeHolders: true)
        for pid in live { kill(pid, signal) }
        return live.count
    }
}
