# Self-hosting Conv1d Lab: docker build -t conv1d-lab . && docker run -p 8501:8501 conv1d-lab
FROM python:3.11-slim

ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
    STREAMLIT_BROWSER_GATHER_USAGE_STATS=false

WORKDIR /app
COPY requirements.txt .
# requirements.txt takes torch's CPU build from PyTorch's wheel page (GBs less than PyPI's CUDA wheels).
RUN pip install -r requirements.txt

COPY app.py ./
COPY conv_viz ./conv_viz
COPY .streamlit ./.streamlit

# An unprivileged user: the app writes nothing to disk.
RUN useradd --create-home lab
USER lab

EXPOSE 8501
# Streamlit's own liveness endpoint; a load balancer can use the same path.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD python -c "import urllib.request, sys; sys.exit(urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4).status != 200)"
CMD ["streamlit", "run", "app.py", "--server.port=8501", "--server.address=0.0.0.0", "--server.fileWatcherType=none"]
