# syntax=docker/dockerfile:1
#
# Loa in a container: `loa serve` (HTTP API + delivery worker) on port 8080, the SQLite database
# in the /data volume.
#
#   docker build -t loa .
#   docker run --rm -p 8080:8080 -v loa-data:/data loa
#   docker run --rm -v loa-data:/data loa keys create --role operator ...   # other subcommands
#
# NOTE: this file was written without a Docker engine at hand and has not been built yet;
# build it once before relying on it.

# ---------------------------------------------------------------------------------------------
# Build stage
# ---------------------------------------------------------------------------------------------
# The toolchain should match the one the project is developed with (Swift 6.3; the manifest's
# swift-tools-version 6.1 is only the minimum). Official images are tagged `<version>-bookworm`
# (Debian 12); override with --build-arg SWIFT_VERSION=6.3.1, or 6.2 if 6.3 is unavailable.
ARG SWIFT_VERSION=6.3
FROM swift:${SWIFT_VERSION}-bookworm AS build

# GRDB links the system SQLite; the image already ships both -dev packages, this only makes the
# dependency explicit.
RUN export DEBIAN_FRONTEND=noninteractive DEBCONF_NONINTERACTIVE_SEEN=true \
    && apt-get -q update \
    && apt-get -q install -y --no-install-recommends libsqlite3-dev libcurl4-openssl-dev \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /build

# Resolve dependencies first so that editing the sources does not fetch them again. The pinned
# versions are used when Package.resolved is in the build context (the glob keeps the COPY
# working when it is not).
COPY Package.swift Package.resolved* ./
RUN swift package resolve $([ -f Package.resolved ] && echo --force-resolved-versions || true)

# The manifest declares test targets, and SwiftPM refuses a manifest whose target folders are
# missing, so Tests/ comes along even though only the `loa` product is built.
COPY Sources ./Sources
COPY Tests ./Tests

# --static-swift-stdlib links the Swift runtime and Foundation into the binary; what remains
# dynamic is glibc, libstdc++/libgcc and the system SQLite (libcurl only if FoundationNetworking
# is ever linked).
RUN swift build -c release --product loa --static-swift-stdlib \
    && mkdir -p /staging \
    && cp "$(swift build -c release --show-bin-path)/loa" /staging/loa \
    && cp /usr/libexec/swift/linux/swift-backtrace-static /staging/swift-backtrace-static

# ---------------------------------------------------------------------------------------------
# Run stage
# ---------------------------------------------------------------------------------------------
FROM debian:bookworm-slim

# libsqlite3-0: GRDB's SQLite. libstdc++6: the static Swift runtime still links it dynamically
# (already in the slim image, listed to say so). libcurl4: needed only if FoundationNetworking is
# linked; kept so that such a change does not break the image at run time. ca-certificates: TLS
# to HTTP providers. No tzdata: Loa computes Vietnamese wall-clock time with a fixed UTC+7 offset.
RUN export DEBIAN_FRONTEND=noninteractive DEBCONF_NONINTERACTIVE_SEEN=true \
    && apt-get -q update \
    && apt-get -q install -y --no-install-recommends libsqlite3-0 libstdc++6 libcurl4 ca-certificates \
    && rm -rf /var/lib/apt/lists/*

# A system user without a login shell; /app stays owned by root (read-only to Loa), only /data
# is writable.
RUN groupadd --system --gid 10001 loa \
    && useradd --system --uid 10001 --gid loa --home-dir /app --no-create-home --shell /usr/sbin/nologin loa \
    && mkdir -p /app /data \
    && chown loa:loa /data

WORKDIR /app
COPY --from=build /staging/loa /app/loa
COPY --from=build /staging/swift-backtrace-static /app/swift-backtrace-static
# Paths in config/loa.yaml (templates, config/procedures.yaml, config/communes.yaml) are relative
# to the working directory, /app.
COPY templates ./templates
COPY config ./config

# Environment overrides the config file (LOA_ + the key in upper snake case).
#  - The database lives in the volume (the SQLite WAL files sit beside it).
#  - Listen on every interface. With host 0.0.0.0 the URL providers call back on
#    (server.publicURL, Kannel's dlr-url) defaults to http://127.0.0.1:PORT, which a provider
#    outside the container cannot reach: set server.publicURL for a real provider.
#  - Plain HTTP on 0.0.0.0 is refused unless allowed: this image serves plain HTTP and expects a
#    proxy that terminates TLS in front of it (publish the port to that proxy only). To serve
#    HTTPS from the container itself, mount the PEM files and run with
#    -e LOA_SERVER_TLS_CERTIFICATE=/tls/cert.pem -e LOA_SERVER_TLS_KEY=/tls/key.pem
#    -e LOA_SERVER_ALLOW_PLAIN_HTTP=false -v /etc/loa/tls:/tls:ro
#  - Behind that proxy every connection comes from the proxy's address, so the per-address
#    connection cap is off (the proxy limits its clients); set it when clients connect directly.
ENV LOA_DATABASE_PATH=/data/loa.sqlite \
    LOA_SERVER_HOST=0.0.0.0 \
    LOA_SERVER_ALLOW_PLAIN_HTTP=true \
    LOA_SERVER_MAX_CONNECTIONS_PER_ADDRESS=0 \
    SWIFT_BACKTRACE=enable=yes,sanitize=yes,threads=all,images=all,interactive=no,swift-backtrace=/app/swift-backtrace-static

VOLUME ["/data"]
USER loa:loa
EXPOSE 8080

# GET /health over bash's /dev/tcp (the slim image has no curl). Follows LOA_SERVER_PORT; a port
# given with --port on the command line is not seen here. With TLS on, bash cannot speak it: the
# check is then only that the port accepts connections.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${LOA_SERVER_PORT:-8080} && { [ -n \"${LOA_SERVER_TLS_CERTIFICATE:-}\" ] || { printf 'GET /health HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '; }; }"]

ENTRYPOINT ["/app/loa"]
CMD ["serve", "--config", "config/loa.yaml"]
