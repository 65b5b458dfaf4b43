/// The executable and plugin rule of Swift selection. A test can run an executable or plugin target without
/// depending on it (a process, `swift package <plugin>`), so such a target that no test target reaches, by
/// manifest dependencies or by naming it in a string literal (`ResolutionContext`), affects every test target
/// of its package when a change reaches it.
enum RunnableTargetRule {
    /// Why the rule applies to the graph node `node`, or nil: not an executable or plugin, or a test reaches it.
    static func reason(for node: String, graph: DependencyGraph) -> String? {
        guard let target = graph.runnableTargets[node] else { return nil }
        var seen: Set = [node]
        var queue = [node]
        var head = 0
        while head < queue.count {
            let current = queue[head]
            head += 1
            if graph.testUnits[current] != nil { return nil }
            for dependent in graph.dependents[current] ?? [] where seen.insert(dependent).inserted { queue.append(dependent) }
        }
        let kind = target.kind == .plugin ? "plugin" : "executable"
        return "\(kind) target `\(target.name)` is not a dependency of any test target and no test names it; "
            + "a test may run it → all test targets of its package"
    }

    /// The test targets of the package that declares the target `name`, in node order (every Swift test
    /// target when no read manifest declares it).
    static func packageTests(of name: String, index: DependencyIndex, graph: DependencyGraph) -> [TestUnit] {
        var names: [String]?
        for (path, entry) in index.files where RepoPath.hasFileName(path, "Package.swift") {
            guard let targets = index.swiftManifests[entry.blobID]?.targets, targets.contains(where: { $0.name == name })
            else { continue }
            names = (names ?? []) + targets.filter { $0.kind == .test }.map(\.name)
        }
        let units = names.map { $0.compactMap { graph.testUnits[SwiftTarget.node($0)] } }
            ?? graph.testUnits.values.filter { $0.runner == .swift }
        return units.sorted { $0.node < $1.node }
    }
}
