#!/usr/bin/env bash
# Kannel 1.4.5 (Debian `kannel` + `kannel-extras`) as a throwaway test peer:
# bearerbox + fakesmsc (plays the SMSC) + smsbox (HTTP sendsms), all on 127.0.0.1.
#
#   scripts/peers/kannel.sh install        # apt-get install kannel kannel-extras (idempotent)
#   scripts/peers/kannel.sh install-wrk    # apt-get install wrk, which loa-bench drives Kannel with
#   scripts/peers/kannel.sh start  DIR     # install if needed, write DIR/kannel.conf, start, wait
#   scripts/peers/kannel.sh stop   DIR     # kill what DIR's pid files name, wait until gone
#   scripts/peers/kannel.sh status DIR     # exit 0 if all three processes are alive
#
# Environment (defaults in brackets):
#   KANNEL_ADMIN_PORT [13000]  KANNEL_SMSBOX_PORT [13001]  KANNEL_SENDSMS_PORT [13013]
#   KANNEL_FAKESMSC_PORT [10000]
#   KANNEL_USER [loa]  KANNEL_PASSWORD [loa-secret]        sendsms-user credentials
#   KANNEL_ADMIN_PASSWORD [loa-admin]                      bearerbox admin password
#   KANNEL_SMSC_ID [fake]                                  smsc-id (what %i expands to)
#   KANNEL_MAX_MESSAGES [10]                               sendsms-user max-messages (parts)
#   KANNEL_LOG_LEVEL [0]                                   0=debug .. 4=panic, for DIR/*.log
#   KANNEL_REJECT_PREFIX [999;+999]                        recipients with no route (rejected)
#   KANNEL_HTTP_REQUEST_RETRY [0]                          smsbox retries of failed dlr-url calls
#   KANNEL_START_TIMEOUT [20]                              seconds to wait for readiness
#   KANNEL_KEEP_STORE [0]                                  1 = keep DIR/store (queued messages)
#   KANNEL_SMS_SERVICE_URL []                              when set, incoming messages go to this get-url
#                                                          (sms-service escapes such as %p %P %b %C %c %I)
#                                                          and Kannel replies nothing; unset: answered by no one
#   KANNEL_FAKESMSC_MO ["000 000 text ping"]               the one message fakesmsc sends at connect, in its
#                                                          format "sender receiver text|ucs2|data payload"
#   KANNEL_SMPP_PORT []                                    when set, the SMSC is an SMPP 3.4 one on
#                                                          127.0.0.1:PORT (smsc = smpp, transceiver) and
#                                                          fakesmsc is not started
#   KANNEL_SMPP_SYSTEM_ID [kannel]  KANNEL_SMPP_PASSWORD [secret]  its bind credentials
#   KANNEL_SMPP_WINDOW [10]                                max-pending-submits (submit_sm awaiting answers)
#
# After start, DIR holds: kannel.conf, kannel.env (KEY=VALUE lines, source-able),
# bearerbox.log, smsbox.log, access.log, fakesmsc.log (every message the fake SMSC
# receives, as `Got message N: <from to text ...>`), *.stderr, *.pid, store/.
set -u

