import Yams

/// Parses `.gate.yml` text. Unknown keys and bad values are errors naming the line.
public struct ConfigParser {
    public let fileName: String

    public init(fileName: String = ".gate.yml") { self.fileName = fileName }

    public func parse(_ text: String) throws -> GateConfig {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw ConfigError(file: fileName, line: Self.line(of: error), message: "not valid YAML: \(error)")
        }
        guard let root else { throw ConfigError(file: fileName, line: nil, message: "the file is empty; it needs at least `version: 1`") }
        try rejectDuplicateKeys(root)
        let top = try mapping(root, "the top level")
        try allowOnly(top, ["version", "suites", "selection", "fix", "run", "server", "history", "flaky", "report", "quality"], in: "the top level")
        guard let versionNode = top["version"] else {
            throw ConfigError(file: fileName, line: line(root), message: "`version: 1` is missing")
        }
        guard try int(versionNode, "version") == 1 else {
            throw ConfigError(file: fileName, line: line(versionNode), message: "unsupported version; this gate reads `version: 1`")
        }
        var config = GateConfig()
        if top["suites"] == nil { config.suiteSource = .detectedWithoutSuitesKey }
        if let suites = top["suites"] {
            config.suites = try sequence(suites, "suites").map(parseSuite)
            var names = Set<String>()
            for (suite, node) in zip(config.suites, try sequence(suites, "suites")) where !names.insert(suite.name).inserted {
                throw ConfigError(file: fileName, line: line(node), message: "two suites are named \(suite.name.debugDescription)")
            }
        }
        if let node = top["selection"] {
            let map = try mapping(node, "selection")
            try allowOnly(map, ["always", "ignore", "coverage", "cache_decorators"], in: "selection")
            config.selection.always = try map["always"].map { try strings($0, "selection.always") } ?? []
            config.selection.ignore = try map["ignore"].map { try strings($0, "selection.ignore") } ?? []
            if let value = map["coverage"] { config.selection.coverage = try bool(value, "selection.coverage") }
            config.selection.cacheDecorators = try map["cache_decorators"].map { try strings($0, "selection.cache_decorators") } ?? []
        }
        if let node = top["fix"] { config.fix = try parseFix(node) }
        if let node = top["run"] {
            let map = try mapping(node, "run")
            try allowOnly(map, ["max_commits", "lock_wait", "log_limit", "retention", "local_budget_seconds"], in: "run")
            if let value = map["local_budget_seconds"] { config.run.localBudgetSeconds = try seconds(value, "run.local_budget_seconds") }
            if let value = map["max_commits"] { config.run.maxCommits = try positiveInt(value, "run.max_commits") }
            if let value = map["lock_wait"] { config.run.lockWait = try seconds(value, "run.lock_wait") }
            if let value = map["log_limit"] {
                config.run.logLimit = try positiveInt(value, "run.log_limit")
                guard config.run.logLimit >= 1024 else { throw ConfigError(file: fileName, line: line(value), message: "run.log_limit is in bytes and must be at least 1024") }
            }
            if let node = map["retention"] {
                let retention = try mapping(node, "run.retention")
                try allowOnly(retention, ["runs", "days"], in: "run.retention")
                if let value = retention["runs"] { config.run.retention.runs = try positiveInt(value, "run.retention.runs") }
                if let value = retention["days"] {
                    guard let days = value.scalar.flatMap({ Double($0.string) }), days > 0, days.isFinite else {
                        throw ConfigError(file: fileName, line: line(value), message: "run.retention.days must be a number of days greater than 0")
                    }
                    config.run.retention.days = days
                }
            }
        }
        if let node = top["report"] {
            let map = try mapping(node, "report")
            try allowOnly(map, ["junit"], in: "report")
            if let value = map["junit"] {
                guard let path = value.scalar?.string, !path.isEmpty else {
                    throw ConfigError(file: fileName, line: line(value), message: "report.junit must be a file path, e.g. build/gate-junit.xml")
                }
                config.report.junit = path
            }
        }
        if let node = top["quality"] { config.quality = try parseQuality(node) }
        if let node = top["server"] {
            let map = try mapping(node, "server")
            try allowOnly(map, ["timeout", "fail_open", "allow_skip", "protect_from_deletion", "tags"], in: "server")
            if let value = map["timeout"] { config.server.timeout = try seconds(value, "server.timeout") }
            if let value = map["fail_open"] { config.server.failOpen = try bool(value, "server.fail_open") }
            if let value = map["allow_skip"] { config.server.allowSkip = try bool(value, "server.allow_skip") }
            if let value = map["protect_from_deletion"] { config.server.protectFromDeletion = try strings(value, "server.protect_from_deletion") }
            if let value = map["tags"] {
                config.server.tags = try oneOf(value, "server.tags", ["check", "allow", "reject"])
            }
        }
        if let node = top["history"] { config.history = try parseHistory(node) }
        if let node = top["flaky"] { config.flaky = try parseFlaky(node) }
        return config
    }

    private func parseHistory(_ node: Node) throws -> HistorySettings {
        let map = try mapping(node, "history")
        try allowOnly(map, ["enabled", "retention_days", "max_pushes"], in: "history")
        var history = HistorySettings()
        if let value = map["enabled"] { history.enabled = try bool(value, "history.enabled") }
        if let value = map["retention_days"] {
            guard let days = value.scalar.flatMap({ Double($0.string) }), days > 0, days.isFinite else {
                throw ConfigError(file: fileName, line: line(value), message: "history.retention_days must be a number of days greater than 0")
            }
            history.retentionDays = days
        }
        if let value = map["max_pushes"] { history.maxPushes = try positiveInt(value, "history.max_pushes") }
        return history
    }

    private func parseFlaky(_ node: Node) throws -> FlakySettings {
        let map = try mapping(node, "flaky")
        try allowOnly(map, ["quarantine", "min_rate", "min_runs"], in: "flaky")
        var flaky = FlakySettings()
        if let value = map["quarantine"] { flaky.quarantine = try bool(value, "flaky.quarantine") }
        if let value = map["min_rate"] {
            guard let rate = value.scalar.flatMap({ Double($0.string) }), rate > 0, rate <= 1 else {
                throw ConfigError(file: fileName, line: line(value), message: "flaky.min_rate is a share of runs: a number above 0 and at most 1 (0.1 = 10%)")
            }
            flaky.minRate = rate
        }
        if let value = map["min_runs"] { flaky.minRuns = try positiveInt(value, "flaky.min_runs") }
        return flaky
    }

    private func parseSuite(_ node: Node) throws -> SuiteDefinition {
        let map = try mapping(node, "a suite")
        try allowOnly(map, ["name", "runner", "working_directory", "timeout", "env", "command", "junit", "python", "path"], in: "a suite")
        guard let nameNode = map["name"] else { throw ConfigError(file: fileName, line: line(node), message: "a suite needs a `name`") }
        guard let runnerNode = map["runner"] else { throw ConfigError(file: fileName, line: line(node), message: "suite needs a `runner` (one of \(RunnerKind.allCases.map(\.rawValue).joined(separator: ", ")))") }
        let name = try string(nameNode, "name")
        let runnerName = try oneOf(runnerNode, "runner", RunnerKind.allCases.map(\.rawValue))
        var suite = SuiteDefinition(name: name, runner: RunnerKind(rawValue: runnerName)!)
        if let value = map["working_directory"] {
            let dir = try string(value, "working_directory")
            if dir.hasPrefix("/") || dir.split(separator: "/").contains("..") {
                throw ConfigError(file: fileName, line: line(value), message: "working_directory must be a path inside the repository")
            }
            suite.workingDirectory = dir
        }
        if let value = map["timeout"] { suite.timeout = try seconds(value, "timeout") }
        if let value = map["env"] {
            let envMap = try mapping(value, "env")
            for (key, entry) in envMap {
                suite.environment[try string(key, "an env name")] = try string(entry, "env value")
            }
        }
        if let value = map["command"] { suite.command = try string(value, "command") }
        if let value = map["junit"] { suite.junitPath = try string(value, "junit") }
        if let value = map["python"] { suite.python = try string(value, "python") }
        if let value = map["path"] { suite.toolPath = try sequence(value, "path").map { try string($0, "path entry") } }
        if suite.runner == .command && suite.command == nil {
            throw ConfigError(file: fileName, line: line(node), message: "suite \(name.debugDescription) uses runner `command` but has no `command`")
        }
        if suite.runner != .command && (suite.command != nil || suite.junitPath != nil) {
            throw ConfigError(file: fileName, line: line(map["command"] ?? map["junit"]!), message: "`command` and `junit` belong to runner `command` only")
        }
        return suite
    }

    /// `quality: {diff_coverage: {min: 80}, coverage: {min: 70}}`: percents from 0 to 100.
    private func parseQuality(_ node: Node) throws -> QualitySettings {
        let map = try mapping(node, "quality")
        try allowOnly(map, ["diff_coverage", "coverage"], in: "quality")
        var quality = QualitySettings()
        for (key, name) in [("diff_coverage", "quality.diff_coverage"), ("coverage", "quality.coverage")] {
            guard let entry = map[key] else { continue }
            let threshold = try mapping(entry, name)
            try allowOnly(threshold, ["min"], in: name)
            guard let value = threshold["min"] else { throw ConfigError(file: fileName, line: line(entry), message: "\(name) needs `min:` (a percent from 0 to 100)") }
            guard let percent = value.scalar.flatMap({ Double($0.string) }), percent.isFinite, percent >= 0, percent <= 100 else {
                throw ConfigError(file: fileName, line: line(value), message: "\(name).min must be a percent from 0 to 100, e.g. `min: 80`")
            }
            if key == "diff_coverage" { quality.diffCoverageMin = percent } else { quality.coverageMin = percent }
        }
        return quality
    }

    private func parseFix(_ node: Node) throws -> GateConfig.FixSettings {
        let map = try mapping(node, "fix")
        try allowOnly(map, ["provider", "model", "base_url", "max_tokens", "timeout", "num_ctx", "command", "max_attempts",
                            "repush", "prompt_template", "protected", "secrets", "source_budget", "max_reply_bytes",
                            "max_files", "max_changed_lines"], in: "fix")
        var fix = GateConfig.FixSettings()
        if let value = map["provider"] {
            fix.provider = try oneOf(value, "fix.provider", ["openai", "anthropic", "ollama", "command", "none"])
        }
        if let value = map["model"] { fix.model = try string(value, "fix.model") }
        if let value = map["base_url"] { fix.baseURL = try string(value, "fix.base_url") }
        if let value = map["max_tokens"] { fix.maxTokens = try positiveInt(value, "fix.max_tokens") }
        if let value = map["timeout"] { fix.timeout = try seconds(value, "fix.timeout") }
        if let value = map["num_ctx"] { fix.numCtx = try positiveInt(value, "fix.num_ctx") }
        if let value = map["command"] { fix.command = try string(value, "fix.command") }
        if let value = map["max_attempts"] {
            fix.maxAttempts = try positiveInt(value, "fix.max_attempts")
            if fix.maxAttempts > 3 { throw ConfigError(file: fileName, line: line(value), message: "fix.max_attempts is at most 3") }
        }
        if let value = map["repush"] { fix.repush = try bool(value, "fix.repush") }
        if let value = map["prompt_template"] { fix.promptTemplate = try string(value, "fix.prompt_template") }
        if let value = map["protected"] { fix.protectedPaths = try strings(value, "fix.protected") }
        if let value = map["secrets"] { fix.secretPaths = try strings(value, "fix.secrets") }
        if let value = map["source_budget"] { fix.sourceBudget = try positiveInt(value, "fix.source_budget") }
        if let value = map["max_reply_bytes"] { fix.maxReplyBytes = try positiveInt(value, "fix.max_reply_bytes") }
        if let value = map["max_files"] { fix.maxFiles = try positiveInt(value, "fix.max_files") }
        if let value = map["max_changed_lines"] { fix.maxChangedLines = try positiveInt(value, "fix.max_changed_lines") }
        if fix.provider == "command" && fix.command == nil {
            throw ConfigError(file: fileName, line: line(node), message: "fix.provider `command` needs fix.command")
        }
        return fix
    }

    /// YAML forbids a key twice in one mapping, but the parser keeps both silently: which one would count is a guess.
    private func rejectDuplicateKeys(_ node: Node) throws {
        if let map = node.mapping {
            var seen: [String: Int?] = [:]
            for (key, value) in map {
                if let name = key.scalar?.string {
                    if let first = seen[name] {
                        throw ConfigError(file: fileName, line: line(key),
                                          message: "duplicate key \(name.debugDescription)\(first.map { " (first on line \($0))" } ?? ""); keep one")
                    }
                    seen[name] = line(key)
                }
                try rejectDuplicateKeys(value)
            }
        } else if let list = node.sequence {
            for item in list { try rejectDuplicateKeys(item) }
        }
    }

    // MARK: typed readers

    private func line(_ node: Node) -> Int? { node.mark.map { $0.line } }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        default: return nil
        }
    }

    private func mapping(_ node: Node, _ what: String) throws -> Node.Mapping {
        guard let map = node.mapping else { throw ConfigError(file: fileName, line: line(node), message: "\(what) must be a mapping (key: value)") }
        return map
    }

    private func sequence(_ node: Node, _ what: String) throws -> [Node] {
        guard let list = node.sequence else { throw ConfigError(file: fileName, line: line(node), message: "\(what) must be a list") }
        return Array(list)
    }

    private func allowOnly(_ map: Node.Mapping, _ keys: Set<String>, in what: String) throws {
        for key in map.keys {
            let name = key.scalar?.string ?? "?"
            if !keys.contains(name) {
                throw ConfigError(file: fileName, line: line(key),
                                  message: "unknown key \(name.debugDescription) in \(what); known keys: \(keys.sorted().joined(separator: ", "))")
            }
        }
    }

    private func string(_ node: Node, _ what: String) throws -> String {
        guard let scalar = node.scalar else { throw ConfigError(file: fileName, line: line(node), message: "\(what) must be a string") }
        return scalar.string
    }

    private func strings(_ node: Node, _ what: String) throws -> [String] {
        try sequence(node, what).map { try string($0, "each entry of \(what)") }
    }

    private func int(_ node: Node, _ what: String) throws -> Int {
        guard let value = node.scalar.flatMap({ Int($0.string) }) else {
            throw ConfigError(file: fileName, line: line(node), message: "\(what) must be a whole number")
        }
        return value
    }

    private func positiveInt(_ node: Node, _ what: String) throws -> Int {
        let value = try int(node, what)
        guard value > 0 else { throw ConfigError(file: fileName, line: line(node), message: "\(what) must be greater than 0") }
        return value
    }

    private func seconds(_ node: Node, _ what: String) throws -> Double {
        guard let value = node.scalar.flatMap({ Double($0.string) }), value > 0, value.isFinite else {
            throw ConfigError(file: fileName, line: line(node), message: "\(what) must be a number of seconds greater than 0")
        }
        return value
    }

    private func bool(_ node: Node, _ what: String) throws -> Bool {
        switch node.scalar?.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw ConfigError(file: fileName, line: line(node), message: "\(what) must be true or false")
        }
    }

    private func oneOf(_ node: Node, _ what: String, _ allowed: [String]) throws -> String {
        let value = try string(node, what)
        guard allowed.contains(value) else {
            throw ConfigError(file: fileName, line: line(node), message: "\(what) is \(value.debugDescription); expected one of \(allowed.joined(separator: ", "))")
        }
        return value
    }
}
