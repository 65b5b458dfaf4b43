import Foundation

/// Python trusts a `.pyc` whose source has the same size and mtime second, so a quick same-size edit
/// (`upper()` → `lower()`) can run stale bytecode and pass. Before tests run, the caches that could be stale go:
/// all of them in gate's own directories, and in the user's work tree only those of the files the push changed.
enum BytecodeCaches {
    /// Removes every `__pycache__` directory below `root` (a directory of gate's own).
    static func clearAll(in root: String) {
        let fm = FileManager.default
        guard let walker = fm.enumerator(atPath: root) else { return }
        var found: [String] = []
        while let item = walker.nextObject() as? String {
            if item.hasPrefix(".git/") || item.contains("/node_modules/") || item.hasPrefix("node_modules/") { continue }
            if (item as NSString).lastPathComponent == "__pycache__" {
                found.append(item)
                walker.skipDescendants()
            }
        }
        for item in found { try? fm.removeItem(atPath: root + "/" + item) }
    }

    /// Removes the cached bytecode of each changed `.py` file (`dir/__pycache__/name.*.pyc`).
    static func invalidate(_ paths: [String], in root: String) {
        let fm = FileManager.default
        for path in paths where path.hasSuffix(".py") {
            let directory = root + "/" + (path as NSString).deletingLastPathComponent
            let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension + "."
            let cache = directory + "/__pycache__"
            for name in (try? fm.contentsOfDirectory(atPath: cache)) ?? [] where name.hasPrefix(stem) && name.hasSuffix(".pyc") {
                try? fm.removeItem(atPath: cache + "/" + name)
            }
        }
    }
}
