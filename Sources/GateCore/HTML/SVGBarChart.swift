import Foundation

/// A horizontal bar chart as inline SVG: one labelled bar per item, scaled to the largest value, the value written
/// after the bar and the full label in a `<title>` tooltip. Every label is escaped (`HTMLText`).
public struct SVGBarChart: Sendable {
    public struct Bar: Sendable {
        public var label: String
        public var value: Double
        public var tone: ChartTone
        public init(label: String, value: Double, tone: ChartTone = .neutral) {
            self.label = label
            self.value = value
            self.tone = tone
        }
    }

    public var bars: [Bar]
    /// Formats a value for display, e.g. `"1.25 s"`.
    public var format: @Sendable (Double) -> String
    public var title: String
    public var width = 760
    public var labelWidth = 300
    public var rowHeight = 20

    public init(title: String, bars: [Bar], format: @escaping @Sendable (Double) -> String = { String(format: "%.2f", $0) }) {
        self.title = title
        self.bars = bars
        self.format = format
    }

    public func render() -> String {
        let top = 8
        let height = top + max(1, bars.count) * rowHeight + 8
        let plotWidth = Double(width - labelWidth - 90)
        let largest = bars.map(\.value).max().map { max($0, .leastNonzeroMagnitude) } ?? 1
        var svg = "<svg class=\"chart bar-chart\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\">"
        svg += "<title>\(HTMLText.escape(title))</title>"
        if bars.isEmpty {
            svg += "<text x=\"0\" y=\"\(top + 14)\" font-size=\"12\" fill=\"#555\">no data</text>"
        }
        for (index, bar) in bars.enumerated() {
            let y = top + index * rowHeight
            let length = max(1, (max(0, bar.value) / largest * plotWidth).rounded())
            let label = HTMLText.escape(Self.clipped(bar.label, to: labelWidth / 7))
            svg += "<g class=\"bar tone-\(bar.tone.rawValue)\"><title>\(HTMLText.escape(bar.label)): \(HTMLText.escape(format(bar.value)))</title>"
            svg += "<text x=\"\(labelWidth - 6)\" y=\"\(y + 14)\" text-anchor=\"end\" font-size=\"12\" fill=\"#222\">\(label)</text>"
            svg += "<rect x=\"\(labelWidth)\" y=\"\(y + 3)\" width=\"\(Int(length))\" height=\"\(rowHeight - 6)\" fill=\"\(bar.tone.color)\"/>"
            svg += "<text x=\"\(labelWidth + Int(length) + 6)\" y=\"\(y + 14)\" font-size=\"12\" fill=\"#222\">\(HTMLText.escape(format(bar.value)))</text></g>"
        }
        return svg + "</svg>"
    }

    /// `text` cut to `count` characters, keeping its end (the distinctive part of a test id).
    static func clipped(_ text: String, to count: Int) -> String {
        text.count <= count ? text : "…" + String(text.suffix(max(1, count - 1)))
    }
}
