import Foundation

/// Charts of means with intervals (dot plots, timelines) and keyness bars. Each
/// scales with its container (viewBox, width 100 %), carries its title and text
/// alternative (`<title>`, `<desc>`), and greys marks below the minimum n.
extension SVGChart {
    /// Okabe–Ito colours, distinguishable with the common colour-vision deficiencies.
    static let safePalette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"]
    static let few = "#9a9a9a"

    /// A dot plot: a row per group, whiskers for the interval, n at the right.
    public static func intervals(_ chart: IntervalChart, width: Int = 480) -> String {
        let rowH = 22.0, left = 130.0, right = chart.series.count > 1 ? 90.0 : 56.0, top = 40.0 + legendHeight(chart.series.map(\.name), width: width), bottom = 44.0
        let rowCount = chart.rows.count
        let height = Int(top + rowH * Double(max(rowCount, 1)) + bottom)
        let plotW = Double(width) - left - right
        let marks = chart.series.flatMap { $0.marks.compactMap { $0 } }
        let lo = min(chart.domain.lowerBound, marks.map(\.lower).min() ?? 0), hi = max(chart.domain.upperBound, marks.map(\.upper).max() ?? 0)
        let span = max(hi - lo, 1e-9)
        func x(_ v: Double) -> Double { left + plotW * (v - lo) / span }
        var svg = open(width: width, height: height, title: chart.title, summary: chart.summary)
        svg += legendRow(chart.series.map(\.name), y: 34, width: width)
        let plotBottom = top + rowH * Double(max(rowCount, 1))
        for tick in ticks(lo, hi) {
            svg += "<line x1=\"\(fmt(x(tick)))\" y1=\"\(fmt(top - 4))\" x2=\"\(fmt(x(tick)))\" y2=\"\(fmt(plotBottom))\" stroke=\"\(tick == 0 ? "#555" : "#e2e2e2")\"/>"
            svg += "<text x=\"\(fmt(x(tick)))\" y=\"\(fmt(plotBottom + 14))\" font-size=\"11\" text-anchor=\"middle\">\(tickLabel(tick))</text>"
        }
        svg += "<text x=\"\(fmt(left + plotW / 2))\" y=\"\(fmt(plotBottom + 32))\" font-size=\"12\" text-anchor=\"middle\">\(HTML.escape(chart.axis))</text>"
        svg += "<text x=\"\(fmt(Double(width) - 4))\" y=\"\(fmt(top - 8))\" font-size=\"11\" text-anchor=\"end\">n</text>"
        let offset = rowH * 0.5 / Double(max(chart.series.count, 1))
        for (i, label) in chart.rows.enumerated() {
            let yRow = top + rowH * Double(i)
            let anyFew = chart.series.contains { $0.marks[i]?.few == true }
            svg += "<text x=\"\(fmt(left - 8))\" y=\"\(fmt(yRow + 15))\" font-size=\"11\" text-anchor=\"end\"\(anyFew ? " fill=\"#777\"" : "")>\(HTML.escape(fitted(label, units: 19)))</text>"
            var counts: [String] = []
            for (k, series) in chart.series.enumerated() {
                guard let m = series.marks[i] else { continue }
                let y = yRow + 11 + offset * (Double(k) - Double(chart.series.count - 1) / 2)
                svg += mark(m, x: x, y: y, color: safePalette[k % safePalette.count], name: series.name, group: label)
                counts.append(String(m.n))
            }
            let nText = counts.joined(separator: "/") + (anyFew ? " few" : "")
            svg += "<text x=\"\(fmt(Double(width) - 4))\" y=\"\(fmt(yRow + 15))\" font-size=\"11\" text-anchor=\"end\"\(anyFew ? " fill=\"#777\"" : "")>\(HTML.escape(nText))</text>"
        }
        return svg + "</svg>"
    }

    /// A timeline: x evenly spaced by period (gaps where a period has no data), y the mean with its interval.
    public static func timeline(_ chart: TimelineChart, width: Int = 480, height: Int = 280) -> String {
        let left = 52.0, right = 16.0, top = 40.0 + legendHeight(chart.series.map(\.name), width: width), bottom = 56.0
        let plotW = Double(width) - left - right, plotH = Double(height) - top - bottom
        let marks = chart.series.flatMap { $0.marks.compactMap { $0 } }
        let lo = min(marks.map(\.lower).min() ?? 0, 0), hi = max(marks.map(\.upper).max() ?? 0, 0)
        let span = max(hi - lo, 1e-9)
        let count = chart.periods.count
        func x(_ i: Int) -> Double { count <= 1 ? left + plotW / 2 : left + plotW * Double(i) / Double(count - 1) }
        func y(_ v: Double) -> Double { top + plotH * (1 - (v - lo) / span) }
        var svg = open(width: width, height: height, title: chart.title, summary: chart.summary)
        svg += legendRow(chart.series.map(\.name), y: 34, width: width)
        for tick in ticks(lo, hi) {
            svg += "<line x1=\"\(fmt(left))\" y1=\"\(fmt(y(tick)))\" x2=\"\(fmt(left + plotW))\" y2=\"\(fmt(y(tick)))\" stroke=\"\(tick == 0 ? "#555" : "#e2e2e2")\"/>"
            svg += "<text x=\"\(fmt(left - 6))\" y=\"\(fmt(y(tick) + 4))\" font-size=\"11\" text-anchor=\"end\">\(tickLabel(tick))</text>"
        }
        let every = max(1, Int((Double(count) / 5).rounded(.up)))
        for (i, period) in chart.periods.enumerated() where i % every == 0 || i == count - 1 && count <= 5 {
            svg += "<line x1=\"\(fmt(x(i)))\" y1=\"\(fmt(top + plotH))\" x2=\"\(fmt(x(i)))\" y2=\"\(fmt(top + plotH + 4))\" stroke=\"#555\"/>"
            svg += "<text x=\"\(fmt(x(i)))\" y=\"\(fmt(top + plotH + 17))\" font-size=\"11\" text-anchor=\"middle\">\(HTML.escape(period))</text>"
        }
        svg += "<text x=\"\(fmt(left + plotW / 2))\" y=\"\(fmt(top + plotH + 38))\" font-size=\"12\" text-anchor=\"middle\">\(HTML.escape(chart.unit))</text>"
        svg += "<text transform=\"translate(13 \(fmt(top + plotH / 2))) rotate(-90)\" font-size=\"12\" text-anchor=\"middle\">\(HTML.escape(chart.axis))</text>"
        for (k, series) in chart.series.enumerated() {
            let color = safePalette[k % safePalette.count]
            // Lines join neighbouring periods only (a period without data breaks the line);
            // a segment touching a period with few documents is thin, dashed and grey.
            for i in series.marks.indices.dropLast() {
                guard let a = series.marks[i], let b = series.marks[i + 1] else { continue }
                let weak = a.few || b.few
                svg += "<line x1=\"\(fmt(x(i)))\" y1=\"\(fmt(y(a.mean)))\" x2=\"\(fmt(x(i + 1)))\" y2=\"\(fmt(y(b.mean)))\" "
                    + (weak ? "stroke=\"\(few)\" stroke-width=\"1\" stroke-dasharray=\"3 3\"/>" : "stroke=\"\(color)\" stroke-width=\"2\"/>")
            }
            for (i, m) in series.marks.enumerated() {
                guard let m else { continue }
                let c = m.few ? few : color
                svg += "<line x1=\"\(fmt(x(i)))\" y1=\"\(fmt(y(m.lower)))\" x2=\"\(fmt(x(i)))\" y2=\"\(fmt(y(m.upper)))\" stroke=\"\(c)\" stroke-opacity=\"0.55\" stroke-width=\"2\"/>"
                svg += "<circle cx=\"\(fmt(x(i)))\" cy=\"\(fmt(y(m.mean)))\" r=\"3.5\" fill=\"\(m.few ? "#fff" : c)\" stroke=\"\(c)\" stroke-width=\"1.5\">"
                    + "<title>\(HTML.escape(series.name)) \(HTML.escape(chart.periods[i])): \(describe(m))</title></circle>"
            }
        }
        return svg + "</svg>"
    }

    /// Keyness: a row per term, the bar to the right (target) or left (reference), raw counts at the ends.
    public static func keyness(_ chart: KeynessChart, width: Int = 520) -> String {
        let rowH = 20.0, top = 58.0, bottom = 30.0, labelW = 90.0
        let height = Int(top + rowH * Double(max(chart.terms.count, 1)) + bottom)
        let mid = Double(width) / 2, half = mid - labelW - 8
        let maxAbs = max(chart.terms.map { abs($0.score) }.max() ?? 0, 1e-9)
        var svg = open(width: width, height: height, title: chart.title, summary: chart.summary)
        svg += "<text x=\"\(fmt(mid - 6))\" y=\"\(fmt(top - 10))\" font-size=\"12\" text-anchor=\"end\" fill=\"\(safePalette[1])\">← key for \(HTML.escape(chart.reference))</text>"
        svg += "<text x=\"\(fmt(mid + 6))\" y=\"\(fmt(top - 10))\" font-size=\"12\" fill=\"\(safePalette[0])\">key for \(HTML.escape(chart.target)) →</text>"
        for (i, t) in chart.terms.enumerated() {
            let y0 = top + rowH * Double(i)
            let w = max(half * abs(t.score) / maxAbs, 0.5)
            let forTarget = t.score > 0
            let x0 = forTarget ? mid : mid - w
            svg += "<rect x=\"\(fmt(x0))\" y=\"\(fmt(y0 + 3))\" width=\"\(fmt(w))\" height=\"\(fmt(rowH - 6))\" fill=\"\(safePalette[forTarget ? 0 : 1])\">"
                + "<title>\(HTML.escape(t.term)): G² \(fmt(t.score)); \(HTML.escape(chart.target)) \(t.targetCount), \(HTML.escape(chart.reference)) \(t.referenceCount)</title></rect>"
            let labelX = forTarget ? mid - 6 : mid + 6
            svg += "<text x=\"\(fmt(labelX))\" y=\"\(fmt(y0 + 14))\" font-size=\"12\" text-anchor=\"\(forTarget ? "end" : "start")\">\(HTML.escape(truncated(t.term, 14)))</text>"
            let countX = forTarget ? mid + w + 4 : mid - w - 4
            svg += "<text x=\"\(fmt(countX))\" y=\"\(fmt(y0 + 14))\" font-size=\"10\" text-anchor=\"\(forTarget ? "start" : "end")\" fill=\"#444\">\(t.targetCount) : \(t.referenceCount)</text>"
        }
        svg += "<line x1=\"\(fmt(mid))\" y1=\"\(fmt(top - 2))\" x2=\"\(fmt(mid))\" y2=\"\(fmt(top + rowH * Double(chart.terms.count)))\" stroke=\"#555\"/>"
        svg += "<text x=\"\(fmt(mid))\" y=\"\(fmt(Double(height) - 10))\" font-size=\"11\" text-anchor=\"middle\">bar length: signed G² (log-likelihood); counts: \(HTML.escape(chart.target)) : \(HTML.escape(chart.reference)) occurrences</text>"
        return svg + "</svg>"
    }

    /// The opening `<svg>`: scales to its container's width, never wider than its own.
    static func open(width: Int, height: Int, title: String, summary: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"\(HTML.escape(title))\" width=\"100%\" viewBox=\"0 0 \(width) \(height)\" "
            + "style=\"max-width:\(width)px\" font-family=\"sans-serif\"><title>\(HTML.escape(title))</title><desc>\(HTML.escape(summary))</desc>"
            + "<text x=\"4\" y=\"18\" font-size=\"14\" font-weight=\"bold\">\(HTML.escape(truncated(title, Int(Double(width) / 8))))</text>"
    }

    /// Positions of legend entries, wrapped to the chart's width: (x, line) per name.
    static func legendLayout(_ names: [String], width: Int) -> [(x: Double, line: Int)] {
        var x = 4.0, line = 0, out: [(Double, Int)] = []
        for name in names {
            let w = 24 + 6.5 * Double(min(name.count, 40))
            if x > 4 && x + w > Double(width) { x = 4; line += 1 }
            out.append((x, line)); x += w
        }
        return out
    }

    static func legendHeight(_ names: [String], width: Int) -> Double {
        names.count > 1 ? 14 * Double((legendLayout(names, width: width).last?.line ?? 0) + 1) : 0
    }

    static func legendRow(_ names: [String], y: Double, width: Int) -> String {
        guard names.count > 1 else { return "" }
        var out = ""
        for (k, (name, place)) in zip(names, legendLayout(names, width: width)).enumerated() {
            let yy = y + 14 * Double(place.line)
            out += "<rect x=\"\(fmt(place.x))\" y=\"\(fmt(yy - 9))\" width=\"10\" height=\"10\" fill=\"\(safePalette[k % safePalette.count])\"/>"
                + "<text x=\"\(fmt(place.x + 14))\" y=\"\(fmt(yy))\" font-size=\"11\">\(HTML.escape(truncated(name, 40)))</text>"
        }
        return out
    }

    static func mark(_ m: IntervalMark, x: (Double) -> Double, y: Double, color: String, name: String, group: String) -> String {
        let c = m.few ? few : color
        return "<line x1=\"\(fmt(x(m.lower)))\" y1=\"\(fmt(y))\" x2=\"\(fmt(x(m.upper)))\" y2=\"\(fmt(y))\" stroke=\"\(c)\" stroke-width=\"2\"/>"
            + "<circle cx=\"\(fmt(x(m.mean)))\" cy=\"\(fmt(y))\" r=\"4\" fill=\"\(m.few ? "#fff" : c)\" stroke=\"\(c)\" stroke-width=\"1.5\">"
            + "<title>\(HTML.escape(name)) \(HTML.escape(group)): \(describe(m))</title></circle>"
    }

    static func describe(_ m: IntervalMark) -> String {
        "\(signed(m.mean)) [\(signed(m.lower)), \(signed(m.upper))], n = \(m.n)" + (m.few ? " (few documents)" : "")
    }

    static func signed(_ v: Double) -> String {
        let s = String(format: "%+.2f", v)
        return s == "-0.00" || s == "+0.00" ? "0.00" : s
    }

    /// About five round ticks between lo and hi.
    static func ticks(_ lo: Double, _ hi: Double) -> [Double] {
        let span = max(hi - lo, 1e-9)
        let raw = span / 5, magnitude = pow(10, (log10(raw)).rounded(.down))
        let step = [1.0, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= raw } ?? raw
        var out: [Double] = []
        var v = (lo / step).rounded(.up) * step
        while v <= hi + step * 1e-9, out.count < 20 { out.append(abs(v) < step * 1e-9 ? 0 : v); v += step }
        return out
    }

    static func tickLabel(_ v: Double) -> String {
        let s = String(format: "%.2f", v)
        var t = s
        while t.hasSuffix("0") { t.removeLast() }
        if t.hasSuffix(".") { t.removeLast() }
        return t == "-0" ? "0" : t
    }

    /// `s` cut to about `units` half-width characters (a wide CJK character counts two), with "…".
    static func fitted(_ s: String, units: Int) -> String {
        let width = { (c: Character) in c.unicodeScalars.contains { $0.value >= 0x1100 } ? 2 : 1 }
        guard s.reduce(0, { $0 + width($1) }) > units else { return s }
        var used = 0, out = ""
        for c in s {
            if used + width(c) > units - 1 { break }
            used += width(c); out.append(c)
        }
        return out + "…"
    }

    static func truncated(_ s: String, _ n: Int) -> String { s.count <= n ? s : String(s.prefix(max(n - 1, 1))) + "…" }
}
