import Foundation
import Testing
@testable import GateCore

/// The TOML reader against Python's `tomllib` on every TOML file found under the machine's Python installations and
/// the real-project cache (pyproject.toml, poetry.lock, uv.lock, Cargo.lock, tool configs): the same tables, arrays
/// and strings (numbers, booleans and dates only by kind), and an error wherever tomllib refuses the file.
/// Runs where such files exist (CPython's own `test_tomllib` data ships with pyenv builds; Debian splits it off).
@Suite(.enabled(if: GitSandbox.hasTool("python3 -c 'import tomllib'") && TOMLCorpus.files.count >= 20))
struct TOMLReaderDifferentialTests {
    /// Strings as themselves, other scalars as "<scalar>", tables with sorted keys: the shape both readers must agree on.
    static let normalise = """
        import json, sys, tomllib
        def n(v):
            if isinstance(v, str): return v
            if isinstance(v, dict): return {k: n(x) for k, x in v.items()}
            if isinstance(v, list): return [n(x) for x in v]
            return "<scalar>"
        out = {}
        for path in sys.stdin.read().split("\\n"):
            if not path: continue
            try:
                with open(path, "rb") as f: out[path] = n(tomllib.load(f))
            except Exception as e:
                out[path] = None
        print(json.dumps(out, sort_keys=True))
        """

    static func normalised(_ value: TOMLValue) -> Any {
        switch value {
        case .string(let text): return text
        case .scalar: return "<scalar>"
        case .array(let values): return values.map(normalised)
        case .table(let entries): return entries.mapValues(normalised)
        }
    }

    @Test func agreesWithTomllib() throws {
        let files = TOMLCorpus.files
        let python = try ChildProcess.run(ProcessSpec(executable: "/usr/bin/env", arguments: ["python3", "-c", Self.normalise],
                                                      standardInput: Array(files.joined(separator: "\n").utf8), timeout: 300))
        let expected = try #require(try JSONSerialization.jsonObject(with: Data(python.standardOutput)) as? [String: Any])
        var agreed = 0, refusedByBoth = 0
        for file in files {
            guard let bytes = FileManager.default.contents(atPath: file) else { continue }
            let mine = try? TOMLReader.read(Array(bytes))
            let theirs = expected[file]
            if theirs is NSNull || theirs == nil {
                #expect(mine == nil, "tomllib refuses \(file), gate's reader accepted it")
                if mine == nil { refusedByBoth += 1 }
                continue
            }
            guard let mine else { Issue.record("gate's reader refused \(file), tomllib read it"); continue }
            let same = NSDictionary(dictionary: ["v": Self.normalised(mine)]).isEqual(to: ["v": theirs!])
            #expect(same, "gate's reader and tomllib disagree on \(file)")
            if same { agreed += 1 }
        }
        print("TOML files compared with tomllib: \(files.count), read alike: \(agreed), refused by both: \(refusedByBoth)")
    }
}

/// The TOML files found under the machine's Python installations and the real-project cache.
enum TOMLCorpus {
    static let roots = ["/usr/lib/python3", "/root/.pyenv/versions", "/root/.cache/gate-real-projects", "/usr/lib/google-cloud-sdk"]

    static let files: [String] = {
        var files: [String] = []
        for root in roots {
            guard let walker = FileManager.default.enumerator(atPath: root) else { continue }
            while let relative = walker.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                if name.hasSuffix(".toml") || name == "poetry.lock" || name == "uv.lock" || name == "Cargo.lock" { files.append(root + "/" + relative) }
            }
        }
        return files
    }()
}
