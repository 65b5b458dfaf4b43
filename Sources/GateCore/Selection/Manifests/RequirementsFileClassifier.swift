import Foundation

/// Classifies a change to a pip requirements file (`requirements*.txt`, `constraints*.txt`, `requirements/*.in`)
/// requirement by requirement. Comments and blank lines affect no test; a changed option line (`-r`, `-c`, `-e`,
/// `--index-url`, a path or URL without a name) affects every test.
enum RequirementsFileClassifier {
    struct Contents: Equatable {
        var requirements: [String: String] = [:]
        var options: [String] = []
    }

    static func read(_ bytes: [UInt8]) -> Contents {
        var contents = Contents()
        for line in logicalLines(String(decoding: bytes, as: UTF8.self)) {
            if line.hasPrefix("-") || line.hasPrefix(".") || line.hasPrefix("/") || line.contains("://") && !line.contains("@") {
                contents.options.append(line)
            } else if let requirement = PythonRequirement(line) {
                let rest = requirement.rest.isEmpty ? "(any version)" : requirement.rest
                contents.requirements[requirement.name] = contents.requirements[requirement.name].map { $0 + ", " + rest } ?? rest
            } else {
                contents.options.append(line)
            }
        }
        return contents
    }

    static func diff(old: [UInt8], new: [UInt8]) -> ManifestDiff {
        var diff = ManifestDiff()
        let before = read(old), after = read(new)
        if before.options != after.options {
            let changed = Set(before.options).symmetricDifference(after.options).sorted().first ?? "the order of options"
            diff.force("an option line changed (\(changed))")
        }
        diff.compare(before.requirements, after.requirements)
        if before == after { diff.ignore("comments or formatting") }
        return diff
    }

    /// Lines with comments removed, `\` continuations joined, blank lines dropped.
    static func logicalLines(_ text: String) -> [String] {
        var lines: [String] = []
        var pending = ""
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            var line = String(raw)
            if line.hasPrefix("#") { line = "" }
            if let range = line.range(of: " #") ?? line.range(of: "\t#") { line = String(line[..<range.lowerBound]) }
            line = line.trimmingCharacters(in: .whitespaces)
            if line.hasSuffix("\\") {
                pending += line.dropLast() + " "
                continue
            }
            let joined = (pending + line).trimmingCharacters(in: .whitespaces)
            pending = ""
            if !joined.isEmpty { lines.append(joined) }
        }
        if !pending.trimmingCharacters(in: .whitespaces).isEmpty { lines.append(pending.trimmingCharacters(in: .whitespaces)) }
        return lines
    }
}
