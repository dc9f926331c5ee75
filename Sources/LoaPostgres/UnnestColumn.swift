import PostgresNIO

/// A column of a set-based statement that may hold NULL, bound as two arrays for `unnest`: the
/// values (a placeholder where there is none) and whether each is there. postgres-nio binds
/// arrays of plain values only; the statement reads the value back with
/// `CASE WHEN present THEN value END`.
struct NullableColumn<Value: PostgresArrayEncodable & PostgresNonThrowingEncodable> {
    private(set) var values: [Value] = []
    private(set) var present: [Bool] = []
    private let placeholder: Value

    init(placeholder: Value) {
        self.placeholder = placeholder
    }

    mutating func append(_ value: Value?) {
        values.append(value ?? placeholder)
        present.append(value != nil)
    }
}

extension NullableColumn where Value == String {
    init() { self.init(placeholder: "") }
}

extension NullableColumn where Value == Int64 {
    init() { self.init(placeholder: 0) }
}

extension PostgresBindings {
    /// Appends the column's values, then whether each is there (two parameters).
    mutating func append<Value>(_ column: NullableColumn<Value>) {
        append(column.values)
        append(column.present)
    }
}
