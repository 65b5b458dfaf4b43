import Foundation

/// A line chart as inline SVG: several series over the same x positions, with y grid lines at 0, half and the top,
/// a dot per point (a `<title>` tooltip gives its value) and a legend. A missing value (nil) breaks the line.
public struct SVGLineChart: Sendable {
    public struct Series: Sendable {
        public var name: String
        public var tone: ChartTone
        public var values: [Double?]
        public init(name: String, tone: ChartTone, values: [Double?]) {
            self.name = name
            self.tone = tone
            self.values = values
        }
    }

    public var title: String
    public var xLabels: [String]
    public var series: [Series]
    public var format: @Sendable (Double) -> String
    public var width = 760
    public var height = 260

    public init(title: String, xLabels: [String], series: [Series], format: @escaping @Sendable (Double) -> String = { String(format: "%.2f", $0) }) {
        self.title = title
        self.xLabels = xLabels
        self.series = series
        self.format = format
    }

    public func render() -> String {
        let left = 60.0, right = 16.0, top = 28.0, bottom = 36.0
        let plotWidth = Double(width) - left - right, plotHeight = Double(height) - top - bottom
        let count = max(xLabels.count, series.map(\.values.count).max() ?? 0)
        let largest = max(series.flatMap { $0.values.compactMap { $0 } }.max() ?? 1, .leastNonzeroMagnitude)
        func x(_ index: Int) -> Double { count <= 1 ? left + plotWidth / 2 : left + plotWidth * Double(index) / Double(count - 1) }
        func y(_ value: Double) -> Double { top + plotHeight * (1 - max(0, value) / largest) }
        var svg = "<svg class=\"chart line-chart\" xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\">"
        svg += "<title>\(HTMLText.escape(title))</title>"
        for fraction in [0.0, 0.5, 1.0] {
            let lineY = Self.number(y(largest * fraction))
            svg += "<line x1=\"\(Self.number(left))\" y1=\"\(lineY)\" x2=\"\(Self.number(left + plotWidth))\" y2=\"\(lineY)\" stroke=\"#ddd\"/>"
            svg += "<text x=\"\(Self.number(left - 6))\" y=\"\(lineY)\" text-anchor=\"end\" dominant-baseline=\"middle\" font-size=\"11\" fill=\"#555\">\(HTMLText.escape(format(largest * fraction)))</text>"
        }
        let step = max(1, Int((Double(count) / 8).rounded(.up)))
        for (index, label) in xLabels.enumerated() where index % step == 0 || index == xLabels.count - 1 {
            svg += "<text x=\"\(Self.number(x(index)))\" y=\"\(height - 12)\" text-anchor=\"middle\" font-size=\"11\" fill=\"#555\">\(HTMLText.escape(SVGBarChart.clipped(label, to: 14)))</text>"
        }
        for (seriesIndex, line) in series.enumerated() {
            svg += "<g class=\"series tone-\(line.tone.rawValue)\">"
            for segment in Self.segments(line.values) {
                let points = segment.map { "\(Self.number(x($0))),\(Self.number(y(line.values[$0]!)))" }.joined(separator: " ")
                svg += "<polyline fill=\"none\" stroke=\"\(line.tone.color)\" stroke-width=\"2\" points=\"\(points)\"/>"
            }
            for (index, value) in line.values.enumerated() {
                guard let value else { continue }
                let label = index < xLabels.count ? xLabels[index] : String(index + 1)
                svg += "<circle cx=\"\(Self.number(x(index)))\" cy=\"\(Self.number(y(value)))\" r=\"3\" fill=\"\(line.tone.color)\"><title>\(HTMLText.escape(line.name)) · \(HTMLText.escape(label)): \(HTMLText.escape(format(value)))</title></circle>"
            }
            let legendX = Self.number(left + Double(seriesIndex) * 150)
            svg += "<rect x=\"\(legendX)\" y=\"6\" width=\"10\" height=\"10\" fill=\"\(line.tone.color)\"/>"
            svg += "<text x=\"\(Self.number(left + Double(seriesIndex) * 150 + 14))\" y=\"15\" font-size=\"12\" fill=\"#222\">\(HTMLText.escape(line.name))</text></g>"
        }
        return svg + "</svg>"
    }

    /// Runs of consecutive indices that have a value.
    static func segments(_ values: [Double?]) -> [[Int]] {
        var runs: [[Int]] = [], current: [Int] = []
        for (index, value) in values.enumerated() {
            if value != nil { current.append(index) } else if !current.isEmpty { runs.append(current); current = [] }
        }
        if !current.isEmpty { runs.append(current) }
        return runs
    }

    static func number(_ value: Double) -> String { String(format: "%.1f", value) }
}
