"""How names of units are matched across files: one key for the ways one name is written.

"UBND xã Ia Ake", "ubnd  XÃ IA AKE" and a name in decomposed Unicode are the same unit; so
are "Phòng Văn hoá" and "Phòng Văn hóa" (the old and the new place of the tone mark, both
in use, sometimes in one plan). Keys are for comparing only, never shown.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_TONED = {"à": "ò", "á": "ó", "ả": "ỏ", "ã": "õ", "ạ": "ọ",
          "è": "ò", "é": "ó", "ẻ": "ỏ", "ẽ": "õ", "ẹ": "ọ"}
_TONED_Y = {"ỳ": "ù", "ý": "ú", "ỷ": "ủ", "ỹ": "ũ", "ỵ": "ụ"}
_PAIRS = {f"o{mark}": f"{_TONED[mark]}{'a' if mark in 'àáảãạ' else 'e'}" for mark in _TONED}
_PAIRS |= {f"u{mark}": f"{tone}y" for mark, tone in _TONED_Y.items()}


@lru_cache(maxsize=65536)
def unit_key(name: str) -> str:
    """The comparison key of a name: case, spacing, composition and tone place folded."""
    text = " ".join(unicodedata.normalize("NFC", name).casefold().split())
    if any(pair in text for pair in _PAIRS):
        for old, new in _PAIRS.items():
            text = text.replace(old, new)
    return text
