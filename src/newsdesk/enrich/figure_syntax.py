"""What a figure counts and whom its sentence is about, read from the sentence's parse.

Only sentences holding a figure are parsed (tagger + parser), so this is cheap per article.
All rules are best effort and fall back quietly: a figure keeps its number and unit even when
no item or subject is found.
"""

from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc, Span, Token

from newsdesk.enrich.lexicon import load_lexicon
from newsdesk.model.enrichment import Figure, Mention

_ITEM_PREPOSITIONS = frozenset({"of", "in", "for", "as", "on"})
_ACTOR_TYPES = frozenset({"country", "org", "person"})
_PURPOSE_PREPOSITIONS = frozenset({"for", "as", "on"})
_PERCENT_PREPOSITIONS = frozenset({"of"})
_LINKING = frozenset({"worth"})  # "28.7 trillion won worth in revenue"
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})
_RELATIVE = frozenset({"which", "that", "who", "whom"})
_MODIFIERS = frozenset({"compound", "poss", "amod", "nmod", "flat", "appos"})
_NOUNS = frozenset({"NOUN", "PROPN"})
_CHANGE_NOUNS = frozenset(
    {
        "increase",
        "rise",
        "growth",
        "gain",
        "jump",
        "surge",
        "decrease",
        "decline",
        "drop",
        "fall",
        "loss",
        "cut",
        "reduction",
    }
)


class MentionIndex:
    """The entity linked at any character of the article."""

    def __init__(self, mentions: list[Mention], unresolved: bool = False) -> None:
        """Index the linked mentions, and the unresolved ones too when `unresolved` is True
        (they then answer with "" instead of an id)."""
        linked = sorted((m for m in mentions if m.entity_id or unresolved), key=lambda m: m.start)
        self._starts = [m.start for m in linked]
        self._mentions = linked

    def at(self, char: int) -> str | None:
        i = bisect.bisect_right(self._starts, char) - 1
        if i >= 0 and self._mentions[i].start <= char < self._mentions[i].end:
            return self._mentions[i].entity_id or ""
        return None

    def first_actor_between(self, start: int, end: int) -> str | None:
        """The first country, organisation or person named in [start, end)."""
        i = bisect.bisect_left(self._starts, start)
        while i < len(self._mentions) and self._mentions[i].start < end:
            entity_id = self._mentions[i].entity_id
            if entity_id and entity_id.split(":")[0] in _ACTOR_TYPES:
                return entity_id
            i += 1
        return None


