import LoaCore

/// Everything the catalog holds for one kind, looked up once per render.
struct KindEntry: Sendable {
    let definition: KindDefinition
    /// The kind's templates by locale; a locale is absent when its file is missing.
    let templates: [MessageLocale: CompiledTemplate]
    /// The kind's required and optional variables, numbered.
    let slots: VariableSlots
    /// Each slot's declared type; nil for a variable the catalog does not declare (a `check` problem).
    let slotTypes: [VariableType?]
    /// The slots of the required variables.
    let requiredSlots: [Int]

    init(definition: KindDefinition, templates: [MessageLocale: CompiledTemplate], slots: VariableSlots, types: [String: VariableType]) {
        self.definition = definition
        self.templates = templates
        self.slots = slots
        slotTypes = slots.names.map { types[$0] }
        requiredSlots = definition.required.compactMap { slots.indices[$0] }
    }
}
