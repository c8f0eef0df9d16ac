"""Who states a figure: the claimant, read from attribution in the text.

Every language names its sources the same few ways, listed in its lexicon file
(`[ledger.claimant]`, see `ledger_rules.py`):
- a cue before the source: "according to the NIS", "citing a military source", "selon Kiev";
- a cue after it: "the NIS's estimate", "KCNA zufolge", "국정원은";
- a speech verb, with its speaker before it ("Washington said") or, after a comma or a quote,
  after it ("..., said Kyrylo Budanov");
- a description of a spy agency beside its state ("South Korea's spy agency",
  "разведке Южной Кореи"), which stands for that state's agency;
- a pointer back ("the report said", "he said") to the last source named;
- "This was announced by X" after the sentence, and source lines ("Source: Yonhap",
  "со ссылкой на Reuters") for the whole text.

A figure takes the sources of its own sentence (and of the quote it stands in); when there are
none, those of a following "This was announced by" sentence, else those of the source lines,
else none (the publisher speaks). Of several, a source that is not a news outlet wins (the
minister, not the agency quoting him), then one cited (the NIS a lawmaker was briefed by), then
the one nearest the figure.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from newsdesk.enrich.ledger_rules import CueHit, LedgerRules, find_cues
from newsdesk.model.enrichment import Mention

ACTOR_TYPES = frozenset({"country", "org", "person"})
_TYPE_RANK = {"person": 0, "org": 1, "country": 2}  # the head of "top Russian official Shoigu"
_PHRASE_END = re.compile(r"[.;:!?\"“”«»()\[\]，。；：]|\n|,")
_HARD_END = re.compile(r"[.;:!?\"“”«»\n。；]")
_PHRASE_CHARS = 60  # how far a phrase after a cue may run
_BEFORE_CHARS = 40  # how far before a speech verb its speaker may stand
_ATTACHED_CHARS = 12  # gap between a source and a cue written after it ("국정원은", "X zufolge")
_SPLIT = re.compile(r"(?<=[.!?])[\"”’»)]*\s+|(?<=[。！？])[」』”]*|\n+|(?<=[a-zà-ÿ]\.)(?=[A-Z0-9])")
_NO_SPLIT_BEFORE = re.compile(
    r"(?:\b[A-Z]|\b(?:Mr|Ms|Mrs|Dr|Gen|Lt|Col|Sgt|Rep|Sen|Gov|St|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|U\.N|vs|approx|ca|Co|Corp|Inc))\.$"
)


@dataclass(frozen=True)
class Actor:
    """A named country, organisation or person, or a spy agency described by its state."""

    start: int
    end: int
    entity_id: str
    type: str
    text: str


@dataclass(frozen=True)
class Claim:
    actor: Actor
    cue_start: int
    cited: bool  # named by "according to", "citing": the source behind a speaker
    media: bool
    weak: bool = False  # only a topic marker names it: taken when nothing else does


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of `text`: after . ! ? (not after an initial or a short title) and at
    line breaks. Good enough to tell which sentence a cue and a figure share."""
    spans, start = [], 0
    for match in _SPLIT.finditer(text):
        if match.start() <= start:
            continue
        if "\n" not in match.group() and _NO_SPLIT_BEFORE.search(text[start : match.start()]):
            continue
        if match.start() > start:
            spans.append((start, match.start()))
        start = match.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


class Sentences:
    def __init__(self, text: str) -> None:
        self.spans = split_sentences(text)
        self._starts = [s for s, _ in self.spans]

    def index(self, char: int) -> int:
        return max(0, bisect.bisect_right(self._starts, char) - 1)


def actors(text: str, mentions: list[Mention], rules: LedgerRules) -> list[Actor]:
    """The linked actor mentions, with spy agencies described by their state added as actors
    (the state's mention beside the description folded into them)."""
    found = [
        Actor(m.start, m.end, m.entity_id, m.entity_id.split(":")[0], m.text)
        for m in mentions
        if m.entity_id and m.entity_id.split(":")[0] in ACTOR_TYPES
    ]
    agencies = _agencies(text, found, rules)
    kept = [a for a in found if not any(_covers(agency, a) for agency, _ in agencies)]
    return sorted([*kept, *(agency for agency, _ in agencies)], key=lambda a: a.start)


def _covers(outer: Actor, inner: Actor) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


