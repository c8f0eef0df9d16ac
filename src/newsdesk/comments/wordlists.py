"""Changes to glin-profanity's word lists for the comments of a news desk.

glin-profanity's English and Korean lists mix insults and slurs with words a news comment uses
in their plain sense (a naval escort, a UN report on rape, tit-for-tat expulsions, 자위권: the
right of self-defence, 영향을 미친: had an effect on). Those are left out here; what stays
out of the lists is still scored by the classifier (English only). The Korean list also lacks
some of the commonest abuse of Korean comment sections, added here.

Operators change these through `ModerationSettings(extra_words=..., ignore_words=...)`.
"""

from __future__ import annotations

# Words glin-profanity flags that news comments use in their ordinary sense (or that are
# names, or the common word they are also spelled as). Lower case, as the lists keep them.
# fmt: off
NEWS_WORDS: tuple[str, ...] = (
    # English: crimes and topics reported on, medical and legal words, names, idioms
    "anal", "anus", "bastardized", "bastinado", "big black", "bondage", "cum", "date rape",
    "dick", "domination", "ejaculation", "erotic", "escort", "eunuch", "fecal", "genitals",
    "girl on", "grope", "hard core", "hardcore", "homoerotic", "how to kill", "how to murder",
    "incest", "intercourse", "jelly donut", "lolita", "lovemaking", "neonazi", "nipple",
    "nipples", "nude", "nudity", "orgasm", "paedophile", "pedophile", "pegging", "penis",
    "playboy", "porn", "pornography", "rape", "raping", "rapist", "rectum", "sadism",
    "santorum", "scat", "semen", "sex", "sexy", "shrimping", "snatch", "snowballing", "sodomy",
    "spunk", "strappado", "strip club", "suck", "sucks", "swastika", "taste my", "tied up",
    "tit", "tongue in a", "topless", "twinkie", "undressing", "vagina", "voyeur", "vulva",
    "white power", "xx",
    # Korean: topics reported on, and words that are also ordinary words
    "강간",  # rape (reported crimes)
    "고자",  # also the start of 고자세 (a haughty stance)
    "근친",  # incest (reported crimes)
    "노모",  # an aged mother
    "로리타",
    "망가",  # also the stem of 망가지다 (to break down)
    "몰카",  # hidden-camera crimes (reported)
    "미친",  # also "affected": 영향을 미친
    "변태",  # also metamorphosis
    "보지",  # also "not see": 보지 않았다
    "섹스",
    "애자",  # also an insulator; the start of 애자일 (agile)
    "야동",
    "야사",  # unofficial history
    "에로",
    "유모",  # a nanny; the start of 유모차 (a pram)
    "자위",  # self-defence: 자위권, 자위 조치
    "자지",  # also "not sleep": 자지 않고
    "포르노",
    "하드코어",
    "호로",  # the start of 호로비츠 (Horowitz)
)

# Common abuse the lists lack: Korean profanity as typed online (spellings that dodge the
# listed ones, consonant-only forms), insults and slurs against groups. Korean words match at
# the start of a word, so each must not begin an ordinary word: not 시바 (시바견, a Shiba),
# 졸라 (졸라서, begging), 꺼져 (불이 꺼져, the light went out), 닥쳐 (닥쳐오다, to loom).
ADDED_WORDS: tuple[str, ...] = (
    "시발", "씨바", "씨빨", "시팔", "ㅅㅂ", "ㅆㅂ", "ㅂㅅ", "존나", "좆같", "좆까", "지랄",
    "미친놈", "미친년", "븅신", "틀딱", "한남충", "김치녀", "된장녀", "급식충", "짱개",
    "쪽발이", "조선족놈",
)
# fmt: on
