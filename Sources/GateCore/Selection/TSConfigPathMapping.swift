import Foundation

/// The `compilerOptions.baseUrl` and `compilerOptions.paths` of one `tsconfig.json`.
///
/// Only the simple form is read: `"@app/*": ["src/*"]` and exact keys; `extends` is not followed.
/// Comments and trailing commas (allowed in tsconfig) are tolerated.
struct TSConfigPathMapping: Sendable {
    struct Alias: Sendable {
        var prefix: String
        var suffix: String
        var hasWildcard: Bool
        var targets: [String]
    }

    /// Repo directory of the tsconfig.json.
    var directory: String
    /// Repo directory bare specifiers and alias targets are resolved from.
    var baseDirectory: String
    /// Whether `baseUrl` was given (then bare specifiers are tried under it).
    var hasBaseURL: Bool
    var aliases: [Alias]

    /// Reads a tsconfig.json at `path`; nil when it has no usable JSON.
    init?(path: String, contents: [UInt8]) {
        let cleaned = TSConfigPathMapping.strippingCommentsAndTrailingCommas(contents)
        guard let object = try? JSONSerialization.jsonObject(with: Data(cleaned)) as? [String: Any] else { return nil }
        directory = RepoPath.directory(path)
        let options = object["compilerOptions"] as? [String: Any] ?? [:]
        let baseURL = options["baseUrl"] as? String
        hasBaseURL = baseURL != nil
        baseDirectory = RepoPath.normalize(RepoPath.join(directory, baseURL ?? ".")) ?? directory
        aliases = []
        for (key, value) in options["paths"] as? [String: Any] ?? [:] {
            guard let targets = value as? [String] else { continue }
            if let star = key.firstIndex(of: "*") {
                aliases.append(Alias(
                    prefix: String(key[..<star]), suffix: String(key[key.index(after: star)...]),
                    hasWildcard: true, targets: targets))
            } else {
                aliases.append(Alias(prefix: key, suffix: "", hasWildcard: false, targets: targets))
            }
        }
        aliases.sort { $0.prefix.utf8.count > $1.prefix.utf8.count }
    }

    /// Repo paths (without extension resolution) a specifier maps to through `paths`, longest prefix first.
    func candidates(for specifier: String) -> [String] {
        for alias in aliases {
            let matched: String?
            if alias.hasWildcard {
                if specifier.hasPrefix(alias.prefix), specifier.hasSuffix(alias.suffix),
                    specifier.utf8.count >= alias.prefix.utf8.count + alias.suffix.utf8.count
                {
                    let middle = specifier.utf8.dropFirst(alias.prefix.utf8.count).dropLast(alias.suffix.utf8.count)
                    matched = String(middle)
                } else {
                    matched = nil
                }
            } else {
                matched = specifier == alias.prefix ? "" : nil
            }
            guard let wildcard = matched else { continue }
            return alias.targets.compactMap { target in
                let replaced = target.replacingOccurrences(of: "*", with: wildcard)
                return RepoPath.normalize(RepoPath.join(baseDirectory, replaced))
            }
        }
        return []
    }

    /// Removes `//` and `/* */` comments outside strings and commas before `}` or `]`.
    static func strippingCommentsAndTrailingCommas(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        var pendingComma: Int? = nil
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                pendingComma = nil
                output.append(byte)
                index += 1
                while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                    if bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count {
                        output.append(bytes[index])
                        index += 1
                    }
                    output.append(bytes[index])
                    index += 1
                }
                if index < bytes.count { output.append(bytes[index]) }
                index += 1
            } else if byte == UInt8(ascii: "/"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "/") {
                while index < bytes.count, !ByteClass.isNewline(bytes[index]) { index += 1 }
            } else if byte == UInt8(ascii: "/"), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "*") {
                index += 2
                while index + 1 < bytes.count, !(bytes[index] == UInt8(ascii: "*") && bytes[index + 1] == UInt8(ascii: "/")) {
                    index += 1
                }
                index += 2
            } else if byte == UInt8(ascii: ",") {
                pendingComma = output.count
                output.append(byte)
                index += 1
            } else if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                if let comma = pendingComma { output[comma] = UInt8(ascii: " ") }
                pendingComma = nil
                output.append(byte)
                index += 1
            } else {
                if !(ByteClass.isInlineSpace(byte) || ByteClass.isNewline(byte)) { pendingComma = nil }
                output.append(byte)
                index += 1
            }
        }
        return output
    }
}
