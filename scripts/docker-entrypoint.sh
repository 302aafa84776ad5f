#!/bin/sh
# Container entry point. With no arguments, or `serve`, or gunicorn options only (`--threads 4`):
# migrate the database (QUOTESVC_DATABASE_URL; `quotesvc db upgrade` is a no-op when current)
# and replace this shell with gunicorn on 0.0.0.0:$PORT with $WEB_CONCURRENCY workers, logging
# to the container's output. Anything else runs as a command: `quotesvc ingest /app/seeds`, `sh`.
set -eu

if [ "$#" -gt 0 ] && [ "$1" = serve ]; then
  shift
fi
if [ "$#" -gt 0 ] && [ "${1#-}" = "$1" ]; then
  exec "$@"
fi

quotesvc db upgrade

# gunicorn 27 opens a control socket under $HOME unless told not to; older releases lack the flag.
control=
if python -c 'import sys, gunicorn; sys.exit(int(gunicorn.__version__.split(".")[0]) < 27)'; then
  control=--no-control-socket
fi

exec gunicorn \
  --bind "0.0.0.0:${PORT:-8000}" \
  --workers "${WEB_CONCURRENCY:-2}" \
  --timeout "${GUNICORN_TIMEOUT:-60}" \
  --access-logfile - \
  --error-logfile - \
  $control \
  "$@" \
  'quotesvc.app:create_app()'
