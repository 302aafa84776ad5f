# quotesvc container image: `docker build -t quotesvc .` (see README, "Container").
# Stage 1 builds a virtual environment with the dependencies (cached until pyproject.toml
# changes) and a wheel of quotesvc; stage 2 is a slim runtime with that environment, the
# wheel installed into it, and no compiler, pip cache or source tree.

FROM python:3.11-slim AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PYTHONDONTWRITEBYTECODE=1
WORKDIR /src
RUN python -m venv /opt/venv
# Dependencies first, read from pyproject.toml alone, so editing the source reuses this layer.
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" \
        > requirements.txt \
    && /opt/venv/bin/pip install --no-cache-dir -r requirements.txt
COPY README.md ./
COPY quotesvc ./quotesvc
RUN /opt/venv/bin/pip wheel --no-cache-dir --no-deps --wheel-dir /wheels .

FROM python:3.11-slim AS runtime
ENV PATH=/opt/venv/bin:$PATH \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    QUOTESVC_DATABASE_URL=sqlite:////data/quotesvc.db \
    PORT=8000 \
    WEB_CONCURRENCY=2
RUN groupadd --gid 10001 quotesvc \
    && useradd --uid 10001 --gid quotesvc --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin quotesvc \
    && mkdir -p /app /data \
    && chown quotesvc:quotesvc /app /data
COPY --from=build /opt/venv /opt/venv
COPY --from=build /wheels /tmp/wheels
RUN pip install --no-cache-dir --no-deps /tmp/wheels/quotesvc-*.whl \
    && rm -rf /tmp/wheels
COPY --chmod=0755 scripts/docker-entrypoint.sh /usr/local/bin/docker-entrypoint.sh
COPY seeds /app/seeds
WORKDIR /app
USER 10001:10001
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('PORT', '8000'), timeout=2)"]
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["serve"]
