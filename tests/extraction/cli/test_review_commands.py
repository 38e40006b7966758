"""Review commands of the CLI: review confirm|reject|fix|add|list, export --raw, gold, evaluate --db."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from extraction.cli import review as review_cli
from extraction.cli import store as store_cli
from extraction.cli.main import build_parser, main
from extraction.documents import split_sentences
from extraction.relation_ids import relation_id
from extraction.store import Store
from extraction.store import reviews as store_reviews
from extraction.table import read_table
from tests.extraction.store.helpers import ROOT, FakeExtractor

ACTORS = "USA, JPN, KOR, PRK, CHN, RUS, TWN"
TYPES = "AGREE, CONSULT, SUPPORT, CONCEDE, COOPERATE, AID, RETREAT, REQUEST, ACCUSE, REJECT, THREATEN, PROTEST, SANCTION, MOBILIZE, COERCE, ASSAULT"
CLOCK = dt.datetime(2024, 5, 1, 9, 30, 15)


@pytest.fixture
def db(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("RELDASH_DB", raising=False)
    monkeypatch.delenv("RELDASH_REVIEWER", raising=False)
    monkeypatch.setattr(store_reviews, "_now", lambda: CLOCK)
    monkeypatch.setattr(store_cli, "_extractor", lambda args: FakeExtractor())
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "summit.md").write_text(
        "---\ntitle: Abe and Trump meet\ndate: 2017-02-10\n---\nText. [USA>JPN:CONSULT] [JPN>USA:SUPPORT]\n", "utf-8"
    )
    (folder / "drills.txt").write_text(
        "China holds drills near Taiwan\n2022-08-04\n\nText. [CHN>TWN:MOBILIZE:2022-08-04]\n", "utf-8"
    )
    path = str(tmp_path / "relations.duckdb")
    assert main(["add", str(folder), "--db", path]) == 0
    capsys.readouterr()
    return path


@pytest.fixture
def rel(db):
    """The relation ids: s1 USA>JPN CONSULT, s2 JPN>USA SUPPORT (summit), d1 CHN>TWN MOBILIZE (drills)."""
    frame = Store(db).relations().set_index(["doc_id", "event_type"])
    ids = {
        "s1": frame.loc[("summit", "CONSULT"), "relation_id"],
        "s2": frame.loc[("summit", "SUPPORT"), "relation_id"],
        "d1": frame.loc[("drills", "MOBILIZE"), "relation_id"],
    }
    summit = Store(db).document("summit").text
    first = split_sentences(summit)[0]
    ids["new"] = relation_id("summit", first.start, first.end, "JPN", "USA", "AGREE", "")
    return ids


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_review_commands_are_registered():
    parser = build_parser()
    for argv in (
        ["review", "confirm", "r1"],
        ["review", "reject", "r1", "--note", "n"],
        ["review", "fix", "r1", "--type", "AGREE"],
        ["review", "add", "d", "--source", "USA", "--target", "JPN", "--type", "AGREE"],
        ["review", "list"],
        ["gold", "--out", "g"],
    ):
        args = parser.parse_args([*argv, "--db", "s.duckdb"])
        assert callable(args.func) and args.db == "s.duckdb"
    assert parser.parse_args(["review", "fix", "r1", "--asserted"]).negated is False
    assert parser.parse_args(["review", "fix", "r1", "--negated"]).negated is True
    assert parser.parse_args(["review", "fix", "r1"]).negated is None


#: (argv, exit code, stdout) in order: each step sees the ones before.
SESSION = [
    (["review", "confirm", "{s1}", "--reviewer", "ann"], 0,
     "confirmed {s1} (USA->JPN CONSULT in summit, sentence 0); reviewer ann\n"),
    (["review", "reject", "{s2}", "--note", "Abe said no such thing", "--reviewer", "ann"], 0,
     "rejected {s2} (JPN->USA SUPPORT in summit, sentence 1); reviewer ann\n"),
    (["review", "fix", "{d1}", "--type", "coerce", "--date", "2022-08", "--negated"], 0,
     "fixed {d1} (CHN->TWN MOBILIZE in drills, sentence 0): event_type MOBILIZE -> COERCE, "
     "event_date 2022-08-04 -> 2022-08-01, date_precision day -> month, negated false -> true; reviewer bob\n"),
    (["review", "fix", "{d1}", "--asserted", "--source", "prk"], 0,
     "fixed {d1} (CHN->TWN COERCE negated in drills, sentence 0): source CHN -> PRK, negated true -> false; "
     "reviewer bob\n"),
    (["review", "add", "summit", "--source", "jpn", "--target", "usa", "--type", "agree", "--sentence-id", "0"], 0,
     "added {new} (JPN->USA AGREE in summit, sentence 0); reviewer bob\n"),
    (["review", "list"], 0,
     "relation_id        verdict  state       reviewed (UTC)    reviewer  relation\n"
     "{s1}  confirm  current     2024-05-01 09:30  ann  USA->JPN CONSULT in summit, sentence 0\n"
     "{s2}  reject   current     2024-05-01 09:30  ann  JPN->USA SUPPORT in summit, sentence 1"
     "  [note: \"Abe said no such thing\"]\n"
     "{d1}  fix      current     2024-05-01 09:30  bob  CHN->TWN COERCE negated in drills, sentence 0"
     "  [source CHN -> PRK; negated true -> false]\n"
     "{new}  add      current     2024-05-01 09:30  bob  JPN->USA AGREE in summit, sentence 0\n"
     "4 reviewed relations (1 confirmed, 1 rejected, 1 fixed, 1 added); 2 of 2 articles fully reviewed\n"),
    (["review", "list", "--all"], 0,
     "relation_id        verdict  state       reviewed (UTC)    reviewer  relation\n"
     "{s1}  confirm  current     2024-05-01 09:30  ann  USA->JPN CONSULT in summit, sentence 0\n"
     "{s2}  reject   current     2024-05-01 09:30  ann  JPN->USA SUPPORT in summit, sentence 1"
     "  [note: \"Abe said no such thing\"]\n"
     "{d1}  fix      superseded  2024-05-01 09:30  bob  CHN->TWN MOBILIZE in drills, sentence 0"
     "  [event_type MOBILIZE -> COERCE; event_date 2022-08-04 -> 2022-08-01; date_precision day -> month; "
     "negated false -> true]\n"
     "{d1}  fix      current     2024-05-01 09:30  bob  CHN->TWN COERCE negated in drills, sentence 0"
     "  [source CHN -> PRK; negated true -> false]\n"
     "{new}  add      current     2024-05-01 09:30  bob  JPN->USA AGREE in summit, sentence 0\n"
     "4 reviewed relations (1 confirmed, 1 rejected, 1 fixed, 1 added); 2 of 2 articles fully reviewed\n"),
]  # fmt: skip


def test_a_review_session(capsys, db, rel, monkeypatch):
    monkeypatch.setenv("RELDASH_REVIEWER", "bob")
    for argv, code, out in SESSION:
        got = run(capsys, *[a.format(**rel) for a in argv], "--db", db)
        assert got == (code, out.format(**rel), ""), argv
    reviewed = Store(db).relations()
    assert reviewed[["doc_id", "source", "target", "event_type", "review_status"]].values.tolist() == [
        ["drills", "PRK", "TWN", "COERCE", "fixed"],
        ["summit", "USA", "JPN", "CONSULT", "confirmed"],
        ["summit", "JPN", "USA", "AGREE", "added"],
    ]


def test_several_ids_are_recorded_together_or_not_at_all(capsys, db, rel):
    assert run(capsys, "review", "reject", rel["s1"], "r0000000000000000", "--reviewer", "x", "--db", db) == (
        2, "", "error: [E023] no relation 'r0000000000000000' in the store\n",
    )  # fmt: skip
    assert Store(db).reviews().empty
    assert run(capsys, "review", "confirm", rel["s1"], rel["d1"], "--reviewer", "x", "--db", db) == (
        0,
        f"confirmed {rel['s1']} (USA->JPN CONSULT in summit, sentence 0); reviewer x\n"
        f"confirmed {rel['d1']} (CHN->TWN MOBILIZE in drills, sentence 0); reviewer x\n",
        "",
    )


def test_list_counts_relations_with_the_reviews_applied(capsys, db, rel):
    run(capsys, "review", "reject", rel["s2"], "--reviewer", "x", "--db", db)
    run(capsys, "review", "confirm", rel["d1"], "--reviewer", "x", "--db", db)
    assert run(capsys, "list", "--db", db)[1].splitlines() == [
        "doc_id    date         rels  title",
        "summit    2017-02-10      1  Abe and Trump meet",
        "drills    2022-08-04      1  China holds drills near Taiwan",
        "2 documents, 3 text relations, 0 GDELT relations; 2 documents need `reextract`",
        "reviews: 2 reviewed relations (1 confirmed, 1 rejected, 0 fixed, 0 added); 1 of 2 articles fully reviewed "
        "(rels: reviews applied)",
    ]


def test_no_reviews_yet(capsys, db):
    assert run(capsys, "review", "list", "--db", db) == (
        0, f"no reviews in {db}\n0 reviewed relations (0 confirmed, 0 rejected, 0 fixed, 0 added); "
        "0 of 2 articles fully reviewed\n", "",
    )  # fmt: skip


def test_the_login_name_is_the_last_resort(capsys, db, rel, monkeypatch):
    monkeypatch.setattr(review_cli.getpass, "getuser", lambda: "login")
    assert run(capsys, "review", "confirm", rel["s1"], "--db", db)[1].endswith("; reviewer login\n")
    monkeypatch.setenv("RELDASH_REVIEWER", "setting")
    assert run(capsys, "review", "confirm", rel["s1"], "--db", db)[1].endswith("; reviewer setting\n")
    assert run(capsys, "review", "confirm", rel["s1"], "--reviewer", "option", "--db", db)[1].endswith(
        "; reviewer option\n"
    )

    def no_login():
        raise OSError("no user")

    monkeypatch.delenv("RELDASH_REVIEWER")
    monkeypatch.setattr(review_cli.getpass, "getuser", no_login)
    assert run(capsys, "review", "confirm", rel["s1"], "--db", db) == (
        2, "", "error: [E024] reviewer: no name given (pass one, or set RELDASH_REVIEWER)\n",
    )  # fmt: skip


BAD = [
    (["review", "confirm", "r0000000000000000"], "error: [E023] no relation 'r0000000000000000' in the store\n"),
    (["review", "reject", "summit"],
     "error: [E023] no relation 'summit' in the store (relation ids look like r3fa9c2d1e0b47a11)\n"),
    (["review", "fix", "{s1}", "--source", "XYZ"], f"error: [E024] source: unknown actor 'XYZ'; actors are {ACTORS}\n"),
    (["review", "fix", "{s1}", "--target", "usa"], "error: [E024] source and target would be the same actor 'USA'\n"),
    (["review", "fix", "{s1}", "--type", "HUG"], f"error: [E024] type: unknown event type 'HUG'; types are {TYPES}\n"),
    (["review", "fix", "{s1}", "--date", "2016-02-30"],
     "error: [E024] date: unparseable date '2016-02-30' (use YYYY-MM-DD, YYYY-MM or YYYY)\n"),
    (["review", "fix", "{s1}"], "error: [E024] nothing to fix: give a new type, source, target, date or negation\n"),
    (["review", "fix", "{s1}", "--type", "CONSULT", "--asserted"],
     "error: [E024] nothing to fix: the relation is already USA->JPN CONSULT in summit, sentence 0\n"),
    (["review", "add", "nosuchdoc", "--source", "USA", "--target", "JPN", "--type", "AGREE"],
     "error: [E022] no document 'nosuchdoc' in the store\n"),
    (["review", "add", "summit", "--source", "USA", "--target", "EU", "--type", "AGREE"],
     f"error: [E024] target: unknown actor 'EU'; actors are {ACTORS}\n"),
    (["review", "add", "summit", "--source", "USA", "--target", "JPN", "--type", "MEET"],
     f"error: [E024] type: unknown event type 'MEET'; types are {TYPES}\n"),
    (["review", "add", "summit", "--source", "USA", "--target", "JPN", "--type", "AGREE", "--date", "tomorrow"],
     "error: [E024] date: unparseable date 'tomorrow' (use YYYY-MM-DD, YYYY-MM or YYYY)\n"),
    (["review", "add", "summit", "--source", "USA", "--target", "JPN", "--type", "AGREE", "--sentence-id", "5"],
     "error: [E024] sentence: document 'summit' has sentences 0 to 1, not 5\n"),
    (["review", "add", "summit", "--source", "USA", "--target", "JPN", "--type", "AGREE", "--sentence-id", "-2"],
     "error: [E024] sentence: -2 is not a sentence number (0, 1, 2, ...)\n"),
    (["review", "confirm", "{s1}", "--reviewer", " "],
     "error: [E024] reviewer: no name given (pass one, or set RELDASH_REVIEWER)\n"),
    (["review", "reject", "{s1}", "--note", "x" * 2001], "error: [E024] note: longer than 2000 characters (2001)\n"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("argv", "err"), BAD, ids=[" ".join(a[:2] + a[3:4]) + f" #{i}" for i, (a, _) in enumerate(BAD)]
)
def test_bad_input_gets_a_coded_error_and_writes_nothing(capsys, db, rel, argv, err):
    store = Store(db)
    before = (store.generation(), store.reviews(history=True).to_dict("records"))
    name = [] if "--reviewer" in argv else ["--reviewer", "x"]
    code, out, got = run(capsys, *[a.format(**rel) for a in argv], *name, "--db", db)
    assert (code, out, got) == (2, "", err.format(**rel))
    assert (store.generation(), store.reviews(history=True).to_dict("records")) == before


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["review", "fix", "r1", "--negated", "--asserted"], "argument --asserted: not allowed with argument --negated"),
        (["review", "add", "summit", "--source", "USA", "--target", "JPN"], "the following arguments are required: --type"),
        (["review", "add", "summit", "--source", "USA", "--target", "JPN", "--type", "AGREE", "--sentence-id", "two"],
         "argument --sentence-id: invalid int value: 'two'"),
        (["review", "approve", "r1"], "invalid choice: 'approve' (choose from 'confirm', 'reject', 'fix', 'add', 'list')"),
        (["evaluate", "--db", "x.duckdb", "--articles", "data/articles"], "argument --articles: not allowed with argument --db"),
    ],
)  # fmt: skip
def test_usage_errors(capsys, argv, message):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    assert message in capsys.readouterr().err


def test_export_shows_the_reviews_and_raw_the_extraction(capsys, db, rel, tmp_path):
    run(capsys, "review", "reject", rel["s2"], "--reviewer", "x", "--db", db)
    run(capsys, "review", "fix", rel["d1"], "--type", "COERCE", "--reviewer", "x", "--db", db)
    run(capsys, "review", "add", "summit", "--source", "JPN", "--target", "USA", "--type", "AGREE",
        "--sentence-id", "0", "--reviewer", "x", "--db", db)  # fmt: skip
    reviewed_csv, raw_csv = tmp_path / "reviewed.csv", tmp_path / "raw.parquet"
    assert run(capsys, "export", "--out", reviewed_csv, "--db", db) == (0, f"3 relations -> {reviewed_csv}\n", "")
    assert run(capsys, "export", "--out", raw_csv, "--raw", "--db", db) == (
        0, f"3 relations as extracted -> {raw_csv}\n", "",
    )  # fmt: skip
    reviewed, raw = read_table(reviewed_csv), read_table(raw_csv)
    assert reviewed[["relation_id", "event_type", "review_status"]].values.tolist() == [
        [rel["d1"], "COERCE", "fixed"],
        [rel["s1"], "CONSULT", ""],
        [rel["new"], "AGREE", "added"],
    ]
    assert raw[["relation_id", "event_type", "review_status"]].values.tolist() == [
        [rel["d1"], "MOBILIZE", "fixed"],
        [rel["s1"], "CONSULT", ""],
        [rel["s2"], "SUPPORT", "rejected"],
    ]
    # filters apply to the reviewed values
    code, out, _ = run(capsys, "export", "--out", reviewed_csv, "--actor", "usa", "--db", db)
    assert out == f"2 relations -> {reviewed_csv}\n"


def test_remove_and_reextract_report_the_reviews_they_keep(capsys, db, rel):
    run(capsys, "review", "confirm", rel["s1"], "--reviewer", "x", "--db", db)
    run(capsys, "review", "reject", rel["s2"], "--reviewer", "x", "--db", db)
    run(capsys, "review", "confirm", rel["d1"], "--reviewer", "x", "--db", db)
    assert run(capsys, "reextract", "--all", "--db", db) == (
        0, "2 documents re-extracted: 3 -> 3 relations; 3 reviewed relations kept their reviews\n", "",
    )  # fmt: skip
    assert run(capsys, "remove", "summit", "--db", db) == (
        0, "removed summit and its 2 relations; its 2 reviews kept (see `review list`)\n", "",
    )  # fmt: skip
    code, out, _ = run(capsys, "review", "list", "--db", db)
    assert out.splitlines()[1].split()[:3] == [rel["s1"], "confirm", "orphaned"]
    assert out.splitlines()[-1] == (
        "3 reviewed relations (2 confirmed, 1 rejected, 0 fixed, 0 added); 2 reviews of relations no longer "
        "in the store (kept: they apply again if the relation comes back); 1 of 1 articles fully reviewed"
    )
    assert run(capsys, "remove", "drills", "--db", db)[1] == (
        "removed drills and its 1 relation; its 1 review kept (see `review list`)\n"
    )


# --------------------------------------------------------------------------- gold and evaluate --db


def evaluate_json(capsys, gold, db) -> dict:
    code, out, err = run(capsys, "evaluate", "--gold", gold, "--db", db, "--json")
    assert (code, err) == (0, "")
    return json.loads(out)


def levels(report: dict) -> tuple:
    return tuple(
        (report[level]["precision"], report[level]["recall"], report[level]["gold_core"], report[level]["predicted"])
        for level in ("type_level", "quad_level")
    )


def test_gold_round_trip_scores_the_raw_extraction(capsys, db, rel, tmp_path):
    gold = tmp_path / "gold"
    nothing_yet = (
        1, "", "error: no article is fully reviewed yet: give every relation of an article a verdict "
        "(see `review list`)\n",
    )  # fmt: skip
    assert run(capsys, "gold", "--out", gold, "--db", db) == nothing_yet
    run(capsys, "review", "confirm", rel["s1"], "--reviewer", "x", "--db", db)  # one of summit's two
    assert run(capsys, "gold", "--out", gold, "--db", db) == nothing_yet
    assert not gold.exists()

    # all confirmed: the extraction scores perfectly against its own reviewed gold
    for key in ("s2", "d1"):
        run(capsys, "review", "confirm", rel[key], "--reviewer", "x", "--db", db)
    assert run(capsys, "gold", "--out", gold, "--db", db) == (
        0,
        f"2 fully reviewed articles, 3 gold rows -> {gold}\n",
        "",
    )
    assert sorted(p.name for p in gold.iterdir()) == ["drills.csv", "summit.csv"]
    assert (gold / "summit.csv").read_text("utf-8") == (
        "doc_id,source,target,event_types,symmetric,status,event_date,negated,evidence\n"
        "summit,USA,JPN,CONSULT,false,core,2017-02-10,false,[USA>JPN:CONSULT]\n"
        "summit,JPN,USA,SUPPORT,false,core,2017-02-10,false,[JPN>USA:SUPPORT]\n"
    )
    report = evaluate_json(capsys, gold, db)
    assert report["documents"] == 2
    assert levels(report) == ((1.0, 1.0, 3, 3), (1.0, 1.0, 3, 3))
    assert report["type_level"]["date_accuracy"] == 1.0

    # a reject, a fix and an addition: the raw extraction is scored against them
    run(capsys, "review", "reject", rel["s2"], "--reviewer", "x", "--db", db)
    run(capsys, "review", "fix", rel["d1"], "--type", "COERCE", "--date", "2022-08", "--reviewer", "x", "--db", db)
    run(capsys, "review", "add", "summit", "--source", "JPN", "--target", "USA", "--type", "AGREE",
        "--sentence-id", "0", "--reviewer", "x", "--db", db)  # fmt: skip
    code, out, err = run(capsys, "gold", "--out", gold, "--db", db)
    assert (code, out) == (2, "")
    assert err == (
        f"error: [E004] gold files already exist: {gold / 'summit.csv'}, {gold / 'drills.csv'} "
        "(use --force to replace them)\n"
    )
    assert run(capsys, "gold", "--out", gold, "--force", "--db", db) == (
        0,
        f"2 fully reviewed articles, 3 gold rows -> {gold}\n",
        "",
    )
    assert (gold / "drills.csv").read_text("utf-8").splitlines()[1] == (
        "drills,CHN,TWN,COERCE,false,core,2022-08,false,[CHN>TWN:MOBILIZE:2022-08-04]"
    )
    assert (gold / "summit.csv").read_text("utf-8").splitlines()[
        2
    ] == "summit,JPN,USA,AGREE,false,core,2017-02-10,false,Text."
    report = evaluate_json(capsys, gold, db)
    # type level: 1 of 3 predictions right (CONSULT), 1 of 3 gold rows found;
    # quad level: SUPPORT/AGREE and MOBILIZE/COERCE share their quad class: all right
    assert levels(report) == ((0.3333, 0.3333, 3, 3), (1.0, 1.0, 3, 3))
    assert report["type_level"]["date_accuracy"] == 1.0
    assert {(m["source"], m["target"], m["event_types"]) for m in report["misses"]} == {
        ("JPN", "USA", "AGREE"), ("CHN", "TWN", "COERCE"),
    }  # fmt: skip


def test_an_article_whose_relations_were_all_rejected_makes_every_prediction_a_false_positive(
    capsys, db, rel, tmp_path
):
    for key in ("s1", "s2"):
        run(capsys, "review", "reject", rel[key], "--reviewer", "x", "--db", db)
    gold = tmp_path / "gold"
    assert run(capsys, "gold", "--out", gold, "--db", db) == (
        0, f"1 fully reviewed article, 0 gold rows -> {gold}\n", "",
    )  # fmt: skip
    assert (gold / "summit.csv").read_text("utf-8") == (
        "doc_id,source,target,event_types,symmetric,status,event_date,negated,evidence\n"
    )
    report = evaluate_json(capsys, gold, db)
    assert report["documents"] == 1
    assert levels(report) == ((0.0, 0.0, 0, 2), (0.0, 0.0, 0, 2))


def test_partly_reviewed_articles_are_left_out_of_the_gold(capsys, db, rel, tmp_path):
    run(capsys, "review", "confirm", rel["s1"], "--reviewer", "x", "--db", db)
    run(capsys, "review", "confirm", rel["d1"], "--reviewer", "x", "--db", db)
    gold = tmp_path / "gold"
    assert run(capsys, "gold", "--out", gold, "--db", db) == (
        0, f"1 fully reviewed article, 1 gold rows -> {gold} (1 partly reviewed article left out)\n", "",
    )  # fmt: skip
    assert [p.name for p in gold.iterdir()] == ["drills.csv"]


def test_evaluate_db_reports_gold_documents_the_store_lacks(capsys, db, rel, tmp_path):
    gold = tmp_path / "gold"
    gold.mkdir()
    header = "doc_id,source,target,event_types,symmetric,status,event_date,negated,evidence\n"
    (gold / "summit.csv").write_text(header + "summit,USA,JPN,CONSULT,false,core,2017-02,false,x\n", "utf-8")
    (gold / "elsewhere.csv").write_text(header + "elsewhere,USA,JPN,CONSULT,false,core,2017-02,false,x\n", "utf-8")
    code, out, err = run(capsys, "evaluate", "--gold", gold, "--db", db, "--json")
    assert (code, err) == (0, "skipped: gold document 'elsewhere' is not in the store\n")
    report = json.loads(out)
    assert report["documents"] == 1
    assert levels(report) == ((0.5, 1.0, 1, 2), (0.5, 1.0, 1, 2))  # the extracted SUPPORT is not in this gold

    empty = tmp_path / "empty.duckdb"
    Store(empty)
    assert run(capsys, "evaluate", "--gold", gold, "--db", empty) == (
        1, "", "skipped: gold document 'elsewhere' is not in the store\n"
        "skipped: gold document 'summit' is not in the store\n"
        f"error: the store {empty} holds none of the gold documents\n",
    )  # fmt: skip
    missing = tmp_path / "typo.duckdb"
    assert run(capsys, "evaluate", "--gold", gold, "--db", missing) == (2, "", f"error: [E020] no store at {missing}\n")
    assert not missing.exists()


def test_evaluate_db_ignores_the_reviews(capsys, db, rel, tmp_path):
    """The store's reviews change the gold, never the predictions being scored."""
    gold = tmp_path / "gold"
    for key in ("s1", "s2", "d1"):
        run(capsys, "review", "confirm", rel[key], "--reviewer", "x", "--db", db)
    run(capsys, "gold", "--out", gold, "--db", db)
    before = evaluate_json(capsys, gold, db)
    for key in ("s1", "s2", "d1"):
        run(capsys, "review", "reject", rel[key], "--reviewer", "x", "--db", db)
    assert evaluate_json(capsys, gold, db) == before


