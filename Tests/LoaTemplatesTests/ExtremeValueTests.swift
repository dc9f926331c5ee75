import Foundation
import LoaTemplates
import Testing

/// Values at the edges of their types are written, not trapped on.
@Suite("Values at the edges of their types")
struct ExtremeValueTests {
    @Test("instants beyond any calendar are written without trapping", arguments: [
        Double.nan, .infinity, -.infinity, 1e300, -1e300, 9.3e18, -9.3e18, Date.distantFuture.timeIntervalSince1970,
    ])
    func farInstants(seconds: Double) {
        for format in ValueFormat.allCases {
            let written = format.format(.dateTime(Date(timeIntervalSince1970: seconds)))
            #expect(written.contains(format == .vietnamese ? "ngày" : "teev"), "\(seconds): \(written)")
        }
    }

    @Test("the smallest and largest amounts keep their digits")
    func extremeAmounts() {
        #expect(ValueFormat.vietnamese.format(.amount(Int.min)) == "-9.223.372.036.854.775.808 đồng")
        #expect(ValueFormat.hmongRPA.format(.amount(Int.max)) == "9.223.372.036.854.775.807 dong")
    }
}
