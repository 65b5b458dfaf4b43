import Foundation

/// Identifies the installed test tools cheaply (path, size, mtime; no subprocess), so a tool upgrade invalidates the verified-tree cache.
enum ToolFingerprint {
    static func of(_ runners: [RunnerKind], environment: [String: String]) -> [String] {
        var seen = Set<String>()
        var result: [String] = []
        for runner in runners {
            for tool in TestRunners.runner(for: runner).requiredTools where seen.insert(tool.name).inserted {
                guard let path = ChildProcess.locate(tool.name, environment: environment),
                      let attributes = try? FileManager.default.attributesOfItem(atPath: URL(fileURLWithPath: path).resolvingSymlinksInPath().path) else {
                    result.append(tool.name + ":missing")
                    continue
                }
                let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
                let modified = (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
                result.append("\(tool.name):\(path):\(size):\(Int(modified))")
            }
        }
        return result
    }
}