#: Every fourth demo article: 21 articles in all styles, fast enough for the suite.
DEMO_SAMPLE = sorted((ROOT / "data" / "articles").glob("*.md"))[::4]


@pytest.mark.slow
def test_demo_articles_all_confirmed_are_their_own_perfect_gold(capsys, tmp_path):
    """The real pipeline on demo articles: the stored raw extraction scores against the hand
    gold as the shipped demo table does; confirmed in full, its reviews as gold give P = R = 1."""
    from extraction.evaluate import evaluate, load_gold
    from extraction.pipeline import Extractor

    db = tmp_path / "demo.duckdb"
    store = Store(db)
    store.add_paths(DEMO_SAMPLE, Extractor())
    ids = [p.stem for p in DEMO_SAMPLE]

    code, out, err = run(capsys, "evaluate", "--gold", ROOT / "data" / "gold", "--db", db, "--json", "--only", *ids)
    assert (code, err) == (0, "")
    shipped = read_table(ROOT / "data" / "demo" / "relations.csv")
    fresh = evaluate(shipped[shipped["doc_id"].isin(ids)], load_gold(ROOT / "data" / "gold", only=ids))
    stored = json.loads(out)
    for part in ("documents", "type_level", "quad_level", "per_type"):
        assert stored[part] == fresh[part], part

    store.confirm_many(store.relations()["relation_id"], reviewer="demo")
    progress = store.review_progress()
    with_relations = progress[progress["extracted"] > 0]
    assert progress["fully_reviewed"].tolist() == (progress["extracted"] > 0).tolist()
    gold = tmp_path / "gold"
    code, out, err = run(capsys, "gold", "--out", gold, "--db", db)
    assert (code, err) == (0, "")
    assert out.startswith(f"{len(with_relations)} fully reviewed articles, ")
    report = evaluate_json(capsys, gold, db)
    assert report["documents"] == len(with_relations)
    assert (report["type_level"]["precision"], report["type_level"]["recall"]) == (1.0, 1.0)
    assert (report["quad_level"]["precision"], report["quad_level"]["recall"]) == (1.0, 1.0)
    assert report["misses"] == [] and report["false_positives"] == []
