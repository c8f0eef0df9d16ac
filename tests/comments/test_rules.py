"""The rules of comments over a real store, on SQLite and on PostgreSQL: threads and the depth
cap, what each viewer sees of held, rejected and deleted comments, editing and deleting one's
own only, the limits of length and rate (counted in the store, so separate processes agree),
reports, and editors' decisions kept with who, when and why."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from newsdesk import comments
from newsdesk.comments import CommentError, CommentSettings, NotYours
from newsdesk.errors import NotFound
from newsdesk.model.accounts import Role, User
from newsdesk.model.comments import CommentStatus, Decision, TargetKind
from newsdesk.store import open_store
from newsdesk.store.schema import metadata
from tests.comments.conftest import Desk

ARTICLE = TargetKind.ARTICLE
CLEAN = "The treaty was signed in June, not July; the timeline needs a fix."
ABUSE = "You are an idiot and so is everyone who agrees with this garbage."


def shown(desk: Desk, viewer: User | None, target: str | None = None) -> dict[int, str]:
    """{comment id: text or placeholder} of what the viewer sees, at every depth."""
    found = {}

    def walk(nodes: list[comments.Node]) -> None:
        for node in nodes:
            found[node.comment.id] = node.comment.text if node.shown else node.placeholder
            walk(node.replies)

    walk(comments.thread(desk.store, ARTICLE, target or desk.article, viewer))
    return found


def test_a_comment_is_stored_exactly_as_typed_and_shown_to_everyone(desk: Desk) -> None:
    typed = "  Two lines,\r\nthen <script>alert(1)</script> & a tab\there. 한국어도 👍  "
    made = comments.post(desk.store, desk.users["ana"], ARTICLE, desk.article, typed)
    assert made.status == CommentStatus.PUBLISHED and made.depth == 0
    stored = desk.store.get_comment(made.id)
    assert stored.text == typed and stored.author == "ana" and stored.reasons == []
    for viewer in (None, desk.users["bo"], desk.users["ed"]):
        assert shown(desk, viewer) == {made.id: typed}
    assert shown(desk, None, desk.other_article) == {}


def test_a_short_article_id_is_resolved_and_unknown_targets_refused(desk: Desk) -> None:
    made = comments.post(desk.store, desk.users["ana"], ARTICLE, desk.article[:8], CLEAN)
    assert made.target_id == desk.article
    with pytest.raises(NotFound):
        comments.post(desk.store, desk.users["ana"], ARTICLE, "0" * 16, CLEAN)
    story = comments.post(desk.store, desk.users["ana"], TargetKind.STORY, desk.story, CLEAN)
    assert story.target_id == desk.story
    with pytest.raises(NotFound):
        comments.post(desk.store, desk.users["ana"], TargetKind.STORY, "99999", CLEAN)
    with pytest.raises(NotFound):
        comments.post(desk.store, desk.users["ana"], TargetKind.STORY, "1; DROP", CLEAN)


def test_the_operator_token_has_no_account_to_comment_as(desk: Desk) -> None:
    operator = User(name="operator", role=Role.ADMIN)
    with pytest.raises(NotYours):
        comments.post(desk.store, operator, ARTICLE, desk.article, CLEAN)


@pytest.mark.parametrize(
    "text,message",
    [
        ("", "needs some text"),
        (" \n\t ", "needs some text"),
        ("x" * 5001, "at most 5,000 characters (this one has 5,001)"),
        ("a\x00b", "NUL"),
    ],
)
def test_empty_overlong_and_nul_texts_are_refused(desk: Desk, text: str, message: str) -> None:
    with pytest.raises(CommentError, match=message.replace("(", r"\(").replace(")", r"\)")):
        comments.post(desk.store, desk.users["ana"], ARTICLE, desk.article, text)
    assert desk.store.comments_on(ARTICLE, desk.article) == []


def test_five_thousand_characters_are_allowed(desk: Desk) -> None:
    text = ("The port of Rason handles coal and fuel. " * 200)[:5000]
    made = comments.post(desk.store, desk.users["ana"], ARTICLE, desk.article, text)
    assert len(desk.store.get_comment(made.id).text) == 5000


def test_replies_nest_and_stop_nesting_at_the_depth_cap(desk: Desk) -> None:
    settings = CommentSettings(max_depth=3)
    users = [desk.users["ana"], desk.users["bo"]]
    texts = [
        "The shipping figures differ from the customs report.",
        "Which report? The one from Seoul or from Beijing?",
        "Beijing's customs office, published in March.",
        "March figures are always revised later.",
        "True, the revision came in June and added coal.",
        "Coal was never in the sanctions carve-out anyway.",
    ]
    parent = None
    made = []
    for i, text in enumerate(texts):
        reply = comments.post(
            desk.store, users[i % 2], ARTICLE, desk.article, text, parent, settings
        )
        made.append(reply)
        parent = reply.id
    assert [c.depth for c in made] == [0, 1, 2, 3, 3, 3]
    # Past the cap a reply joins the list its parent is in: a flat run under depth 2.
    assert [c.parent_id for c in made] == [None, made[0].id, made[1].id, made[2].id] + [
        made[2].id
    ] * 2
    (root,) = comments.thread(desk.store, ARTICLE, desk.article, None)
    third = root.replies[0].replies[0]
    assert [n.comment.id for n in third.replies] == [made[3].id, made[4].id, made[5].id]


def test_a_reply_must_be_to_a_comment_on_the_same_page_that_its_author_can_see(
    desk: Desk,
) -> None:
    held = comments.post(desk.store, desk.users["ana"], ARTICLE, desk.article, ABUSE)
    assert held.status == CommentStatus.HELD
    with pytest.raises(NotFound):
        comments.post(desk.store, desk.users["bo"], ARTICLE, desk.article, CLEAN, held.id)
    with pytest.raises(CommentError, match="not published"):  # not even its author, yet
        comments.post(desk.store, desk.users["ana"], ARTICLE, desk.article, CLEAN, held.id)
    elsewhere = comments.post(desk.store, desk.users["ana"], ARTICLE, desk.other_article, CLEAN)
    with pytest.raises(NotFound):
        comments.post(desk.store, desk.users["bo"], ARTICLE, desk.article, CLEAN, elsewhere.id)


def test_a_held_comment_is_seen_only_by_its_author_and_editors(desk: Desk) -> None:
    held = comments.post(desk.store, desk.users["ana"], ARTICLE, desk.article, ABUSE)
    assert held.status == CommentStatus.HELD and held.score > 0.9
    assert held.reasons[0].startswith("offensive language")
    assert shown(desk, None) == {} and shown(desk, desk.users["bo"]) == {}
    (mine,) = comments.thread(desk.store, ARTICLE, desk.article, desk.users["ana"])
    assert mine.shown and mine.awaiting_review
    (editors,) = comments.thread(desk.store, ARTICLE, desk.article, desk.users["ed"])
    assert editors.shown and editors.awaiting_review
    assert [c.id for c in desk.store.moderation_queue()] == [held.id]


def test_an_editor_approves_with_a_reason_that_is_kept(desk: Desk) -> None:
    held = comments.post(desk.store, desk.users["ana"], ARTICLE, desk.article, ABUSE)
    with pytest.raises(NotYours):
        comments.decide(desk.store, desk.users["bo"], held.id, Decision.APPROVED, "fine")
    with pytest.raises(CommentError, match="needs a reason"):
        comments.decide(desk.store, desk.users["ed"], held.id, Decision.APPROVED, "  ")
    decision = comments.decide(
        desk.store, desk.users["ed"], held.id, Decision.APPROVED, "rude, but about the article"
    )
    assert desk.store.get_comment(held.id).status == CommentStatus.PUBLISHED
    assert shown(desk, desk.users["bo"]) == {held.id: ABUSE}
    assert desk.store.moderation_queue() == []
    (kept,) = desk.store.decisions_on([held.id])[held.id]
    assert (kept.decision, kept.reason, kept.decider) == (
        Decision.APPROVED,
        "rude, but about the article",
        "ed",
    )
    assert kept.decided_by == desk.users["ed"].id and kept.decided_at == decision.decided_at


def test_a_rejected_comment_is_hidden_and_cannot_be_edited_back(desk: Desk) -> None:
    held = comments.post(desk.store, desk.users["ana"], ARTICLE, desk.article, ABUSE)
    comments.decide(desk.store, desk.users["ed"], held.id, Decision.REJECTED, "insults a reader")
    assert shown(desk, None) == {} and shown(desk, desk.users["bo"]) == {}
    (mine,) = comments.thread(desk.store, ARTICLE, desk.article, desk.users["ana"])
    assert mine.rejected
    with pytest.raises(CommentError, match="rejected"):
        comments.edit(desk.store, desk.users["ana"], held.id, CLEAN)
    assert desk.store.recent_decisions()[0].reason == "insults a reader"


def test_only_its_author_edits_a_comment_and_every_edit_is_moderated(desk: Desk) -> None:
    made = comments.post(desk.store, desk.users["ana"], ARTICLE, desk.article, CLEAN)
    for other in (desk.users["bo"], desk.users["ed"]):
        with pytest.raises(NotYours):
            comments.edit(desk.store, other, made.id, "hijacked")
    fixed = CLEAN.replace("July", "August")  # nearly the same text: not "the same text again"
    edited = comments.edit(desk.store, desk.users["ana"], made.id, fixed)
    assert edited.text == fixed and edited.edited_at is not None
    assert edited.status == CommentStatus.PUBLISHED
    worse = comments.edit(desk.store, desk.users["ana"], made.id, ABUSE)
    assert worse.status == CommentStatus.HELD and shown(desk, desk.users["bo"]) == {}
    better = comments.edit(desk.store, desk.users["ana"], made.id, CLEAN)
    assert better.status == CommentStatus.PUBLISHED and better.reasons == []


def test_a_deleted_comment_with_replies_shows_deleted(desk: Desk) -> None:
    first = comments.post(desk.store, desk.users["ana"], ARTICLE, desk.article, CLEAN)
    reply = comments.post(
        desk.store, desk.users["bo"], ARTICLE, desk.article, "Agreed, June.", first.id
    )
    lonely = comments.post(
        desk.store, desk.users["ana"], ARTICLE, desk.article, "A second thought on the port."
    )
    with pytest.raises(NotYours):
        comments.delete(desk.store, desk.users["bo"], first.id)
    comments.delete(desk.store, desk.users["ana"], first.id)
    comments.delete(desk.store, desk.users["ana"], lonely.id)
    assert shown(desk, None) == {first.id: "deleted", reply.id: "Agreed, June."}
    gone = desk.store.get_comment(first.id)
    assert gone.deleted and gone.text == ""  # the words are gone from the store too
    with pytest.raises(CommentError, match="deleted"):
        comments.edit(desk.store, desk.users["ana"], first.id, CLEAN)


def test_reports_keep_their_reason_and_enough_of_them_hold_a_comment(desk: Desk) -> None:
    made = comments.post(desk.store, desk.users["ana"], ARTICLE, desk.article, CLEAN)
    with pytest.raises(CommentError, match="your own"):
        comments.report(desk.store, desk.users["ana"], made.id, "mine")
    with pytest.raises(CommentError, match="needs a reason"):
        comments.report(desk.store, desk.users["bo"], made.id, "")
    settings = CommentSettings(hide_after_reports=2)
    report, new = comments.report(desk.store, desk.users["bo"], made.id, "off topic", settings)
    assert new and report.reason == "off topic"
    again, new = comments.report(desk.store, desk.users["bo"], made.id, "spam", settings)
    assert not new and again.reason == "off topic"  # one open report per reader
    assert [c.id for c in desk.store.moderation_queue()] == [made.id]
    assert desk.store.get_comment(made.id).status == CommentStatus.PUBLISHED  # still shown
    comments.report(desk.store, desk.users["ed"], made.id, "misleading dates", settings)
    held = desk.store.get_comment(made.id)
    assert held.status == CommentStatus.HELD and held.reasons == ["reported by 2 readers"]
    assert shown(desk, desk.users["cy"]) == {}
    reports = desk.store.open_reports([made.id])[made.id]
    assert [(r.reporter, r.reason) for r in reports] == [
        ("bo", "off topic"),
        ("ed", "misleading dates"),
    ]
    # An edit does not take a reported comment out of review.
    assert comments.edit(desk.store, desk.users["ana"], made.id, CLEAN + " (fixed)").status == (
        CommentStatus.HELD
    )
    comments.decide(desk.store, desk.users["ed"], made.id, Decision.APPROVED, "dates are right")
    assert desk.store.open_reports([made.id]) == {} and desk.store.moderation_queue() == []
    assert shown(desk, desk.users["cy"]) == {made.id: CLEAN + " (fixed)"}


def test_posting_is_limited_per_minute_and_per_day(desk: Desk) -> None:
    ana = desk.users["ana"]
    start = comments.rules.now()
    for i in range(5):
        text = f"Point {i}: the {i + 1}th figure in the table is from another year."
        comments.post(desk.store, ana, ARTICLE, desk.article, text, at=start)
    with pytest.raises(CommentError, match="5 comments in the last minute") as refused:
        comments.post(desk.store, ana, ARTICLE, desk.article, "One more.", at=start)
    assert refused.value.retry_after == 60
    assert len(desk.store.comments_on(ARTICLE, desk.article)) == 5
    # Another reader is not limited by ana's comments.
    comments.post(desk.store, desk.users["bo"], ARTICLE, desk.article, CLEAN, at=start)
    daily = CommentSettings(per_day=7)
    later = start + timedelta(minutes=2)
    comments.post(desk.store, ana, ARTICLE, desk.article, "Later point A.", None, daily, later)
    comments.post(desk.store, ana, ARTICLE, desk.article, "Later point B.", None, daily, later)
    with pytest.raises(CommentError, match="7 comments in the last day"):
        comments.post(desk.store, ana, ARTICLE, desk.article, "Point C.", None, daily, later)


def test_the_rate_limit_holds_across_processes_posting_at_once(desk: Desk) -> None:
    """Eight workers, each with its own connection pool (as separate processes would have),
    post for one account at the same moment: exactly five get through."""
    start = comments.rules.now()
    results: list[str] = []

    def worker(i: int) -> None:
        own = open_store(desk.url)
        try:
            text = f"Worker {i} says the convoy left Nampo on day {i}."
            comments.post(own, desk.users["ana"], ARTICLE, desk.article, text, at=start)
            results.append("posted")
        except CommentError:
            results.append("refused")
        finally:
            own.close()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(results) == ["posted"] * 5 + ["refused"] * 3
    assert len(desk.store.comments_on(ARTICLE, desk.article)) == 5


def test_the_migration_builds_the_comment_tables_schema_py_declares(desk: Desk) -> None:
    ours = {"comments", "comment_reports", "comment_decisions"}
    with desk.store.transaction() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        differences = [
            d for d in compare_metadata(context, metadata) if any(name in repr(d) for name in ours)
        ]
    assert differences == []
