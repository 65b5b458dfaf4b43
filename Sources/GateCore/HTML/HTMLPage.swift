import Foundation

/// The page shell every gate HTML page shares (`Templates/html/page.mustache`): one self-contained file with inline
/// CSS, no script, no network asset, and a Content-Security-Policy that forbids loading any.
public struct HTMLPage: Sendable {
    public var title: String
    public var subtitle: String?
    /// Markup gate built and escaped itself (sections, inline SVG); inserted as is.
    public var body: String
    public var version: String = GateVersion.current
    public var generated: String = UTCTimestamp.iso8601()

    public init(title: String, subtitle: String? = nil, body: String) {
        self.title = title
        self.subtitle = subtitle
        self.body = body
    }

    public func render(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        try HTMLTemplates.render("page", self, environment: environment)
    }
}
