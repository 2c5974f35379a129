# Multi-stage image of the API: the build stage makes a virtual environment from wheels, the
# runtime stage holds that environment, the data, and a non-root user; one worker per container.
#
# Defaults use the public python slim image and PyPI. To build offline, pass a local base image
# with Python 3.11 (and venv) and a folder of wheels inside the build context:
#   docker build --build-arg BASE_IMAGE=registry-base:bookworm --build-arg WHEELHOUSE=wheelhouse .
ARG BASE_IMAGE=python:3.11-slim

FROM ${BASE_IMAGE} AS build
ARG WHEELHOUSE=""
WORKDIR /src
# requirements.txt is exported from uv.lock (make lock): the image runs the locked versions.
COPY pyproject.toml README.md requirements.txt ./
COPY app ./app
COPY ${WHEELHOUSE:-pyproject.toml} /wheelhouse/
RUN python3 -m venv /opt/venv \
    && if [ -n "${WHEELHOUSE}" ]; then \
         /opt/venv/bin/pip install --no-cache-dir --no-index --find-links /wheelhouse \
           -r requirements.txt . ; \
       else \
         /opt/venv/bin/pip install --no-cache-dir -r requirements.txt . ; \
       fi

FROM ${BASE_IMAGE} AS runtime
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    REGISTRY_DATA_DIR=/srv/registry/data \
    REGISTRY_LOG_FORMAT=json \
    HOST=0.0.0.0 \
    PORT=8000
RUN groupadd --system --gid 10001 registry \
    && useradd --system --uid 10001 --gid 10001 --home-dir /srv/registry --shell /usr/sbin/nologin registry
COPY --from=build /opt/venv /opt/venv
WORKDIR /srv/registry
COPY --chown=10001:10001 data ./data
USER 10001:10001
EXPOSE 8000
HEALTHCHECK --interval=5s --timeout=3s --start-period=10s --retries=3 \
    CMD ["python3", "-c", "import os, urllib.request; urllib.request.urlopen(f\"http://127.0.0.1:{os.environ['PORT']}/readyz\", timeout=2)"]
CMD ["sh", "-c", "exec python3 -m app serve --host \"$HOST\" --port \"$PORT\""]
