/// A coverage file gate could not read; the message names the file and what was wrong.
public struct CoverageFormatError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
