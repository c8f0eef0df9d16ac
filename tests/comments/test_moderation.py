"""The moderation decision as a plain function: each rule on its own, the classifier's blindness
to Korean (the word lists catch Korean), and precision and recall on a hand-labelled set of
74 comment-like texts (tests/fixtures/comments/labelled.jsonl: ordinary comments, sharp
disagreement, insults, slurs in English and Korean, spam, repetition, posting bursts)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from newsdesk.comments import ModerationSettings, Past, moderate
from newsdesk.comments.links import find_links
from newsdesk.comments.moderation import classifier_probability, listed_words
from tests.conftest import FIXTURES

LABELLED = FIXTURES / "comments" / "labelled.jsonl"
NOW = datetime(2025, 6, 20, 12, 0, tzinfo=UTC)
SETTINGS = ModerationSettings()


def labelled() -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(line) for line in LABELLED.read_text(encoding="utf-8").splitlines()]


def verdict_of(row: dict):  # type: ignore[no-untyped-def, type-arg]
    recent = [
        Past(e["text"], NOW - timedelta(seconds=e["seconds_ago"])) for e in row.get("recent", [])
    ]
    return moderate(row["text"], recent, SETTINGS, NOW)


@dataclass
class Figures:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, held: bool, should: bool) -> None:
        if held and should:
            self.tp += 1
        elif held:
            self.fp += 1
        elif should:
            self.fn += 1
        else:
            self.tn += 1

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def __str__(self) -> str:
        return (
            f"precision {self.precision:.3f} recall {self.recall:.3f} "
            f"(tp {self.tp}, fp {self.fp}, fn {self.fn}, tn {self.tn})"
        )


def test_the_labelled_set_is_big_and_varied_enough() -> None:
    rows = labelled()
    assert len(rows) >= 40
    kinds = {(r["kind"], r["lang"]) for r in rows}
    for needed in [
        ("ordinary", "en"),
        ("disagreement", "en"),
        ("insult", "en"),
        ("slur", "en"),
        ("spam", "en"),
        ("repetition", "en"),
        ("rate", "en"),
        ("ordinary", "ko"),
        ("insult", "ko"),
        ("slur", "ko"),
    ]:
        assert needed in kinds


def test_precision_and_recall_on_the_labelled_set_stay_at_what_was_measured() -> None:
    """Measured when written: overall precision 0.972, recall 0.875 (35 of 40 caught, 1 of 34
    clean held). English 0.960 / 0.857, Korean 1.000 / 0.917. The misses are insults with no
    rude word ("a brain-dead clown", "did your mother drop you on your head", 머리는 장식으로
    달고 다니냐), a slur neither list has (chinks), and spam with one link; the clean comment
    held is "Damn, that's a bleak forecast" (classifier 0.98)."""
    overall, english, korean = Figures(), Figures(), Figures()
    misses = []
    for row in labelled():
        verdict = verdict_of(row)
        overall.add(verdict.held, row["held"])
        (english if row["lang"] == "en" else korean).add(verdict.held, row["held"])
        if verdict.held != row["held"]:
            misses.append((row["text"][:50], verdict.score, verdict.reasons))
    print(f"\noverall: {overall}\nEnglish: {english}\nKorean:  {korean}")
    for miss in misses:
        print("  wrong:", miss)
    assert overall.precision >= 0.97 and overall.recall >= 0.87
    assert english.precision >= 0.95 and english.recall >= 0.85
    assert korean.precision >= 1.0 and korean.recall >= 0.91


def test_each_part_alone_and_the_classifier_knows_no_korean() -> None:
    """The classifier alone catches English abuse only; on the Korean rows it answers nothing
    (no Latin letter: not asked). The Korean rows are caught by the word lists."""
    classifier = {"en": Figures(), "ko": Figures()}
    words = {"en": Figures(), "ko": Figures()}
    for row in labelled():
        abusive = row["held"] and row["kind"] in ("insult", "slur")
        probability = classifier_probability(row["text"])
        classifier[row["lang"]].add(probability >= SETTINGS.threshold, abusive)
        words[row["lang"]].add(bool(listed_words(row["text"], SETTINGS)), abusive)
    print(f"\nclassifier alone, English abuse: {classifier['en']}")
    print(f"classifier alone, Korean abuse:  {classifier['ko']}")
    print(f"word lists alone, English abuse: {words['en']}")
    print(f"word lists alone, Korean abuse:  {words['ko']}")
    assert classifier["ko"].tp == 0 and classifier["ko"].fp == 0
    assert classifier["en"].recall >= 0.75
    assert words["ko"].recall >= 0.9 and words["ko"].precision == 1.0
    assert words["en"].precision == 1.0


def test_the_english_classifier_is_not_asked_about_korean() -> None:
    assert classifier_probability("씨발 이딴 걸 기사라고 쓰냐") == 0.0
    # Even given the Hangul, the model answers one constant: it has no Korean vocabulary.
    from profanity_check import predict_prob

    answers = predict_prob(["좋은 기사 감사합니다", "개새끼들 또 거짓말하네"])
    assert answers[0] == pytest.approx(answers[1])


def test_a_clean_comment_passes_with_a_low_score() -> None:
    verdict = moderate("I disagree with the tariff figures; the 2022 numbers were higher.", [])
    assert not verdict.held and verdict.reasons == [] and verdict.score < 0.2


def test_abuse_is_held_with_its_reasons() -> None:
    verdict = moderate("What a fucking joke of an article.", [])
    assert verdict.held and verdict.score == 1.0
    assert verdict.reasons[0].startswith("offensive language (classifier")
    assert verdict.reasons[1] == "on the word list: fucking"


def test_korean_abuse_is_found_with_its_endings_attached() -> None:
    assert listed_words("기자 이 병신아 기사 똑바로 써라", SETTINGS) == ["병신"]
    assert listed_words("개새끼들 또 거짓말하네", SETTINGS) == ["개새끼"]
    assert moderate("좆같은 기사 잘 봤다", []).held


def test_news_words_and_ordinary_korean_are_not_abuse() -> None:
    for text in [
        "The navy sent two escort ships; the UN report on rape in the camps is damning.",
        "Tit-for-tat expulsions again.",
        "북한은 늘 자위권이라고 주장한다",  # 자위: self-defence
        "큰 영향을 미친 사건이다",  # 미친: had an effect
        "유모차를 끌고 나왔다",  # 유모차: a pram
        "어젯밤 자지 않고 기다렸다",  # 자지 않고: without sleeping
        "보지 않았다",  # did not see
    ]:
        assert listed_words(text, SETTINGS) == [], text


def test_operators_can_extend_and_trim_the_lists() -> None:
    stricter = ModerationSettings(extra_words=("chinks",))
    assert moderate("Send the chinks home.", [], stricter).held
    looser = ModerationSettings(ignore_words=(*SETTINGS.ignore_words, "bullshit"), threshold=1.1)
    assert not moderate("This is bullshit.", [], looser).held


def test_too_many_links_are_held_but_two_are_fine() -> None:
    two = "See https://www.nknews.org/a and www.38north.org/b for more."
    assert len(find_links(two)) == 2 and not moderate(two, []).held
    three = two + " Also http://x.example/c"
    assert moderate(three, []).reasons == ["3 links (at most 2)"]


def test_the_same_text_again_is_held() -> None:
    earlier = [Past("The regime will collapse within a year, mark my words.", NOW)]
    again = moderate("the regime will collapse within a year. Mark my words!!", earlier, now=NOW)
    assert again.reasons == ["the same text as a recent comment"]
    different = moderate("I still think the regime will survive the winter.", earlier, now=NOW)
    assert not different.held


def test_runs_of_a_character_or_a_word_are_held() -> None:
    assert moderate("First" + "!" * 12, []).reasons == ["'!' 12 times in a row"]
    assert not moderate("First" + "!" * 11, []).held
    assert not moderate("The deal is worth 1,000,000,000,000 won.", []).held  # digits
    assert moderate("lies " * 5, []).reasons == ["'lies' 5 times in a row"]
    assert not moderate("Wrong, wrong, wrong: it was June.", []).held
    assert moderate("fake news " * 4, []).reasons == ["'fake news' 4 times in a row"]


def test_a_burst_of_posts_is_held() -> None:
    earlier = [Past("one", NOW - timedelta(seconds=s)) for s in (20, 60, 200)]
    assert moderate("and another point", earlier, now=NOW).reasons == [
        "4 comments within 5 minutes"
    ]
    spread = [Past("one", NOW - timedelta(minutes=m)) for m in (6, 30, 90)]
    assert not moderate("and another point", spread, now=NOW).held
    assert not moderate("and another point", earlier, ModerationSettings(burst=0), NOW).held
