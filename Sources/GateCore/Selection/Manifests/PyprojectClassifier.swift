/// Classifies a change to `pyproject.toml`: PEP 621 `[project]`, `[dependency-groups]`, `[build-system]`, and
/// `[tool.*]` including Poetry's `[tool.poetry]`.
///
/// Metadata (version, description, authors, URLs, classifiers, readme, license) affects no test. A changed
/// requirement is a changed dependency. Everything else affects every test: the project's name, `requires-python`,
/// scripts and entry points, `[build-system]`, `[tool.pytest…]`, `[tool.coverage]` (pytest-cov and gate's coverage
/// read it, and `fail_under` can fail a run), and any tool gate does not know. A code-quality tool's section affects no
/// test unless the file also requires its pytest plugin (`pytest-mypy` for `[tool.mypy]`), which runs it as tests.
enum PyprojectClassifier {
    static let metadataKeys: Set<String> = [
        "version", "description", "readme", "authors", "maintainers", "keywords", "classifiers", "urls", "license",
        "license-files", "homepage", "repository", "documentation",
    ]
    /// Tools whose configuration no test reads, unless their pytest plugin is required.
    static let quietTools: Set<String> = [
        "black", "ruff", "isort", "mypy", "pyright", "pylint", "codespell", "bandit", "pydocstyle", "docformatter",
        "autopep8", "yapf", "towncrier", "bumpversion", "bumpver", "commitizen", "flake8", "pycln", "refurb",
        "interrogate", "vulture", "check-manifest", "cibuildwheel", "sphinx", "doc8", "mdformat", "typos",
        "pyupgrade", "semantic_release", "tbump", "repo-review", "liccheck", "deptry", "pip-tools", "cruft", "hooky",
    ]

    static func diff(old: TOMLValue, new: TOMLValue) -> ManifestDiff {
        var diff = ManifestDiff()
        let oldTable = old.table ?? [:], newTable = new.table ?? [:]
        let plugins = declaredNames(old).union(declaredNames(new))
        for key in ManifestDiff.changedKeys(oldTable, newTable) {
            switch key {
            case "project": project(oldTable[key]?.table ?? [:], newTable[key]?.table ?? [:], into: &diff)
            case "dependency-groups": groups(oldTable[key]?.table ?? [:], newTable[key]?.table ?? [:], into: &diff)
            case "tool": tools(oldTable[key]?.table ?? [:], newTable[key]?.table ?? [:], plugins: plugins, into: &diff)
            case "build-system": diff.force("[build-system] changed, which changes how the package is built and installed")
            default: diff.force("[\(key)] changed, and gate does not know what it affects")
            }
        }
        return diff
    }

    private static func project(_ old: [String: TOMLValue], _ new: [String: TOMLValue], into diff: inout ManifestDiff) {
        for key in ManifestDiff.changedKeys(old, new) {
            switch key {
            case _ where metadataKeys.contains(key): diff.ignore("project.\(key)")
            case "dependencies": diff.compareRequirements(old[key], new[key], where: "project.dependencies")
            case "optional-dependencies":
                let oldExtras = old[key]?.table ?? [:], newExtras = new[key]?.table ?? [:]
                for extra in ManifestDiff.changedKeys(oldExtras, newExtras) {
                    diff.compareRequirements(oldExtras[extra], newExtras[extra], where: "project.optional-dependencies.\(extra)")
                }
            case "requires-python": diff.force("project.requires-python changed (the Python version every test runs on)")
            default: diff.force("project.\(key) changed, which can change the installed package")
            }
        }
    }

    private static func groups(_ old: [String: TOMLValue], _ new: [String: TOMLValue], into diff: inout ManifestDiff) {
        for group in ManifestDiff.changedKeys(old, new) {
            diff.compareRequirements(old[group], new[group], where: "dependency-groups.\(group)")
        }
    }

    private static func tools(
        _ old: [String: TOMLValue], _ new: [String: TOMLValue], plugins: Set<String>, into diff: inout ManifestDiff
    ) {
        for tool in ManifestDiff.changedKeys(old, new) {
            switch tool {
            case "pytest": diff.force("[tool.pytest…] changed: pytest's own configuration affects every test")
            case "poetry": PoetrySectionClassifier.diff(old[tool]?.table ?? [:], new[tool]?.table ?? [:], into: &diff)
            case "coverage": diff.force("[tool.coverage] changed: pytest-cov and gate's coverage recording read it")
            case _ where quietTools.contains(tool):
                let plugin = "pytest-" + PythonRequirement.normalise(tool)
                if plugins.contains(plugin) {
                    diff.force("[tool.\(tool)] changed and \(plugin) is required, which runs \(tool) as tests")
                } else {
                    diff.ignore("[tool.\(tool)]")
                }
            default: diff.force("[tool.\(tool)] changed, and gate does not know whether tests read it")
            }
        }
    }

    /// Every distribution name the document requires anywhere (PEP 621, dependency groups, Poetry tables).
    static func declaredNames(_ document: TOMLValue) -> Set<String> {
        var names = Set<String>()
        func addList(_ value: TOMLValue?) {
            for element in value?.array ?? [] { if let text = element.string, let requirement = PythonRequirement(text) { names.insert(requirement.name) } }
        }
        addList(document[["project", "dependencies"]])
        for (_, list) in document[["project", "optional-dependencies"]]?.table ?? [:] { addList(list) }
        for (_, list) in document[["dependency-groups"]]?.table ?? [:] { addList(list) }
        let poetry = document[["tool", "poetry"]]
        var tables = [poetry?["dependencies"], poetry?["dev-dependencies"]]
        for (_, group) in poetry?["group"]?.table ?? [:] { tables.append(group["dependencies"]) }
        for table in tables { for key in table?.table?.keys ?? [:].keys { names.insert(PythonRequirement.normalise(key)) } }
        return names
    }
}
