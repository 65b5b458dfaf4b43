/// The colour of a chart mark, by meaning; the page's CSS and the SVG's own fill agree on it.
public enum ChartTone: String, Sendable, CaseIterable {
    case pass, fail, error, skip, neutral

    /// The fill used inside the SVG, so a chart copied out of the page keeps its colours.
    public var color: String {
        switch self {
        case .pass: return "#2e7d32"
        case .fail: return "#c62828"
        case .error: return "#ef6c00"
        case .skip: return "#9e9e9e"
        case .neutral: return "#1565c0"
        }
    }
}
