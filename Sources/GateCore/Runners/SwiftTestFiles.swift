import Foundation

/// Turns the file names `swift test` prints into paths relative to the suite's working
/// directory: XCTest prints absolute paths, Swift Testing only the file's last component.
struct SwiftTestFiles {
    let workingDirectory: String

    /// `Tests/LibTests/T.swift` for `<workingDirectory>/Tests/LibTests/T.swift`; other paths unchanged.
    func relative(_ path: String) -> String {
        for base in [workingDirectory, (workingDirectory as NSString).resolvingSymlinksInPath] {
            let prefix = base.hasSuffix("/") ? base : base + "/"
            if path.hasPrefix(prefix) { return String(path.dropFirst(prefix.count)) }
        }
        return path
    }

    /// The one file named `name` under `Tests/<module>/` (SwiftPM's default test target
    /// directory), relative to the working directory; `name` itself when there is none or several.
    func resolve(module: String, name: String) -> String {
        let directory = "Tests/" + module
        let absolute = (workingDirectory as NSString).appendingPathComponent(directory)
        guard let walker = FileManager.default.enumerator(atPath: absolute) else { return name }
        var found: [String] = []
        while let entry = walker.nextObject() as? String, found.count < 2 {
            if (entry as NSString).lastPathComponent == name { found.append(directory + "/" + entry) }
        }
        return found.count == 1 ? found[0] : name
    }
}
