/// Operations on repo-relative paths (`/`-separated, no leading `/`, the root is `""`).
enum RepoPath {
    /// The directory part of a path; `""` for a file at the root.
    static func directory(_ path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return String(path[..<slash])
    }

    /// The last component of a path.
    static func fileName(_ path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return path }
        return String(path[path.utf8.index(after: slash)...])
    }

    /// Whether the last component of `path` is exactly `name`, without allocating.
    static func hasFileName(_ path: String, _ name: StaticString) -> Bool {
        let count = name.utf8CodeUnitCount
        let bytes = path.utf8
        guard bytes.count >= count else { return false }
        let pointer = name.utf8Start
        var index = bytes.endIndex
        for offset in stride(from: count - 1, through: 0, by: -1) {
            index = bytes.index(before: index)
            if bytes[index] != pointer[offset] { return false }
        }
        return index == bytes.startIndex || bytes[bytes.index(before: index)] == UInt8(ascii: "/")
    }

    /// The lowercased extension of the last component without the dot, or `""`.
    static func fileExtension(_ path: String) -> String {
        let name = fileName(path)
        guard let dot = name.utf8.lastIndex(of: UInt8(ascii: ".")), dot != name.startIndex else { return "" }
        return String(name[name.utf8.index(after: dot)...]).lowercased()
    }

    /// The path without the extension of its last component.
    static func removingExtension(_ path: String) -> String {
        let name = fileName(path)
        guard let dot = name.utf8.lastIndex(of: UInt8(ascii: ".")), dot != name.startIndex else { return path }
        let dropped = name.utf8.distance(from: dot, to: name.utf8.endIndex)
        return String(path.utf8.dropLast(dropped))!
    }

    /// Joins a directory and a relative path; either may be empty.
    static func join(_ directory: String, _ relative: String) -> String {
        if directory.isEmpty { return relative }
        if relative.isEmpty { return directory }
        return directory + "/" + relative
    }

    /// Resolves `.` and `..` components; nil when the path climbs above the root.
    static func normalize(_ path: String) -> String? {
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == ".." {
                if parts.isEmpty { return nil }
                parts.removeLast()
            } else {
                parts.append(part)
            }
        }
        return parts.joined(separator: "/")
    }

    /// Whether `path` is `directory` itself or lies inside it; every path lies inside the root `""`.
    static func isInside(_ path: String, directory: String) -> Bool {
        if directory.isEmpty { return true }
        guard path.hasPrefix(directory) else { return false }
        let rest = path.utf8.dropFirst(directory.utf8.count)
        return rest.isEmpty || rest.first == UInt8(ascii: "/")
    }

    /// `path` relative to `directory` (which must contain it); `""` when they are equal.
    static func relative(_ path: String, to directory: String) -> String {
        if directory.isEmpty { return path }
        if path == directory { return "" }
        return String(path.utf8.dropFirst(directory.utf8.count + 1))!
    }

    /// The directory components of a path from the root down, e.g. `a/b/c.py` → `["a", "a/b"]`.
    static func ancestors(_ path: String) -> [String] {
        var result: [String] = []
        var index = path.utf8.startIndex
        while let slash = path.utf8[index...].firstIndex(of: UInt8(ascii: "/")) {
            result.append(String(path[..<slash]))
            index = path.utf8.index(after: slash)
        }
        return result
    }

    /// Normalises a user-given working directory: nil, `""`, `.` and `./` all mean the root.
    static func cleanDirectory(_ directory: String?) -> String {
        guard let directory else { return "" }
        return normalize(directory) ?? ""
    }
}
