# The innograph API for the production-like setup in docker-compose.yml.
FROM python:3.11-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends fonts-noto-cjk \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md ./
COPY graph graph
COPY loaders loaders
COPY api api
COPY viz viz
COPY data data
RUN pip install --no-cache-dir .
RUN useradd --create-home innograph
USER innograph
ENV INNOGRAPH_DATA_DIR=/home/innograph/data \
    INNOGRAPH_BUNDLED_DIR=/app/data/curated
EXPOSE 8000
# Inside a container the API must listen beyond loopback; the compose file publishes it on 127.0.0.1 only.
CMD ["innograph", "serve", "--host", "0.0.0.0", "--port", "8000"]