def _agencies(
    text: str, found: list[Actor], rules: LedgerRules
) -> list[tuple[Actor, Actor | None]]:
    """ "South Korea's spy agency" -> the NIS (with the country mention it absorbed, or None
    when no state stands beside it: then the state of the last such body, else the first state
    the text names that has one)."""
    result = []
    default = next((a for a in found if a.type == "country" and _has_agency(a, rules)), None)
    known = {agency for table in rules.agencies.values() for agency in table.values()}
    for hit in find_cues(text, rules.body_cues):
        around = next((a for a in found if a.type == "org" and a.start <= hit.start < a.end), None)
        state = _state_beside(text, hit, [a for a in found if a is not around])
        if around is not None:
            if around.entity_id in known or state is None:
                continue  # a named body ("Main Intelligence Directorate")
            hit = CueHit(around.start, around.end, hit.cue)  # "Western intelligence agencies"
        country = state or default
        default = state or default  # "...разведке Южной Кореи. В разведке подтвердили": the same
        agency = rules.agencies.get(hit.cue.value, {}).get(country.entity_id) if country else None
        if agency is None:
            continue
        start = min(hit.start, state.start) if state else hit.start
        end = max(hit.end, state.end) if state else hit.end
        result.append((Actor(start, end, agency, "org", text[start:end]), state))
    return result


def _has_agency(actor: Actor, rules: LedgerRules) -> bool:
    return any(actor.entity_id in table for table in rules.agencies.values())


def _state_beside(text: str, hit: CueHit, found: list[Actor]) -> Actor | None:
    """The country named right before or after a body's description, with no other name
    between them ("South Korean MP Lee, citing intelligence data": not South Korea's)."""
    best, best_gap = None, 30
    for actor in found:
        if actor.type != "country":
            continue
        if actor.end <= hit.start:
            gap = (actor.end, hit.start)
        elif actor.start >= hit.end:
            gap = (hit.end, actor.start)
        else:
            continue
        gap_text = text[gap[0] : gap[1]]
        if len(gap_text) >= best_gap or _PHRASE_END.search(gap_text):
            continue
        if not any(gap[0] <= a.start < gap[1] for a in found if a is not actor):
            best, best_gap = actor, len(gap_text)
    return best


