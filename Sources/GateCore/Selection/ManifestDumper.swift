/// Runs `swift package dump-package` for a Package.swift blob and returns the JSON bytes.
/// Injected so the index can cache the result by blob id and tests can feed JSON.
public typealias ManifestDumper = @Sendable (_ packageSwiftBlobID: String) throws -> [UInt8]
