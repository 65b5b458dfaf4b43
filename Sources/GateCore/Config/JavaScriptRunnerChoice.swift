/// Which runner a JavaScript/TypeScript package's tests use, read the way its developers run them: `scripts.test`
/// first, then the runners' configuration files in the package directory (`jest.config.*`, `.mocharc*`,
/// `vitest.config.*`), then a `jest`/`mocha` key in package.json, then `devDependencies`/`dependencies`; with none of
/// these, `node --test`.
enum JavaScriptRunnerChoice: Equatable, Sendable {
    case runner(RunnerKind, evidence: String)
    /// Vitest: not supported yet; `evidence` says where it was seen.
    case vitest(evidence: String)

    static func choose(package: PackageJSON?, directory: String, paths: [String]) -> JavaScriptRunnerChoice {
        if let script = package?.testScript {
            let words = Set(script.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "-") }).map(String.init))
            if words.contains("vitest") { return .vitest(evidence: "scripts.test runs vitest") }
            if words.contains("jest") { return .runner(.jest, evidence: "scripts.test") }
            if words.contains("mocha") { return .runner(.mocha, evidence: "scripts.test") }
            if script.contains("node --test") { return .runner(.node, evidence: "scripts.test") }
        }
        let prefix = directory.isEmpty ? "" : directory + "/"
        let here = paths.filter { $0.hasPrefix(prefix) && !$0.dropFirst(prefix.count).contains("/") }
            .map { String($0.dropFirst(prefix.count)) }
        if let file = here.first(where: { $0.hasPrefix("vitest.config.") || $0.hasPrefix("vitest.workspace.") }) {
            return .vitest(evidence: prefix + file)
        }
        if let file = here.first(where: { $0.hasPrefix("jest.config.") }) { return .runner(.jest, evidence: prefix + file) }
        if let file = here.first(where: { $0.hasPrefix(".mocharc") }) { return .runner(.mocha, evidence: prefix + file) }
        if let package {
            if package.keys.contains("jest") { return .runner(.jest, evidence: "package.json jest key") }
            if package.keys.contains("mocha") { return .runner(.mocha, evidence: "package.json mocha key") }
            if package.dependencies.contains("vitest") { return .vitest(evidence: "package.json devDependencies") }
            if !package.dependencies.isDisjoint(with: ["jest", "ts-jest", "babel-jest", "@jest/core"]) {
                return .runner(.jest, evidence: "package.json devDependencies")
            }
            if package.dependencies.contains("mocha") { return .runner(.mocha, evidence: "package.json devDependencies") }
        }
        return .runner(.node, evidence: "test files")
    }
}
