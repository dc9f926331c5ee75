/// One value of a flat JSON object: a string, a number or a boolean.
enum JSONScalar: Decodable {
    case string(String)
    case integer(Int)
    case other(String)

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let number = try? container.decode(Int.self) {
            self = .integer(number)
        } else if let number = try? container.decode(Double.self) {
            self = .other(String(number))
        } else if let flag = try? container.decode(Bool.self) {
            self = .other(String(flag))
        } else if container.decodeNil() {
            self = .other("null")
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "nested objects and arrays are not variables")
        }
    }
}
