#!/usr/bin/env bash
# Build the project's unchanged Dockerfile with podman and run the image for real:
#   1. install podman, buildah, runc and debootstrap (and mmdebstrap) from Debian when missing;
#   2. make a stand-in `python:3.11-slim` base from a Debian bookworm debootstrap (bookworm's
#      python3 is 3.11; no registry with the real image can be reached here), cached in
#      $QUOTESVC_CI_CACHE (default /var/cache/quotesvc-ci) so a rerun takes seconds;
#   3. build the image (--pull=never), check its user, healthcheck and entrypoint;
#   4. SQLite: run it with a throwaway volume, wait for its HEALTHCHECK, post a seed article,
#      read its quotes back, restart it and find the article again;
#   5. PostgreSQL (when a server answers on 127.0.0.1:5432, as on CI): migrate once with
#      `quotesvc db upgrade` (compose's `migrate` service), start two replicas on one database,
#      write through one and read through the other;
#   6. remove the containers, volume, database and image tag it made (the cached base stays).
# Any failure of the image or the service exits non-zero. Only when podman cannot start even a
# trivial container on this machine does it print one line with podman's error and exit 0.
set -euo pipefail
cd "$(dirname "$0")/.."

CACHE=${QUOTESVC_CI_CACHE:-/var/cache/quotesvc-ci}
BASE=docker.io/library/python:3.11-slim
RUN_ID=$$
IMAGE=localhost/quotesvc-smoke:$RUN_ID
SEED=seeds/000_03e1215671edafbe.txt
PG_ADMIN_URL=${QUOTESVC_SMOKE_PG:-postgresql://postgres@127.0.0.1:5432/postgres}
PY=python3
WORK=$(mktemp -d /tmp/quotesvc-smoke.XXXXXX)
containers=() volumes=() pg_db=

log() { printf '[smoke %3ss] %s\n' "$SECONDS" "$*"; }
die() { printf '[smoke %3ss] FAILED: %s\n' "$SECONDS" "$*" >&2; exit 1; }

cleanup() {
  local rc=$?
  set +e
  for c in "${containers[@]}"; do
    if [ "$rc" != 0 ]; then
      echo "--- logs of $c (last 40 lines)" >&2
      podman logs --tail 40 "$c" 2>&1 | grep -v 'systemd connection' >&2
    fi
    podman rm -f -v -t 2 "$c" >/dev/null 2>&1
  done
  for v in "${volumes[@]}"; do podman volume rm -f "$v" >/dev/null 2>&1; done
  # Untag the image but keep its layers as the next run's build cache (removing an image also
  # drops the intermediate images the cache is looked up by); forget build leftovers after 3 days.
  podman image exists "$IMAGE" 2>/dev/null && podman untag "$IMAGE" >/dev/null 2>&1
  podman image prune -f --filter until=72h >/dev/null 2>&1
  if [ -n "$pg_db" ]; then
    psql "$PG_ADMIN_URL" -qc "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)" >/dev/null 2>&1
  fi
  [ -n "${QUOTESVC_SMOKE_KEEP_LOGS:-}" ] || rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT

# --- 1. tools -------------------------------------------------------------------------------
need=()
for tool in podman:podman buildah:buildah runc:runc debootstrap:debootstrap mmdebstrap:mmdebstrap \
            fuse-overlayfs:fuse-overlayfs slirp4netns:slirp4netns newuidmap:uidmap; do
  command -v "${tool%%:*}" >/dev/null 2>&1 || need+=("${tool#*:}")
done
if [ ${#need[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || die "needs ${need[*]} (Debian packages) and root to install them"
  log "installing ${need[*]} from Debian"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" netavark aardvark-dns iptables \
    containernetworking-plugins >"$WORK/apt.log" 2>&1 || { tail -20 "$WORK/apt.log"; die "apt-get install"; }
fi
log "$(podman --version), $(buildah --version | cut -d' ' -f1-3), $(runc --version | head -1)"

# podman here needs runc (crun is not installed) and explicit ulimits: its defaults (nofile and
# nproc of 1048576 and more) exceed what this machine lets a container raise its limits to.
mkdir -p "$CACHE"
hard_nofile=$(ulimit -Hn); [ "$hard_nofile" = unlimited ] && hard_nofile=65536
nofile=$(( hard_nofile < 65536 ? hard_nofile : 65536 ))
cat >"$WORK/containers.conf" <<EOF
[containers]
default_ulimits = ["nofile=$nofile:$nofile", "nproc=4096:4096"]

[engine]
runtime = "runc"
EOF
export CONTAINERS_CONF=$WORK/containers.conf

# --- 2. the stand-in base image ---------------------------------------------------------------
# The stand-in trusts this machine's own CA certificates (/usr/local/share/ca-certificates), so
# pip inside the build reaches PyPI the way pip on this machine does; the key changes with them.
RECIPE="bookworm minbase python3 python3-venv python3-pip ca-certificates; python/pip in /usr/local/bin; no EXTERNALLY-MANAGED; v1"
key=$( { echo "$RECIPE"; cat /usr/local/share/ca-certificates/*.crt 2>/dev/null; } | sha256sum | cut -c1-16)
label() { podman image inspect --format '{{index .Config.Labels "io.quotesvc.standin"}}' "$1" 2>/dev/null; }

debian_mirror() {
  local url
  url=$(grep -hsE '^URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}' | grep -m1 '/debian/\?$' || true)
  [ -n "$url" ] || url=$(grep -hsE '^deb +(\[[^]]*\] +)?https?://[^ ]*/debian/? +bookworm' /etc/apt/sources.list \
    /etc/apt/sources.list.d/*.list 2>/dev/null | grep -oE 'https?://[^ ]+' | head -1 || true)
  echo "${QUOTESVC_DEBIAN_MIRROR:-${url:-http://deb.debian.org/debian}}"
}

if podman image exists "$BASE" && [ "$(label "$BASE")" = "$key" ]; then
  log "stand-in $BASE is cached (key $key)"
elif podman image exists "$BASE" && [ -z "$(label "$BASE")" ]; then
  log "using the $BASE image already in podman's store"
else
  tarball=$CACHE/python-3.11-slim-standin-$key.tar
  if [ ! -s "$tarball" ]; then
    mirror=$(debian_mirror)
    rootfs=$CACHE/rootfs.$RUN_ID
    packages=python3,python3-venv,python3-pip,ca-certificates
    rm -rf "$rootfs"
    # mmdebstrap (Debian's faster debootstrap: parallel downloads through apt, unsafe-io dpkg)
    # takes ~40 s here where debootstrap takes ~4 min; debootstrap is the fallback.
    if command -v mmdebstrap >/dev/null && [ "${QUOTESVC_SMOKE_BOOTSTRAP:-}" != debootstrap ]; then
      log "mmdebstrap bookworm from $mirror (once)"
      if ! mmdebstrap --variant=minbase --include="$packages" --dpkgopt=force-unsafe-io \
            bookworm "$rootfs" "$mirror" >"$WORK/bootstrap.log" 2>&1; then
        tail -5 "$WORK/bootstrap.log"; log "mmdebstrap failed: falling back to debootstrap"; rm -rf "$rootfs"
      fi
    fi
    if [ ! -x "$rootfs/usr/bin/python3" ]; then
      log "debootstrap bookworm from $mirror (a few minutes, once)"
      if ! debootstrap --variant=minbase --include="$packages" \
            bookworm "$rootfs" "$mirror" >"$WORK/bootstrap.log" 2>&1; then
        tail -20 "$WORK/bootstrap.log"; rm -rf "$rootfs"; die "debootstrap"
      fi
    fi
    # Make it look like the official image: python, python3, pip and pip3 in /usr/local/bin,
    # and pip allowed to install as root (no Debian EXTERNALLY-MANAGED marker).
    for n in python python3; do ln -sf /usr/bin/python3 "$rootfs/usr/local/bin/$n"; done
    for n in pip pip3; do ln -sf /usr/bin/pip3 "$rootfs/usr/local/bin/$n"; done
    rm -f "$rootfs"/usr/lib/python3*/EXTERNALLY-MANAGED
    if compgen -G '/usr/local/share/ca-certificates/*.crt' >/dev/null; then
      cp /usr/local/share/ca-certificates/*.crt "$rootfs/usr/local/share/ca-certificates/"
      chroot "$rootfs" update-ca-certificates >/dev/null 2>&1
    fi
    rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/*.bin "$rootfs"/var/cache/apt/archives/*.deb \
      "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/*
    rm -f "$CACHE"/python-3.11-slim-standin-*.tar
    tar -C "$rootfs" -cf "$tarball.tmp" . && mv "$tarball.tmp" "$tarball"
    rm -rf "$rootfs"
  fi
  log "importing the stand-in base as $BASE"
  podman import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV LANG=C.UTF-8' \
    --change "LABEL io.quotesvc.standin=$key" \
    --change 'CMD ["python3"]' \
    "$tarball" "$BASE" >/dev/null
fi

# --- can podman start a container at all here? ---------------------------------------------
if ! out=$(podman run --rm --network none "$BASE" python3 -c 'print("ok")' 2>&1) || [ "$out" != ok ]; then
  err=$(printf '%s\n' "$out" | grep -v 'systemd connection' | grep -m1 . || true)
  echo "container smoke: SKIPPED: podman cannot start a trivial container on this machine: ${err:-no output}"
  exit 0
fi
log "podman starts containers from the stand-in base"

# --- 3. build ---------------------------------------------------------------------------------
log "building the Dockerfile as $IMAGE"
# docker format, since the OCI image format has no HEALTHCHECK.
if ! podman build --pull=never --format docker -t "$IMAGE" -f Dockerfile . >"$WORK/build.log" 2>&1; then
  tail -40 "$WORK/build.log"
  die "podman build"
fi
log "built: $(podman image inspect --format '{{.Size}}' "$IMAGE" | awk '{printf "%.0f MB", $1/1e6}'), $(grep -c 'Using cache' "$WORK/build.log" || true) steps from cache"

inspect() { podman image inspect --format "$1" "$IMAGE"; }
user=$(inspect '{{.Config.User}}')
[ -n "$user" ] && [ "${user%%:*}" != 0 ] && [ "${user%%:*}" != root ] || die "image runs as root (User=$user)"
inspect '{{json .Config.Healthcheck}}' | grep -q healthz || die "image has no HEALTHCHECK on /healthz"
inspect '{{json .Config.Entrypoint}}' | grep -q docker-entrypoint.sh || die "image entrypoint is not docker-entrypoint.sh"
log "image: user $user, HEALTHCHECK on /healthz, entrypoint docker-entrypoint.sh"

# How many quotes the seed must give: as many as this checkout's extractor finds (at least 1),
# or 0 when the local environment cannot tell.
min_quotes=1
if [ -x .venv/bin/python ]; then
  if n=$(.venv/bin/python -c 'import sys; from quotesvc.extract import extract; print(len(extract(open(sys.argv[1], encoding="utf-8").read()).quotes))' "$SEED" 2>/dev/null); then
    min_quotes=$(( n > 0 ? 1 : 0 ))
    log "the local extractor finds $n quotes in $SEED: the container must find at least $min_quotes"
  fi
fi

free_port() { "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

wait_healthy() {  # $1 container: run the image's own HEALTHCHECK until it passes (podman 4.3 won't)
  local c=$1 state
  for _ in $(seq 90); do
    state=$(podman inspect --format '{{.State.Status}}' "$c" 2>/dev/null || echo gone)
    [ "$state" = running ] || die "container $c is $state"
    if podman healthcheck run "$c" >/dev/null 2>&1; then return 0; fi
    sleep 1
  done
  die "container $c did not pass its HEALTHCHECK in 90 s"
}

api() {  # api METHOD URL [JSON-FILE]: print the status and the body
  "$PY" - "$@" <<'EOF'
import sys, urllib.error, urllib.request
method, url = sys.argv[1], sys.argv[2]
data = open(sys.argv[3], "rb").read() if len(sys.argv) > 3 else None
req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
try:
    with urllib.request.urlopen(req, timeout=60) as r:
        status, body = r.status, r.read()
except urllib.error.HTTPError as e:
    status, body = e.code, e.read()
try:
    print(status)
    sys.stdout.write(body.decode("utf-8", "replace"))
    sys.stdout.flush()
except BrokenPipeError:  # a caller that reads only the status line (`| head -1`)
    import os
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
EOF
}

post_seed() {  # $1 base URL -> prints the article id; checks 201 and the quotes in the answer
  "$PY" -c 'import json, sys; print(json.dumps({"text": open(sys.argv[1], encoding="utf-8").read(), "title": "container smoke"}))' \
    "$SEED" >"$WORK/seed.json"
  api POST "$1/api/v1/articles" "$WORK/seed.json" >"$WORK/post.out"
  "$PY" - "$WORK/post.out" "$min_quotes" <<'EOF'
import json, sys
status, _, body = open(sys.argv[1], encoding="utf-8").read().partition("\n")
if status != "201":
    sys.exit(f"POST /api/v1/articles answered {status}, not 201: {body[:500]}")
article = json.loads(body)
quotes = article.get("quotes", [])
if not isinstance(article.get("id"), int) or len(quotes) < int(sys.argv[2]):
    sys.exit(f"POST /api/v1/articles: id {article.get('id')!r}, {len(quotes)} quotes (want >= {sys.argv[2]})")
print(article["id"])
EOF
}

check_quotes() {  # $1 base URL, $2 article id: the quotes read back belong to the article
  api GET "$1/api/v1/quotes?article_id=$2&page_size=100" >"$WORK/get.out"
  "$PY" - "$WORK/get.out" "$2" "$min_quotes" <<'EOF'
import json, sys
status, _, body = open(sys.argv[1], encoding="utf-8").read().partition("\n")
if status != "200":
    sys.exit(f"GET /api/v1/quotes answered {status}: {body[:500]}")
page = json.loads(body)
items = page["items"] if isinstance(page, dict) else page
wrong = [q for q in items if q.get("article_id", int(sys.argv[2])) != int(sys.argv[2])]
if len(items) < int(sys.argv[3]) or wrong:
    sys.exit(f"GET /api/v1/quotes?article_id={sys.argv[2]}: {len(items)} quotes, {len(wrong)} of other articles")
print(len(items))
EOF
}

# --- 4. SQLite on a throwaway volume ----------------------------------------------------------
port=$(free_port)
vol=quotesvc-smoke-$RUN_ID; c=quotesvc-smoke-sqlite-$RUN_ID
podman volume create "$vol" >/dev/null; volumes+=("$vol")
containers+=("$c")
podman run -d --name "$c" -p "127.0.0.1:$port:8000" -v "$vol:/data" "$IMAGE" >/dev/null 2>"$WORK/run.err" \
  || { cat "$WORK/run.err"; die "podman run"; }
wait_healthy "$c"
url=http://127.0.0.1:$port
[ "$(api GET "$url/healthz" | head -1)" = 200 ] || die "GET /healthz through the published port"
log "SQLite: healthy on $url"
[ "$(podman exec "$c" id -u)" != 0 ] || die "the service runs as root"
id=$(post_seed "$url") || die "posting $SEED"
n=$(check_quotes "$url" "$id") || die "reading the quotes back"
log "SQLite: article $id stored, $n quotes read back"
podman logs "$c" >"$WORK/c.log" 2>&1; grep -q "POST /api/v1/articles" "$WORK/c.log" || die "no access log line on the container's stdout"
podman exec "$c" quotesvc ingest --workers 1 /app/seeds >"$WORK/ingest.log" 2>&1 \
  || { cat "$WORK/ingest.log"; die "quotesvc ingest /app/seeds inside the container"; }
log "SQLite: $(tail -1 "$WORK/ingest.log")"
podman restart -t 10 "$c" >/dev/null 2>&1 || die "podman restart"
wait_healthy "$c"
[ "$(api GET "$url/api/v1/articles/$id" | head -1)" = 200 ] || die "article $id lost after a restart"
log "SQLite: article $id still there after a restart (volume /data)"

# --- 5. PostgreSQL: one migration, two replicas on one database ----------------------------
if command -v psql >/dev/null && psql "$PG_ADMIN_URL" -qAtc 'select 1' >/dev/null 2>&1; then
  pg_db=quotesvc_smoke_$RUN_ID
  psql "$PG_ADMIN_URL" -qc "CREATE DATABASE $pg_db" >/dev/null
  db_url=$("$PY" -c 'import sys; from urllib.parse import urlsplit; u = urlsplit(sys.argv[1]); print(u._replace(scheme="postgresql+psycopg", path="/" + sys.argv[2]).geturl())' "$PG_ADMIN_URL" "$pg_db")
  # Host networking: the server listens on the host's loopback; each replica gets its own PORT.
  podman run --rm --network host -e QUOTESVC_DATABASE_URL="$db_url" "$IMAGE" quotesvc db upgrade \
    >"$WORK/migrate.log" 2>&1 || { cat "$WORK/migrate.log"; die "quotesvc db upgrade on PostgreSQL"; }
  ports=()
  for r in 1 2; do
    p=$(free_port); ports+=("$p"); c=quotesvc-smoke-pg$r-$RUN_ID; containers+=("$c")
    podman run -d --name "$c" --network host -e PORT="$p" -e WEB_CONCURRENCY=1 \
      -e QUOTESVC_DATABASE_URL="$db_url" "$IMAGE" >/dev/null 2>"$WORK/run.err" || { cat "$WORK/run.err"; die "podman run"; }
  done
  for r in 1 2; do wait_healthy "quotesvc-smoke-pg$r-$RUN_ID"; done
  [ "$(api GET "http://127.0.0.1:${ports[1]}/readyz" | head -1)" = 200 ] || die "PostgreSQL replica not ready"
  id=$(post_seed "http://127.0.0.1:${ports[0]}") || die "posting $SEED to replica 1"
  n=$(check_quotes "http://127.0.0.1:${ports[1]}" "$id") || die "reading the quotes back from replica 2"
  log "PostgreSQL: 2 replicas; article $id written through one, $n quotes read through the other"
else
  log "PostgreSQL leg skipped: no server answers at $PG_ADMIN_URL"
fi

log "container smoke passed"