KANNEL_ADMIN_PORT="${KANNEL_ADMIN_PORT:-13000}"
KANNEL_SMSBOX_PORT="${KANNEL_SMSBOX_PORT:-13001}"
KANNEL_SENDSMS_PORT="${KANNEL_SENDSMS_PORT:-13013}"
KANNEL_FAKESMSC_PORT="${KANNEL_FAKESMSC_PORT:-10000}"
KANNEL_USER="${KANNEL_USER:-loa}"
KANNEL_PASSWORD="${KANNEL_PASSWORD:-loa-secret}"
KANNEL_ADMIN_PASSWORD="${KANNEL_ADMIN_PASSWORD:-loa-admin}"
KANNEL_SMSC_ID="${KANNEL_SMSC_ID:-fake}"
KANNEL_MAX_MESSAGES="${KANNEL_MAX_MESSAGES:-10}"
KANNEL_LOG_LEVEL="${KANNEL_LOG_LEVEL:-0}"
KANNEL_REJECT_PREFIX="${KANNEL_REJECT_PREFIX:-999;+999}"
KANNEL_HTTP_REQUEST_RETRY="${KANNEL_HTTP_REQUEST_RETRY:-0}"
KANNEL_START_TIMEOUT="${KANNEL_START_TIMEOUT:-20}"
KANNEL_SMS_SERVICE_URL="${KANNEL_SMS_SERVICE_URL:-}"
KANNEL_FAKESMSC_MO="${KANNEL_FAKESMSC_MO:-000 000 text ping}"
KANNEL_SMPP_PORT="${KANNEL_SMPP_PORT:-}"
KANNEL_SMPP_SYSTEM_ID="${KANNEL_SMPP_SYSTEM_ID:-kannel}"
KANNEL_SMPP_PASSWORD="${KANNEL_SMPP_PASSWORD:-secret}"
KANNEL_SMPP_WINDOW="${KANNEL_SMPP_WINDOW:-10}"

BEARERBOX=/usr/sbin/bearerbox
SMSBOX=/usr/sbin/smsbox
FAKESMSC=/usr/lib/kannel/test/fakesmsc
BOXES="smsbox fakesmsc bearerbox"   # stop order

log() { echo "kannel.sh: $*" >&2; }
die() { log "$*"; exit 1; }

# ---------------------------------------------------------------- install
install_kannel() {
    if [ -x "$BEARERBOX" ] && [ -x "$SMSBOX" ] && [ -x "$FAKESMSC" ]; then
        return 0
    fi
    command -v apt-get >/dev/null 2>&1 || die "bearerbox/fakesmsc missing and no apt-get"
    [ "$(id -u)" = 0 ] || die "bearerbox/fakesmsc missing; installing needs root"
    export DEBIAN_FRONTEND=noninteractive
    local aptlog
    aptlog="$(mktemp /tmp/kannel-apt.XXXXXX)"
    log "installing kannel kannel-extras (apt log: $aptlog)"
    # Update the lists once, only when apt cannot see the package yet.
    if ! apt-cache show kannel-extras >/dev/null 2>&1; then
        apt-get update -q >>"$aptlog" 2>&1 || { tail -20 "$aptlog" >&2; die "apt-get update failed"; }
    fi
    if ! apt-get install -y -q --no-install-recommends kannel kannel-extras >>"$aptlog" 2>&1; then
        # The lists may be stale (package versions gone from the mirror): refresh once and retry.
        apt-get update -q >>"$aptlog" 2>&1
        apt-get install -y -q --no-install-recommends kannel kannel-extras >>"$aptlog" 2>&1 \
            || { tail -20 "$aptlog" >&2; die "apt-get install kannel kannel-extras failed"; }
    fi
    # Where no policy-rc.d forbids it, the package starts the system-wide Kannel
    # (bearerbox on 13000 + wapbox) from /etc/kannel/kannel.conf. Stop it: it would
    # hold our default admin port, and nothing here wants it.
    stop_system_kannel
    [ -x "$BEARERBOX" ] && [ -x "$FAKESMSC" ] || die "install finished but binaries are missing"
    log "installed $(dpkg-query -W -f='${Package} ${Version}' kannel 2>/dev/null)"
}

# wrk (Debian `wrk`), the HTTP load generator `loa-bench delivery` drives sendsms with.
install_wrk() {
    command -v wrk >/dev/null 2>&1 && return 0
    command -v apt-get >/dev/null 2>&1 || die "wrk missing and no apt-get"
    [ "$(id -u)" = 0 ] || die "wrk missing; installing needs root"
    export DEBIAN_FRONTEND=noninteractive
    local aptlog
    aptlog="$(mktemp /tmp/wrk-apt.XXXXXX)"
    log "installing wrk (apt log: $aptlog)"
    apt-cache show wrk >/dev/null 2>&1 || apt-get update -q >>"$aptlog" 2>&1
    if ! apt-get install -y -q --no-install-recommends wrk >>"$aptlog" 2>&1; then
        apt-get update -q >>"$aptlog" 2>&1
        apt-get install -y -q --no-install-recommends wrk >>"$aptlog" 2>&1 \
            || { tail -20 "$aptlog" >&2; die "apt-get install wrk failed"; }
    fi
    command -v wrk >/dev/null 2>&1 || die "install finished but wrk is missing"
}

