/// The body of bind_transmitter, bind_receiver and bind_transceiver (section 4.1).
public struct SMPPBind: Hashable, Sendable {
    public var systemID: String
    public var password: String
    public var systemType: String
    /// 0x34 for SMPP 3.4.
    public var interfaceVersion: UInt8
    public var addressTON: UInt8
    public var addressNPI: UInt8
    public var addressRange: String

    /// A bind for SMPP 3.4 with no address range.
    public init(systemID: String, password: String, systemType: String, interfaceVersion: UInt8 = 0x34,
                addressTON: UInt8 = 0, addressNPI: UInt8 = 0, addressRange: String = "") {
        self.systemID = systemID
        self.password = password
        self.systemType = systemType
        self.interfaceVersion = interfaceVersion
        self.addressTON = addressTON
        self.addressNPI = addressNPI
        self.addressRange = addressRange
    }
}
