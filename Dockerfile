# CPU image: `docker build -t briefs .` then `docker run -p 8000:8000 briefs`.
# The model is baked in at build time (`python -m service prefetch`, which also makes the int8
# CTranslate2 copy the default engine runs, beside it in the HF cache); at run time HF_HUB_OFFLINE=1,
# so the container never reaches the network. GPU: see Dockerfile.cuda.
ARG PYTHON_IMAGE=python:3.11-slim-bookworm

FROM ${PYTHON_IMAGE} AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
COPY requirements.txt /tmp/requirements.txt
# CPU-only torch wheels: the default index would pull several GB of CUDA libraries.
RUN pip install --extra-index-url https://download.pytorch.org/whl/cpu -r /tmp/requirements.txt

FROM ${PYTHON_IMAGE} AS runtime
ARG BRIEFS_MODEL=Helsinki-NLP/opus-mt-hi-en
ARG BRIEFS_MODEL_REVISION=
RUN useradd --create-home --uid 10001 briefs && mkdir -p /app /data && chown briefs:briefs /data
COPY --from=build /opt/venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    HF_HOME=/home/briefs/.cache/huggingface \
    BRIEFS_MODEL=${BRIEFS_MODEL} \
    BRIEFS_MODEL_REVISION=${BRIEFS_MODEL_REVISION} \
    BRIEFS_DATA_DIR=/data \
    BRIEFS_BIND=0.0.0.0:8000
WORKDIR /app
COPY --chown=briefs:briefs service ./service
COPY --chown=briefs:briefs models ./models
COPY --chown=briefs:briefs prompts ./prompts
COPY --chown=briefs:briefs gunicorn.conf.py ./
USER briefs
RUN python -m service prefetch
ENV HF_HUB_OFFLINE=1
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
    CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/readyz', timeout=4).status == 200 else 1)"
CMD ["gunicorn", "-c", "gunicorn.conf.py"]
