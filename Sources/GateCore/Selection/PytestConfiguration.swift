/// The part of a pytest configuration file that decides which files `pytest` collects: `testpaths` (where it looks
/// when run without arguments), `python_files` (which file names are test modules) and `norecursedirs` (which
/// directories it does not descend into).
///
/// In each directory pytest uses the first of `pytest.ini`, `.pytest.ini` (both always count, even empty),
/// `pyproject.toml` (with `[tool.pytest.ini_options]` or `[tool.pytest]`), `tox.ini` (with `[pytest]`) and `setup.cfg`
/// (with `[tool:pytest]`). A value gate cannot read leaves `testpaths` empty, which restricts nothing.
struct PytestConfiguration: Sendable, Hashable {
    /// In pytest's order of precedence within one directory.
    static let fileNames = ["pytest.ini", ".pytest.ini", "pyproject.toml", "tox.ini", "setup.cfg"]

    /// As written, relative to the file's directory; may hold globs. Empty: pytest collects its invocation directory.
    var testpaths: [String] = []
    /// File name globs (`check_*.py`); empty: pytest's default, `test_*.py` and `*_test.py`.
    var pythonFiles: [String] = []
    /// fnmatch-style patterns (`build`, `.*`, `tests/mypy_test_cases`); nil: not set, pytest's default applies.
    var norecursedirs: [String]?

    /// The configuration in `contents` of a file named `fileName`, or nil when it is not a pytest configuration file.
    static func read(fileName: String, contents: [UInt8]) -> PytestConfiguration? {
        let text = String(decoding: contents, as: UTF8.self)
        switch fileName {
        case "pytest.ini", ".pytest.ini": return iniSection(text, named: "pytest") ?? PytestConfiguration()
        case "tox.ini": return iniSection(text, named: "pytest")
        case "setup.cfg": return iniSection(text, named: "tool:pytest")
        case "pyproject.toml": return tomlTable(text, named: "tool.pytest.ini_options") ?? tomlTable(text, named: "tool.pytest")
        default: return nil
        }
    }

    /// For every directory holding the configuration file pytest uses there: that directory → its configuration.
    static func byDirectory(_ files: [TrackedFile], source: any BlobSource) throws -> [String: PytestConfiguration] {
        var found: [String: (rank: Int, configuration: PytestConfiguration)] = [:]
        for file in files {
            let name = RepoPath.fileName(file.path)
            guard let rank = fileNames.firstIndex(of: name) else { continue }
            let directory = RepoPath.directory(file.path)
            if let other = found[directory], other.rank < rank { continue }
            guard let configuration = read(fileName: name, contents: try source.contents(ofBlob: file.blobID)) else { continue }
            found[directory] = (rank, configuration)
        }
        return found.mapValues(\.configuration)
    }

    /// Whether `path` is a test module by the `python_files` of the configuration nearest to it (`pythonFiles`:
    /// directory → its non-empty `python_files`), on top of pytest's default names.
    static func isTestModule(_ path: String, pythonFiles: [String: [String]]) -> Bool {
        if TestFileConvention.isPythonTest(path) { return true }
        guard !pythonFiles.isEmpty, RepoPath.fileExtension(path) == "py" else { return false }
        let name = RepoPath.fileName(path)
        for directory in ([""] + RepoPath.ancestors(path)).reversed() {
            guard let patterns = pythonFiles[directory] else { continue }
            return patterns.contains { GlobPattern(RepoPath.fileName($0)).matches(name) }
        }
        return false
    }

