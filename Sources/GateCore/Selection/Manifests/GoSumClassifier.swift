/// Classifies a change to `go.sum`. It only holds checksums: the versions built are go.mod's, so added lines affect no
/// test. A removed line can make every build fail (`missing go.sum entry`), so it affects every test.
enum GoSumClassifier {
    static func diff(old: [UInt8], new: [UInt8]) -> ManifestDiff {
        var diff = ManifestDiff()
        let lines = { (bytes: [UInt8]) in
            Set(String(decoding: bytes, as: UTF8.self).split(whereSeparator: { $0 == "\n" || $0 == "\r" })
                .map { $0.trimmingPrefix(" ") }.filter { !$0.isEmpty }.map(String.init))
        }
        let removed = lines(old).subtracting(lines(new))
        if let first = removed.sorted().first {
            diff.force("a checksum line was removed (\(first.split(separator: " ").prefix(2).joined(separator: " "))), which can fail every build")
        } else {
            diff.ignore("checksum lines added")
        }
        return diff
    }
}
