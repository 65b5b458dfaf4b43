/// Text made safe for HTML and SVG built in Swift (templates escape on their own): `& < > " '` become entities and
/// characters XML forbids (C0 controls other than tab, newline and carriage return; lone surrogates cannot occur in a
/// Swift `String`) are dropped, so a hostile test name can neither add markup nor make the page unreadable.
public enum HTMLText {
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                if isAllowedInXML(scalar) { out.unicodeScalars.append(scalar) }
            }
        }
        return out
    }

    /// XML 1.0's `Char` production, minus the discouraged C1 controls.
    public static func isAllowedInXML(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x9, 0xA, 0xD: return true
        case 0x20...0x7E, 0xA0...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: return true
        case 0x85: return true
        default: return false
        }
    }
}