# The Debian package's own Kannel (init script: run_kannel_box wrappers that restart
# bearerbox/wapbox from /etc/kannel/kannel.conf). Stopped when found: it holds port 13000.
# pids whose command line matches an ERE (via /proc: pgrep/procps may be absent).
pids_matching() { # regex
    local f pid cmd
    for f in /proc/[0-9]*/cmdline; do
        pid="${f#/proc/}"; pid="${pid%/cmdline}"
        cmd="$(tr '\0' ' ' <"$f" 2>/dev/null)" || continue
        [ -n "$cmd" ] && [[ "$cmd" =~ $1 ]] && echo "$pid"
    done
    return 0
}
system_kannel_pids() { pids_matching '^/usr/sbin/(run_kannel_box|bearerbox|wapbox|smsbox) .*/etc/kannel/kannel\.conf'; }

stop_system_kannel() {
    local p i
    [ -n "$(system_kannel_pids)" ] || return 0
    log "stopping the system-wide Kannel started by the package (/etc/kannel/kannel.conf)"
    if command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
        systemctl stop kannel >/dev/null 2>&1 || true
    fi
    [ -x /etc/init.d/kannel ] && /etc/init.d/kannel stop >/dev/null 2>&1
    # Wrappers first (they would restart a killed box), then whatever is left.
    for p in $(pids_matching '^/usr/sbin/run_kannel_box .*/etc/kannel/kannel\.conf'); do kill "$p" 2>/dev/null; done
    for p in $(system_kannel_pids); do kill "$p" 2>/dev/null; done
    for i in $(seq 1 50); do [ -n "$(system_kannel_pids)" ] || return 0; sleep 0.1; done
    for p in $(system_kannel_pids); do kill -KILL "$p" 2>/dev/null; done
    return 0
}

