"""Property tests: whatever bytes arrive, the only failure an adapter may raise is IngestError."""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdesk.errors import IngestError
from newsdesk.ingest import parse_raw, textpage, wordpress
from newsdesk.model import Article, RawDocument
from tests.conftest import TEXTPAGE_SEED, WORDPRESS_SEED

SEEDS = [WORDPRESS_SEED.read_bytes(), TEXTPAGE_SEED.read_bytes()]
PROPERTY_SETTINGS = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@st.composite
def mutated_seed(draw: st.DrawFn) -> bytes:
    """A seed cut, spliced with junk, or with bytes flipped: how real inputs get damaged."""
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 4))):
        operation = draw(st.sampled_from(["cut", "insert", "flip", "delete"]))
        at = draw(st.integers(0, len(data)))
        if operation == "cut":
            data = data[:at]
        elif operation == "insert":
            data[at:at] = draw(st.binary(max_size=40))
        elif operation == "flip" and at < len(data):
            data[at] = draw(st.integers(0, 255))
        elif operation == "delete":
            data[at : at + draw(st.integers(1, 200))] = b""
    return bytes(data)


def only_ingest_errors(parse: Callable[[RawDocument], list[Article]], data: bytes) -> None:
    raw = RawDocument(content=data, origin="property-test")
    try:
        articles = parse(raw)
    except IngestError as error:
        assert error.reason and "\n" not in error.reason  # one clear line
        return
    for article in articles:
        assert isinstance(article.title, str)
        assert all(p.strip() == p and p for p in article.paragraphs)


any_input = st.one_of(
    st.binary(max_size=3000), mutated_seed(), st.text(max_size=2000).map(str.encode)
)


@PROPERTY_SETTINGS
@given(any_input)
def test_wordpress_adapter_raises_only_ingest_errors(data: bytes) -> None:
    only_ingest_errors(wordpress.parse, data)


@PROPERTY_SETTINGS
@given(any_input)
def test_textpage_adapter_raises_only_ingest_errors(data: bytes) -> None:
    only_ingest_errors(textpage.parse, data)


@PROPERTY_SETTINGS
@given(any_input)
def test_detection_and_any_adapter_raise_only_ingest_errors(data: bytes) -> None:
    only_ingest_errors(lambda raw: parse_raw(raw)[1], data)
