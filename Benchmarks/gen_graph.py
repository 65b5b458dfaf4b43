"""Writes a synthetic repository of about N files in one language, with a layered import graph.

    python3 gen_graph.py LANG N OUTDIR      LANG: python | ts | go | swift

Shape: 6 layers of packages; each package holds 12 modules; a module imports 1-4 modules (Go, Swift: packages/targets)
picked at random from lower layers (two thirds of them from the layer just below), so the graph is neither a star nor a
chain. Every third module has a test file that imports the module under test (and now and then one more module).
Prints one line: the path of a mid-layer module to change for the incremental measurements.
"""
import json
import os
import random
import sys

LAYERS = 6
PER_PACKAGE = 12

lang, total, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
rng = random.Random(42)
files_per_package = PER_PACKAGE + PER_PACKAGE // 3 + 1  # modules, tests, __init__/index/package marker
packages = max(LAYERS * 2, total // files_per_package)
layer_of = [min(LAYERS - 1, p * LAYERS // packages) for p in range(packages)]
by_layer = [[p for p in range(packages) if layer_of[p] == l] for l in range(LAYERS)]


def pick_imports(p):
    """Modules (package, index) that a module of package p imports."""
    l = layer_of[p]
    if l == 0:
        return []
    picks = []
    for _ in range(rng.randint(1, 4)):
        target_layer = l - 1 if rng.random() < 0.67 else rng.randrange(0, l)
        q = rng.choice(by_layer[target_layer])
        picks.append((q, rng.randrange(PER_PACKAGE)))
    return sorted(set(picks))


def write(path, text):
    global count
    count += 1
    if path.endswith((".py", ".ts", ".go", ".swift")) and path != "Package.swift":
        # a header naming the file keeps every blob distinct, as in a real repository (identical blobs parse once)
        text = ("# " if path.endswith(".py") else "// ") + path + "\n" + text
    full = os.path.join(out, path)
    os.makedirs(os.path.dirname(full) or ".", exist_ok=True)
    with open(full, "w") as handle:
        handle.write(text)


def filler(comment, k):
    """Some lines of ordinary code so files have a realistic size (about 1.5 KB)."""
    return "".join(f"{comment} helper {k}.{i}: keeps the file at a realistic size for the scanner\n" for i in range(4))


graph = {(p, m): pick_imports(p) for p in range(packages) for m in range(PER_PACKAGE)}
count = 0
mid = by_layer[LAYERS // 2][0]

if lang == "python":
    write("pyproject.toml", '[project]\nname = "app"\nversion = "0"\n[tool.pytest.ini_options]\ntestpaths = ["tests"]\n')
    write(".gate.yml", "version: 1\nsuites:\n  - name: unit\n    runner: pytest\n")
    write("app/__init__.py", "")
    for p in range(packages):
        write(f"app/p{p}/__init__.py", f'"""Package {p}, layer {layer_of[p]}."""\n')
        for m in range(PER_PACKAGE):
            deps = graph[(p, m)]
            lines = ['"""Module generated for the index benchmark."""', "import os", "import json", "from typing import Any", ""]
            lines += [f"from app.p{q} import m{n}" if i % 2 else f"from app.p{q}.m{n} import f{n} as f_{q}_{n}"
                      for i, (q, n) in enumerate(deps)]
            body = "\n".join(lines) + "\n\n"
            for k in range(5):
                body += f"def f{m if k == 0 else f'{m}_{k}'}(x: Any = None) -> int:\n    \"\"\"Doc.\"\"\"\n    value = {k}\n"
                body += "    for item in range(3):\n        value += item\n    return value\n\n\n"
            body += f"class C{m}:\n    def method(self):\n        return json.dumps({{'m': {m}}})\n" + filler("#", m)
            write(f"app/p{p}/m{m}.py", body)
            if m % 3 == 0:
                extra = [graph[(p, m)][0]] if graph[(p, m)] and rng.random() < 0.3 else []
                test = f"import pytest\nfrom app.p{p}.m{m} import f{m}, C{m}\n"
                test += "".join(f"from app.p{q}.m{n} import f{n}\n" for q, n in extra)
                test += "".join(f"\n\ndef test_{i}():\n    assert f{m}() == 3 + 0 * {i}\n" for i in range(4))
                write(f"tests/p{p}/test_p{p}_m{m}.py", test)
    print(f"app/p{mid}/m1.py")

elif lang == "ts":
    write("package.json", json.dumps({"name": "app", "version": "0.0.0", "private": True,
                                      "scripts": {"test": "node --test"}}, indent=2) + "\n")
    write("tsconfig.json", json.dumps({"compilerOptions": {"target": "es2022", "module": "nodenext", "strict": True}}) + "\n")
    write(".gate.yml", "version: 1\nsuites:\n  - name: unit\n    runner: node\n")
    for p in range(packages):
        exports = "".join(f"export * from './m{m}';\n" for m in range(PER_PACKAGE))
        write(f"src/p{p}/index.ts", exports)
        for m in range(PER_PACKAGE):
            deps = graph[(p, m)]
            lines = ["// Module generated for the index benchmark.", "import { readFileSync } from 'node:fs';"]
            for i, (q, n) in enumerate(deps):
                # mixes the barrel (index.ts) and direct module imports, as real code does
                lines.append(f"import {{ f{n} as f_{q}_{n} }} from '../p{q}';" if i % 2
                             else f"import {{ f{n} as f_{q}_{n} }} from '../p{q}/m{n}';")
            body = "\n".join(lines) + "\n\n"
            for k in range(5):
                body += f"export function f{m if k == 0 else f'{m}_{k}'}(x?: unknown): number {{\n  let value = {k};\n"
                body += "  for (let i = 0; i < 3; i++) {\n    value += i;\n  }\n  return value;\n}\n\n"
            body += f"export class C{m} {{\n  method(): string {{\n    return JSON.stringify({{ m: {m} }});\n  }}\n}}\n" + filler("//", m)
            write(f"src/p{p}/m{m}.ts", body)
            if m % 3 == 0:
                test = "import { test } from 'node:test';\nimport assert from 'node:assert';\n"
                test += f"import {{ f{m} }} from './m{m}';\n"
                test += "".join(f"\ntest('f{m} {i}', () => {{\n  assert.equal(f{m}(), 3);\n}});\n" for i in range(4))
                write(f"src/p{p}/m{m}.test.ts", test)
    print(f"src/p{mid}/m1.ts")

elif lang == "go":
    write("go.mod", "module example.com/bench\n\ngo 1.21\n")
    write(".gate.yml", "version: 1\nsuites:\n  - name: unit\n    runner: go\n")
    for p in range(packages):
        write(f"pkg/p{p}/doc.go", f"// Package p{p} is layer {layer_of[p]} of the benchmark graph.\npackage p{p}\n")
        for m in range(PER_PACKAGE):
            deps = sorted({q for q, _ in graph[(p, m)]})
            imports = '\t"fmt"\n' + "".join(f'\t"example.com/bench/pkg/p{q}"\n' for q in deps)
            body = f"package p{p}\n\nimport (\n{imports})\n\n"
            body += "".join(f"var _ = p{q}.F0\n" for q in deps)
            for k in range(5):
                body += f"\n// F{m}_{k} is generated.\nfunc F{m}_{k}(x int) int {{\n\tvalue := {k}\n"
                body += "\tfor i := 0; i < 3; i++ {\n\t\tvalue += i\n\t}\n\treturn value + x\n}\n"
            if m == 0:
                body += "\n// F0 is what importers use.\nfunc F0() int { return 0 }\n"
            body += f"\nfunc describe{m}() string {{ return fmt.Sprint({m}) }}\n" + filler("//", m)
            write(f"pkg/p{p}/m{m}.go", body)
            if m % 3 == 0:
                test = f'package p{p}\n\nimport "testing"\n'
                test += "".join(f"\nfunc TestF{m}_{i}(t *testing.T) {{\n\tif F{m}_0(0) != 3 {{\n\t\tt.Fatal(\"bad\")\n\t}}\n}}\n"
                                for i in range(4))
                write(f"pkg/p{p}/m{m}_test.go", test)
    print(f"pkg/p{mid}/m1.go")

elif lang == "swift":
    # Targets are declared from a compact table the manifest parses, so the manifest type-checks quickly however many
    # targets there are; dependencies are the union of the target's modules' imports.
    table = []
    for p in range(packages):
        deps = sorted({q for m in range(PER_PACKAGE) for q, _ in graph[(p, m)]})
        table.append(f"P{p}:" + ",".join(f"P{q}" for q in deps))
    manifest = f"""// swift-tools-version:5.9
import PackageDescription

let table = "{';'.join(table)}"
var targets: [Target] = []
for entry in table.split(separator: ";") {{
    let parts = entry.split(separator: ":", omittingEmptySubsequences: false)
    let name = String(parts[0])
    let deps = parts[1].split(separator: ",").map {{ Target.Dependency(stringLiteral: String($0)) }}
    targets.append(.target(name: name, dependencies: deps))
    targets.append(.testTarget(name: name + "Tests", dependencies: [Target.Dependency(stringLiteral: name)]))
}}
let package = Package(name: "Bench", targets: targets)
"""
    write("Package.swift", manifest)
    write(".gate.yml", "version: 1\nsuites:\n  - name: unit\n    runner: swift\n")
    for p in range(packages):
        for m in range(PER_PACKAGE):
            deps = sorted({q for q, _ in graph[(p, m)]})
            body = "import Foundation\n" + "".join(f"import P{q}\n" for q in deps) + "\n"
            for k in range(5):
                body += f"public func f{m}_{k}(_ x: Int = 0) -> Int {{\n    var value = {k}\n"
                body += "    for i in 0..<3 {\n        value += i\n    }\n    return value + x\n}\n\n"
            body += f"public struct S{m} {{\n    public init() {{}}\n    public func method() -> String {{ \"{m}\" }}\n}}\n" + filler("//", m)
            write(f"Sources/P{p}/M{m}.swift", body)
            if m % 3 == 0:
                test = f"import XCTest\n@testable import P{p}\n\nfinal class M{m}Tests: XCTestCase {{\n"
                test += "".join(f"    func test{i}() {{ XCTAssertEqual(f{m}_0(), 3) }}\n" for i in range(4)) + "}\n"
                write(f"Tests/P{p}Tests/M{m}Tests.swift", test)
    print(f"Sources/P{mid}/M1.swift")
else:
    sys.exit(f"unknown language {lang}")
