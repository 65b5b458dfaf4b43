import Foundation

/// Where a suite's tools come from when a hook runs. Git GUIs start hooks with `PATH=/usr/bin:/bin`, so gate finds
/// the project's tools the way its users set them up, searching, in order, before the hook's own PATH:
/// 1. the suite's `path:` entries, 2. the suite's `python:` (an interpreter, or a virtualenv directory),
/// 3. an active `$VIRTUAL_ENV`, 4. `.venv/` then `venv/` (in the suite's working directory, then the repository root),
/// 5. the virtualenv recorded by `gate install` (`git config gate.virtualenv`), 6. `node_modules/.bin` (working
/// directory, then root). Virtualenvs and node_modules are untracked, so they are looked up in the work tree, not in
/// gate's checkout of the pushed commit.
public struct ToolEnvironment: Sendable {
    public static let virtualenvConfigKey = "gate.virtualenv"
    /// The work tree the project's virtualenvs live in; nil in a bare repository.
    public let projectRoot: String?
    public let recordedVirtualenv: String?

    public init(projectRoot: String?, recordedVirtualenv: String?) {
        self.projectRoot = projectRoot
        self.recordedVirtualenv = recordedVirtualenv
    }

    public init(repository: GitRepository) {
        self.init(projectRoot: repository.workDirectory.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 },
                  recordedVirtualenv: (try? repository.configString(Self.virtualenvConfigKey)) ?? nil)
    }

    /// One directory searched before PATH, and the setting it came from.
    public struct Source: Sendable, Equatable {
        public let directory: String
        public let origin: String
        /// Set when the directory is a virtualenv's `bin`.
        public let virtualenv: String?
    }

    /// The existing directories searched before PATH for `suite`, in order.
    public func sources(for suite: SuiteDefinition, environment: [String: String]) -> [Source] {
        var found: [Source] = []
        func add(_ directory: String, _ origin: String, virtualenv: String? = nil) {
            let path = URL(fileURLWithPath: directory).standardizedFileURL.path
            guard isDirectory(path), !found.contains(where: { $0.directory == path }) else { return }
            found.append(Source(directory: path, origin: origin, virtualenv: virtualenv))
        }
        for entry in suite.toolPath ?? [] { add(resolve(entry), "path: in .gate.yml") }
        if let python = suite.python.map(resolve) {
            if isDirectory(python) { add(python + "/bin", "python: in .gate.yml", virtualenv: python) }
            else { add((python as NSString).deletingLastPathComponent, "python: in .gate.yml") }
        }
        if let active = environment["VIRTUAL_ENV"], !active.isEmpty { add(active + "/bin", "$VIRTUAL_ENV", virtualenv: active) }
        for base in projectDirectories(suite) {
            for name in [".venv", "venv"] where isFile(base + "/" + name + "/bin/python") || isFile(base + "/" + name + "/bin/python3") {
                add(base + "/" + name + "/bin", displayed(base + "/" + name), virtualenv: base + "/" + name)
            }
        }
        if let recorded = recordedVirtualenv, !recorded.isEmpty { add(recorded + "/bin", "git config \(Self.virtualenvConfigKey)", virtualenv: recorded) }
        for base in projectDirectories(suite) { add(base + "/node_modules/.bin", displayed(base + "/node_modules/.bin")) }
        return found
    }

    /// The environment `suite`'s tools run in: `base` plus the suite's `env:`, with the sources put first on PATH and
    /// the first virtualenv among them activated.
    public func environment(for suite: SuiteDefinition, base: [String: String]) -> [String: String] {
        var env = base.merging(suite.environment) { _, suiteValue in suiteValue }
        let found = sources(for: suite, environment: env)
        guard !found.isEmpty else { return env }
        let inherited = env["PATH"] ?? "/usr/bin:/bin"
        env["PATH"] = (found.map(\.directory) + [inherited]).joined(separator: ":")
        if let venv = found.compactMap(\.virtualenv).first {
            env["VIRTUAL_ENV"] = venv
            env["PYTHONHOME"] = nil
        }
        return env
    }

    /// The work-tree directories a suite's virtualenv or node_modules may sit in: its working directory, then the root.
    private func projectDirectories(_ suite: SuiteDefinition) -> [String] {
        guard let projectRoot else { return [] }
        if let directory = suite.workingDirectory, !directory.isEmpty, directory != "." {
            return [projectRoot + "/" + directory, projectRoot]
        }
        return [projectRoot]
    }

    private func resolve(_ path: String) -> String {
        if path.hasPrefix("~/") { return NSHomeDirectory() + String(path.dropFirst()) }
        if path.hasPrefix("/") || projectRoot == nil { return path }
        return projectRoot! + "/" + path
    }

    private func displayed(_ path: String) -> String {
        guard let projectRoot, path.hasPrefix(projectRoot + "/") else { return path }
        return String(path.dropFirst(projectRoot.count + 1))
    }

    private func isDirectory(_ path: String) -> Bool {
        var isDir: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue
    }

    private func isFile(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }
}
