#!/usr/bin/env python3
"""Runs schemathesis against docs/openapi.yaml and a real `loa serve`.

Usage: scripts/schemathesis.py [--loa PATH] [--max-examples N] [--seed N] [--workers N]

Run with the test venv's Python (`.venv-peers/bin/python`, where scripts/test installs
schemathesis). Starts the built `loa` binary (`--loa`, else `LOA_BINARY`, else .build/debug/loa)
on a free loopback port with a temporary database and configuration: the sandbox provider for
dispatch plus a `kannel` provider that is never dispatched to, so that the receipt route exists;
rate limits off (a 429 would hide what a request does). It creates one key per role with
`loa keys create` (ingest, officer of commune na-u, operator, admin) and gives each operation the
key of a role it allows, then runs every schemathesis check (see CHECKS below) in every phase.

A 5xx answer, an answer the document does not describe, a schema-valid request refused or a
schema-invalid one accepted fails the run; so does `loa serve` exiting on its own. Exit status:
schemathesis's, or 1 when the server could not be run, or 2 when something is missing.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Which key each operation is sent with: every role gets exercised.
OPERATION_ROLES = {
    "postDossierEvents": "ingest",
    "getMessage": "officer",
    "listMessages": "officer",
    "retryMessage": "operator",
    "cancelMessage": "operator",
    "retryMessages": "admin",
    "cancelMessages": "admin",
    "getStatus": "admin",
    "listSandboxMessages": "operator",
    "bookAppointment": "officer",
    "listAppointments": "officer",
    "getAppointment": "officer",
    "moveAppointment": "officer",
    "cancelAppointment": "operator",
    "attendAppointment": "admin",
    "getStats": "officer",
    "getMetrics": "operator",
}

# The dashboard's pages and forms: schemathesis has no session cookie, so a page answers 303 (to
# /sign-in) and a form 403 (no CSRF token bound to a session); both are the right answers.
DASHBOARD_OPERATIONS = [
    "dashboardOverview", "dashboardProblems", "dashboardSearch", "dashboardTexts", "dashboardSignInForm",
    "dashboardSignIn", "dashboardSignOut", "dashboardRetry", "dashboardCancel", "dashboardLanguage",
]
DASHBOARD_STATUSES = ["2xx", "3xx", "401", "403", "413"]

# Every check schemathesis has. positive_data_acceptance expects a schema-valid request to be
# answered 2xx; a single dossier event can be schema-valid and still refused with 422 for what a
# schema cannot say (a commune outside config/communes.yaml, a number no carrier has, a time in
# the future), so for that one operation 422 counts as an answer too. The batch form answers such
# events 202 with `rejected` results and is held to the strict rule like every other operation.
CHECKS = "all"
INGEST_POSITIVE_STATUSES = ["2xx", "3xx", "401", "403", "404", "409", "422", "429"]
# Appointment writes likewise: a schema-valid booking or move may start in the past, name a
# number no carrier has or a commune outside config/communes.yaml (422), or meet an appointment
# the stateful phase cancelled already (409).
# Statistics too: two valid instants may name `from` after `to`, or a window over 366 days.
SEMANTIC_422_OPERATIONS = {"postDossierEvents", "getStats", "bookAppointment", "moveAppointment", "cancelAppointment", "attendAppointment"}


def fail(message: str, status: int = 1) -> int:
    print(f"schemathesis.py: {message}", file=sys.stderr)
    return status


def configuration(folder: Path, receipt_secret: str) -> str:
    return f"""\
server:
  host: 127.0.0.1
  port: 0
  rateLimit:
    perKey: 0
    perAddress: 0
database:
  path: {folder / 'loa.sqlite'}
catalogs:
  templates: {ROOT / 'templates'}
  procedures: {ROOT / 'config' / 'procedures.yaml'}
  communes: {ROOT / 'config' / 'communes.yaml'}
quietHours:
  enabled: false
dispatch:
  provider: sandbox
  recipientDailyCap: 0
providers:
  sandbox:
    type: sandbox
    receiptDelay: 10ms
  kannel:
    type: kannel
    url: http://127.0.0.1:9/cgi-bin/sendsms
    username: loa
    password: schemathesis-{secrets.token_hex(8)}
    receiptSecret: {receipt_secret}
