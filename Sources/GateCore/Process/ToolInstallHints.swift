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
        case "sh": return "apt-get install -y dash"
        default: return nil
        }
    }
}
