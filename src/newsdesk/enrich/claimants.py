"""Who states a figure: the claimant, read from attribution in the text.

Every language names its sources the same few ways, listed in its lexicon file
(`[ledger.claimant]`, see `ledger_rules.py`):
- a cue before the source: "according to the NIS", "citing a military source", "selon Kiev";
- a cue after it: "the NIS's estimate", "KCNA zufolge", "국정원은";
- a speech verb, with its speaker before it ("Washington said") or, after a comma, a quote or
  a dash, after it ("..., said Kyrylo Budanov", "... – poinformowała NIS");
- a description of a spy agency beside its state ("South Korea's spy agency",
  "разведке Южной Кореи"), which stands for that state's agency;
- a pointer back ("the report said", "he said") to the last source named; "it" to the body
  named before it in its sentence;
- a person or body heading a sentence with a colon ("Japanese Ministry of Defense: ...");
- "This was announced by X" after the sentence, and source lines ("Source: Yonhap",
  "со ссылкой на Reuters") for the whole text;
- a sentence naming no source that says it goes on ("These losses ...", "reportedly") keeps
  the source of the one before in its paragraph (`claim_follow.py`); in languages that drop
  the subject (Japanese, Korean), one that reports without naming who keeps the last source.
The words around a cue are read in `claim_phrases.py` (survey authors, outlets named only
as a kind: `claim_cues.py`); the convention: beat_gold/README.md.

A figure takes the sources of its own sentence (and of the quote it stands in); when there are
none, those of a following "This was announced by" sentence, else those of the source lines,
else none (the publisher speaks). Of several, `claim_choice.best` picks (a state's spy agency
is never an outlet).
"""

from __future__ import annotations

import re
from dataclasses import replace

from newsdesk.enrich.claim_actors import Actor
from newsdesk.enrich.claim_choice import Claim, best, quote_speakers
from newsdesk.enrich.claim_cues import outlet_kind, survey_by
from newsdesk.enrich.claim_follow import goes_on, same_paragraph, topic_speaker
from newsdesk.enrich.claim_phrases import (
    apposition,
    authors_data,
    closes_apposition,
    data_speaks,
    first_of_pair,
    headline_source,
    inside_a_word,
    no_speaker_after,
    owner_of_state,
    passive,
    person_of_a_body,
    relays,
    unnamed_speaker_after,
    unnamed_speaker_before,
    without_citing_aside,
)
from newsdesk.enrich.ledger_rules import CueHit, LedgerRules, find_cues
from newsdesk.enrich.ledger_sentences import Sentences, quote_end, quote_start
from newsdesk.model.enrichment import Mention

_TYPE_RANK = {"person": 0, "org": 1, "country": 2}  # the head of "top Russian official Shoigu"
_PHRASE_END = re.compile(r"[.;:!?\"“”«»()\[\]，。；：]|\n|,")
_NAME_END = re.compile(r"[.;:!?()\[\]，。；：]|\n|,")  # a phrase end, quotes aside
_HARD_END = re.compile(r"[.;:!?\"“”«»\n。；]")
_INITIAL_DOT = re.compile(r"(?<=\b[A-Z])\.")  # "U.S.", "U.N.": no phrase ends there
_PHRASE_CHARS = 60  # how far a phrase after a cue may run
_BEFORE_CHARS = 40  # how far before a speech verb its speaker may stand
_CONTENT_WORDS = 4  # how far after a speech verb its "that" may stand ("said on Monday that")
_OPENING_WORDS = 2  # how many words may stand before a cue that opens a sentence ("But the")
_SPEAKER_WORDS = 4  # "Ukrainian President Volodymyr Zelensky wrote": a speaker opening a sentence
_ATTACHED_CHARS = 12  # gap between a source and a cue written after it ("국정원은", "X zufolge")
_REPORTED_BEFORE = (",", '"', "”", "’", "»", "'", "–", "—")  # close words a speaker follows


