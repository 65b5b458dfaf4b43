import Foundation

/// What `gate index status` shows about the stored index.
public struct IndexStatus: Sendable {
    public let path: String
    public let exists: Bool
    public let files: Int
    public let perLanguage: [String: Int]
    public let edges: Int
    public let tests: Int
    public let unparseable: Int
    public let swiftTargets: Int
    public let ageSeconds: Double?
    public let loadProblem: String?

    public static func read(_ store: DependencyIndexStore) -> IndexStatus {
        let path = store.fileURL.path
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        let age = (attributes?[.modificationDate] as? Date).map { Date().timeIntervalSince($0) }
        switch store.load() {
        case .loaded(let index):
            var perLanguage: [String: Int] = [:]
            for entry in index.files.values { perLanguage[entry.language.rawValue, default: 0] += 1 }
            return IndexStatus(path: path, exists: true, files: index.files.count, perLanguage: perLanguage,
                               edges: index.files.values.reduce(0) { $0 + $1.edges.count },
                               tests: index.files.values.filter(\.isTest).count,
                               unparseable: index.files.values.filter(\.unparseable).count,
                               swiftTargets: index.swiftTargets.count, ageSeconds: age, loadProblem: nil)
        case .missing:
            return IndexStatus(path: path, exists: false, files: 0, perLanguage: [:], edges: 0, tests: 0, unparseable: 0, swiftTargets: 0, ageSeconds: nil, loadProblem: "no index yet: run `gate index build`")
        case .corrupt(let why):
            return IndexStatus(path: path, exists: true, files: 0, perLanguage: [:], edges: 0, tests: 0, unparseable: 0, swiftTargets: 0, ageSeconds: age, loadProblem: "corrupt (\(why)); the next run rebuilds it")
        case .oldFormat:
            return IndexStatus(path: path, exists: true, files: 0, perLanguage: [:], edges: 0, tests: 0, unparseable: 0, swiftTargets: 0, ageSeconds: age, loadProblem: "old format; the next run rebuilds it")
        }
    }
}
