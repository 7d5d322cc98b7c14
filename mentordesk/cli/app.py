"""``mentordesk app``: start the app with Streamlit, from a checkout or an installed copy.

The options the app needs are given here, so they hold wherever it is started from (a
`.streamlit/config.toml` is only read from the folder Streamlit starts in): the upload limit
is ingestion's own, no Deploy button, no usage statistics, no file watcher.
"""

from __future__ import annotations

import importlib.util
import os
import sys


def register(commands) -> None:
    p = commands.add_parser("app", help="start the app in your browser (Streamlit)")
    p.add_argument("--port", type=int, default=8501, help="default: 8501")
    p.add_argument("--address", default="127.0.0.1",
                   help="default: 127.0.0.1 (this machine only); 0.0.0.0 to serve a network, behind HTTPS")
    p.add_argument("streamlit_args", nargs="*", metavar="-- STREAMLIT_OPTION",
                   help="more Streamlit options after --, e.g. -- --server.headless true")
    p.set_defaults(func=cmd_app)


def streamlit_command(port: int, address: str, extra: list[str]) -> list[str]:
    from ingest.limits import MAX_FILE_BYTES

    spec = importlib.util.find_spec("ui.streamlit_app")  # by name: the CLI sits below the UI
    assert spec is not None and spec.origin, "the ui package is not installed"
    return [sys.executable, "-m", "streamlit", "run", spec.origin, "--server.port", str(port),
            "--server.address", address, "--server.maxUploadSize", str(MAX_FILE_BYTES // 1024 // 1024),
            "--client.toolbarMode", "viewer", "--browser.gatherUsageStats", "false",
            "--server.fileWatcherType", "none", *extra]


def cmd_app(args) -> int:
    from store.errors import UserError

    if not 1 <= args.port <= 65535:
        raise UserError(f"--port {args.port} is not a port (1-65535)")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never a model download at run time
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    command = streamlit_command(args.port, args.address, list(args.streamlit_args))
    os.execv(command[0], command)  # Streamlit takes over this process (Ctrl+C stops it)
    return 0  # not reached
