import Foundation

/// Reads the targets out of `swift package dump-package` JSON (Swift 6.x shape:
/// `targets[].name/type/path/dependencies[].byName|target|product/pluginUsages[].plugin`, `products[].name/type/targets`).
///
/// A target without `path` gets SwiftPM's default: `Tests/<T>` for tests, `Plugins/<T>` for plugins,
/// `Sources/<T>` otherwise. Macro and system targets count as regular (a macro is a compile-time dependency
/// of whoever lists it); binary targets have no sources and are dropped. A plugin a target uses
/// (`plugins:`) counts as one of its dependencies. Dependencies on products of other packages are dropped:
/// only targets of this package are kept, so `byName` is kept when it names one of them. Executable and
/// plugin products are recorded on the targets they build.
public enum SwiftManifestReader {
    public struct ReadError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Targets with paths relative to the package directory.
    public static func read(_ json: [UInt8]) throws -> [SwiftTarget] {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(json))
        } catch {
            throw ReadError(description: "dump-package output is not JSON: \(error.localizedDescription)")
        }
        guard let root = object as? [String: Any], let targets = root["targets"] as? [[String: Any]] else {
            throw ReadError(description: "dump-package output has no targets array")
        }
        var result: [SwiftTarget] = []
        var declaredDependencies: [[String]] = []
        for target in targets {
            guard let name = target["name"] as? String, let type = target["type"] as? String else {
                throw ReadError(description: "a target without name or type")
            }
            if type == "binary" { continue }
            let kind: SwiftTarget.Kind =
                switch type {
                case "test": .test
                case "executable": .executable
                case "plugin": .plugin
                case "macro": .macro
                default: .regular
                }
            let defaultRoot =
                switch type {
                case "test": "Tests"
                case "plugin": "Plugins"
                default: "Sources"
                }
            let customPath = (target["path"] as? String).flatMap { RepoPath.normalize($0) }
            let path = customPath ?? (defaultRoot + "/" + name)
            result.append(SwiftTarget(name: name, kind: kind, path: path, dependencies: []))
            declaredDependencies.append(dependencyNames(target["dependencies"]) + pluginNames(target["pluginUsages"]))
        }
        let localNames = Set(result.map(\.name))
        let products = runnableProducts(root["products"])
        for index in result.indices {
            var seen = Set<String>()
            result[index].dependencies = declaredDependencies[index].filter { localNames.contains($0) && seen.insert($0).inserted }
            if result[index].kind.isRunnable {
                result[index].products = products[result[index].name, default: []].filter { $0 != result[index].name }
            }
        }
        return result
    }

    /// Names from `[{"plugin": [name, package]}]`; the local-name filter drops plugins of other packages.
    private static func pluginNames(_ value: Any?) -> [String] {
        guard let usages = value as? [[String: Any]] else { return [] }
        return usages.compactMap { ($0["plugin"] as? [Any])?.first as? String }
    }

    /// Target name → names of the executable and plugin products built from it.
    private static func runnableProducts(_ value: Any?) -> [String: [String]] {
        guard let products = value as? [[String: Any]] else { return [:] }
        var result: [String: [String]] = [:]
        for product in products {
            guard let name = product["name"] as? String, let type = product["type"] as? [String: Any],
                type["executable"] != nil || type["plugin"] != nil, let targets = product["targets"] as? [String]
            else { continue }
            for target in targets { result[target, default: []].append(name) }
        }
        return result
    }

    /// Names from `[{"byName": [name, cond]}, {"target": [name, cond]}]`; products are skipped.
    private static func dependencyNames(_ value: Any?) -> [String] {
        guard let dependencies = value as? [[String: Any]] else { return [] }
        var names: [String] = []
        for dependency in dependencies {
            for key in ["byName", "target"] {
                if let tuple = dependency[key] as? [Any], let name = tuple.first as? String {
                    names.append(name)
                }
            }
        }
        return names
    }
}
