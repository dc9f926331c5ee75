/// `--name value` options and `--flag` switches after the benchmark's name.
struct BenchmarkOptions {
    private var values: [String: String] = [:]
    private var flags: Set<String> = []

    init(_ arguments: ArraySlice<String>) {
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            guard argument.hasPrefix("--") else { continue }
            let name = String(argument.dropFirst(2))
            if let value = rest.first, !value.hasPrefix("--") {
                values[name] = value
                rest = rest.dropFirst()
            } else {
                flags.insert(name)
            }
        }
    }

    func int(_ name: String, default fallback: Int) -> Int { values[name].flatMap(Int.init) ?? fallback }
    func string(_ name: String, default fallback: String) -> String { values[name] ?? fallback }
    func value(_ name: String) -> String? { values[name] }
    func has(_ flag: String) -> Bool { flags.contains(flag) }
}
