public import LoaCore
public import LoaStore

extension GroupCommitter where Item == DossierEvent, Result == IngestOutcome {
    /// Group commit for ingest: each event is planned with `planner` inside the transaction;
    /// `work` is signalled after every commit that created messages.
    public static func ingest(
        into inbox: any EventInbox, planner: EventPlanner, maxEventsPerCommit: Int = 5000, work: WorkSignal? = nil
    ) -> GroupCommitter {
        GroupCommitter(maxItemsPerCommit: maxEventsPerCommit, isSharedFailure: { $0 is StoreUnavailableError }) { events in
            let outcomes = try await inbox.ingest(events) { event, snapshot throws(IngestRejection) in
                try planner.plan(event, after: snapshot)
            }
            if let work, outcomes.contains(where: \.createdMessages) { work.signal() }
            return outcomes
        }
    }
}

extension GroupCommitter where Item == DeliveryReceipt, Result == ReceiptOutcome {
    /// Group commit for delivery receipts: results say what became of each.
    public static func receipts(into outbox: any Outbox, maxReceiptsPerCommit: Int = 5000) -> GroupCommitter {
        GroupCommitter(maxItemsPerCommit: maxReceiptsPerCommit, isSharedFailure: { $0 is StoreUnavailableError }) { receipts in
            try await outbox.record(receipts)
        }
    }
}

extension GroupCommitter where Item == InboundMessage, Result == Bool {
    /// Group commit for inbound messages: results say which were new (false for a repeat).
    public static func inbound(into store: any InboundStore, maxMessagesPerCommit: Int = 5000) -> GroupCommitter {
        GroupCommitter(maxItemsPerCommit: maxMessagesPerCommit, isSharedFailure: { $0 is StoreUnavailableError }) { messages in
            try await store.record(messages)
        }
    }
}
