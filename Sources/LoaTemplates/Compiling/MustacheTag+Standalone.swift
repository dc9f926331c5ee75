extension MustacheTag {
    /// Whether the tag, alone on its line, removes the line (sections and comments, per the
    /// Mustache specification; variables never do).
    var canStandAlone: Bool {
        switch role {
        case .section, .invertedSection, .sectionEnd, .comment: true
        case .variable, .unsupported: false
        }
    }
}
