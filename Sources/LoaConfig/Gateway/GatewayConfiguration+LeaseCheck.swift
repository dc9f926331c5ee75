import LoaCore
import LoaProviders

extension GatewayConfiguration {
    /// Why `dispatch.lease` is too short for the routed providers, or nil when it is not.
    ///
    /// A dispatcher renews its leases every third of `dispatch.lease`, so one submission that
    /// runs to its provider's timeout must fit within a third of it: otherwise a node slow to
    /// renew (a busy machine, a pause) loses messages it is still submitting to another node,
    /// and they are sent twice. The three-node soak measured it: 2 s leases with Kannel left
    /// 16,238 attempts in doubt where 10 s left 293. Logged as a warning by `loa serve` and
    /// `loa worker`, not refused: a deployment may accept the risk.
    public var shortLeaseWarning: String? {
        let routed = providers.filter { routing.providers.contains($0.name) }
        guard let slowest = routed.compactMap({ provider in provider.blueprint.submitTimeoutSeconds.map { (provider.name, $0) } })
                .max(by: { $0.1 < $1.1 }),
              dispatch.leaseSeconds < 3 * slowest.1 else { return nil }
        return "dispatch.lease (\(Self.seconds(dispatch.leaseSeconds))) is shorter than three times the timeout of provider \(slowest.0) "
            + "(\(Self.seconds(slowest.1))): leases are renewed every third of it, so a node slow to renew loses messages it is still "
            + "submitting to another node and they are sent twice; set dispatch.lease to \(Self.seconds(3 * slowest.1)) or more"
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }
}
