/// A strict reader of the Prometheus text exposition format (version 0.0.4), for tests that
/// check what `/metrics` serves: it refuses what a Prometheus server would refuse or misread,
/// and checks histograms hang together.
///
/// Refused: a malformed line, name, label or value; a `# TYPE` after its family's samples, given
/// twice, or of an unknown type; a family whose samples are not together; the same series twice;
/// a histogram without `_count`, `_sum` or a `+Inf` bucket, with falling buckets, or whose `+Inf`
/// bucket differs from its count.
///
/// ```swift
/// let exposition = try PrometheusExposition(parsing: text)
/// exposition.value("loa_queue_depth")                                   // 0
/// exposition.value("loa_messages", ["state": "delivered"])              // 3
/// ```
public struct PrometheusExposition: Sendable {
    /// One line of figures: a series and its value.
    public struct Sample: Sendable, Equatable {
        public let name: String
        public let labels: [String: String]
        public let value: Double
    }

    /// What the text failed on, and where.
    public struct ParseError: Error, CustomStringConvertible {
        public let line: Int
        public let reason: String
        public var description: String { "line \(line): \(reason)" }
    }

    public let samples: [Sample]
    /// Each family's `# TYPE` (counter, gauge, histogram, summary, untyped).
    public let types: [String: String]
    /// Each family's `# HELP` text.
    public let help: [String: String]

