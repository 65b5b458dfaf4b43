/// Classifies a change to `setup.cfg` section by section. `[metadata]` other than the name, and the sections of
/// code-quality tools (unless their pytest plugin is required) affect no test; `install_requires`, `tests_require` and
/// `[options.extras_require]` are compared by package; `[tool:pytest]`, `[coverage:*]`, `python_requires`, every
/// other option (packages, entry points, package data) and unknown sections affect every test.
enum SetupCfgClassifier {
    static let quietSections: Set<String> = [
        "flake8", "pycodestyle", "pep8", "pydocstyle", "isort", "mypy", "pylint", "bdist_wheel", "sdist", "bumpversion",
        "codespell", "check-manifest", "darglint", "yapf", "tool:isort", "wheel", "aliases", "build_sphinx", "zest.releaser",
    ]
    static let metadataKeys: Set<String> = [
        "version", "description", "long_description", "long_description_content_type", "author", "author_email",
        "maintainer", "maintainer_email", "url", "project_urls", "download_url", "classifiers", "keywords", "license",
        "license_file", "license_files", "platforms",
    ]

    static func diff(old: IniDocument, new: IniDocument) -> ManifestDiff {
        var diff = ManifestDiff()
        let plugins = declaredNames(old).union(declaredNames(new))
        for section in Set(old.sections.keys).union(new.sections.keys).sorted() where old.sections[section] != new.sections[section] {
            let before = old.sections[section] ?? [:], after = new.sections[section] ?? [:]
            let tool = section.split(separator: ":").first.map(String.init) ?? section
            switch section {
            case "metadata":
                for key in changedKeys(before, after) {
                    if metadataKeys.contains(key) { diff.ignore("metadata.\(key)") } else { diff.force("metadata.\(key) changed, which changes the installed package") }
                }
            case "options":
                for key in changedKeys(before, after) {
                    switch key {
                    case "install_requires", "tests_require": compare(before[key], after[key], where: "options.\(key)", into: &diff)
                    case "python_requires": diff.force("options.python_requires changed (the Python version every test runs on)")
                    default: diff.force("options.\(key) changed, which changes the installed package")
                    }
                }
            case "options.extras_require":
                for key in changedKeys(before, after) { compare(before[key], after[key], where: "extras \(key)", into: &diff) }
            case "tool:pytest": diff.force("[tool:pytest] changed: pytest's own configuration affects every test")
            case _ where section.hasPrefix("coverage:"): diff.force("[\(section)] changed: pytest-cov and gate's coverage recording read it")
            case _ where quietSections.contains(section) || section.hasPrefix("mypy-") || section.hasPrefix("bumpversion:"):
                let plugin = "pytest-" + PythonRequirement.normalise(tool.hasPrefix("mypy") ? "mypy" : tool)
                if plugins.contains(plugin) { diff.force("[\(section)] changed and \(plugin) is required, which runs it as tests") }
                else { diff.ignore("[\(section)]") }
            default: diff.force("[\(section)] changed, and gate does not know whether tests read it")
            }
        }
        return diff
    }

    private static func compare(_ old: String?, _ new: String?, where location: String, into diff: inout ManifestDiff) {
        guard let before = IniDocument.requirements(old), let after = IniDocument.requirements(new) else {
            diff.force("\(location) holds a line gate cannot read as a requirement")
            return
        }
        diff.compare(before, after)
    }

    private static func changedKeys(_ old: [String: String], _ new: [String: String]) -> [String] {
        Set(old.keys).union(new.keys).filter { old[$0] != new[$0] }.sorted()
    }

    private static func declaredNames(_ document: IniDocument) -> Set<String> {
        var names = Set<String>()
        let options = document.sections["options"] ?? [:]
        for value in [options["install_requires"], options["tests_require"]] + (document.sections["options.extras_require"] ?? [:]).values.map({ Optional($0) }) {
            names.formUnion((IniDocument.requirements(value) ?? [:]).keys)
        }
        return names
    }
}
