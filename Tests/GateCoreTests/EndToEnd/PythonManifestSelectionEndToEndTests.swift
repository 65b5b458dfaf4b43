import Foundation
import Testing
@testable import GateCore

/// Python manifests and lockfiles through the real `gate affected`: a version bump or another tool's section selects
/// nothing and says so, a dependency bump selects only the tests whose import closure reaches the package (mapped to
/// its modules through the virtualenv's records), and pytest's section, the Python version or an unreadable file
/// still run everything, naming the file.
@Suite("Python manifests end to end")
struct PythonManifestSelectionEndToEndTests {
    static let pyproject = """
        [build-system]
        requires = ["setuptools>=61"]
        build-backend = "setuptools.build_meta"

        [project]
        name = "shop"
        version = "1.0.0"
        description = "A shop"
        requires-python = ">=3.9"
        dependencies = [
            "requests>=2.30",   # HTTP
            'PyYAML==6.0.1',
        ]

        [project.urls]
        Homepage = "https://example.invalid/shop"

        [tool.black]
        line-length = 100

        [tool.pytest.ini_options]
        addopts = "-q"

        """
    static let files: [String: String] = [
        "pyproject.toml": pyproject,
        ".gitignore": ".venv/\n",
        ".gate.yml": "version: 1\nsuites:\n  - name: unit\n    runner: pytest\n",
        "shop/__init__.py": "",
        "shop/http.py": "import requests\n\n\ndef get(url):\n    return requests.get(url)\n",
        "shop/conf.py": "import yaml\n\n\ndef load(text):\n    return yaml.safe_load(text)\n",
        "tests/test_http.py": "from shop.http import get\n\n\ndef test_get():\n    assert get\n",
        "tests/test_conf.py": "from shop import conf\n\n\ndef test_load():\n    assert conf.load('a: 1') == {'a': 1}\n",
        "tests/test_plain.py": "def test_plain():\n    assert True\n",
        "setup.cfg": "[metadata]\nname = shop\nversion = 1.0.0\n\n[options]\ninstall_requires =\n    requests>=2.30\n    PyYAML==6.0.1\n\n[flake8]\nmax-line-length = 100\n\n[tool:pytest]\naddopts = -q\n",
        "tox.ini": "[tox]\nenvlist = py312\n\n[testenv]\ndeps = pytest\ncommands = pytest\n",
        "requirements-dev.txt": "# pinned\nrequests==2.31.0 \\\n    --hash=sha256:aaaa\nPyYAML==6.0.1\n",
        "poetry.lock": """
            [[package]]
            name = "requests"
            version = "2.31.0"
            description = "Python HTTP for Humans."
            optional = false
            python-versions = ">=3.7"
            files = [
                {file = "requests-2.31.0.tar.gz", hash = "sha256:aaaa"},
            ]

            [package.dependencies]
            urllib3 = ">=1.21.1,<3"

            [[package]]
            name = "urllib3"
            version = "2.0.7"
            description = "HTTP library"
            optional = false
            python-versions = ">=3.7"
            files = []

            [[package]]
            name = "pyyaml"
            version = "6.0.1"
            description = "YAML parser and emitter for Python"
            optional = false
            python-versions = ">=3.6"
            files = []

            [metadata]
            lock-version = "2.0"
            python-versions = "^3.9"
            content-hash = "abc"

            """,
    ]

    /// The repository, with a virtualenv (untracked) whose records say PyYAML provides `yaml` and requests needs urllib3.
    func repo(venv: Bool = true) throws -> SelectionRepo {
        let repo = try SelectionRepo(Self.files, name: "gate-manifests")
        guard venv else { return repo }
        try repo.box.sh("python3 -m venv --without-pip .venv", in: "work")
        let site = try repo.box.sh("echo .venv/lib/python3*/site-packages", in: "work").output.trimmingCharacters(in: .whitespacesAndNewlines)
        let dists = [
            ("PyYAML-6.0.1.dist-info", "Name: PyYAML\nVersion: 6.0.1\n", "yaml\n_yaml\n"),
            ("requests-2.31.0.dist-info", "Name: requests\nVersion: 2.31.0\nRequires-Dist: urllib3 (<3,>=1.21.1)\n", "requests\n"),
            ("urllib3-2.0.7.dist-info", "Name: urllib3\nVersion: 2.0.7\n", "urllib3\n"),
        ]
        for (directory, metadata, topLevel) in dists {
            try repo.box.write("work/\(site)/\(directory)/METADATA", "Metadata-Version: 2.1\n" + metadata + "\nlong description\n")
            try repo.box.write("work/\(site)/\(directory)/top_level.txt", topLevel)
        }
        return repo
    }

    func ids(_ report: AffectedReport) -> [String] { report.tests.map(\.id) }

    @Test func aVersionBumpAndMetadataSelectNothingAndSayWhy() throws {
        let repo = try repo()
        let text = try repo.text("pyproject.toml")
        try repo.commit("release", write: ["pyproject.toml": text.replacingOccurrences(of: "1.0.0", with: "1.0.1")
            .replacingOccurrences(of: "A shop", with: "A small shop").replacingOccurrences(of: "line-length = 100", with: "line-length = 88")])
        let report = try repo.affectedByLastCommit()
        #expect(report.mode == .none, "\(report.reason)")
        #expect(report.reason.contains("pyproject.toml: only"), "\(report.reason)")
        #expect(report.reason.contains("project.version"), "\(report.reason)")
        #expect(report.reason.contains("[tool.black]"), "\(report.reason)")
    }

