import Foundation

/// Which modules require which, read from the module cache's `go.mod` files (`$GOMODCACHE/cache/download/<path>/@v/
/// <version>.mod`, the files `go` itself resolves with), for every module a go.mod requires.
struct GoModuleGraph {
    /// Module path → the modules that require it. Nil when a required module's go.mod is not in the cache.
    static func dependents(of files: [GoModFile], environment: [String: String]) -> (graph: [String: Set<String>]?, missing: String?) {
        let cache = modCache(environment)
        var found: [String: Set<String>] = [:]
        for file in files {
            for (path, version) in file.requires {
                let mod = cache + "/cache/download/" + escaped(path) + "/@v/" + version + ".mod"
                guard let data = FileManager.default.contents(atPath: mod), let requirement = try? GoModFile.read(Array(data)) else {
                    return (nil, "\(path)@\(version)")
                }
                for required in requirement.requires.keys { found[required, default: []].insert(path) }
            }
        }
        return (found, nil)
    }

    /// `$GOMODCACHE`, else `$GOPATH/pkg/mod` (first entry), else `~/go/pkg/mod`.
    static func modCache(_ environment: [String: String]) -> String {
        if let cache = environment["GOMODCACHE"], !cache.isEmpty { return cache }
        if let gopath = environment["GOPATH"]?.split(separator: ":").first { return gopath + "/pkg/mod" }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/go/pkg/mod"
    }

    /// The module cache's case encoding: `github.com/BurntSushi/toml` → `github.com/!burnt!sushi/toml`.
    static func escaped(_ path: String) -> String {
        var out = ""
        for character in path {
            if character.isUppercase { out += "!" + character.lowercased() } else { out.append(character) }
        }
        return out
    }
}
