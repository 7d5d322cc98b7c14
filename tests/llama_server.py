"""Runs llama-cpp-python's OpenAI-compatible server (its ``[server]`` extra) the way the
tests need it: ``python -m tests.llama_server --model FILE --host 127.0.0.1 --port N``.

Same arguments as ``python -m llama_cpp.server``. The one difference: llama.cpp's weight
repacking is switched off while the model loads, as MentorDesk's own local backend does
(on CPUs with AMX the repacked kernels of this llama.cpp build crash in decode; see
``mentordesk.chat_models._without_weight_repacking``). On other CPUs it changes nothing but speed.
"""

from __future__ import annotations

from llama_cpp.server.__main__ import main

from mentordesk.chat_models import _without_weight_repacking

if __name__ == "__main__":
    with _without_weight_repacking():
        main()