class ClaimFinder:
    """The claims of one text, found once and handed to each figure."""

    def __init__(self, text: str, found: list[Actor], mentions: list[Mention], rules: LedgerRules):
        self.text = text
        self.rules = rules
        self.actors = found
        self.people = [a for a in found if a.type == "person"]
        self.sentences = Sentences(text)
        self.by_sentence: dict[int, list[Claim]] = {}
        self.source_lines: list[Claim] = []
        self._next_sentence: set[int] = set()
        self._collect()

    # --- finding the claims -------------------------------------------------------------------

    def _collect(self) -> None:
        last: Claim | None = None
        for index, (start, end) in enumerate(self.sentences.spans):
            claims = []
            for hit, kind in self._cue_hits(start, end):
                actor = self._actor_for(hit, kind, start, end, last)
                if actor is None:
                    continue
                cited = kind in ("after", "cited_before")
                media = self.is_media(actor) or (kind == "after" and self._media_phrase(hit))
                claim = Claim(actor, hit.start, cited, media)
                claims.append(claim)
                last = claim
            topic = self._topic(start, end)
            if topic is not None:
                claims.append(Claim(topic, topic.end, False, self.is_media(topic), weak=True))
            self.by_sentence[index] = claims
            if find_cues(self.text, self.rules.next_sentence_cues, start, end):
                self._next_sentence.add(index)
            for hit in find_cues(self.text, self.rules.source_line_cues, start, end):
                self.source_lines += [c for c in claims if c.cue_start >= hit.start]

    def _topic(self, start: int, end: int) -> Actor | None:
        """The actor a topic marker follows ("국정원은") nearest before the sentence's last
        reporting verb ("...보냈다고 국정원은 밝혔다"): its speaker, when nothing else names one."""
        if not self.rules.topic_cues:
            return None
        verbs = find_cues(self.text, self.rules.topic_verbs, start, end)
        if not verbs:
            return None
        topics = [
            a
            for a in self.actors
            if start <= a.start < verbs[-1].start and self._marked_topic(a, end)
        ]
        return topics[-1] if topics else None

    def _marked_topic(self, actor: Actor, end: int) -> bool:
        hits = find_cues(self.text, self.rules.topic_cues, actor.end, min(end, actor.end + 3))
        return bool(hits) and hits[0].start == actor.end

    def _cue_hits(self, start: int, end: int) -> list[tuple[CueHit, str]]:
        hits = []
        for kind, cues in (
            ("after", self.rules.claimant_after),
            ("after", self.rules.source_line_cues),
            ("before", self.rules.claimant_before),
            ("cited_before", self.rules.claimant_cited_before),
            ("speaker_before", self.rules.speaker_before),
            ("either", self.rules.claimant_either),
        ):
            hits += [(h, kind) for h in find_cues(self.text, cues, start, end)]
        taken: list[tuple[CueHit, str]] = []
        for hit, kind in sorted(hits, key=lambda h: (h[0].start, -(h[0].end - h[0].start))):
            if not any(hit.start < t.end and t.start < hit.end for t, _ in taken):
                taken.append((hit, kind))
        return taken

    def _actor_for(self, hit: CueHit, kind: str, start: int, end: int, last: Claim | None):
        if kind == "after":
            return self._phrase_after(hit.end, end, last)
        if kind in ("before", "cited_before"):
            return self._attached_before(hit.start, start, last)
        return self._speaker(hit, start, end, last, look_after=kind == "either")

    def _media_phrase(self, hit: CueHit) -> bool:
        """ "according to Russia's state news agency, Tass": an outlet, whoever it names."""
        stop = _PHRASE_END.search(self.text, hit.end, hit.end + _PHRASE_CHARS)
        phrase = self.text[hit.end : stop.start() if stop else hit.end + _PHRASE_CHARS]
        return bool(find_cues(phrase, self.rules.media_words))

    def _phrase_after(self, char: int, end: int, last: Claim | None) -> Actor | None:
        """The head actor of the phrase after a cue: "top Russian official Sergei Shoigu"."""
        limit = min(end, char + _PHRASE_CHARS)
        stop = _PHRASE_END.search(self.text, char, limit)
        stop_at = stop.start() if stop and stop.start() > char else limit
        stop_at = self._content_start(char, stop_at)
        inside = [a for a in self.actors if char <= a.start and a.end <= stop_at]
        if inside:
            return min(inside, key=lambda a: (_TYPE_RANK.get(a.type, 3), a.start))
        return self._anaphor(char, stop_at, last)

    def _content_start(self, char: int, stop_at: int) -> int:
        """Where the reported content begins ("... that North Korea sent"): a phrase ends there."""
        lowered = self.text.lower()
        for word in self.rules.phrase_ends:
            at = lowered.find(f" {word} ", char, stop_at)
            if at >= 0:
                stop_at = at
        return stop_at

    def _attached_before(self, char: int, start: int, last: Claim | None) -> Actor | None:
        """The actor written just before a cue: "KCNA zufolge", "국정원은", "李成权说"."""
        near = [a for a in self.actors if start <= a.start and a.end <= char]
        for actor in reversed(near):
            gap = self.text[actor.end : char]
            bare = gap.replace(" ", "").replace("(", "").replace(")", "")
            if len(gap) <= _ATTACHED_CHARS and not _PHRASE_END.search(bare):
                return actor
        return self._anaphor(max(start, char - _ATTACHED_CHARS - 10), char, last)

    def _speaker(
        self, hit: CueHit, start: int, end: int, last: Claim | None, look_after: bool
    ) -> Actor | None:
        """The speaker of a speech verb: after it when the verb follows a comma or a quote
        ("..., said Kyrylo Budanov"), else before it ("Washington said"), else right after it
        ("Об этом сообщил Шойгу"). A verb that only looks back ("told") never takes the
        actor after it: that is who was told."""
        before_cue = self.text[start : hit.start].rstrip()
        inverted = look_after and before_cue.endswith((",", '"', "”", "’", "»", "'"))
        if inverted:
            actor = self._first_after(hit.end, end, _HARD_END)
            if actor is not None:
                return actor
        if not self._passive(before_cue):
            actor = self._speaker_before(hit.start, start)
            if actor is not None:
                return actor
        anaphor = self._anaphor(max(start, hit.start - _BEFORE_CHARS), hit.start, last)
        if anaphor is not None or inverted or not look_after:
            return anaphor
        return self._first_after(hit.end, end, _PHRASE_END)

    def _passive(self, before_cue: str) -> bool:
        """ "were believed", "were already believed": no speaker stands before the verb."""
        words = before_cue.lower().split()[-2:]
        return any(w in self.rules.passive_markers for w in words)

    def _speaker_before(self, char: int, start: int) -> Actor | None:
        """The actor closing the clause before a verb; the person of an apposition ("Andrii
        Kovalenko, head of the Center ..., said"); none when a noun phrase of its own stands
        between ("South Korea, a human rights group told")."""
        near = [a for a in self.actors if start <= a.start and a.end <= char]
        if not near:
            return None
        actor = near[-1]
        gap = self.text[actor.end : char]
        if len(gap) > _BEFORE_CHARS or _HARD_END.search(gap):
            return None
        tail = gap.rsplit(",", 1)[-1].lower().split()
        if "," in gap and any(w in self.rules.determiners for w in tail):
            return None
        return self._apposition(near, char) or actor

    def _apposition(self, near: list[Actor], char: int) -> Actor | None:
        """ "X, head of Y, said": X, when a person opens the commas closing before the verb."""
        if not self.text[:char].rstrip().endswith(","):
            return None
        for actor in reversed(near[:-1]):
            between = self.text[actor.end : char].strip()
            if actor.type == "person" and between.startswith(",") and between.count(",") == 2:
                return actor
        return None

    def _first_after(self, char: int, end: int, stops: re.Pattern[str]) -> Actor | None:
        limit = min(end, char + _PHRASE_CHARS)
        stop = stops.search(self.text, char, limit)
        stop_at = stop.start() if stop else limit
        stop_at = self._content_start(char, stop_at)
        inside = [a for a in self.actors if char <= a.start and a.end <= stop_at]
        if not inside:
            return None
        comma = self.text.find(",", inside[0].end, stop_at)
        phrase_end = comma if comma >= 0 else stop_at  # the phrase the first actor opens
        same = [a for a in inside if a.start < phrase_end]
        return min(same, key=lambda a: (_TYPE_RANK.get(a.type, 3), a.start))

    def _anaphor(self, start: int, end: int, last: Claim | None) -> Actor | None:
        """ "the report said", "he said": the last source named, or for a pronoun the last
        person named."""
        hits = find_cues(self.text, self.rules.anaphor_cues, start, end)
        if not hits:
            return None
        word = hits[-1].cue.phrase
        if word in self.rules.pronouns:
            people = [p for p in self.people if p.end <= hits[-1].start]
            if people:
                return people[-1]
        return last.actor if last is not None else None

    def is_media(self, actor: Actor) -> bool:
        """A news outlet: it passes claims on rather than making them."""
        if actor.entity_id in self.rules.media:
            return True
        return bool(find_cues(actor.text, self.rules.media_words))

    # --- choosing for a figure ----------------------------------------------------------------

    def claim_for(self, start: int, end: int) -> Claim | None:
        """The claim behind the figure at text[start:end], or None (the publisher's own)."""
        scope = self._scope(start, end)
        own = [c for i in scope for c in self.by_sentence.get(i, [])]
        if own:
            return _best(own, start)
        following = max(scope) + 1
        if following in self._next_sentence:
            claims = self.by_sentence.get(following, [])
            if claims:
                return _best(claims, start)
        if self.source_lines:
            return _best(self.source_lines, start, deepest=True)
        return None

    def _scope(self, start: int, end: int) -> list[int]:
        """The figure's sentence, and when it stands in a quote, the sentences up to the one
        that closes it (where "..., Zelensky wrote" names the speaker)."""
        first = self.sentences.index(start)
        closing = _quote_end(self.text, start)
        last = self.sentences.index(closing) if closing is not None else first
        return list(range(first, max(first, last) + 1))


def _best(claims: list[Claim], figure_start: int, deepest: bool = False) -> Claim:
    def key(c: Claim) -> tuple:
        distance = -c.cue_start if deepest else abs(c.cue_start - figure_start)
        return (c.media, c.weak, not c.cited, distance)

    return min(claims, key=key)


_OPEN_QUOTES = '“«"„'
_CLOSE_QUOTES = '”»"“'


def _quote_end(text: str, char: int) -> int | None:
    """Where the quote holding `char` closes, if `char` stands inside one in its paragraph."""
    paragraph_start = text.rfind("\n", 0, char) + 1
    before = text[paragraph_start:char]
    opened = sum(before.count(q) for q in "“«„") - sum(before.count(q) for q in "”»")
    straight = before.count('"') % 2 == 1
    if opened <= 0 and not straight:
        return None
    paragraph_end = text.find("\n", char)
    paragraph_end = len(text) if paragraph_end < 0 else paragraph_end
    for i in range(char, paragraph_end):
        if text[i] in "”»" or (straight and text[i] == '"'):
            return min(i + 1, len(text) - 1)
    return None
