"""Where prepared templates come from: memory within a process, a file between processes.

Preparing a template costs a tenth of a second (parsing the package, docxtpl's tag
preprocessing, python-docx for the sections). Within a process each template is prepared
once; between processes the result is kept as JSON in the user's cache folder
(:func:`user_cache_folder`, or ``KEHOACH_CACHE=folder``; ``KEHOACH_CACHE=0`` turns it off),
named by a hash of the template's bytes and the versions that prepared it, so a restyled
template or a new kehoach is prepared again.
"""

from __future__ import annotations

import base64
import contextlib
import dataclasses
import hashlib
import json
import os
import sys
from collections.abc import Mapping
from functools import lru_cache
from importlib import metadata
from importlib.resources import files
from pathlib import Path
from typing import Any

from generator.errors import KeHoachError
from generator.inputs import read_input
from generator.outputs import write_file
from generator.render.template.preparation import (
    MAX_UNPACKED_BYTES,
    TEMPLATE,
    PreparedTemplate,
    Section,
    Style,
    prepare,
)


def prepared(path: Path | None) -> PreparedTemplate:
    """The shipped template or a clerk's ``--template``, prepared once per process."""
    if path is None:
        return _shipped()
    stat = path.stat() if path.exists() else None
    return _clerks(path, stat.st_mtime_ns if stat else 0, stat.st_size if stat else 0)


@lru_cache(maxsize=1)
def _shipped() -> PreparedTemplate:
    data = files("generator.templates").joinpath(TEMPLATE).read_bytes()
    return cached_prepare(data, str(Path("templates") / TEMPLATE))


@lru_cache(maxsize=8)
def _clerks(path: Path, mtime: int, size: int) -> PreparedTemplate:
    """A clerk's template: any problem reading it is the clerk's to fix."""
    del mtime, size  # part of the cache key: an edited template is prepared again
    return cached_prepare(read_input(path, MAX_UNPACKED_BYTES, "mẫu trình bày (--template)"),
                          str(path))


CACHE_VERSION = "2"


def _cache_folder() -> Path | None:
    """Where prepared templates are kept between runs (``KEHOACH_CACHE=0`` turns it off)."""
    chosen = os.environ.get("KEHOACH_CACHE", "")
    if chosen in ("0", "off"):
        return None
    if chosen:
        return Path(chosen)
    return user_cache_folder(sys.platform, os.environ, Path.home())


def user_cache_folder(system: str, environ: Mapping[str, str], home: Path) -> Path:
    """Where each system keeps a user's caches: ``%LOCALAPPDATA%\\kehoach\\cache`` on
    Windows (not roamed with the profile), ``~/Library/Caches/kehoach`` on macOS,
    ``$XDG_CACHE_HOME/kehoach`` (``~/.cache/kehoach``) elsewhere."""
    if system == "win32":
        local = environ.get("LOCALAPPDATA")
        return (Path(local) if local else home / "AppData" / "Local") / "kehoach" / "cache"
    if system == "darwin":
        return home / "Library" / "Caches" / "kehoach"
    return Path(environ.get("XDG_CACHE_HOME") or home / ".cache") / "kehoach"


def cached_prepare(data: bytes, source: str) -> PreparedTemplate:
    """:func:`prepare`, kept on disk by the template's content, so a new process starts
    without parsing the template again (or loading docxtpl and python-docx to do it)."""
    folder = _cache_folder()
    if folder is None:
        return prepare(data, source)
    versions = f"{CACHE_VERSION}|{metadata.version('kehoach')}|{metadata.version('docxtpl')}"
    key = hashlib.sha256(versions.encode() + data).hexdigest()[:32]
    path = folder / f"mau-{key}.json"
    try:
        return _from_record(json.loads(path.read_text(encoding="utf-8")), source)
    except (OSError, ValueError, KeyError, TypeError):
        pass  # not cached yet, or unreadable: prepare it again
    done = prepare(data, source)
    with contextlib.suppress(OSError, KeHoachError):  # a read-only home only costs time
        write_file(path, json.dumps(_record(done), ensure_ascii=False))
    return done


def _record(template: PreparedTemplate) -> dict[str, Any]:
    """A prepared template as JSON-ready data (bytes in base64)."""
    record = {name: getattr(template, name) for name in _TEXT_FIELDS}
    record["parts"] = {k: base64.b64encode(v).decode("ascii") for k, v in template.parts.items()}
    record["styles_by_size"] = {str(k): base64.b64encode(v).decode("ascii")
                                for k, v in template.styles_by_size.items()}
    record["styles"] = {k: dataclasses.asdict(v) for k, v in template.styles.items()}
    record["sections"] = {f"{int(a)}{int(b)}": dataclasses.asdict(v)
                          for (a, b), v in template.sections.items()}
    return record


def _from_record(record: dict[str, Any], source: str) -> PreparedTemplate:
    return PreparedTemplate(
        **{name: record[name] for name in _TEXT_FIELDS if name not in ("source",
                                                                        "metadata_parts")},
        source=source,
        parts={k: base64.b64decode(v) for k, v in record["parts"].items()},
        styles_by_size={int(k): base64.b64decode(v) for k, v in record["styles_by_size"].items()},
        styles={k: Style(**v) for k, v in record["styles"].items()},
        metadata_parts=tuple(record["metadata_parts"]),
        sections={(k[0] == "1", k[1] == "1"): Section(**v)
                  for k, v in record["sections"].items()})


_TEXT_FIELDS = ("source", "document", "head", "tail", "body_source", "tagged_sources",
                "footnotes", "styles_part", "settings_part", "settings", "fixes_tables",
                "metadata_parts")


