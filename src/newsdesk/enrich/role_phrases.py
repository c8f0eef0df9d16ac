"""The title phrase written next to a person's name: the role `roles.py` judges.

"North Korea's First Vice Foreign Minister Kim ..." -> "first vice foreign minister";
"Kim Jong Un, a deputy foreign minister, said" -> "deputy foreign minister". A title is found
with the English lexicon's titles (`data/knowledge/lexicon/en.toml`), then widened by the rank
and time words before it ("vice", "first", "former", "then-").
"""

from __future__ import annotations

from spacy.tokens import Doc

from newsdesk.enrich.lexicon import Lexicon, longest_title
from newsdesk.enrich.roles import is_title_word, title_words


def role_near(
    doc: Doc, first: int, last: int, lexicon: Lexicon, inner_title: str | None = None
) -> str | None:
    """The title phrase naming the office of the person at tokens [first, last): written before
    the name ("North Korean Vice Foreign Minister Kim", `inner_title` when spaCy's span held it)
    or as an apposition after it ("Kim, a deputy foreign minister,")."""
    return role_before(doc, first, lexicon, inner_title) or role_after(doc, last, lexicon)


def role_before(
    doc: Doc, first: int, lexicon: Lexicon, inner_title: str | None = None
) -> str | None:
    """ "first vice foreign minister" in "... First Vice Foreign Minister Kim": a title ending
    right before the name, with the rank and time words before it ("vice", "former")."""
    words: list[str] = []
    i = first - 1
    while i >= 0 and len(words) < 8:
        token = doc[i]
        if token.text in ("-", "–") and not token.whitespace_:
            i -= 1  # "vice-foreign minister", "then-President"
            continue
        if not (token.is_alpha or (token.text.endswith(".") and len(token.text) <= 4)):
            break
        words.insert(0, token.lower_)
        i -= 1
    if inner_title:
        words += inner_title.split()
    return _title_at_end(title_words(" ".join(words)), lexicon)


def _title_at_end(words: list[str], lexicon: Lexicon) -> str | None:
    title = longest_title(words, lexicon.titles, at_start=False)
    if not title:
        return None
    start = len(words) - len(title.split())
    while start > 0 and is_title_word(words[start - 1]):
        start -= 1
    return " ".join(words[start:])


_DETERMINERS = frozenset({"a", "an", "the", "'s", "’s"})


def role_after(doc: Doc, last: int, lexicon: Lexicon) -> str | None:
    """ "Kim Jong Un, North Korea's vice foreign minister, said": a title in an apposition.

    After the comma only a determiner and the office's owner (capitalised words, "'s") may come
    before the title; a capitalised word right after the title means it is another person's
    ("Kim Jong Un, Foreign Minister Choe Son Hui and ...").
    """
    if last >= len(doc) or doc[last].text != ",":
        return None
    i = last + 1
    while i < min(len(doc), last + 8):
        token = doc[i]
        if is_title_word(token.lower_) or longest_title(
            [t.lower_ for t in doc[i : i + 5]], lexicon.titles, at_start=True
        ):
            return _title_from(doc, i, lexicon)
        if not (token.lower_ in _DETERMINERS or token.is_title or token.is_upper):
            return None
        i += 1
    return None


def _title_from(doc: Doc, i: int, lexicon: Lexicon) -> str | None:
    start = i
    while i < len(doc) and (is_title_word(doc[i].lower_) or doc[i].text in ("-", "–")):
        i += 1
    title = longest_title([t.lower_ for t in doc[i : i + 5]], lexicon.titles, at_start=True)
    if not title:
        return None
    end = i + len(title.split())
    if end < len(doc) and doc[end].is_title and doc[end].is_alpha:
        return None
    words = [t.lower_ for t in doc[start:end] if t.text not in ("-", "–")]
    return " ".join(title_words(" ".join(words)))