class ClaimFinder:
    """The claims of one text, found once and handed to each figure."""

    def __init__(self, text: str, found: list[Actor], mentions: list[Mention], rules: LedgerRules):
        self.text = text
        self.ends = _INITIAL_DOT.sub("_", text)  # the text searched for phrase ends
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
        last: Claim | None = None  # the last source a cue named
        spoke: Claim | None = None  # the last source of a sentence, however named
        data: Claim | None = None  # a survey's author speaks on (`authors_data`)
        for index, (start, end) in enumerate(self.sentences.spans):
            claims = []
            hits = self._cue_hits(start, end)
            for hit, kind in hits:
                actor = self._actor_for(hit, kind, start, end, last)
                if actor is None or outlet_kind(self.text, actor, self.rules):
                    continue
                cited = kind in ("after", "cited_before")
                media = self.is_media(actor) or (
                    kind == "after" and self._media_phrase(hit) and not self.is_agency(actor)
                )
                claim = Claim(actor, hit.start, cited, media, opens_content=self._opens(hit, end))
                if cited and claims and relays(self.text, claims[-1].actor, hit):
                    claims[-1] = replace(claims[-1], cited=False)
                claims.append(claim)
                last = claim
            headline = headline_source(self.text, self.actors, start, end)
            if headline is not None:
                claims.append(Claim(headline, headline.end, False, self.is_media(headline)))
            topic = topic_speaker(self.text, self.actors, self.rules, start, end)
            before = self._before(index, start)
            if topic is not None:
                claims.append(Claim(topic, topic.end, False, self.is_media(topic), weak=True))
            elif not claims and before and goes_on(self.text, start, end, self.rules, hits):
                carried = best(before, start)  # "These losses ...": the source before speaks on
                claims.append(replace(carried, cue_start=start, weak=True, opens_content=False))
            elif not claims and spoke is not None and self._reports_unnamed(start, end):
                claims.append(replace(spoke, cue_start=start, weak=True, opens_content=False))
            elif not claims and data is not None:
                claims.append(replace(data, cue_start=start, weak=True, opens_content=False))
            if any(not c.weak for c in claims):  # a source named anew ends the carrying
                named = [c for c in claims if not c.weak][-1]
                data = (
                    named if authors_data(self.text, start, named.cue_start, self.rules) else None
                )
            spoke = claims[-1] if claims else spoke
            self.by_sentence[index] = claims
            if self._points_back(start, end):
                self._next_sentence.add(index)
            for hit in find_cues(self.text, self.rules.source_line_cues, start, end):
                self.source_lines += [c for c in claims if c.cue_start >= hit.start]

    def _opens(self, hit: CueHit, end: int) -> bool:
        """A content word ("that", "que", "dass") within a few words after the cue, no comma
        between: "Moscow says that Kyiv lost ..." reports what follows, not what came before."""
        words = self.text[hit.end : end].split()[:_CONTENT_WORDS]
        for word in words:
            if word.lower().strip(".;:") in self.rules.content_words:
                return True
            if word.endswith(","):
                return False
        return False

    def _points_back(self, start: int, end: int) -> bool:
        """The sentence opens with a cue about the one before ("This was announced by",
        "The figure"); in scripts without spaces, where the cue stands late ("…이같이 전했다"),
        anywhere in it."""
        hits = find_cues(self.text, self.rules.next_sentence_cues, start, end)
        if not self.rules.word_boundaries:
            return bool(hits)
        # a bare pointer ("This, from the first report by X") only as the first word
        return any(
            len(self.text[start : h.start].split())
            <= (_OPENING_WORDS if " " in h.cue.phrase else 0)
            for h in hits
        )

    def _before(self, index: int, start: int) -> list[Claim]:
        """The claims of the sentence before, when it stands in the same paragraph."""
        if index == 0 or not same_paragraph(self.text, self.sentences.spans[index - 1][1], start):
            return []
        return self.by_sentence.get(index - 1, [])

    def _reports_unnamed(self, start: int, end: int) -> bool:
        """In a language that drops the subject it carries over, a sentence that reports without
        naming who, by a reporting verb or cue ("…送還されたとしています", "양 간사의 브리핑
        내용에 따르면"): the last source named speaks on."""
        if not self.rules.topic_cues:
            return False
        verbs = find_cues(self.text, self.rules.topic_verbs, start, end)
        return bool(verbs) or any(True for _ in self._cue_hits(start, end))

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
        hits += [(h, "after") for h in survey_by(self.text, start, end, self.rules.language)]
        taken: list[tuple[CueHit, str]] = []
        for hit, kind in sorted(hits, key=lambda h: (h[0].start, -(h[0].end - h[0].start))):
            if inside_a_word(self.text, hit, self.rules.not_cues):
                continue  # "数据" (data) holds "据" (according to), and is no cue
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
        stop = _PHRASE_END.search(self.ends, hit.end, hit.end + _PHRASE_CHARS)
        phrase = self.text[hit.end : stop.start() if stop else hit.end + _PHRASE_CHARS]
        return bool(find_cues(phrase, self.rules.media_words))

    def _phrase_after(self, char: int, end: int, last: Claim | None) -> Actor | None:
        """The head actor of the phrase after a cue: "top Russian official Sergei Shoigu",
        "the Korean polling organization "Gallup Korea"" (a name in quotes is still named)."""
        limit = min(end, char + _PHRASE_CHARS)
        stop = _NAME_END.search(self.ends, char, limit)
        stop_at = stop.start() if stop and stop.start() > char else limit
        stop_at = self._content_start(char, stop_at)
        # cut at its reach, a name begun in it is in it ("... group Open Source Centre")
        cut = stop_at == limit
        inside = [a for a in self.actors if char <= a.start < stop_at and (cut or a.end <= stop_at)]
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
        """The speaker of a speech verb: after it when the verb follows a comma, a quote or a
        dash ("..., said Kyrylo Budanov", "... – poinformowała NIS"), else before it
        ("Washington said"), else right after it ("Об этом сообщил Шойгу"). A verb that only
        looks back ("told") never takes the actor after it: that is who was told."""
        before_cue = self.text[start : hit.start].rstrip()
        inverted = (
            look_after
            and before_cue.endswith(_REPORTED_BEFORE)
            and not closes_apposition(self.text, self.actors, before_cue, start)
        )
        if inverted:
            actor = self._first_after(hit.end, end, _PHRASE_END)
            if actor is not None:
                return actor
            if unnamed_speaker_after(self.text, hit.end, end, self.rules) or data_speaks(
                hit, self.rules
            ):
                # "..., reports The Times", "..., the report said": a speaker the text names
                # without a link; the actor before the comma is what was reported
                return self._anaphor(hit.end, min(end, hit.end + _PHRASE_CHARS), last)
        if not passive(before_cue, self.rules):
            actor = self._speaker_before(hit.start, start)
            if actor is not None:
                return actor
        anaphor = self._anaphor(max(start, hit.start - _BEFORE_CHARS), hit.start, last)
        if anaphor is None and not look_after and unnamed_speaker_before(before_cue, self.rules):
            told = self._first_after(hit.end, end, _PHRASE_END)  # "Western sources told the BBC"
            if told is not None and self.is_media(told):
                return told
        if (
            anaphor is not None
            or inverted
            or not look_after
            or no_speaker_after(self.text, hit.end, end, before_cue, self.rules)
        ):
            return anaphor
        return self._first_after(hit.end, end, _PHRASE_END)

    def is_agency(self, actor: Actor) -> bool:
        """A state's spy or defence body ("la agencia de inteligencia de Seúl"): a source, not
        a news outlet, whatever its description says."""
        return any(actor.entity_id in table.values() for table in self.rules.agencies.values())

    def _speaker_before(self, char: int, start: int) -> Actor | None:
        """The actor closing the clause before a verb; the person of an apposition ("Andrii
        Kovalenko, head of the Center ..., said"); none when a noun phrase of its own stands
        between ("South Korea, a human rights group told")."""
        near = [a for a in self.actors if start <= a.start and a.end <= char]
        if not near:
            return None
        actor = near[-1]
        # "Yonhap news agency, citing anonymous military sources, said": the aside cites no one
        gap = without_citing_aside(self.text[actor.end : char], self.rules)
        if len(gap) > _BEFORE_CHARS or _HARD_END.search(self.ends[actor.end : char]):
            return None
        tail = gap.rsplit(",", 1)[-1].lower().split()
        if "," in gap and any(w in self.rules.determiners for w in tail):
            return None
        return (
            person_of_a_body(self.text, near)
            or apposition(self.text, near, char, self.rules)
            or owner_of_state(self.text, near)
            or first_of_pair(self.text, near)
        )

    def _first_after(self, char: int, end: int, stops: re.Pattern[str]) -> Actor | None:
        limit = min(end, char + _PHRASE_CHARS)
        stop = stops.search(self.ends, char, limit)
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
        person named; "it said" with no source named yet: the last organisation or state."""
        hits = find_cues(self.text, self.rules.anaphor_cues, start, end)
        if not hits:
            return None
        word, at = hits[-1].cue.phrase, hits[-1].start
        if word in self.rules.pronouns:
            people = [p for p in self.people if p.end <= at]
            if people:
                return people[-1]
        if word in self.rules.body_pronouns:
            # "North Korea last fired ..., when it claimed": the body named before it in its
            # sentence; else, with no source named yet, the last body of the text
            sentence = self.sentences.spans[self.sentences.index(at)][0]
            bodies = [a for a in self.actors if a.end <= at and a.type in ("org", "country")]
            own = [a for a in bodies if a.start >= sentence]
            if own:
                return own[-1]
            if last is None:
                return bodies[-1] if bodies else None
        return last.actor if last is not None else None

    def is_media(self, actor: Actor) -> bool:
        """A news outlet: it passes claims on rather than making them."""
        if actor.entity_id in self.rules.media:
            return True
        if self.is_agency(actor):
            return False  # "la agencia de inteligencia de Seúl": a spy agency, not a news agency
        return bool(find_cues(actor.text, self.rules.media_words))

    # --- choosing for a figure ----------------------------------------------------------------

    def claim_for(self, start: int, end: int) -> Claim | None:
        """The claim behind the figure at text[start:end], or None (the publisher's own)."""
        scope = self._scope(start, end)
        own = [
            c
            for i in scope
            for c in self.by_sentence.get(i, [])
            if not (c.opens_content and start < c.cue_start)
        ]
        if own:
            return best(quote_speakers(own, self.text, start) or own, start)
        following = max(scope) + 1
        if following in self._next_sentence or self._speaker_follows(start, following):
            claims = self.by_sentence.get(following, [])
            if claims:
                return best(claims, start)
        if self.source_lines:
            return best(self.source_lines, start, deepest=True)
        return None

    def _speaker_follows(self, start: int, following: int) -> bool:
        """A quote that ends its paragraph, and a next one that opens on its speaker
        ("“We lost 3,000 men.”" / "Zelensky wrote on X."): the speaker is the quote's."""
        if quote_end(self.text, start) is None or following >= len(self.sentences.spans):
            return False
        sentence_start = self.sentences.spans[following][0]
        return any(
            len(self.text[sentence_start : c.cue_start].split()) <= _SPEAKER_WORDS
            for c in self.by_sentence.get(following, [])
        )

    def _scope(self, start: int, end: int) -> list[int]:
        """The figure's sentence, and when it stands in a quote, the sentences of the quote:
        back to the one that opens it ("Zelensky said: “... . ... 3,000 ...”") and on to the
        one that closes it (where "..., Zelensky wrote" names the speaker)."""
        first = self.sentences.index(start)
        closing = quote_end(self.text, start)
        if closing is None:
            return [first]
        opening = quote_start(self.text, start)
        begin = self.sentences.index(opening) if opening is not None else first
        last = self.sentences.index(closing)
        return list(range(min(begin, first), max(first, last) + 1))
