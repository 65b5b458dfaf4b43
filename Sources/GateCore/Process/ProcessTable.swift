import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A snapshot of the processes below this one, read from Linux's `/proc`.
///
/// Because gate is a child subreaper (`ProcessWideSetup`), a test's descendants stay below gate even when their
/// parent exits or they move to another session (`setsid`), so this is where all of them can be found.
struct ProcessTable {
    struct Entry: Equatable {
        let pid: pid_t
        let parent: pid_t
        let group: pid_t
        /// The state letter of `/proc/<pid>/stat` (`R`, `S`, `Z`, …).
        let state: Character
        /// Clock ticks after boot when the process started: with the pid, an identity that survives pid reuse.
        let startTime: UInt64

        /// A zombie holds no resources but its exit status: it is gone in every way that matters here.
        var isGone: Bool { state == "Z" || state == "X" }
    }

    private(set) var entries: [pid_t: Entry] = [:]

    /// Reads every process's `stat`; processes that vanish meanwhile are skipped. Empty without `/proc`.
    static func snapshot() -> ProcessTable {
        var table = ProcessTable()
        guard let directory = opendir("/proc") else { return table }
        defer { closedir(directory) }
        while let item = readdir(directory) {
            let name = withUnsafeBytes(of: item.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard let pid = pid_t(name), let entry = readStat(pid) else { continue }
            table.entries[pid] = entry
        }
        return table
    }

    /// Every process below `ancestor` (children, grandchildren, …), excluding `ancestor` itself.
    func descendants(of ancestors: Set<pid_t>) -> Set<pid_t> {
        var children: [pid_t: [pid_t]] = [:]
        for entry in entries.values { children[entry.parent, default: []].append(entry.pid) }
        var found: Set<pid_t> = []
        var pending = Array(ancestors)
        while let next = pending.popLast() {
            for child in children[next] ?? [] where !found.contains(child) && !ancestors.contains(child) {
                found.insert(child)
                pending.append(child)
            }
        }
        return found
    }

    /// The `:`-separated values of `variable` in the process's environment (`/proc/<pid>/environ`); empty when
    /// unreadable (another user's process, a zombie) or unset.
    static func listVariable(_ variable: String, of pid: pid_t) -> [Substring] {
        let descriptor = open("/proc/\(pid)/environ", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return [] }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while bytes.count < 4 << 20 {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            bytes.append(contentsOf: buffer[0..<count])
        }
        let prefix = Array((variable + "=").utf8)
        for entry in bytes.split(separator: 0, omittingEmptySubsequences: true) where entry.starts(with: prefix) {
            return String(decoding: entry.dropFirst(prefix.count), as: UTF8.self).split(separator: ":")
        }
        return []
    }

    /// Whether the process has one of the pipes (by inode) open, read from the links in `/proc/<pid>/fd`.
    static func holdsPipe(_ pid: pid_t, of inodes: Set<UInt64>) -> Bool {
        guard !inodes.isEmpty, let directory = opendir("/proc/\(pid)/fd") else { return false }
        defer { closedir(directory) }
        var target = [CChar](repeating: 0, count: 64)
        while let item = readdir(directory) {
            let name = withUnsafeBytes(of: item.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard Int(name) != nil else { continue }
            let length = readlink("/proc/\(pid)/fd/\(name)", &target, target.count - 1)
            guard length > 0 else { continue }
            let link = String(decoding: target[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            // "pipe:[123456]"
            if link.hasPrefix("pipe:["), let inode = UInt64(link.dropFirst(6).dropLast()), inodes.contains(inode) { return true }
        }
        return false
    }

    /// The inode of an open descriptor (for a pipe, what `/proc/<pid>/fd` links name).
    static func inode(of descriptor: Int32) -> UInt64? {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        return UInt64(info.st_ino)
    }

    /// Parses `/proc/<pid>/stat`: `pid (comm) state ppid pgrp …`, where comm may hold spaces and parentheses.
    private static func readStat(_ pid: pid_t) -> Entry? {
        let descriptor = open("/proc/\(pid)/stat", O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 1024)
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count > 0, let close = buffer[0..<count].lastIndex(of: UInt8(ascii: ")")) else { return nil }
        let fields = buffer[(close + 1)..<count].split(separator: UInt8(ascii: " "))
        // After comm: state(0) ppid(1) pgrp(2) … starttime(19).
        guard fields.count >= 20, let state = fields[0].first,
              let parent = pid_t(String(decoding: fields[1], as: UTF8.self)),
              let group = pid_t(String(decoding: fields[2], as: UTF8.self)),
              let start = UInt64(String(decoding: fields[19], as: UTF8.self)) else { return nil }
        return Entry(pid: pid, parent: parent, group: group, state: Character(UnicodeScalar(state)), startTime: start)
    }
}
