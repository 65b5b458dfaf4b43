/// A value read from a TOML document (`TOMLReader`). Numbers and dates keep their text as written: manifests are
/// compared, never computed with.
indirect enum TOMLValue: Sendable, Hashable {
    case string(String)
    /// An integer, float, boolean or date-time, as written.
    case scalar(String)
    case array([TOMLValue])
    case table([String: TOMLValue])

    var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    var table: [String: TOMLValue]? {
        if case .table(let entries) = self { return entries }
        return nil
    }

    var array: [TOMLValue]? {
        if case .array(let values) = self { return values }
        return nil
    }

    /// The value of `key` when this is a table.
    subscript(key: String) -> TOMLValue? { table?[key] }

    /// The value at a dotted path of table keys (`["tool", "poetry"]`).
    subscript(path: [String]) -> TOMLValue? {
        var current: TOMLValue? = self
        for key in path { current = current?.table?[key] }
        return current
    }
}
