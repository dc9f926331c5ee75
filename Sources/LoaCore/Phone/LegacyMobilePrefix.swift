/// The 11-digit mobile prefixes retired in 2018, still found in legacy records.
enum LegacyMobilePrefix {
    /// The current mobile prefix (two digits after the 0) that replaced a legacy one (three
    /// digits after the 0, 162 for 0162); the last 7 digits of the number stay the same.
    /// Nil when `legacyPrefix` was never a mobile prefix.
    static func currentPrefix(replacing legacyPrefix: Int) -> Int? {
        switch legacyPrefix {
        // MobiFone
        case 120: 70
        case 121: 79
        case 122: 77
        case 126: 76
        case 128: 78
        // VinaPhone
        case 123: 83
        case 124: 84
        case 125: 85
        case 127: 81
        case 129: 82
        // Viettel: 0162–0169 → 032–039
        case 162...169: legacyPrefix - 130
        // Vietnamobile
        case 186: 56
        case 188: 58
        // Gmobile
        case 199: 59
        default: nil
        }
    }
}