class SentenceSyntax:
    """One parsed sentence; `base` is its offset in the article text."""

    def __init__(self, doc: Doc, base: int, dates: list[tuple[int, int]] = ()) -> None:
        self.doc = doc
        self.base = base
        self.dates = dates  # DATE/TIME spans the entity pass found, as article offsets

    def describe(self, figure: Figure, number_start: int, mentions: MentionIndex) -> None:
        """Set the counted noun (count figures), the item and the subject entity of `figure`."""
        span = self._span(figure.start, figure.end)
        number = self._span(number_start, number_start + 1)
        if span is None or number is None:
            return
        anchor = _anchor(span)
        if figure.kind == "number" or (figure.kind == "count" and figure.unit is None):
            self._count(figure, number[0], anchor, span)
        if figure.item is None:
            figure.item = self._item(figure, span, anchor, mentions)
        figure.subject_entity_id = self._subject(span, anchor, mentions)

    def governing_verb(self, figure: Figure, number_start: int) -> str | None:
        """The verb the figure's count hangs on ("killed" in "100 soldiers ... have been
        killed", "sent" in "sent 10,000 troops"), lower case; None when the parse has none."""
        number = self._span(number_start, number_start + 1)
        if number is None:
            return None
        token = number[0]
        noun = next((t for t in token.ancestors if t.pos_ in _NOUNS), None)
        start = noun if noun is not None and noun.i - token.i <= 4 else token
        if start.dep_ == "pobj":
            return None  # "1,000 of the 11,000 men": the verb is the part's, not the whole's
        verb = next((t for t in (start, *start.ancestors) if t.pos_ == "VERB"), None)
        return verb.lower_ if verb is not None else None

    def _span(self, start: int, end: int) -> Span | None:
        return self.doc.char_span(start - self.base, end - self.base, alignment_mode="expand")

    def _char(self, token: Token) -> int:
        return self.base + token.idx

    def _is_date(self, token: Token) -> bool:
        char = self._char(token)
        return any(start <= char < end for start, end in self.dates)

    # --- counted noun -----------------------------------------------------------------------

    def _count(self, figure: Figure, number: Token, anchor: Token, span: Span) -> None:
        """ "around 3,000 additional troops": unit 'troops', item 'additional troops'; a bare
        number after "the number of defectors" counts defectors."""
        noun = None
        while span.start <= number.head.i < span.end and number.head != number:
            number = number.head  # "1,000-2,000 troops": the count hangs on the last number
        head = number.head
        if number.dep_ in ("nummod", "quantmod") and head.pos_ in _NOUNS and head.i >= span.end:
            noun = head
        elif (
            span.end < len(self.doc) and self.doc[span.end].lower_ == "of"
        ):  # "thousands of troops"
            noun = next((c for c in self.doc[span.end].children if c.dep_ == "pobj"), None)
        if noun is None and figure.kind == "number":
            noun = self._number_of(span)  # "the number of defectors was 229"
        if noun is None or noun.pos_ not in _NOUNS or not noun.is_alpha or self._is_date(noun):
            return
        figure.kind, figure.unit = "count", noun.text.lower()
        figure.item = _phrase(noun, exclude=span)

    def _number_of(self, span: Span) -> Token | None:
        """ "The number of North Korean defectors ... reached 181", "bringing the total number
        of defectors to 34,259": the plural noun the number "of" before a bare figure counts."""
        found = None
        for token in self.doc[: span.start]:
            if token.lower_ != "number" or not any(c.lower_ == "the" for c in token.lefts):
                continue
            of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            noun = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
            if noun is not None and noun.tag_ == "NNS":
                found = noun
            if found is not None and any(t.text in ".;" for t in self.doc[token.i : span.start]):
                found = None  # "... to 34,314. Of them, 24,746 are women": another sentence
        return found

    # --- item -------------------------------------------------------------------------------

    def _item(
        self, figure: Figure, span: Span, anchor: Token, mentions: MentionIndex
    ) -> str | None:
        return (
            self._item_after(span, mentions, figure.kind == "percent")
            or self._item_worth(span)
            or self._item_of_noun(anchor)
            or self._item_from_clause(anchor, span, mentions)
        )

    def _item_worth(self, span: Span) -> str | None:
        """ "an offer of flood relief worth about $2 million" -> 'flood relief'."""
        before = span.start - 1
        if (
            before >= 0
            and self.doc[before].lower_ == "worth"
            and self.doc[before].head.pos_ in _NOUNS
        ):
            return _phrase(self.doc[before].head, exclude=span)
        return None

    def _item_after(self, span: Span, mentions: MentionIndex, percent: bool) -> str | None:
        """ "tons of coal", "won worth in revenue", "$2 billion as low-interest loans";
        a percentage only takes "of" ("40 percent of the market", not "62 percent in a poll")."""
        i, prepositions = span.end, _PERCENT_PREPOSITIONS if percent else _ITEM_PREPOSITIONS
        if i < len(self.doc) and self.doc[i].lower_ in _LINKING:
            i += 1
        elif i < len(self.doc) and self.doc[i].tag_ == "VBN":  # "$300 million earmarked for aid"
            i, prepositions = i + 1, _PURPOSE_PREPOSITIONS
        if i + 1 >= len(self.doc) or self.doc[i].lower_ not in prepositions:
            return None
        target = next((c for c in self.doc[i].children if c.dep_ == "pobj"), self.doc[i + 1])
        if target.pos_ not in _NOUNS or target.like_num or self._is_date(target):
            return None
        if mentions.at(self._char(target)):
            return None  # "for North Korea" is a beneficiary, not an item
        return _phrase(target, exclude=span)

    def _item_of_noun(self, anchor: Token) -> str | None:
        """ "an operating profit of 10.4 trillion won" -> 'operating profit'."""
        prep = anchor.head
        owner = prep.head
        if anchor.dep_ == "pobj" and prep.lower_ == "of" and owner.pos_ in _NOUNS:
            return _phrase(owner) if owner.lower_ not in _CHANGE_NOUNS else None
        return None

    def _item_from_clause(self, anchor: Token, span: Span, mentions: MentionIndex) -> str | None:
        """The subject or object of the clause: "coal imports surged to 8.29 million tons"."""
        for verb in _verbs_above(anchor):
            for child in verb.children:
                noun = _antecedent(verb, child) if child.dep_ in _SUBJECTS else None
                if child.dep_ == "dobj" and anchor.i not in _subtree_ids(child):
                    noun = child if child.lower_ not in _CHANGE_NOUNS else None
                if noun is not None and noun.pos_ in _NOUNS and not mentions.at(self._char(noun)):
                    return _phrase(noun, exclude=span)
        return None

    # --- subject ------------------------------------------------------------------------------

    def _subject(self, span: Span, anchor: Token, mentions: MentionIndex) -> str | None:
        """Subject entity, best effort, in this order: a grammatical subject up the tree (not
        the source of a "said"), the entity after "for", the first actor (country, org,
        person) named before the figure, the source of a "said". When the figure belongs to
        "its"/"their" something ("its operating profit rose ..., Samsung said"), the source
        comes before the first actor."""
        speaker, owned_by_pronoun = None, False
        speech = load_lexicon().speech_verbs
        for verb in _verbs_above(anchor):
            for child in verb.children:
                if child.dep_ not in _SUBJECTS:
                    continue
                noun = _antecedent(verb, child)
                found = (
                    self._entity_near(noun, mentions)
                    or self._entity_of(noun, mentions)
                    or self._origin(noun, mentions)
                )
                if found and verb.lower_ in speech:
                    speaker = speaker or found
                elif found:
                    return found
                owned_by_pronoun |= any(
                    c.dep_ == "poss" and c.pos_ == "PRON" for c in noun.children
                )
        if owned_by_pronoun and speaker:
            return speaker
        start = self.base + _dateline_end(self.doc.text)
        return (
            self._beneficiary(span, mentions)
            or mentions.first_actor_between(start, self._char(span[0]))
            or speaker
        )

    def _beneficiary(self, span: Span, mentions: MentionIndex) -> str | None:
        """ "28.7 trillion won worth in revenue for North Korea": the entity after "for"."""
        for token in self.doc[span.end : span.end + 5]:
            if token.is_punct:
                return None
            if token.lower_ == "for" and token.i + 1 < len(self.doc):
                return self._entity_near(self.doc[token.i + 1], mentions)
        return None

    def _entity_of(self, noun: Token, mentions: MentionIndex) -> str | None:
        """ "the approval rating of President Yoon's job performance rose to 23%", "the number
        of North Korean defectors fell to 236": the actor the subject noun is "of", two "of"s
        deep at most."""
        for _ in range(2):
            of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            target = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
            if target is None:
                return None
            found = self._entity_near(target, mentions)
            if found:
                return found
            noun = target
        return None

    def _origin(self, noun: Token, mentions: MentionIndex) -> str | None:
        """ "300 soldiers from Russia died", "troops from the North Korean army were killed":
        the actor a subject noun comes "from" is whose it is."""
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "from"), None)
        target = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
        return self._entity_near(target, mentions) if target is not None else None

    def _entity_near(self, token: Token, mentions: MentionIndex) -> str | None:
        """The actor (country, org, person) at this noun or at its modifiers ("South Korea",
        "Samsung's profit"). A place is no subject: a capital acting is already its state."""
        for candidate in (token, *(c for c in token.children if c.dep_ in _MODIFIERS)):
            found = mentions.at(self._char(candidate))
            if found and found.split(":")[0] in _ACTOR_TYPES:
                return found
        return None


