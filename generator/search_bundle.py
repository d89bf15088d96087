"""Pagefind's bundle after indexing: short page ids in its metadata file.

In:  a Pagefind bundle folder (pagefind/, pagefind-2/, ...) as Pagefind 1.5 wrote it.
Out: the same bundle with every page's id (the name of its fragment file) shortened from a random 7-hex hash
     to a number under a tag of the bundle, e.g. `nl_4cd69ab` -> `3f9c21a/1b`, fragment/3f9c21a/1b.pf_fragment.

Why: the metadata file (pagefind.<hash>.pf_meta) lists every indexed page with its id and word count, and every
visitor loads it before the first result. Random hashes do not compress: 6.7 bytes per page with gzip, 13 kB
at 2,000 projects, 67 kB over two shards at 10,000. Sequential numbers compress to about half of that.

The tag is a hash of the bundle's fragments and its number, so a fragment's address changes whenever any
fragment of its bundle changes (a cached fragment is never read under a new meaning) and no two bundles share
one. The metadata file gets a new content hash in its name and in pagefind-entry.json, as Pagefind names it.
Nothing else refers to a page id: index and filter chunks name pages by their position in the metadata.

The metadata is CBOR (after the `pagefind_dcd` signature, gzip-compressed). It is decoded and encoded here with
the few CBOR types Pagefind writes; when the encoding does not reproduce a file exactly (another Pagefind
version), the bundle is left as it is.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import struct
from pathlib import Path

SIGNATURE = b"pagefind_dcd"
DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


# --- the CBOR subset Pagefind writes ---------------------------------------------------------------------------
def cbor_decode(data: bytes, at: int = 0) -> tuple[object, int]:
    """One CBOR item at `at`: unsigned and negative integers, byte and text strings, arrays, maps, booleans."""
    first = data[at]
    major, info = first >> 5, first & 31
    at += 1
    if info < 24:
        value = info
    elif info in (24, 25, 26, 27):
        size = 1 << (info - 24)
        value = int.from_bytes(data[at:at + size], "big")
        at += size
    else:
        raise ValueError(f"CBOR item {first:#x} at {at - 1} is not supported")
    if major == 0:
        return value, at
    if major == 1:
        return -1 - value, at
    if major in (2, 3):
        raw = data[at:at + value]
        return (raw if major == 2 else raw.decode("utf-8")), at + value
    if major == 4:
        items = []
        for _ in range(value):
            item, at = cbor_decode(data, at)
            items.append(item)
        return items, at
    if major == 5:
        mapping = {}
        for _ in range(value):
            key, at = cbor_decode(data, at)
            mapping[key], at = cbor_decode(data, at)
        return mapping, at
    if major == 7 and info in (20, 21):
        return info == 21, at
    raise ValueError(f"CBOR item {first:#x} at {at - 1} is not supported")


def _head(major: int, value: int) -> bytes:
    if value < 24:
        return bytes([major << 5 | value])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if value < 1 << (8 * size):
            return bytes([major << 5 | info]) + value.to_bytes(size, "big")
    raise ValueError(value)


def cbor_encode(item: object) -> bytes:
    """The shortest encoding of each item, definite lengths: what Pagefind's encoder writes."""
    if isinstance(item, bool):
        return b"\xf5" if item else b"\xf4"
    if isinstance(item, int):
        return _head(0, item) if item >= 0 else _head(1, -1 - item)
    if isinstance(item, bytes):
        return _head(2, len(item)) + item
    if isinstance(item, str):
        raw = item.encode("utf-8")
        return _head(3, len(raw)) + raw
    if isinstance(item, list):
        return _head(4, len(item)) + b"".join(cbor_encode(x) for x in item)
    if isinstance(item, dict):
        return _head(5, len(item)) + b"".join(cbor_encode(k) + cbor_encode(v) for k, v in item.items())
    raise TypeError(f"{type(item).__name__} cannot be encoded")


def read_pagefind_file(path: Path) -> object:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise ValueError(f"{path}: not a Pagefind file")
    item, end = cbor_decode(data, len(SIGNATURE))
    if end != len(data):
        raise ValueError(f"{path}: {len(data) - end} bytes after the data")
    return item


def pagefind_bytes(item: object) -> bytes:
    return gzip.compress(SIGNATURE + cbor_encode(item), 9, mtime=0)


# --- short page ids -------------------------------------------------------------------------------------------
def number(n: int) -> str:
    """0 -> '0', 35 -> 'z', 36 -> '10'."""
    out = ""
    while True:
        n, digit = divmod(n, len(DIGITS))
        out = DIGITS[digit] + out
        if not n:
            return out


def shorten_page_ids(bundle: Path, ordinal: int) -> bool:
    """Rename the pages of one bundle (the `ordinal`-th, from 0) to `<tag>/<number>`; False when the bundle is
    left as it is (its metadata is not in the expected form)."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    plans = []
    for language, info in entry["languages"].items():
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        raw = gzip.decompress(meta_path.read_bytes())
        meta = read_pagefind_file(meta_path)
        # [version, pages [[id, word count]], index chunks, filter chunks, sorts, meta fields]
        if SIGNATURE + cbor_encode(meta) != raw or not isinstance(meta, list) or len(meta) < 2:
            return False
        pages = meta[1]
        if not all(isinstance(p, list) and len(p) == 2 and isinstance(p[0], str) for p in pages):
            return False
        plans.append((language, info, meta_path, meta))
    fragments = bundle / "fragment"
    digest = hashlib.sha256(str(ordinal).encode())
    for _, _, _, meta in plans:
        for page_id, _ in meta[1]:
            digest.update(page_id.encode() + b"\0" + (fragments / f"{page_id}.pf_fragment").read_bytes())
    tag = digest.hexdigest()[:6] + number(ordinal)
    for language, info, meta_path, meta in plans:
        prefix = tag if len(plans) == 1 else f"{tag}{language}"
        (fragments / prefix).mkdir(parents=True, exist_ok=True)
        for i, page in enumerate(meta[1]):
            new = f"{prefix}/{number(i)}"
            (fragments / f"{page[0]}.pf_fragment").rename(fragments / f"{new}.pf_fragment")
            page[0] = new
        data = pagefind_bytes(meta)
        name = f"{language}_{hashlib.sha256(data).hexdigest()[:10]}"
        meta_path.unlink()
        (bundle / f"pagefind.{name}.pf_meta").write_bytes(data)
        info["hash"] = name
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return True
