"""Issue 13 class 3 on attrs 24.2.0: runs one Templates/ directory's name flow on the `scoped-member` change of
precision_classes.py (run it first; this reads its `after/attrs` repository), with the `__init_subclass__`/metaclass
check turned off, so the name matching alone is compared.

  cd Benchmarks/work/precision_classes/after/attrs && python3 ../../../../name_flow_compare.py TEMPLATES_DIR
"""
import ast, base64, pathlib, subprocess, sys
sys.path.insert(0, sys.argv[1])
import gate_name_flow as nf
nf._registries = lambda *a, **k: None
old = subprocess.run(["git", "show", "seed:src/attr/_make.py"], capture_output=True).stdout
new = pathlib.Path("src/attr/_make.py").read_bytes()
files = {str(p): ast.parse(p.read_text()) for p in sorted(pathlib.Path("src").rglob("*.py")) if str(p) != "src/attr/_make.py"}
change = {"path": "src/attr/_make.py", "old": base64.b64encode(old), "new": base64.b64encode(new), "functions": []}
try:
    r = nf.flow(change, files, set(), {"attr", "attrs", "src"})
    print("names: %d %s" % (len(r["names"]), r["names"][:8]), "| blocks:", sum(len(v) for v in r["blocks"].values()), "| closures:", r.get("closures"))
except nf.Fallback as why:
    print("fallback:", why)
