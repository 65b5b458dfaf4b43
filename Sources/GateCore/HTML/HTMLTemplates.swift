import Foundation
import Mustache

/// The Mustache templates under `Templates/html/`, found like gate's other support files (`SupportFiles`).
/// `{{name}}` is HTML-escaped; `{{{name}}}` is used only for markup gate built and escaped itself.
public enum HTMLTemplates {
    /// Renders `Templates/html/<name>.mustache` with `context` (a struct, read by its property names, or a dictionary).
    public static func render(_ name: String, _ context: Any, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        try load(name, environment: environment).render(context)
    }

    static func load(_ name: String, environment: [String: String]) throws -> MustacheTemplate {
        guard let share = SupportFiles.shareDirectory(environment: environment) else {
            throw SupportFileError(path: "Templates/html/\(name).mustache")
        }
        let path = share + "/Templates/html/\(name).mustache"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw SupportFileError(path: path) }
        do {
            return try MustacheTemplate(string: text)
        } catch {
            throw HTMLTemplateError(path: path, reason: "\(error)")
        }
    }
}

/// A template under `Templates/html/` does not parse.
public struct HTMLTemplateError: Error, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String {
        "the HTML template \(path) is broken (\(reason)). Re-run ./install.sh to restore gate's templates."
    }
}
