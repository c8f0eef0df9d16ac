"""How names are compared and spelled: the normalised key, id slugs, word stems and the
romanisation variants of Korean names. Used by the knowledge index and by linking alike."""

from __future__ import annotations

import re
import unicodedata


def is_stem(form: str) -> bool:
    """ "Nordkorea*": a word stem that takes any ending, matched only on text as written."""
    return "*" in form


def name_key(text: str) -> str:
    """The form names are compared in: case, spacing, hyphens and a leading "the" ignored.

    "Kim Jong-un", "Kim Jong Un" and "KIM JONG UN" all give "kimjongun"; "N. Korea" gives
    "nkorea"; "the Kremlin" gives "kremlin".
    """
    folded = text.replace("’", "'").casefold().strip()
    folded = re.sub(r"^the\s+", "", folded)
    return re.sub(r"[\W_]+", "", folded)


def slugify(text: str) -> str:
    """ASCII slug for ids: "Park Yong-han" -> "park-yong-han"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_text = re.sub(r"['’]", "", ascii_text.casefold())
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")
    return slug or re.sub(r"\W+", "-", text.casefold()).strip("-")


def korean_name_variants(name: str) -> list[str]:
    """Romanisation variants of a three-syllable Korean name.

    "Kim Jong Un" -> ["Kim Jong Un", "Kim Jong-un", "Kim Jong-Un", "Kim Jongun"]; names whose
    given name is one written word ("Chung Euisun") have no variants to add.
    """
    words = re.split(r"[\s\-]+", name.strip())
    if len(words) != 3:
        return [name]
    family, first, second = words[0], words[1].capitalize(), words[2]
    return [
        f"{family} {first} {second.capitalize()}",
        f"{family} {first}-{second.lower()}",
        f"{family} {first}-{second.capitalize()}",
        f"{family} {first}{second.lower()}",
    ]


# Spellings of one Korean family name: the South's revised romanisation, the North's and the
# older ones the press keeps ("Choe Son Hui" / "Choi Son Hui", "Pak" / "Park", "Ri" / "Lee").
_FAMILY_SPELLINGS = (
    ("Choe", "Choi"),
    ("Pak", "Park"),
    ("Ri", "Lee", "Rhee", "Yi"),
    ("Jo", "Cho"),
    ("Ro", "Roh", "No"),
    ("Jong", "Jung", "Chong"),
    ("Kang", "Gang"),
    ("Yun", "Yoon"),
    ("O", "Oh"),
    ("Hyon", "Hyun"),
    ("Ryu", "Yoo", "Yu"),
    ("Son", "Sohn"),
    ("Sin", "Shin"),
    ("Im", "Lim"),
)


def family_name_spellings(name: str) -> list[str]:
    """The other spellings of a Korean name's family name: "Choe Son Hui" -> ["Choi Son Hui"]."""
    family, _, given = name.partition(" ")
    for spellings in _FAMILY_SPELLINGS:
        if family in spellings and given:
            return [f"{other} {given}" for other in spellings if other != family]
    return []
