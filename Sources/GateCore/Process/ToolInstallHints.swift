import Foundation

/// How to install the command-line tools the runners depend on.
public enum ToolInstallHints {
    /// An install suggestion for a tool name, or `nil` when the tool is unknown.
    public static func hint(for tool: String) -> String? {
        switch tool {
        case "swift": return "install a Swift toolchain from https://swift.org/install (or swiftly install latest)"
        case "python3": return "apt-get install -y python3 python3-pytest  or  pip install pytest"
        case "pytest": return "apt-get install -y python3-pytest  or  python3 -m pip install pytest"
        case "go": return "apt-get install -y golang-go  or  https://go.dev/dl/"
        case "node": return "apt-get install -y nodejs (Node.js 20 or newer)  or  https://nodejs.org/"
        case "mocha": return "npm install --save-dev mocha (gate runs node_modules/.bin/mocha)  or  apt-get install -y mocha"
        case "jest": return "npm install --save-dev jest (gate runs node_modules/.bin/jest)  or  apt-get install -y jest (with Debian's nodejs)"
        case "sh": return "apt-get install -y dash"
        default: return nil
        }
    }

    /// A suggestion that fits the project: its virtualenv and requirements files for Python tools,
    /// `npm install` for a Node project; otherwise the generic hint.
    public static func hint(for tool: String, projectRoot: String?, workingDirectory: String?) -> String? {
        guard let projectRoot, tool == "pytest" || tool == "python3" else { return hint(for: tool) }
        let fm = FileManager.default
        let bases = [workingDirectory.map { projectRoot + "/" + $0 }, projectRoot].compactMap { $0 }
        func relative(_ path: String) -> String { path.hasPrefix(projectRoot + "/") ? String(path.dropFirst(projectRoot.count + 1)) : path }
        let requirementNames = ["requirements-dev.txt", "requirements-test.txt", "requirements/test.txt", "requirements/dev.txt",
                                "test-requirements.txt", "requirements.txt"]
        let requirements = bases.flatMap { base in requirementNames.map { base + "/" + $0 } }.first { fm.fileExists(atPath: $0) }
        let packaged = bases.map { $0 + "/pyproject.toml" }.first { fm.fileExists(atPath: $0) }
            ?? bases.map { $0 + "/setup.py" }.first { fm.fileExists(atPath: $0) }
        guard requirements != nil || packaged != nil || bases.contains(where: { fm.fileExists(atPath: $0 + "/.venv") || fm.fileExists(atPath: $0 + "/venv") })
        else { return hint(for: tool) }
        let venv = bases.flatMap { [$0 + "/.venv", $0 + "/venv"] }.first { fm.fileExists(atPath: $0 + "/bin/python") } ?? projectRoot + "/.venv"
        let pip = relative(venv) + "/bin/pip install "
        var packages: String
        if let requirements { packages = "-r " + relative(requirements) + " pytest" }
        else if let packaged {
            let directory = (packaged as NSString).deletingLastPathComponent
            packages = "-e " + (directory == projectRoot ? "." : relative(directory)) + " pytest"
        }
        else { packages = "pytest" }
        let create = fm.fileExists(atPath: venv + "/bin/python") ? "" : "python3 -m venv \(relative(venv)) && "
        return "cd \(projectRoot) && " + create + pip + packages
    }
}
