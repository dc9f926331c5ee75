/// The SMSC refused a bind: an operator must act (credentials, system type, allowed address).
struct SMPPBindError: Error, CustomStringConvertible {
    let command: SMPPCommandID
    let status: SMPPCommandStatus

    var description: String { "\(command) refused: \(status)" }
}
