import Foundation

/// Small inline SVG charts for the HTML report (no scripts, no external files).
public enum SVGChart {
    /// Okabe–Ito colours (safe for the common colour-vision deficiencies).
    static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]

    /// A line chart: one series per name over the categories on the x axis.
    public static func lines(categories: [String], series: [(name: String, values: [Double])],
                      title: String, width: Int = 900, height: Int = 300) -> String {
        let left = 50.0, right = 290.0, top = 30.0, bottom = 40.0
        let plotW = Double(width) - left - right, plotH = Double(height) - top - bottom
        let maxValue = max(series.flatMap(\.values).max() ?? 0, 1e-9)
        func x(_ i: Int) -> Double { categories.count <= 1 ? left + plotW / 2 : left + plotW * Double(i) / Double(categories.count - 1) }
        func y(_ v: Double) -> Double { top + plotH * (1 - v / maxValue) }
        let summary = series.map { s in s.name + ": " + zip(categories, s.values).map { "\($0) \(fmt($1))" }.joined(separator: ", ") }
        var svg = header(width: width, height: height, title: title, summary: summary.joined(separator: "; "))
        svg += axes(left: left, top: top, plotW: plotW, plotH: plotH, maxValue: maxValue)
        for (i, c) in categories.enumerated() {
            svg += "<text x=\"\(fmt(x(i)))\" y=\"\(fmt(top + plotH + 16))\" font-size=\"11\" text-anchor=\"middle\">\(HTML.escape(c))</text>"
        }
        for (k, s) in series.enumerated() {
            let color = palette[k % palette.count]
            let points = s.values.enumerated().map { "\(fmt(x($0.offset))),\(fmt(y($0.element)))" }.joined(separator: " ")
            svg += "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\" points=\"\(points)\"/>"
            for (i, v) in s.values.enumerated() {
                svg += "<circle cx=\"\(fmt(x(i)))\" cy=\"\(fmt(y(v)))\" r=\"3\" fill=\"\(color)\"><title>\(HTML.escape(s.name)) \(HTML.escape(categories[i])): \(fmt(v))</title></circle>"
            }
            svg += legend(index: k, name: s.name, color: color, x: left + plotW + 12, top: top)
        }
        return svg + "</svg>"
    }

    /// Grouped horizontal-axis bars for values in −1…+1 (sentiment).
    public static func divergingBars(categories: [String], series: [(name: String, values: [Double?])],
                              title: String, width: Int = 900, height: Int = 300) -> String {
        let left = 50.0, right = 290.0, top = 30.0, bottom = 40.0
        let plotW = Double(width) - left - right, plotH = Double(height) - top - bottom
        let maxAbs = max(series.flatMap { $0.values.compactMap { $0.map(abs) } }.max() ?? 0, 0.05)
        let zero = top + plotH / 2
        func y(_ v: Double) -> Double { zero - (plotH / 2) * v / maxAbs }
        let summary = series.map { s in s.name + ": " + zip(categories, s.values).map { "\($0) \($1.map(fmt) ?? "none")" }.joined(separator: ", ") }
        var svg = header(width: width, height: height, title: title, summary: summary.joined(separator: "; "))
        svg += "<line x1=\"\(fmt(left))\" y1=\"\(fmt(zero))\" x2=\"\(fmt(left + plotW))\" y2=\"\(fmt(zero))\" stroke=\"#444\"/>"
        svg += "<text x=\"\(fmt(left - 6))\" y=\"\(fmt(top + 4))\" font-size=\"10\" text-anchor=\"end\">+\(fmt(maxAbs))</text>"
        svg += "<text x=\"\(fmt(left - 6))\" y=\"\(fmt(top + plotH))\" font-size=\"10\" text-anchor=\"end\">-\(fmt(maxAbs))</text>"
        let groupW = plotW / Double(max(categories.count, 1))
        let barW = groupW * 0.8 / Double(max(series.count, 1))
        for (i, c) in categories.enumerated() {
            svg += "<text x=\"\(fmt(left + groupW * (Double(i) + 0.5)))\" y=\"\(fmt(top + plotH + 16))\" font-size=\"11\" text-anchor=\"middle\">\(HTML.escape(c))</text>"
            for (k, s) in series.enumerated() {
                guard let v = s.values[i] else { continue }
                let x0 = left + groupW * Double(i) + groupW * 0.1 + barW * Double(k)
                let y0 = min(y(v), zero), h = abs(y(v) - zero)
                svg += "<rect x=\"\(fmt(x0))\" y=\"\(fmt(y0))\" width=\"\(fmt(barW))\" height=\"\(fmt(max(h, 0.5)))\" fill=\"\(palette[k % palette.count])\"><title>\(HTML.escape(s.name)) \(HTML.escape(c)): \(fmt(v))</title></rect>"
            }
        }
        for (k, s) in series.enumerated() {
            svg += legend(index: k, name: s.name, color: palette[k % palette.count], x: left + plotW + 12, top: top)
        }
        return svg + "</svg>"
    }

    /// Horizontal bars for non-negative values (top terms, counts).
    public static func bars(labels: [String], values: [Double], title: String, width: Int = 480) -> String {
        // Narrow, so that on a phone the chart is scaled down little and its labels stay readable.
        let rowH = 18.0, left = 150.0, top = 30.0
        let height = Int(top + rowH * Double(labels.count) + 10)
        let plotW = Double(width) - left - 50
        let maxValue = max(values.max() ?? 0, 1e-9)
        let summary = zip(labels, values).map { "\($0) \($1 == $1.rounded() ? String(Int($1)) : fmt($1))" }.joined(separator: ", ")
        var svg = header(width: width, height: height, title: title, summary: summary.isEmpty ? "no values" : summary)
        for (i, (label, v)) in zip(labels, values).enumerated() {
            let y0 = top + rowH * Double(i)
            svg += "<text x=\"\(fmt(left - 6))\" y=\"\(fmt(y0 + 13))\" font-size=\"11\" text-anchor=\"end\">\(HTML.escape(label))</text>"
            svg += "<rect x=\"\(fmt(left))\" y=\"\(fmt(y0 + 2))\" width=\"\(fmt(max(plotW * v / maxValue, 0.5)))\" height=\"\(fmt(rowH - 4))\" fill=\"\(palette[0])\"/>"
            let label = v == v.rounded() ? String(Int(v)) : fmt(v)
            svg += "<text x=\"\(fmt(left + plotW * v / maxValue + 4))\" y=\"\(fmt(y0 + 13))\" font-size=\"10\">\(label)</text>"
        }
        return svg + "</svg>"
    }

    private static func header(width: Int, height: Int, title: String, summary: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"\(HTML.escape(title))\" width=\"100%\" viewBox=\"0 0 \(width) \(height)\" style=\"max-width:\(width)px\" font-family=\"sans-serif\"><title>\(HTML.escape(title))</title><desc>\(HTML.escape(summary))</desc>"
            + "<text x=\"10\" y=\"18\" font-size=\"13\" font-weight=\"bold\">\(HTML.escape(title))</text>"
    }

    private static func axes(left: Double, top: Double, plotW: Double, plotH: Double, maxValue: Double) -> String {
        var s = "<line x1=\"\(fmt(left))\" y1=\"\(fmt(top + plotH))\" x2=\"\(fmt(left + plotW))\" y2=\"\(fmt(top + plotH))\" stroke=\"#444\"/>"
        s += "<line x1=\"\(fmt(left))\" y1=\"\(fmt(top))\" x2=\"\(fmt(left))\" y2=\"\(fmt(top + plotH))\" stroke=\"#444\"/>"
        s += "<text x=\"\(fmt(left - 6))\" y=\"\(fmt(top + 4))\" font-size=\"10\" text-anchor=\"end\">\(fmt(maxValue))</text>"
        s += "<text x=\"\(fmt(left - 6))\" y=\"\(fmt(top + plotH))\" font-size=\"10\" text-anchor=\"end\">0</text>"
        return s
    }

    private static func legend(index: Int, name: String, color: String, x: Double, top: Double) -> String {
        let y = top + 16 * Double(index)
        return "<rect x=\"\(fmt(x))\" y=\"\(fmt(y))\" width=\"10\" height=\"10\" fill=\"\(color)\"/>"
            + "<text x=\"\(fmt(x + 14))\" y=\"\(fmt(y + 9))\" font-size=\"11\">\(HTML.escape(name))</text>"
    }

    static func fmt(_ v: Double) -> String {
        String(format: "%.2f", v)
    }
}

/// HTML escaping for text and attribute values.
public enum HTML {
    public static func escape<S: StringProtocol>(_ s: S) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // Drop C0 controls other than tab/newline: invalid in HTML.
                if c.value < 0x20 && c != "\n" && c != "\t" { continue }
                out.unicodeScalars.append(c)
            }
        }
        return out
    }
}
