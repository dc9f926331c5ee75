import LoaStore

/// The 24-hour chart as inline SVG, drawn on the server: per hour, bars for messages
/// submitted, delivered and failed. Every bar carries its figures (`data-*`, `<title>`), and
/// the page shows the same figures as a table, so nothing depends on seeing the picture.
struct HourlyChart {
    /// One bar group: its label (`14h`) and the three figures.
    struct Hour {
        let label: String
        let submitted: Int
        let delivered: Int
        let failed: Int
    }

    let hours: [Hour]
    /// Legend words in the page's language: submitted, delivered, failed.
    let names: (submitted: String, delivered: String, failed: String)

    static let width = 720, height = 220, top = 10, bottom = 30, left = 40

    /// The `<svg>` element; text in it is only numbers and hour labels, escaped all the same.
    var svg: String {
        let peak = max(1, hours.map { max($0.submitted, $0.delivered, $0.failed) }.max() ?? 1)
        let plotHeight = Double(Self.height - Self.top - Self.bottom)
        let slot = Double(Self.width - Self.left) / Double(max(hours.count, 1))
        let bar = max(1, (slot - 4) / 3)
        var out = #"<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 \#(Self.width) \#(Self.height)" width="\#(Self.width)" height="\#(Self.height)">"#
        out += #"<line x1="\#(Self.left)" y1="\#(Self.height - Self.bottom)" x2="\#(Self.width)" y2="\#(Self.height - Self.bottom)" stroke="gray"/>"#
        out += #"<text x="\#(Self.left - 4)" y="\#(Self.top + 10)" text-anchor="end" font-size="11">\#(peak)</text>"#
        out += #"<text x="\#(Self.left - 4)" y="\#(Self.height - Self.bottom)" text-anchor="end" font-size="11">0</text>"#
        for (index, hour) in hours.enumerated() {
            let x = Double(Self.left) + Double(index) * slot + 2
            for (offset, series, value, colour) in [
                (0.0, "submitted", hour.submitted, "#4a78b5"), (1.0, "delivered", hour.delivered, "#2e8b57"), (2.0, "failed", hour.failed, "#c0392b"),
            ] {
                let barHeight = plotHeight * Double(value) / Double(peak)
                let name = series == "submitted" ? names.submitted : series == "delivered" ? names.delivered : names.failed
                out += #"<rect x="\#(Self.format(x + offset * bar))" y="\#(Self.format(Double(Self.height - Self.bottom) - barHeight))" width="\#(Self.format(bar))" height="\#(Self.format(barHeight))" fill="\#(colour)" data-hour="\#(HTMLEscaping.escape(hour.label))" data-series="\#(series)" data-value="\#(value)"><title>\#(HTMLEscaping.escape("\(hour.label) \(name): \(value)"))</title></rect>"#
            }
            if index % 3 == 0 {
                out += #"<text x="\#(Self.format(x + slot / 2))" y="\#(Self.height - Self.bottom + 14)" text-anchor="middle" font-size="11">\#(HTMLEscaping.escape(hour.label))</text>"#
            }
        }
        return out + "</svg>"
    }

    private static func format(_ value: Double) -> String {
        String(Double((value * 10).rounded()) / 10)
    }
}

/// Escaping text for HTML (and SVG) content and attribute values.
enum HTMLEscaping {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
