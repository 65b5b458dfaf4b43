/// The executable and plugin rule of Swift selection. A test can run an executable or plugin target without
/// depending on it (a process, `swift package <plugin>`), so when a change reaches such a target the rule decides,
/// per test target of its package, which may run it beyond those that reach it (by manifest dependencies or by
/// naming it in a string literal, `ResolutionContext`):
/// - no test target reaches it → every test target of its package (nothing shows which one runs it);
/// - otherwise → also each test target that launches processes (`IndexEntry.launchesProcesses`): it may run it by
///   a name it computes. A test target that neither names it nor launches a process cannot run it. A plugin some
///   target uses is a build tool: it runs when that target builds, not from a test, so this step skips it.
enum RunnableTargetRule {
    /// The test units of the package of the executable or plugin `node` that the walk does not reach through it,
    /// each with the note saying why it is selected; empty for any other node.
    static func extraTests(for node: String, index: DependencyIndex, graph: DependencyGraph) -> [(unit: TestUnit, note: String)] {
        guard let target = graph.runnableTargets[node] else { return [] }
        let kind = target.kind == .plugin ? "plugin" : "executable"
        let reaching = testUnits(reachedFrom: node, graph: graph)
        let package = packageTests(of: target.name, index: index, graph: graph).filter { !reaching.contains($0.node) }
        guard reaching.isEmpty else {
            let buildTool = target.kind == .plugin
                && (graph.dependents[node] ?? []).contains { $0.hasPrefix(SwiftTarget.node("")) }
            if buildTool { return [] }
            return package.filter { graph.processLaunchingTests.contains($0.node) }.map {
                ($0, "test target `\($0.targetName ?? $0.node)` launches processes, so it may run \(kind) target "
                    + "`\(target.name)` without naming it")
            }
        }
        let why = "\(kind) target `\(target.name)` is not a dependency of any test target and no test names it; "
            + "a test may run it → all test targets of its package"
        return package.map { ($0, why) }
    }

    /// Test unit nodes that depend on `node`, transitively.
    private static func testUnits(reachedFrom node: String, graph: DependencyGraph) -> Set<String> {
        var seen: Set = [node]
        var queue = [node]
        var head = 0
        var found = Set<String>()
        while head < queue.count {
            let current = queue[head]
            head += 1
            if graph.testUnits[current] != nil { found.insert(current) }
            for dependent in graph.dependents[current] ?? [] where seen.insert(dependent).inserted { queue.append(dependent) }
        }
        return found
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
