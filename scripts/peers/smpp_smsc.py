#!/usr/bin/env python3
"""A real SMSC for tests: the SMPP 3.4 server of `smpp34` (PyPI, Rust core) with a small policy.

    .venv-peers/bin/python scripts/peers/smpp_smsc.py --port 2775 --ready-file DIR/ready --log DIR/submits.jsonl

smpp34 does the protocol (binds with any password, windowing, enquire_link, generic_nack, and it
closes the socket on unbind without replying); this script only decides what to answer:

- every submit_sm is logged on arrival as one JSON line to `--log`, then accepted with a fresh
  message id (`--ids decimal|hex`; ids carry the start time, so a restarted simulator never
  reuses one);
- when the submit asks for a receipt (registered_delivery & 1), a deliver_sm receipt follows with
  the text form `id:… sub:001 dlvrd:001 submit date:… done date:… stat:… err:… text:…` and the
  receipted_message_id / message_state TLVs; the id in the text is written `--receipt-ids`
  (decimal or hex: real SMSCs differ), the TLV carries the id as answered;
- a destination ending in `--undeliverable-suffix` gets stat UNDELIV (err 001), others DELIVRD;
- `--throttle N`: the first N submit_sm are refused with ESME_RTHROTTLED (0x58);
- `--queue-full N`: the next N after those are refused with ESME_RMSGQFUL (0x14);
- `--silent-destination-suffix S`: a submit to a destination ending in S is never answered
  (the event is held until the process ends), as an SMSC that lost it;
- `--receipt-before-answer`: the receipt is sent (and acknowledged) before the submit_sm_resp;
- `--answer-delay S`: each submit_sm is logged at once and answered S seconds later (submits are
  in flight, logged but unanswered, when the process is killed);
- `--answer-by-suffix SUFFIX=ANSWER` (repeatable): a submit to a destination ending in SUFFIX is
  answered so: `system-error` (ESME_RSYSERR), `invalid-destination` (ESME_RINVDSTADR),
  `throttled` (ESME_RTHROTTLED, every time), `receipt-before-answer`, `duplicate-receipt` (the
  receipt is sent twice);
- `--receipt-log PATH`: one line (the message id) for each receipt the ESME acknowledged with
  status 0, so a benchmark sees when the gateway has taken every receipt;
- `--receipt-retry S`: a receipt the ESME answers with an error status (ESME_RX_T_APPN: its
  queue is full) is sent again S seconds later, as real SMSCs do (0, the default: never; each
  refusal is printed on stderr either way).

The process ends when its standard input closes (the test that started it is gone) or on SIGTERM.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import sys
import time

import smpp34


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--ready-file", required=True, help="written once the port listens")
    parser.add_argument("--log", required=True, help="one JSON line per accepted submit_sm")
    parser.add_argument("--ids", choices=["decimal", "hex"], default="hex")
    parser.add_argument("--receipt-ids", choices=["decimal", "hex"], default="decimal")
    parser.add_argument("--undeliverable-suffix", default="0000")
    parser.add_argument("--throttle", type=int, default=0)
    parser.add_argument("--queue-full", type=int, default=0)
    parser.add_argument("--silent-destination-suffix", default="")
    parser.add_argument("--receipt-before-answer", action="store_true")
    parser.add_argument("--receipt-delay", type=float, default=0.0, help="seconds before each receipt")
    parser.add_argument("--answer-delay", type=float, default=0.0, help="seconds before each submit_sm_resp")
    parser.add_argument("--receipt-log", help="one line per receipt the ESME acknowledged")
    parser.add_argument("--receipt-retry", type=float, default=0.0, help="seconds before a refused receipt is sent again")
    parser.add_argument("--answer-by-suffix", action="append", default=[], metavar="SUFFIX=ANSWER",
                        help="answer submits to destinations ending in SUFFIX so (see above)")
    parser.add_argument("--stdin-watch", action="store_true", help="exit when standard input closes")
    return parser.parse_args()


class Simulator:
    def __init__(self, options: argparse.Namespace) -> None:
        self.options = options
        self.sessions: dict[str, smpp34.Esme] = {}
        self.held: list[smpp34.SubmitSmEvent] = []
        self.submits = 0
        # Ids start from the clock so a restarted simulator never answers an id twice.
        self.next_id = int(time.time() * 1000) * 1000
        self.log = open(options.log, "a", buffering=1, encoding="utf-8")
        self.receipt_log = open(options.receipt_log, "a", buffering=1, encoding="utf-8") if options.receipt_log else None
        self.tasks: set[asyncio.Task] = set()
        self.answers = [tuple(rule.split("=", 1)) for rule in options.answer_by_suffix]

    def new_id(self) -> int:
        self.next_id += 1
        return self.next_id

    @staticmethod
    def written(value: int, form: str) -> str:
        return format(value, "X") if form == "hex" else str(value)

    async def handle(self, event: smpp34.SubmitSmEvent) -> None:
        self.submits += 1
        options = self.options
        if self.submits <= options.throttle:
            event.reject(smpp34.ESME_RTHROTTLED)
            return
        if self.submits <= options.throttle + options.queue_full:
            event.reject(smpp34.ESME_RMSGQFUL)
            return
        answer = next((a for s, a in self.answers if event.destination_addr.endswith(s)), "")
        refusal = {"system-error": smpp34.ESME_RSYSERR, "invalid-destination": smpp34.ESME_RINVDSTADR,
                   "throttled": smpp34.ESME_RTHROTTLED}.get(answer)
        if refusal is not None:
            event.reject(refusal)
            return
        if options.silent_destination_suffix and event.destination_addr.endswith(options.silent_destination_suffix):
            self.held.append(event)  # never answered
            return
        value = self.new_id()
        message_id = self.written(value, options.ids)
        self.log.write(json.dumps({
            "messageId": message_id,
            "destination": event.destination_addr,
            "source": event.source_addr,
            "sourceTon": event.source_addr_ton,
            "sourceNpi": event.source_addr_npi,
            "esmClass": event.esm_class,
            "dataCoding": event.data_coding,
            "registeredDelivery": event.registered_delivery,
            "shortMessage": event.short_message.hex(),
            "tlvs": {format(t.tag, "04x"): t.value.hex() for t in event.tlvs},
        }) + "\n")
        wants_receipt = event.registered_delivery & 1 == 1
        session = self.receiver_for(event.session_id)
        if (options.receipt_before_answer or answer == "receipt-before-answer") and wants_receipt and session is not None:
            await self.send_receipt(session, event, value, message_id)
            event.accept(message_id)
            return
        receipts = 2 if answer == "duplicate-receipt" else 1
        self.spawn(self.answer(event, session if wants_receipt else None, value, message_id, receipts))

    def spawn(self, work) -> None:
        task = asyncio.create_task(work)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def answer(self, event: smpp34.SubmitSmEvent, session: smpp34.Esme | None, value: int, message_id: str,
                     receipts: int = 1) -> None:
        if self.options.answer_delay > 0:
            await asyncio.sleep(self.options.answer_delay)
        event.accept(message_id)
        if session is not None:
            for _ in range(receipts):
                await self.send_receipt(session, event, value, message_id)

    def receiver_for(self, session_id: str) -> smpp34.Esme | None:
        """The session a receipt goes to: the submitting one when it can receive (transceiver),
        else a receiver bound with the same system_id (transmitter + receiver)."""
        submitting = self.sessions.get(session_id)
        if submitting is None or submitting.can_receive:
            return submitting
        return next((s for s in self.sessions.values() if s.can_receive and s.system_id == submitting.system_id), None)

    async def send_receipt(self, session: smpp34.Esme, event: smpp34.SubmitSmEvent, value: int, message_id: str) -> None:
        options = self.options
        if options.receipt_delay > 0:
            await asyncio.sleep(options.receipt_delay)
        undeliverable = event.destination_addr.endswith(options.undeliverable_suffix)
        stat, err, state = ("UNDELIV", "001", 5) if undeliverable else ("DELIVRD", "000", 2)
        stamp = time.strftime("%y%m%d%H%M", time.gmtime())
        text = (f"id:{self.written(value, options.receipt_ids)} sub:001 dlvrd:{'000' if undeliverable else '001'} "
                f"submit date:{stamp} done date:{stamp} stat:{stat} err:{err} text:")
        try:
            answer = await session.deliver_sm(
                event.source_addr, text.encode("ascii"),
                source_addr=event.destination_addr, esm_class=0x04,
                tlvs=[
                    smpp34.Tlv(smpp34.TLV_RECEIPTED_MESSAGE_ID, message_id.encode("ascii") + b"\x00"),
                    smpp34.Tlv(smpp34.TLV_MESSAGE_STATE, bytes([state])),
                ])
            if answer.command_status == 0:
                if self.receipt_log is not None:
                    self.receipt_log.write(message_id + "\n")
            else:
                print(f"smpp_smsc: receipt for {message_id} refused with status {answer.command_status:#x}", file=sys.stderr, flush=True)
                if options.receipt_retry > 0:
                    await asyncio.sleep(options.receipt_retry)
                    await self.send_receipt(session, event, value, message_id)
        except Exception as error:  # the session went away: the receipt is lost, as on a real link
            print(f"smpp_smsc: receipt for {message_id} not delivered: {error}", file=sys.stderr, flush=True)

    async def serve(self) -> None:
        server = smpp34.Server(host=self.options.host, port=self.options.port, system_id="LoaSim")
        await server.start()
        with open(self.options.ready_file, "w", encoding="utf-8") as ready:
            ready.write(f"{os.getpid()}\n")
        while True:
            event = await server.next()
            if isinstance(event, smpp34.Esme):
                self.sessions[event.session_id] = event
            elif isinstance(event, smpp34.SubmitSmEvent):
                await self.handle(event)
            elif isinstance(event, smpp34.Unbound):
                self.sessions.pop(event.session_id, None)


async def watch_stdin() -> None:
    loop = asyncio.get_running_loop()
    await loop.run_in_executor(None, sys.stdin.buffer.read)
    print("smpp_smsc: standard input closed; exiting", file=sys.stderr, flush=True)


async def main() -> None:
    options = parse_arguments()
    simulator = Simulator(options)
    serving = asyncio.create_task(simulator.serve())
    waiters = [serving]
    if options.stdin_watch:
        waiters.append(asyncio.create_task(watch_stdin()))
    done, _ = await asyncio.wait(waiters, return_when=asyncio.FIRST_COMPLETED)
    for task in done:
        if task.exception() is not None:
            raise task.exception()
    os._exit(0)


def on_sigterm(*_) -> None:
    # Said, so that a simulator that vanished during a test run can be told apart from one that crashed.
    os.write(2, f"smpp_smsc: SIGTERM from outside (pid {os.getpid()}); exiting\n".encode())
    os._exit(0)


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, on_sigterm)
    asyncio.run(main())
