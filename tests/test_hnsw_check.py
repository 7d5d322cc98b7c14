"""A damaged HNSW file is found before Chroma reads it (its reader would crash the process),
and a healthy index, one with deletes and updates included, is never taken for damaged."""

from __future__ import annotations

import numpy as np
import pytest

from vectorstore.chroma_index import IndexUnavailableError, make_client
from vectorstore.hnsw_check import DamagedIndex, check_index_folder

VECTORS = 1500  # Chroma writes its HNSW files once about a thousand vectors have arrived


@pytest.fixture(scope="module")
def index_folder(tmp_path_factory):
    path = tmp_path_factory.mktemp("chroma")
    client = make_client(path=path)
    collection = client.get_or_create_collection("vectors-under-test", embedding_function=None,
                                                 configuration={"hnsw": {"space": "cosine"}})
    vectors = np.random.default_rng(3).normal(size=(VECTORS, 384)).astype(np.float32)
    for start in range(0, VECTORS, 500):
        collection.upsert(ids=[f"v{i}" for i in range(start, start + 500)], embeddings=vectors[start:start + 500])
    collection.delete(ids=[f"v{i}" for i in range(0, 300, 3)])
    collection.upsert(ids=[f"v{i}" for i in range(1, 200, 3)], embeddings=vectors[1000:1067])
    from chromadb.api.client import SharedSystemClient

    SharedSystemClient.clear_system_cache()
    (segment,) = [child for child in path.iterdir() if (child / "header.bin").exists()]
    assert (segment / "data_level0.bin").stat().st_size > 1_000_000  # the graph is on disk
    return path


def _copy(index_folder, tmp_path):
    import shutil

    copy = tmp_path / "chroma"
    shutil.copytree(index_folder, copy)
    (segment,) = [child for child in copy.iterdir() if (child / "header.bin").exists()]
    return copy, segment


def test_a_healthy_index_with_deletes_and_updates_passes_and_still_answers(index_folder, tmp_path):
    copy, _ = _copy(index_folder, tmp_path)
    check_index_folder(copy)
    collection = make_client(path=copy).get_collection("vectors-under-test")
    assert collection.count() == VECTORS - 100
    probe = np.random.default_rng(3).normal(size=(VECTORS, 384)).astype(np.float32)[500]
    assert collection.query(query_embeddings=[probe], n_results=1)["ids"][0] == ["v500"]


@pytest.mark.parametrize("name, damage", [
    ("header.bin", lambda data: bytes(len(data))),
    ("header.bin", lambda data: data[:40]),
    ("data_level0.bin", lambda data: np.random.default_rng(1).integers(0, 256, len(data), dtype=np.uint8).tobytes()),
    ("data_level0.bin", lambda data: data[: len(data) // 2]),
    ("link_lists.bin", lambda data: bytes(len(data))),
    ("link_lists.bin", lambda data: b"\xff" * 64 + data[64:]),
])
def test_a_damaged_graph_file_is_an_index_error_naming_doctor(index_folder, tmp_path, name, damage):
    copy, segment = _copy(index_folder, tmp_path)
    target = segment / name
    target.write_bytes(damage(target.read_bytes()))
    with pytest.raises(DamagedIndex, match=name):
        check_index_folder(copy)
    with pytest.raises(IndexUnavailableError, match="is damaged .*run `mentordesk doctor`"):
        make_client(path=copy)
