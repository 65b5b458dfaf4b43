/// The targets read from one Package.swift blob, cached by that blob id so `dump-package` runs once per version.
public struct SwiftManifest: Sendable, Hashable, Codable {
    /// Targets with paths relative to the package directory.
    public var targets: [SwiftTarget]
    /// Why the manifest could not be read (dump failed or JSON unexpected); nil on success.
    public var failure: String?

    public init(targets: [SwiftTarget], failure: String? = nil) {
        self.targets = targets
        self.failure = failure
    }
}
