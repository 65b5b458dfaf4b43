/// A SwiftPM target as the index uses it.
public struct SwiftTarget: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case regular, test, executable, plugin
        /// A macro implementation: it runs inside the compiler, never in a test process.
        case macro

        /// Whether a test could run the target's product at run time (a process or a package plugin)
        /// without depending on the target.
        public var isRunnable: Bool { self == .executable || self == .plugin }
    }

    public var name: String
    public var kind: Kind
    /// The target's directory. In a manifest cache it is relative to the package; in the index, to the repo.
    public var path: String
    /// Names of the targets in the same package it depends on, plugins it uses included (products of other
    /// packages are dropped).
    public var dependencies: [String]
    /// Names of the executable and plugin products built from it, other than its own name.
    public var products: [String]

    public init(name: String, kind: Kind, path: String, dependencies: [String], products: [String] = []) {
        self.name = name
        self.kind = kind
        self.path = path
        self.dependencies = dependencies
        self.products = products
    }

    /// The graph node of this target: `swift-target:<Name>`.
    public var node: String { SwiftTarget.node(name) }

    /// The graph node of a target name.
    public static func node(_ name: String) -> String { "swift-target:" + name }
}
