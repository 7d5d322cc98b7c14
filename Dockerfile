# The MentorDesk app for compose.yaml. The first build compiles llama-cpp-python (about 10
# minutes on 2 cores) and exports the embedding model to ONNX once.
FROM python:3.11-slim
RUN apt-get update && apt-get install -y --no-install-recommends build-essential cmake \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
ENV HF_HUB_OFFLINE=1 ANONYMIZED_TELEMETRY=False MENTORDESK_MODEL_CACHE=/opt/mentordesk-models
RUN python -m vectorstore.onnx_embedder
EXPOSE 8501
CMD ["streamlit", "run", "app.py", "--server.address=0.0.0.0", "--server.port=8501", "--server.headless=true"]
