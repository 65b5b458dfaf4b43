/// Decorators that memoise a function, so a test can use its result without executing it
/// (`functools.cache`, `lru_cache`, `cached_property`, plus `selection.cache_decorators`).
/// A configured name matches a decorator's dotted name or its last component.
public struct CachingDecorators: Sendable, Hashable {
    public static let builtIn = ["cache", "lru_cache", "cached_property"]

    public let names: Set<String>

    public init(configured: [String] = []) {
        names = Set(Self.builtIn + configured)
    }

    /// The first of `decorators` that caches, if any.
    public func caching(_ decorators: [String]) -> String? {
        decorators.first { names.contains($0) || names.contains(String($0.split(separator: ".").last ?? "")) }
    }
}
