import Foundation

/// A `setup.cfg` or `tox.ini` as Python's `configparser` reads it: `[section]` headers, `key = value` or `key: value`,
/// indented continuation lines appended to the value, `#` and `;` comment lines. A line outside any section or
/// without a key is an error.
struct IniDocument: Equatable {
    /// Section → key (lower case, as configparser stores it) → value, continuation lines joined with newlines.
    var sections: [String: [String: String]] = [:]

    struct Failure: Error, CustomStringConvertible {
        var line: Int
        var message: String
        var description: String { "line \(line): \(message)" }
    }

    static func read(_ bytes: [UInt8]) throws -> IniDocument {
        var document = IniDocument()
        var section: String?
        var key: String?
        for (offset, raw) in String(decoding: bytes, as: UTF8.self).split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = String(raw)
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix(";") { continue }
            if line.first == " " || line.first == "\t", let section, let key {
                document.sections[section]![key]! += "\n" + trimmed
                continue
            }
            if trimmed.hasPrefix("[") {
                guard trimmed.hasSuffix("]") else { throw Failure(line: offset + 1, message: "unterminated section header") }
                let name = String(trimmed.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
                section = name
                key = nil
                if document.sections[name] == nil { document.sections[name] = [:] }
                continue
            }
            guard let section else { throw Failure(line: offset + 1, message: "a value outside any section") }
            guard let separator = trimmed.firstIndex(where: { $0 == "=" || $0 == ":" }) else {
                throw Failure(line: offset + 1, message: "a line without '=' or ':'")
            }
            let name = trimmed[..<separator].trimmingCharacters(in: .whitespaces).lowercased()
            document.sections[section]![name] = trimmed[trimmed.index(after: separator)...].trimmingCharacters(in: .whitespaces)
            key = name
        }
        return document
    }

    /// Name → requirement of a multi-line requirement list (`install_requires`); nil when a line is not a requirement.
    static func requirements(_ value: String?) -> [String: String]? {
        var found: [String: String] = [:]
        for line in (value ?? "").split(whereSeparator: \.isNewline) where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let requirement = PythonRequirement(String(line)) else { return nil }
            found[requirement.name] = requirement.rest.isEmpty ? "(any version)" : requirement.rest
        }
        return found
    }
}
