import Foundation

/// Swift test ids as `swift test list` prints them and `swift test --filter` selects them:
/// XCTest `Module.Class/testName`, Swift Testing `Module.Suite/Nested/function()` or, for a
/// free function, `Module.function()`.
enum SwiftTestID {
    /// The id of an XUnit `<testcase>`. Both XCTest and Swift Testing write the module and
    /// the enclosing types as a dotted `classname` (`LibTests.Outer.Inner`); module and type
    /// names hold no dots, so the first component is the module and the rest are types.
    static func id(className: String, name: String) -> String {
        let components = className.split(separator: ".").map(String.init)
        guard let module = components.first else { return name }
        return module + "." + (components.dropFirst() + [name]).joined(separator: "/")
    }

    /// True for a test id, false for a test target name (`LibTests`): an id names a type
    /// member (`/`) or a Swift Testing function (`()`), which a target name never does.
    static func isTestID(_ id: String) -> Bool {
        id.contains("/") || id.hasSuffix(")")
    }

    /// The module (test target) of an id: what precedes the first dot.
    static func module(of id: String) -> String {
        String(id.prefix { $0 != "." })
    }

    /// The module SwiftPM builds the target `name` as, which test ids and `--filter` use: its C99 form, where every
    /// ASCII character other than a letter, digit or `_` becomes `_` and a leading digit gets a `_` in front
    /// (`swift-format-Tests` → `swift_format_Tests`). Non-ASCII characters are kept as they are.
    static func moduleName(ofTarget name: String) -> String {
        var module = String(String.UnicodeScalarView(name.unicodeScalars.map { scalar in
            guard scalar.isASCII else { return scalar }
            let byte = UInt8(scalar.value)
            let keeps = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F
            return keeps ? scalar : "_"
        }))
        if let first = module.unicodeScalars.first, first.isASCII, first.properties.numericType != nil { module = "_" + module }
        return module
    }

    /// A `--filter` regex that selects every test of the named targets (`Module.`, by `moduleName(ofTarget:)`) and exactly
    /// the named test ids. Swift Testing matches a function's id with its source location
    /// appended (`Module.f()/File.swift:5:2`), so an id ends at `/` or at the end.
    static func filterExpression(_ ids: [String]) -> String {
        let alternatives = ids.map { id in
            isTestID(id)
                ? NSRegularExpression.escapedPattern(for: id) + "(/|$)"
                : NSRegularExpression.escapedPattern(for: moduleName(ofTarget: id)) + "\\."
        }
        return "^(" + alternatives.joined(separator: "|") + ")"
    }
}
