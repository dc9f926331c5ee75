import LoaCore

/// Everything the catalog holds for one kind, looked up once per render.
struct KindEntry: Sendable {
    let definition: KindDefinition
    /// The kind's templates by locale; a locale is absent when its file is missing.
    let templates: [MessageLocale: CompiledTemplate]
    /// The kind's required and optional variables.
    let listedVariables: Set<String>
}