    /// The `[name]` section of an ini file, or nil without one. Values may continue on indented lines.
    private static func iniSection(_ text: String, named name: String) -> PytestConfiguration? {
        var inSection = false
        var found = false
        var key: String?
        var values: [String: String] = [:]
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingSuffix()
            let trimmed = line.trimmingPrefix()
            if trimmed.hasPrefix("#") || trimmed.hasPrefix(";") { continue }
            if trimmed.hasPrefix("["), line.first == "[" {
                inSection = trimmed.hasSuffix("]") && trimmed.dropFirst().dropLast().trimmingPrefix().trimmingSuffix() == name
                found = found || inSection
                key = nil
                continue
            }
            guard inSection, !trimmed.isEmpty else { continue }
            if line.first == " " || line.first == "\t", let key {
                values[key, default: ""] += " " + trimmed
            } else if let separator = line.firstIndex(where: { $0 == "=" || $0 == ":" }) {
                let name = String(line[..<separator].trimmingSuffix().trimmingPrefix())
                key = name
                values[name] = String(line[line.index(after: separator)...].trimmingPrefix())
            }
        }
        guard found else { return nil }
        return PytestConfiguration(testpaths: words(values["testpaths"] ?? ""), pythonFiles: words(values["python_files"] ?? ""),
                                   norecursedirs: values["norecursedirs"].map(words))
    }

    /// The `[name]` table of a TOML file, or nil without one; each key as a string or an array of strings.
    private static func tomlTable(_ text: String, named name: String) -> PytestConfiguration? {
        var inTable = false
        var found = false
        var values: [String: [String]] = [:]
        var pending: (key: String, value: String)?
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = withoutComment(String(raw.trimmingPrefix().trimmingSuffix()))
            if let open = pending {
                pending = (open.key, open.value + " " + line)
                if line.contains("]") {
                    values[open.key] = tomlStrings(open.value + " " + line) ?? []
                    pending = nil
                }
                continue
            }
            if line.hasPrefix("[") {
                inTable = String(line.filter { $0 != " " && $0 != "\"" }) == "[\(name)]"
                found = found || inTable
                continue
            }
            guard inTable, let equals = line.firstIndex(of: "=") else { continue }
            let key = String(line[..<equals].trimmingSuffix())
            guard ["testpaths", "python_files", "norecursedirs"].contains(key) else { continue }
            let value = String(line[line.index(after: equals)...].trimmingPrefix())
            if value.hasPrefix("["), !value.contains("]") {
                pending = (key, value)
            } else {
                values[key] = tomlStrings(value) ?? []
            }
        }
        guard found else { return nil }
        return PytestConfiguration(testpaths: values["testpaths"] ?? [], pythonFiles: values["python_files"] ?? [],
                                   norecursedirs: values["norecursedirs"])
    }

    /// The strings of a TOML string or array of strings (`"a"`, `['a', "b"]`), or nil when it is something else.
    private static func tomlStrings(_ value: String) -> [String]? {
        var strings: [String] = []
        var current: String?
        var quote: Character = "\""
        for character in value {
            if var text = current {
                if character == quote {
                    strings.append(text)
                    current = nil
                } else {
                    text.append(character)
                    current = text
                }
            } else if character == "\"" || character == "'" {
                quote = character
                current = ""
            } else if character == "#" {
                break
            }
        }
        guard current == nil, !strings.isEmpty else { return nil }
        // A single string is split like pytest splits an ini value.
        return value.trimmingPrefix().hasPrefix("[") ? strings : words(strings[0])
    }

    /// A TOML line without its `#` comment (a `#` inside a string is kept).
    private static func withoutComment(_ line: String) -> String {
        var quote: Character?
        for index in line.indices {
            let character = line[index]
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "\"" || character == "'" {
                quote = character
            } else if character == "#" {
                return String(line[..<index].trimmingSuffix())
            }
        }
        return line
    }

    /// Whitespace-separated words, quotes removed.
    private static func words(_ value: String) -> [String] {
        value.split(whereSeparator: { $0 == " " || $0 == "\t" }).map { String($0.filter { $0 != "\"" && $0 != "'" }) }
    }
}

extension StringProtocol {
    fileprivate func trimmingPrefix() -> SubSequence { self[(firstIndex { $0 != " " && $0 != "\t" } ?? endIndex)...] }
    fileprivate func trimmingSuffix() -> SubSequence {
        guard let last = lastIndex(where: { $0 != " " && $0 != "\t" && $0 != "\r" }) else { return self[startIndex..<startIndex] }
        return self[...last]
    }
}