_DATELINE = re.compile(r"^[A-Z][A-Z .'-]+,[^\n]{0,40}?\([^)]{1,30}\)\s*(?:--|—|–)\s*")


def _dateline_end(sentence: str) -> int:
    """Length of a leading "SEOUL, Oct. 8 (Yonhap) -- ": the agency is never the subject."""
    match = _DATELINE.match(sentence)
    return match.end() if match else 0


def _anchor(span: Span) -> Token:
    """The token of the figure its sentence hangs it on ("tons" in "17.38 million metric tons")."""
    outside = [t for t in span if t.head.i < span.start or t.head.i >= span.end or t.head == t]
    # "won" is often parsed as the verb: prefer the number word that carries the figure.
    nominal = [t for t in outside if t.pos_ != "VERB"]
    return (nominal or outside or [span[-1]])[-1]


def _verbs_above(token: Token) -> list[Token]:
    return [t for t in (token, *token.ancestors) if t.pos_ in ("VERB", "AUX")]


def _antecedent(verb: Token, subject: Token) -> Token:
    """ "the duties, which are at 50 percent": the subject of 'are' is 'duties'."""
    if subject.lower_ in _RELATIVE and verb.dep_ == "relcl":
        return verb.head
    return subject


def _subtree_ids(token: Token) -> set[int]:
    return {t.i for t in token.subtree}


def _phrase(noun: Token, exclude: Span | None = None) -> str | None:
    """The noun with its left modifiers, without determiners and the figure itself."""
    skip = set(range(exclude.start, exclude.end)) if exclude is not None else set()
    stop = load_lexicon().leading_stopwords
    left = [t for t in noun.lefts if t.dep_ in (*_MODIFIERS, "case") and t.i not in skip]
    first = min((t.left_edge.i for t in left), default=noun.i)
    words = [t for t in noun.doc[first : noun.i + 1] if t.i not in skip]
    while words and (
        words[0].lower_ in stop
        or words[0].is_punct
        or (words[0].like_num and not _hyphen_compound(words[0]))  # keep "two-way trade"
    ):
        words.pop(0)
    text = "".join(t.text_with_ws for t in words).strip()
    return text or None


def _hyphen_compound(token: Token) -> bool:
    doc = token.doc
    return token.i + 1 < len(doc) and doc[token.i + 1].text == "-" and not token.whitespace_
