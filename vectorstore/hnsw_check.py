"""Check an embedded Chroma folder's HNSW files before Chroma reads them.

Chroma's HNSW reader (hnswlib, in C++) trusts its files: a damaged header or link list
makes it read outside its buffers and the process dies with a segmentation fault, with no
message and no chance to say "run `mentordesk doctor`". So before an embedded client is
opened, every segment folder is checked here, in Python, against the invariants the reader
relies on; a folder that breaks one is reported as damaged instead of crashing the caller.

The layout (hnswlib's, as Chroma's fork persists it), one folder per segment:

- ``header.bin``: 100 bytes of parameters (element counts, record layout, M, entry point);
- ``data_level0.bin``: one fixed-size record per element: a neighbour count (low 16 bits
  of a uint32), up to ``maxM0`` neighbour ids, the vector, the label;
- ``link_lists.bin``: per element a uint32 byte size, then that many bytes: one block per
  upper level, each a count and up to ``maxM`` neighbour ids;
- ``length.bin``: the vectors' norms (floats: nothing to check);
- ``index_metadata.pickle``: Chroma's id map (a damaged one is an error, not a crash).

What cannot be checked this way (a vector or a label overwritten with other numbers) gives
wrong distances, never a crash; ``mentordesk doctor`` compares the ids with the store.
"""

from __future__ import annotations

import struct
from pathlib import Path

import numpy as np

HEADER = struct.Struct("<iQQQQQQiIQQQdQ")  # 100 bytes
LINK_COUNT_MASK = 0xFFFF  # hnswlib keeps a "deleted" flag in the upper bytes


class DamagedIndex(ValueError):
    """A segment's files break an invariant its reader relies on."""


def segment_folders(path: Path) -> list[Path]:
    return sorted(child for child in path.iterdir() if child.is_dir() and (child / "header.bin").exists()) \
        if path.is_dir() else []


def check_index_folder(path: Path) -> None:
    """Raise ``DamagedIndex`` naming the first segment file that would crash its reader."""
    for folder in segment_folders(path):
        try:
            check_segment(folder)
        except DamagedIndex as exc:
            raise DamagedIndex(f"{folder.name}: {exc}") from None


def check_segment(folder: Path) -> None:
    header = (folder / "header.bin").read_bytes()
    if len(header) != HEADER.size:
        raise DamagedIndex(f"header.bin has {len(header)} bytes, not {HEADER.size}")
    (version, offset_level0, max_elements, count, record_size, label_offset, offset_data,
     max_level, entry_point, max_m, max_m0, m, _mult, _ef_construction) = HEADER.unpack(header)
    _require(version == 1 and offset_level0 == 0, "header.bin is not an HNSW header")
    _require(0 < m <= 4096 and max_m == m and max_m0 == 2 * m, "header.bin has impossible graph degrees")
    _require(count <= max_elements, "header.bin counts more elements than it has room for")
    _require(offset_data == 4 + 4 * max_m0, "header.bin's record layout is inconsistent")
    _require(label_offset > offset_data and (label_offset - offset_data) % 4 == 0 and record_size == label_offset + 8,
             "header.bin's record layout is inconsistent")
    _require(-1 <= max_level < 64, "header.bin has an impossible number of levels")
    _require(count == 0 or entry_point < count, "header.bin's entry point is not an element")
    _check_level0(folder / "data_level0.bin", count, record_size, max_m0)
    _check_upper_levels(folder / "link_lists.bin", count, max_m, max_level)
    _require(_size(folder / "length.bin") >= 4 * count, "length.bin is shorter than its element count")


def _check_level0(path: Path, count: int, record_size: int, max_m0: int) -> None:
    _require(_size(path) >= count * record_size, "data_level0.bin is shorter than its element count")
    if count == 0:
        return
    records = np.memmap(path, dtype=np.uint8, mode="r", shape=(count, record_size))
    lists = np.ascontiguousarray(records[:, : 4 + 4 * max_m0]).view("<u4")
    _check_lists(lists, count, max_m0, "data_level0.bin")


def _check_upper_levels(path: Path, count: int, max_m: int, max_level: int) -> None:
    words = np.fromfile(path, dtype="<u4") if _size(path) else np.zeros(0, dtype="<u4")
    _require(_size(path) % 4 == 0, "link_lists.bin is cut short")
    block = max_m + 1  # words per level: a count and max_m ids
    blocks, position = [], 0
    for _ in range(count):  # a uint32 byte size, then one block per level above 0
        _require(position < len(words), "link_lists.bin is cut short")
        size = int(words[position])
        _require(size % (4 * block) == 0 and size // (4 * block) <= max(max_level, 0),
                 "link_lists.bin has an impossible list size")
        if size:
            blocks.append((position + 1, size // 4))
        position += 1 + size // 4
    _require(position == len(words), "link_lists.bin does not end where its lists end")
    if blocks:
        lists = np.concatenate([words[start:start + length] for start, length in blocks]).reshape(-1, block)
        _check_lists(lists, count, max_m, "link_lists.bin")


def _check_lists(lists: np.ndarray, count: int, capacity: int, name: str) -> None:
    """Rows of [count, id, id, ...]: every count within capacity, every id used an element."""
    counts = lists[:, 0] & LINK_COUNT_MASK
    _require(bool((counts <= capacity).all()), f"{name} has a neighbour list longer than allowed")
    used = np.arange(capacity)[None, :] < counts[:, None]
    _require(bool((lists[:, 1:][used] < count).all()), f"{name} points at elements that do not exist")


def _size(path: Path) -> int:
    return path.stat().st_size if path.exists() else 0


def _require(condition: bool, problem: str) -> None:
    if not condition:
        raise DamagedIndex(problem)
