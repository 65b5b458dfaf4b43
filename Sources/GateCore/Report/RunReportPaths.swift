import Foundation

/// Where report files named in `.gate.yml` go.
enum RunReportPaths {
    /// `path` as written in `.gate.yml`: absolute as is, otherwise under the work tree (the git directory of a bare one).
    static func inWorkTree(_ path: String, repository: GitRepository) -> String {
        if path.hasPrefix("/") { return path }
        let root = repository.workDirectory ?? repository.commonDirectory
        return (root as NSString).appendingPathComponent(path)
    }
}
