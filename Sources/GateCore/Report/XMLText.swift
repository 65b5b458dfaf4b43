/// Text made safe for XML 1.0: markup characters become entities and characters XML forbids are removed
/// (a test's output can hold any byte; one stray escape character would make the whole file unreadable).
enum XMLText {
    /// Element content.
    static func content(_ text: String) -> String {
        escaped(text, attribute: false)
    }

    /// An attribute value (quoted with `"`): line breaks and tabs are kept as character references, so a parser does
    /// not normalise them to spaces.
    static func attribute(_ text: String) -> String {
        escaped(text, attribute: true)
    }

    private static func escaped(_ text: String, attribute: Bool) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"" where attribute: out += "&quot;"
            case "\n" where attribute: out += "&#10;"
            case "\r": out += "&#13;"
            case "\t" where attribute: out += "&#9;"
            default:
                if HTMLText.isAllowedInXML(scalar) && scalar.value != 0x85 { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }
}