"""


def schemathesis_configuration(keys: dict[str, str]) -> str:
    lines = []
    for operation, role in OPERATION_ROLES.items():
        lines += [
            "[[operations]]",
            f'include-operation-id = "{operation}"',
            f'headers = {{ Authorization = "Bearer {keys[role]}" }}',
        ]
        if operation in SEMANTIC_422_OPERATIONS:
            statuses = ", ".join(f'"{status}"' for status in INGEST_POSITIVE_STATUSES)
            lines.append(f"checks.positive_data_acceptance.expected-statuses = [{statuses}]")
        lines.append("")
    statuses = ", ".join(f'"{status}"' for status in DASHBOARD_STATUSES)
    for operation in DASHBOARD_OPERATIONS:
        lines += [
            "[[operations]]",
            f'include-operation-id = "{operation}"',
            f"checks.positive_data_acceptance.expected-statuses = [{statuses}]",
            "",
        ]
    return "\n".join(lines)


def create_key(loa: Path, config: Path, role: str, *extra: str) -> str:
    output = subprocess.run(
        [str(loa), "keys", "create", "--config", str(config), "--role", role, "--name", f"schemathesis-{role}", *extra],
        cwd=ROOT, check=True, capture_output=True, text=True, timeout=120, env=without_loa_variables()).stdout
    key = output.strip().splitlines()[-1] if output.strip() else ""
    if not key.startswith("loa_"):
        raise RuntimeError(f"loa keys create --role {role} printed no key: {output}")
    return key


def start_server(loa: Path, config: Path, log: Path) -> tuple[subprocess.Popen, int]:
    handle = log.open("w")
    process = subprocess.Popen(
        [str(loa), "serve", "--config", str(config)],
        cwd=ROOT, stdout=handle, stderr=subprocess.STDOUT, env=without_loa_variables())
    # Generous: a debug build on two busy cores takes a while to migrate and bind.
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        match = re.search(r"server\.port=(\d+)", log.read_text(errors="replace"))
        if match and int(match.group(1)) > 0:
            return process, int(match.group(1))
        if process.poll() is not None:
            raise RuntimeError(f"loa serve exited with {process.returncode}:\n{log.read_text(errors='replace')}")
        time.sleep(0.05)
    process.kill()
    raise RuntimeError(f"loa serve did not start within 120 s:\n{log.read_text(errors='replace')}")


def without_loa_variables() -> dict[str, str]:
    """The environment less any LOA_* variable (they would override the configuration)."""
    return {name: value for name, value in os.environ.items() if not name.startswith("LOA_")}


def main() -> int:
    parser = argparse.ArgumentParser(description="Run schemathesis against a real loa serve.")
    parser.add_argument("--loa", type=Path, default=Path(os.environ.get("LOA_BINARY", ROOT / ".build" / "debug" / "loa")))
    parser.add_argument("--max-examples", type=int, default=40, help="test cases per operation and phase (default 40)")
    parser.add_argument("--seed", type=int, default=20261130, help="hypothesis seed, for repeatable runs")
    parser.add_argument("--workers", type=int, default=1,
                        help="schemathesis workers (default 1: its threads can trip CPython 3.11's ast.parse, which is not thread-safe)")
    arguments = parser.parse_args()

    if not arguments.loa.is_file():
        return fail(f"no loa binary at {arguments.loa}; run swift build first or pass --loa", 2)
    schemathesis = shutil.which("schemathesis", path=str(Path(sys.executable).parent))
    if schemathesis is None:
        return fail("schemathesis is not installed next to this Python; run it with .venv-peers/bin/python", 2)

    folder = Path(tempfile.mkdtemp(prefix="loa-schemathesis-"))
    server = None
    try:
        config = folder / "loa.yaml"
        config.write_text(configuration(folder, secrets.token_hex(32)))
        keys = {
            "ingest": create_key(arguments.loa, config, "ingest"),
            "officer": create_key(arguments.loa, config, "officer", "--commune", "na-u"),
            "operator": create_key(arguments.loa, config, "operator"),
            "admin": create_key(arguments.loa, config, "admin"),
        }
        settings = folder / "schemathesis.toml"
        settings.write_text(schemathesis_configuration(keys))
        log = folder / "serve.log"
        server, port = start_server(arguments.loa, config, log)
        print(f"loa serve on port {port}; schemathesis {subprocess.run([schemathesis, '--version'], capture_output=True, text=True).stdout.strip()}")
        command = [
            schemathesis, "--config-file", str(settings), "run", str(ROOT / "docs" / "openapi.yaml"),
            "--url", f"http://127.0.0.1:{port}",
            "--checks", CHECKS,
            "--max-examples", str(arguments.max_examples),
            "--seed", str(arguments.seed),
            "--workers", str(arguments.workers),
            "--request-timeout", "30",
            # Hypothesis's "too slow" check times data generation: on two busy cores it fails by chance.
            "--suppress-health-check", "too_slow",
            "--no-color",
            "--report", "junit", "--report-dir", str(folder / "report"),
        ]
        result = subprocess.run(command, cwd=folder, env=without_loa_variables())
        if server.poll() is not None:
            print(log.read_text(errors="replace"))
            return fail(f"loa serve exited with {server.returncode} during the run")
        errors = [line for line in log.read_text(errors="replace").splitlines() if " error " in line or "Fatal" in line]
        if errors:
            print("\n".join(errors[:20]))
            return fail(f"loa serve logged {len(errors)} error(s) during the run")
        return result.returncode
    except (RuntimeError, subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
        detail = getattr(error, "stderr", None) or ""
        return fail(f"{error}\n{detail}")
    finally:
        if server is not None and server.poll() is None:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=60)
            except subprocess.TimeoutExpired:
                server.kill()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
