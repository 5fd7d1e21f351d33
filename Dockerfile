# The Telegram bot as a container: polling by default, so no inbound port is needed.
#   docker build -t article-bot .
#   docker run -d --name article-bot --restart on-failure:5 -e TELEGRAM_BOT_TOKEN=... \
#     -e KNOWLEDGE_DIR=/articles -v /srv/articles:/articles:ro -v article-bot-data:/data \
#     article-bot
#   docker kill --signal HUP article-bot      # read the articles again
#   docker exec article-bot python -m bot report
# Without KNOWLEDGE_DIR it answers from the shipped articles. The question log and, for a
# read-only articles folder, the saved index live in the /data volume.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    KNOWLEDGE_DIR=/app/knowledge/articles BOT_DATA_DIR=/data XDG_CACHE_HOME=/data/cache

WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY knowledge ./knowledge
COPY retrieval ./retrieval
RUN pip install --no-cache-dir . && useradd --system --home-dir /data bot \
    && mkdir -p /data && chown bot /data

USER bot
VOLUME ["/data"]
# SIGTERM from `docker stop` ends the bot cleanly (exit code 0).
STOPSIGNAL SIGTERM
CMD ["python", "-m", "bot", "telegram"]
