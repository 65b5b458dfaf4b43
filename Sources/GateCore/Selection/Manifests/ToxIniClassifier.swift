/// Classifies a change to `tox.ini`. gate runs pytest itself, not through tox, so tox's own sections (`[tox]`,
/// `[testenv…]`, `[gh-actions]`, `[gh]`) and code-quality tools' sections affect none of gate's tests; `[pytest]`,
/// `[coverage:*]` and unknown sections affect every test. (A `command` suite is still selected by any change.)
enum ToxIniClassifier {
    static func diff(old: IniDocument, new: IniDocument) -> ManifestDiff {
        var diff = ManifestDiff()
        for section in Set(old.sections.keys).union(new.sections.keys).sorted() where old.sections[section] != new.sections[section] {
            switch section {
            case "pytest": diff.force("[pytest] changed: pytest's own configuration affects every test")
            case _ where section.hasPrefix("coverage:"): diff.force("[\(section)] changed: pytest-cov and gate's coverage recording read it")
            case "tox", "gh-actions", "gh", "travis", "tox:tox", "flake8", "pycodestyle", "pydocstyle", "isort", "mypy", "pylint", "codespell":
                diff.ignore("[\(section)]")
            case _ where section.hasPrefix("testenv"): diff.ignore("[\(section)]")
            default: diff.force("[\(section)] changed, and gate does not know whether tests read it")
            }
        }
        return diff
    }
}
