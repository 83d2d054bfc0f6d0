"""Free text people type (names, addresses, places, reasons): the one type for every input model
(G7, DESIGN rule 12).

What people type reaches agencies' payloads, notices and the public holder name of a
certificate, so it must show what it says. Control characters (NUL, ESC), bidirectional
overrides (U+202E), invisible characters (zero-width space and joiners, the BOM) and private-use
or surrogate code points are refused with a problem naming the field; what is kept is
normalised to NFC, so "ə" typed as one letter or as "e" plus a combining mark is stored once, one
way. Multi-line text keeps its line breaks and tabs.

    name: Text                  # one line, up to 200 characters
    address: LongText           # one line, up to 500
    details: Lines              # line breaks kept, up to 2000
    place: Annotated[str, StringConstraints(max_length=300), Clean]   # bounds of its own
"""

from __future__ import annotations

import functools
import unicodedata
from typing import Annotated, Any

from pydantic import AfterValidator, StringConstraints
from pydantic_core import PydanticCustomError

from egov.platform import i18n

# Unicode general categories never meant to be typed into a form: control, format (bidi
# overrides, zero-width characters), private use, surrogates, line and paragraph separators.
_REFUSED = frozenset({"Cc", "Cf", "Co", "Cs", "Zl", "Zp"})
_LINE_BREAKS = frozenset("\n\r\t")
KEY = "text.invisible-character"

i18n.register(
    {
        KEY: {
            "az": "Mətndə görünməyən və ya idarəedici simvol var ({codepoint}); onu silin",
            "en": "The text contains an invisible or control character ({codepoint}); remove it",
        }
    }
)


def clean(value: str, *, multiline: bool = False) -> str:
    """`value` in NFC; a refused character raises the i18n-keyed error naming its code point."""
    normalised = unicodedata.normalize("NFC", value)
    for char in normalised:
        if multiline and char in _LINE_BREAKS:
            continue
        if unicodedata.category(char) in _REFUSED:
            raise PydanticCustomError(
                KEY,
                "The text contains an invisible or control character ({codepoint})",
                {"codepoint": f"U+{ord(char):04X}"},
            )
    return normalised


def clean_tree(value: Any) -> Any:
    """Every string in a structured value (keys included) cleaned as one line: a document such
    as a GeoJSON geometry is stored and shown as given, so its strings are input too (G7)."""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, dict):
        return {clean_tree(key): clean_tree(item) for key, item in value.items()}
    if isinstance(value, list):
        return [clean_tree(item) for item in value]
    return value


# The validators, for a field with its own bounds: Annotated[str, StringConstraints(...), Clean].
Clean = AfterValidator(clean)
CleanLines = AfterValidator(functools.partial(clean, multiline=True))
CleanTree = AfterValidator(clean_tree)

# The usual shapes: one line (a name, a place), a longer line (an address), free lines (details).
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), Clean]
LongText = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500), Clean
]
Lines = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000), CleanLines
]
