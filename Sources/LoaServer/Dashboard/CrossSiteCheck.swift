import HTTPTypes
import Hummingbird

/// Refuses a form posted from another site, before its CSRF token is even looked at: a browser
/// says where a request comes from in `Sec-Fetch-Site` and `Origin`, and both must name this
/// very origin when present. (Clients that send neither, such as curl, still need the token.)
enum CrossSiteCheck {
    /// Whether `request` may come from one of the dashboard's own pages.
    static func isSameOrigin(_ request: Request) -> Bool {
        if let site = request.headers[.secFetchSite], site != "same-origin", site != "none" { return false }
        guard let origin = request.headers[.origin] else { return true }
        guard let host = request.head.authority else { return false }
        return origin == "http://\(host)" || origin == "https://\(host)"
    }
}

extension HTTPField.Name {
    /// `Sec-Fetch-Site`: `same-origin`, `same-site`, `cross-site` or `none` (typed by the user).
    static let secFetchSite = HTTPField.Name("Sec-Fetch-Site")!
}
