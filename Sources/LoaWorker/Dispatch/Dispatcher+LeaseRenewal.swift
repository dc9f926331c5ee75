import Foundation
import LoaStore
import Logging

extension Dispatcher {
    /// Renews the leases of every message this dispatcher holds, a third of a lease after the
    /// previous renewal, until cancelled (when the dispatch loop ends). A renewal the store
    /// refuses is logged and tried again at the next turn; two more turns remain before a lease
    /// could lapse.
    func renewHeldLeases() async {
        guard let leases else { return }
        let interval = Duration.milliseconds(Int64(max(settings.leaseSeconds / 3, 0.05) * 1000))
        while (try? await Task.sleep(for: interval)) != nil {
            let ids = held.all
            guard !ids.isEmpty else { continue }
            do {
                _ = try await leases.renewLeases(ids, owner: leaseOwner, until: now().addingTimeInterval(settings.leaseSeconds))
            } catch {
                logger.warning("cannot renew leases now; trying again", metadata: ["error": "\(error)", "messages.count": "\(ids.count)"])
            }
        }
    }
}