# ---------------------------------------------------------------- helpers
# Minimal HTTP GET over bash /dev/tcp, so readiness checks need no curl.
# Prints the whole response (status line, headers, body). Host is 127.0.0.1.
http_get() { # port path
    local port="$1" path="$2"
    (
        exec 3<>"/dev/tcp/127.0.0.1/$port" || exit 1
        printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1:%s\r\nConnection: close\r\n\r\n' "$path" "$port" >&3
        timeout 3 cat <&3
    ) 2>/dev/null
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Alive = the pid exists and is not a zombie (an orphaned box whose new parent does
# not reap it would otherwise look alive forever).
pid_alive() { # pidfile
    local pid state
    [ -f "$1" ] || return 1
    pid="$(cat "$1" 2>/dev/null)"
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 1
    state="$(sed -n 's/^[0-9]* (.*) \([A-Z]\) .*/\1/p' "/proc/$pid/stat" 2>/dev/null)"
    [ "$state" != Z ]
}

show_logs() { # dir
    local f
    for f in bearerbox.stderr bearerbox.log fakesmsc.log smsbox.stderr smsbox.log; do
        [ -s "$1/$f" ] || continue
        echo "----- tail $1/$f" >&2
        tail -n 25 "$1/$f" >&2
    done
}

# Start "$@" detached (own session, stdin from /dev/null), output into $logfile,
# pid into $pidfile. The pid written is the box's own pid (exec, no wrapper shell).
spawn() { # pidfile logfile cmd...
    local pidfile="$1" logfile="$2"
    shift 2
    setsid "$@" </dev/null >>"$logfile" 2>&1 &
    echo $! >"$pidfile"
}

wait_until() { # deadline-epoch description command...
    local deadline="$1" what="$2"
    shift 2
    while :; do
        "$@" && return 0
        [ "$(date +%s)" -ge "$deadline" ] && { log "timed out waiting for $what"; return 1; }
        sleep 0.1
    done
}

# ---------------------------------------------------------------- config
# Incoming messages (fakesmsc sends one at connect): to KANNEL_SMS_SERVICE_URL when set, else
# accepted and answered by no one. max-messages = 0: Kannel itself replies nothing.
sms_service() {
    echo "group = sms-service"
    echo "keyword = default"
    if [ -n "$KANNEL_SMS_SERVICE_URL" ]; then
        echo "get-url = \"$KANNEL_SMS_SERVICE_URL\""
    else
        echo 'text = "ok"'
    fi
    echo "max-messages = 0"
    echo "catch-all = true"
}

# The SMSC: fakesmsc on KANNEL_FAKESMSC_PORT, or an SMPP SMSC when KANNEL_SMPP_PORT is set
# (one transceiver bind; message ids decimal in submit_sm_resp and receipts, msg-id-type 0x00).
smsc_group() {
    echo "group = smsc"
    echo "smsc-id = \"$KANNEL_SMSC_ID\""
    if [ -n "$KANNEL_SMPP_PORT" ]; then
        echo "smsc = smpp"
        echo "host = 127.0.0.1"
        echo "port = $KANNEL_SMPP_PORT"
        echo "transceiver-mode = true"
        echo "smsc-username = \"$KANNEL_SMPP_SYSTEM_ID\""
        echo "smsc-password = \"$KANNEL_SMPP_PASSWORD\""
        echo "system-type = \"\""
        echo "max-pending-submits = $KANNEL_SMPP_WINDOW"
        echo "msg-id-type = 0x00"
    else
        echo "smsc = fake"
        echo "port = $KANNEL_FAKESMSC_PORT"
        echo "connect-allow-ip = \"127.0.0.1\""
    fi
}

write_conf() { # dir
    local dir="$1"
    mkdir -p "$dir/store"
    cat >"$dir/kannel.conf" <<EOF
# Generated by scripts/peers/kannel.sh; test peer only, loopback only.
group = core
admin-port = $KANNEL_ADMIN_PORT
admin-password = "$KANNEL_ADMIN_PASSWORD"
admin-interface = "127.0.0.1"
admin-allow-ip = "127.0.0.1"
smsbox-port = $KANNEL_SMSBOX_PORT
smsbox-interface = "127.0.0.1"
box-deny-ip = "*.*.*.*"
box-allow-ip = "127.0.0.1"
store-type = file
store-location = "$dir/store/kannel.store"
dlr-storage = internal
log-file = "$dir/bearerbox.log"
log-level = $KANNEL_LOG_LEVEL
access-log = "$dir/bearerbox-access.log"

$(smsc_group)
# Numbers starting with these have no route: sendsms answers 403 "Not routable. Do not
# try again." and a dlr-mask with 16 yields a type-16 callback (%A = "NACK/no SMSC").
denied-prefix = "$KANNEL_REJECT_PREFIX"

group = smsbox
bearerbox-host = "127.0.0.1"
bearerbox-port = $KANNEL_SMSBOX_PORT
sendsms-port = $KANNEL_SENDSMS_PORT
sendsms-interface = "127.0.0.1"
log-file = "$dir/smsbox.log"
log-level = $KANNEL_LOG_LEVEL
access-log = "$dir/access.log"
# dlr-url callbacks: retries when the target is down or answers non-2xx (0 = never).
http-request-retry = $KANNEL_HTTP_REQUEST_RETRY
http-queue-delay = 1

group = sendsms-user
username = "$KANNEL_USER"
password = "$KANNEL_PASSWORD"
user-allow-ip = "127.0.0.1"
max-messages = $KANNEL_MAX_MESSAGES
concatenation = true

$(sms_service)
EOF
    cat >"$dir/kannel.env" <<EOF
KANNEL_DIR=$dir
KANNEL_ADMIN_PORT=$KANNEL_ADMIN_PORT
KANNEL_SMSBOX_PORT=$KANNEL_SMSBOX_PORT
KANNEL_SENDSMS_PORT=$KANNEL_SENDSMS_PORT
KANNEL_FAKESMSC_PORT=$KANNEL_FAKESMSC_PORT
KANNEL_USER=$KANNEL_USER
KANNEL_PASSWORD=$KANNEL_PASSWORD
KANNEL_ADMIN_PASSWORD=$KANNEL_ADMIN_PASSWORD
KANNEL_SMSC_ID=$KANNEL_SMSC_ID
KANNEL_REJECT_PREFIX='$KANNEL_REJECT_PREFIX'
KANNEL_MAX_MESSAGES=$KANNEL_MAX_MESSAGES
KANNEL_SENDSMS_URL=http://127.0.0.1:$KANNEL_SENDSMS_PORT/cgi-bin/sendsms
KANNEL_FAKESMSC_LOG=$dir/fakesmsc.log
EOF
}

# ---------------------------------------------------------------- start/stop
bearerbox_up() { http_get "$KANNEL_ADMIN_PORT" "/status.txt?password=$KANNEL_ADMIN_PASSWORD" | grep -q '^HTTP/1\.[01] 200'; }
# The fake SMSC shows as "online" in the admin status once fakesmsc has connected.
smsc_online() { http_get "$KANNEL_ADMIN_PORT" "/status.txt?password=$KANNEL_ADMIN_PASSWORD" | grep -q "$KANNEL_SMSC_ID.*online"; }
sendsms_up() { http_get "$KANNEL_SENDSMS_PORT" "/" | grep -q '^HTTP/1\.[01] '; }
# smsbox is only useful once bearerbox has it as a connected box.
smsbox_connected() { http_get "$KANNEL_ADMIN_PORT" "/status.txt?password=$KANNEL_ADMIN_PASSWORD" | grep -qi 'smsbox:'; }

start() { # dir
    local dir="$1" b p deadline t0
    t0="$(date +%s%N)"
    install_kannel
    stop_system_kannel
    mkdir -p "$dir" || die "cannot create $dir"
    dir="$(cd "$dir" && pwd)"
    for b in $BOXES; do
        pid_alive "$dir/$b.pid" && die "$b already running from $dir (pid $(cat "$dir/$b.pid")); run: $0 stop $dir"
    done
    for p in "$KANNEL_ADMIN_PORT" "$KANNEL_SMSBOX_PORT" "$KANNEL_SENDSMS_PORT" "$KANNEL_FAKESMSC_PORT"; do
        port_open "$p" && die "port $p on 127.0.0.1 is already in use (set KANNEL_*_PORT)"
    done
    # Messages queued in the store by an earlier run would be delivered on this start:
    # begin empty unless asked to keep them.
    [ "${KANNEL_KEEP_STORE:-0}" = 1 ] || rm -rf "$dir/store"
    write_conf "$dir"
    rm -f "$dir"/*.pid
    # Fresh logs for every start (Kannel itself appends), so tests can assert on them.
    for b in bearerbox.log bearerbox-access.log bearerbox.stderr smsbox.log access.log smsbox.stderr fakesmsc.log; do
        : >"$dir/$b"
    done
    deadline=$(( $(date +%s) + KANNEL_START_TIMEOUT ))

    # Kannel runs fine as root (it only warns); no --user needed. Each box's own log
    # goes to the conf's log-file; stderr (-v 1 = info) keeps startup panics.
    spawn "$dir/bearerbox.pid" "$dir/bearerbox.stderr" "$BEARERBOX" -v 1 "$dir/kannel.conf"
    if ! wait_until "$deadline" "bearerbox admin port $KANNEL_ADMIN_PORT" bearerbox_up; then
        show_logs "$dir"; stop "$dir" >/dev/null 2>&1; exit 1
    fi

    # fakesmsc: one incoming message (KANNEL_FAKESMSC_MO), then stays connected and
    # logs every message it receives. -i: seconds between its own sends.
    [ -n "$KANNEL_SMPP_PORT" ] || spawn "$dir/fakesmsc.pid" "$dir/fakesmsc.log" "$FAKESMSC" -H 127.0.0.1 \
        -r "$KANNEL_FAKESMSC_PORT" -i 100000 -m 1 "$KANNEL_FAKESMSC_MO"
    if ! wait_until "$deadline" "fake SMSC online" smsc_online; then
        show_logs "$dir"; stop "$dir" >/dev/null 2>&1; exit 1
    fi

    spawn "$dir/smsbox.pid" "$dir/smsbox.stderr" "$SMSBOX" -v 1 "$dir/kannel.conf"
    if ! wait_until "$deadline" "sendsms port $KANNEL_SENDSMS_PORT" sendsms_up \
        || ! wait_until "$deadline" "smsbox connected to bearerbox" smsbox_connected; then
        show_logs "$dir"; stop "$dir" >/dev/null 2>&1; exit 1
    fi
    for b in $BOXES; do
        [ "$b" = fakesmsc ] && [ -n "$KANNEL_SMPP_PORT" ] && continue
        pid_alive "$dir/$b.pid" || { log "$b died during start"; show_logs "$dir"; stop "$dir" >/dev/null 2>&1; exit 1; }
    done
    log "up in $(( ($(date +%s%N) - t0) / 1000000 )) ms: sendsms http://127.0.0.1:$KANNEL_SENDSMS_PORT/cgi-bin/sendsms (user $KANNEL_USER), fakesmsc log $dir/fakesmsc.log"
}

stop() { # dir
    local dir="$1" b pid i left
    [ -d "$dir" ] || { log "no such dir $dir"; return 0; }
    # TERM all three at once: each box takes ~1.5-2 s to wind down, in parallel.
    for b in $BOXES; do
        pid_alive "$dir/$b.pid" && kill -TERM "$(cat "$dir/$b.pid")" 2>/dev/null
    done
    for i in $(seq 1 100); do
        left=0
        for b in $BOXES; do pid_alive "$dir/$b.pid" && left=1; done
        [ "$left" = 0 ] && break
        sleep 0.1
    done
    for b in $BOXES; do
        if pid_alive "$dir/$b.pid"; then
            pid="$(cat "$dir/$b.pid")"
            log "$b (pid $pid) still alive 10 s after SIGTERM; sending SIGKILL"
            kill -KILL "$pid" 2>/dev/null
        fi
    done
    for i in $(seq 1 50); do
        left=0
        for b in $BOXES; do pid_alive "$dir/$b.pid" && left=1; done
        [ "$left" = 0 ] && break
        sleep 0.1
    done
    [ "$left" = 0 ] || { log "processes still alive after SIGKILL"; return 1; }
    rm -f "$dir"/bearerbox.pid "$dir"/fakesmsc.pid "$dir"/smsbox.pid
    return 0
}

status() { # dir
    local dir="$1" b rc=0
    for b in $BOXES; do
        if pid_alive "$dir/$b.pid"; then echo "$b running (pid $(cat "$dir/$b.pid"))"
        else echo "$b not running"; rc=1; fi
    done
    return $rc
}

case "${1:-}" in
    install) install_kannel ;;
    install-wrk) install_wrk ;;
    start)   [ -n "${2:-}" ] || die "usage: $0 start DIR"; start "$2" ;;
    stop)    [ -n "${2:-}" ] || die "usage: $0 stop DIR"; stop "$2" ;;
    status)  [ -n "${2:-}" ] || die "usage: $0 status DIR"; status "$2" ;;
    *) echo "usage: $0 install | install-wrk | start DIR | stop DIR | status DIR" >&2; exit 2 ;;
esac