    @Test func aDependencyBumpSelectsOnlyTheTestsImportingIt() throws {
        let repo = try repo()
        let text = try repo.text("pyproject.toml")
        try repo.commit("bump yaml", write: ["pyproject.toml": text.replacingOccurrences(of: "PyYAML==6.0.1", with: "PyYAML==6.0.2")])
        let report = try repo.affectedByLastCommit()
        #expect(report.mode == .selected, "\(report.reason)")
        #expect(ids(report) == ["tests/test_conf.py"])
        let explain = try repo.box.gate("affected --from HEAD~1 --explain", in: "work").output
        #expect(explain.contains("dependency pyyaml (==6.0.1 → ==6.0.2; import yaml, _yaml)"), "\(explain)")
    }

    @Test func theRunnerSectionThePythonVersionAndAnUnreadableFileRunEverything() throws {
        let repo = try repo()
        let text = try repo.text("pyproject.toml")
        try repo.commit("pytest", write: ["pyproject.toml": text.replacingOccurrences(of: "-q", with: "-x")])
        let pytest = try repo.affectedByLastCommit()
        #expect(pytest.mode == .all)
        #expect(pytest.reason.contains("pyproject.toml changed: [tool.pytest…] changed"), "\(pytest.reason)")
        #expect(ids(pytest).count == 3)
        try repo.commit("python", write: ["pyproject.toml": text.replacingOccurrences(of: ">=3.9", with: ">=3.10")])
        #expect(try repo.affectedByLastCommit().reason.contains("requires-python"))
        try repo.commit("broken", write: ["pyproject.toml": text.replacingOccurrences(of: "version = \"1.0.0\"", with: "version = 1.0.0.0\"")])
        let broken = try repo.affectedByLastCommit()
        #expect(broken.mode == .all)
        #expect(broken.reason.contains("pyproject.toml changed: gate could not read it (line"), "\(broken.reason)")
    }

    @Test func aLockedTransitiveBumpReachesTheTestsOfThePackagesRequiringIt() throws {
        let repo = try repo()
        let lock = try repo.text("poetry.lock")
        try repo.commit("bump urllib3", write: ["poetry.lock": lock.replacingOccurrences(of: "2.0.7", with: "2.2.1")
            .replacingOccurrences(of: "content-hash = \"abc\"", with: "content-hash = \"def\"")])
        let report = try repo.affectedByLastCommit()
        #expect(report.mode == .selected, "\(report.reason)")
        #expect(ids(report) == ["tests/test_http.py"])
        try repo.commit("pytest in lock", write: ["poetry.lock": lock + """

            [[package]]
            name = "pytest-randomly"
            version = "3.15.0"
            description = "Randomise the order of tests"
            optional = false
            python-versions = ">=3.8"
            files = []

            """])
        let plugin = try repo.affectedByLastCommit()
        #expect(plugin.mode == .all)
        #expect(plugin.reason.contains("pytest-randomly"), "\(plugin.reason)")
    }

    @Test func requirementsFilesAreReadPerRequirement() throws {
        let repo = try repo()
        let text = try repo.text("requirements-dev.txt")
        try repo.commit("comment", write: ["requirements-dev.txt": "# pinned by hand\n" + text])
        let comment = try repo.affectedByLastCommit()
        #expect(comment.mode == .none, "\(comment.reason)")
        try repo.commit("hash", write: ["requirements-dev.txt": text.replacingOccurrences(of: "sha256:aaaa", with: "sha256:bbbb")])
        #expect(ids(try repo.affectedByLastCommit()) == ["tests/test_http.py"])
        try repo.commit("index", write: ["requirements-dev.txt": "--index-url https://mirror.invalid/simple\n" + text])
        #expect(try repo.affectedByLastCommit().mode == .all)
    }

    @Test func withoutAVirtualenvAPackageImportedUnderAnotherNameRunsEverything() throws {
        let repo = try repo(venv: false)
        let text = try repo.text("pyproject.toml")
        try repo.commit("bump yaml", write: ["pyproject.toml": text.replacingOccurrences(of: "PyYAML==6.0.1", with: "PyYAML==6.0.2")])
        let report = try repo.affectedByLastCommit()
        #expect(report.mode == .all)
        #expect(report.reason.contains("pyproject.toml changed: pyyaml changed"), "\(report.reason)")
    }

    @Test func setupCfgAndToxIniAreReadPerSection() throws {
        let repo = try repo()
        let cfg = try repo.text("setup.cfg"), tox = try repo.text("tox.ini")
        try repo.commit("release", write: ["setup.cfg": cfg.replacingOccurrences(of: "1.0.0", with: "1.1.0").replacingOccurrences(of: "100", with: "88"),
                                           "tox.ini": tox.replacingOccurrences(of: "py312", with: "py312,py313")])
        let release = try repo.affectedByLastCommit()
        #expect(release.mode == .none, "\(release.reason)")
        #expect(release.reason.contains("metadata.version") && release.reason.contains("[flake8]") && release.reason.contains("[tox]"), "\(release.reason)")
        try repo.commit("bump", write: ["setup.cfg": cfg.replacingOccurrences(of: "requests>=2.30", with: "requests>=2.32")])
        #expect(ids(try repo.affectedByLastCommit()) == ["tests/test_http.py"])
        try repo.commit("pytest", write: ["tox.ini": tox + "\n[pytest]\naddopts = -x\n"])
        let pytest = try repo.affectedByLastCommit()
        #expect(pytest.mode == .all)
        #expect(pytest.reason.contains("tox.ini changed: [pytest] changed"), "\(pytest.reason)")
    }
}