    /// Parses `text`, throwing ``ParseError`` on the first thing a strict reader refuses.
    public init(parsing text: String) throws {
        var samples: [Sample] = []
        var types: [String: String] = [:], help: [String: String] = [:]
        var seenFamilies: Set<String> = [], seenSeries: Set<String> = []
        var currentFamily: String?
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            let line = String(rawLine)
            if line.trimmingSpaces().isEmpty { continue }
            if line.hasPrefix("#") {
                let words = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: true).map(String.init)
                guard words.count >= 3, words[0] == "#", words[1] == "HELP" || words[1] == "TYPE" else { continue }
                let family = words[2]
                guard Self.isMetricName(family) else { throw ParseError(line: number, reason: "bad metric name '\(family)'") }
                let rest = words.count > 3 ? words[3] : ""
                if words[1] == "TYPE" {
                    guard ["counter", "gauge", "histogram", "summary", "untyped"].contains(rest) else {
                        throw ParseError(line: number, reason: "unknown type '\(rest)'")
                    }
                    guard types[family] == nil else { throw ParseError(line: number, reason: "second TYPE for \(family)") }
                    guard !seenFamilies.contains(family) else { throw ParseError(line: number, reason: "TYPE for \(family) after its samples") }
                    types[family] = rest
                } else {
                    guard help[family] == nil else { throw ParseError(line: number, reason: "second HELP for \(family)") }
                    help[family] = rest
                }
                continue
            }
            let sample = try Self.sample(line, number: number)
            let family = Self.family(of: sample.name, types: types)
            if family != currentFamily {
                guard !seenFamilies.contains(family) else {
                    throw ParseError(line: number, reason: "samples of \(family) are not together")
                }
                seenFamilies.insert(family)
                currentFamily = family
            }
            let series = sample.name + "{" + sample.labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",") + "}"
            guard seenSeries.insert(series).inserted else { throw ParseError(line: number, reason: "series \(series) given twice") }
            samples.append(sample)
        }
        self.samples = samples
        self.types = types
        self.help = help
        try checkHistograms()
    }

    /// The value of the series `name` with exactly `labels`; nil when there is none.
    public func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
        samples.first { $0.name == name && $0.labels == labels }?.value
    }

    /// Every sample of `name` whose labels include `labels`.
    public func samples(_ name: String, matching labels: [String: String] = [:]) -> [Sample] {
        samples.filter { sample in sample.name == name && labels.allSatisfy { sample.labels[$0.key] == $0.value } }
    }

    private func checkHistograms() throws {
        for (family, type) in types where type == "histogram" {
            let buckets = samples(family + "_bucket")
            var series: [[String: String]: [(Double, Double)]] = [:]
            for bucket in buckets {
                guard let le = bucket.labels["le"], let bound = Self.number(le) else {
                    throw ParseError(line: 0, reason: "\(family)_bucket without a numeric le")
                }
                var labels = bucket.labels
                labels["le"] = nil
                series[labels, default: []].append((bound, bucket.value))
            }
            for (labels, points) in series {
                let sorted = points.sorted { $0.0 < $1.0 }
                guard sorted.last?.0 == .infinity else { throw ParseError(line: 0, reason: "\(family)\(labels) has no +Inf bucket") }
                for (lower, upper) in zip(sorted, sorted.dropFirst()) where upper.1 < lower.1 {
                    throw ParseError(line: 0, reason: "\(family)\(labels) buckets fall from \(lower) to \(upper)")
                }
                guard let count = value(family + "_count", labels), value(family + "_sum", labels) != nil else {
                    throw ParseError(line: 0, reason: "\(family)\(labels) lacks _count or _sum")
                }
                guard count == sorted.last?.1 else { throw ParseError(line: 0, reason: "\(family)\(labels) +Inf bucket differs from _count") }
            }
        }
    }

    /// The family a sample belongs to: a histogram's or summary's `_bucket`, `_sum` and `_count`
    /// belong to it.
    private static func family(of name: String, types: [String: String]) -> String {
        for suffix in ["_bucket", "_sum", "_count"] where name.hasSuffix(suffix) {
            let base = String(name.dropLast(suffix.count))
            if ["histogram", "summary"].contains(types[base]) { return base }
        }
        return name
    }

    private static func sample(_ line: String, number: Int) throws -> Sample {
        var rest = Substring(line)
        let name = String(rest.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == ":") })
        guard isMetricName(name) else { throw ParseError(line: number, reason: "bad metric name in '\(line)'") }
        rest = rest.dropFirst(name.count)
        var labels: [String: String] = [:]
        if rest.first == "{" {
            rest = rest.dropFirst()
            while rest.first != "}" {
                let labelName = String(rest.prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") })
                guard isLabelName(labelName) else { throw ParseError(line: number, reason: "bad label name in '\(line)'") }
                rest = rest.dropFirst(labelName.count)
                guard rest.hasPrefix("=\"") else { throw ParseError(line: number, reason: "label \(labelName) without =\"") }
                rest = rest.dropFirst(2)
                var value = ""
                while true {
                    guard let character = rest.first else { throw ParseError(line: number, reason: "unterminated label value") }
                    rest = rest.dropFirst()
                    if character == "\"" { break }
                    if character == "\\" {
                        guard let escaped = rest.first else { throw ParseError(line: number, reason: "dangling escape") }
                        rest = rest.dropFirst()
                        switch escaped {
                        case "\\": value.append("\\")
                        case "\"": value.append("\"")
                        case "n": value.append("\n")
                        default: throw ParseError(line: number, reason: "unknown escape \\\(escaped)")
                        }
                    } else {
                        value.append(character)
                    }
                }
                guard labels.updateValue(value, forKey: labelName) == nil else {
                    throw ParseError(line: number, reason: "label \(labelName) given twice")
                }
                if rest.first == "," { rest = rest.dropFirst() } else if rest.first != "}" {
                    throw ParseError(line: number, reason: "expected , or } in '\(line)'")
                }
            }
            rest = rest.dropFirst()
        }
        guard rest.first == " " else { throw ParseError(line: number, reason: "no space before the value in '\(line)'") }
        let fields = rest.split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count == 1 || fields.count == 2, let value = Self.number(String(fields[0])) else {
            throw ParseError(line: number, reason: "bad value in '\(line)'")
        }
        if fields.count == 2, Int64(fields[1]) == nil { throw ParseError(line: number, reason: "bad timestamp in '\(line)'") }
        return Sample(name: name, labels: labels, value: value)
    }

    private static func number(_ text: String) -> Double? {
        switch text {
        case "+Inf": .infinity
        case "-Inf": -.infinity
        case "NaN": .nan
        default: text.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }) ? Double(text) : nil
        }
    }

    private static func isMetricName(_ name: String) -> Bool {
        guard let first = name.first, first.isASCII, first.isLetter || first == "_" || first == ":" else { return false }
        return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == ":") }
    }

    private static func isLabelName(_ name: String) -> Bool {
        guard let first = name.first, first.isASCII, first.isLetter || first == "_" else { return false }
        return name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }
}

extension String {
    fileprivate func trimmingSpaces() -> Substring {
        drop { $0 == " " || $0 == "\t" }
    }
}
