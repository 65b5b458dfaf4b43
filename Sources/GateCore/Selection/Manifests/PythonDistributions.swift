import Foundation

/// The distributions installed in a virtualenv, read from their `*.dist-info` (and `*.egg-info`) directories: the
/// top-level modules each provides (`top_level.txt`, else the first component of the paths in `RECORD`), the
/// distributions it requires (`Requires-Dist` in `METADATA`), and whether it registers a pytest plugin (`pytest11`
/// in `entry_points.txt`).
struct PythonDistributions: Sendable {
    struct Distribution: Sendable {
        var modules: [String] = []
        var requires: Set<String> = []
        var isPytestPlugin = false
    }

    /// Normalised name → what its records say.
    private(set) var distributions: [String: Distribution] = [:]
    let virtualenv: String

    /// Reads every `site-packages` under `virtualenv/lib*/python*/`; nil when there is none.
    init?(virtualenv: String) {
        self.virtualenv = virtualenv
        let manager = FileManager.default
        var sitePackages: [String] = []
        for lib in ["lib", "lib64"] {
            let base = virtualenv + "/" + lib
            for python in (try? manager.contentsOfDirectory(atPath: base)) ?? [] where python.hasPrefix("python") {
                sitePackages.append(base + "/" + python + "/site-packages")
            }
        }
        for directory in sitePackages {
            for name in (try? manager.contentsOfDirectory(atPath: directory)) ?? [] {
                guard name.hasSuffix(".dist-info") || name.hasSuffix(".egg-info") else { continue }
                let path = directory + "/" + name
                guard let (distName, distribution) = Self.read(path, directoryName: name) else { continue }
                distributions[distName] = distribution
            }
        }
        if sitePackages.isEmpty { return nil }
    }

    private static func read(_ path: String, directoryName: String) -> (String, Distribution)? {
        let metadata = text(path + "/METADATA") ?? text(path + "/PKG-INFO") ?? ""
        var name: String?
        var distribution = Distribution()
        for line in metadata.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty { break }  // the headers end at the first blank line
            if line.hasPrefix("Name:") { name = line.dropFirst(5).trimmingCharacters(in: .whitespaces) }
            if line.hasPrefix("Requires-Dist:"), let requirement = PythonRequirement(String(line.dropFirst(14))) {
                distribution.requires.insert(requirement.name)
            }
        }
        let fallback = directoryName.split(separator: "-").first.map(String.init) ?? directoryName
        let key = PythonRequirement.normalise(name ?? fallback)
        if let topLevel = text(path + "/top_level.txt") {
            distribution.modules = topLevel.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }.map { $0.replacingOccurrences(of: "/", with: ".") }
        } else if let record = text(path + "/RECORD") {
            distribution.modules = modules(inRecord: record)
        }
        if let entryPoints = text(path + "/entry_points.txt") {
            distribution.isPytestPlugin = entryPoints.split(whereSeparator: \.isNewline)
                .contains { $0.trimmingCharacters(in: .whitespaces) == "[pytest11]" }
        }
        return (key, distribution)
    }

    /// Top-level importable names in a `RECORD`: `pkg/__init__.py` → `pkg`, `mod.py` → `mod`, `_ext.cpython-312.so` → `_ext`.
    static func modules(inRecord record: String) -> [String] {
        var found = Set<String>()
        for line in record.split(whereSeparator: \.isNewline) {
            let path = line.split(separator: ",").first.map(String.init) ?? ""
            let components = path.split(separator: "/")
            guard let first = components.first, !first.hasPrefix(".."), !first.hasSuffix(".dist-info"),
                !first.hasSuffix(".data"), first != "__pycache__" else { continue }
            if components.count == 1 {
                guard path.hasSuffix(".py") || path.hasSuffix(".so") || path.hasSuffix(".pyd") else { continue }
                found.insert(String(first.split(separator: ".").first ?? first))
            } else if path.hasSuffix(".py") || path.hasSuffix(".so") || path.hasSuffix(".pyi") {
                found.insert(String(first))
            }
        }
        return found.sorted()
    }

    private static func text(_ path: String) -> String? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// Name → the installed distributions that require it.
    var dependents: [String: Set<String>] {
        var found: [String: Set<String>] = [:]
        for (name, distribution) in distributions { for required in distribution.requires { found[required, default: []].insert(name) } }
        return found
    }
}
