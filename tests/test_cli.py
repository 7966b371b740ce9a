"""The command line as users and outside evaluations run it: real processes, real files, real databases."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from eventwire.ontology.schema import load_schema

REPO = Path(__file__).resolve().parents[1]
ARTICLES = [
    {
        "id": "kenya-1",
        "published": "2025-03-04",
        "title": "Police fire tear gas at Nairobi protest",
        "text": "NAIROBI, Kenya — Police fired tear gas at thousands of protesters who marched on parliament "
        "in Nairobi on Tuesday against a new fuel levy. At least 45 people were arrested, police said. "
        '"We will not stop until the levy is withdrawn," opposition leader Mary Wanjiku told reporters.',
    },
    {
        "id": "sudan-1",
        "published": "2025-03-06",
        "text": "Drone strikes on a market in El Fasher killed at least 12 civilians on Wednesday, local "
        "volunteers said. The United Nations condemned the attack and urged both sides to protect civilians.",
    },
]


def eventwire_cli(*args: str, cwd: Path | None = None, stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    return subprocess.run(
        [sys.executable, "-m", "eventwire", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        input=stdin,
        env=env,
        timeout=600,
    )


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_extract_jsonl_prints_one_contract_object_per_line(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "news.jsonl", ARTICLES)
    run = eventwire_cli("extract", str(source), "--quiet")
    assert run.returncode == 0, run.stderr
    lines = [json.loads(line) for line in run.stdout.splitlines()]
    assert [line["id"] for line in lines] == ["kenya-1", "sudan-1"]
    validator = jsonschema.Draft202012Validator(load_schema("article"))
    for article in lines:
        validator.validate(article)
        assert {"id", "events", "quotes", "places", "counts"} <= article.keys()
        assert article["events"]
        for event in article["events"]:
            assert {"id", "event", "actor", "text", "text_info"} <= event.keys()
            assert event["article_id"] == article["id"]
    kenya = lines[0]
    assert {e["event"][0] for e in kenya["events"]} >= {"PROTEST"}
    assert any(c["what"] == "arrested" and c["n"] == 45 for c in kenya["counts"])
    assert kenya["quotes"] and kenya["quotes"][0]["speaker"]["entity_text"].endswith("Wanjiku")


def test_extract_plover_format_and_stdin(tmp_path: Path) -> None:
    run = eventwire_cli("extract", "-", "--format", "plover", "--published", "2025-03-06", stdin=ARTICLES[1]["text"])
    assert run.returncode == 0, run.stderr
    events = [json.loads(line) for line in run.stdout.splitlines()]
    assert events and all(e["event"][0] in {"ASSAULT", "ACCUSE", "REQUEST"} for e in events)
    strike = next(e for e in events if e["event"] == ["ASSAULT"])
    assert strike["date"] == "2025-03-05"
    assert strike["acled"]["sub_event_type"] == "Air/drone strike"
    assert re.search(r"read 1, .*events \d+", run.stderr)


def test_ingesting_twice_keeps_rows_and_event_ids(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "news.jsonl", ARTICLES)
    db = tmp_path / "events.db"
    exported = []
    for _ in range(2):
        assert eventwire_cli("ingest", str(source), "--db", str(db), "--quiet").returncode == 0
        run = eventwire_cli("export", "--db", str(db), "--format", "plover", "--mentions", "--quiet")
        assert run.returncode == 0, run.stderr
        exported.append(sorted(json.loads(line)["id"] for line in run.stdout.splitlines()))
    assert exported[0] and exported[0] == exported[1]
    canonical = eventwire_cli("export", "--db", str(db), "--format", "csv", "--type", "ASSAULT", "--quiet")
    rows = canonical.stdout.splitlines()
    assert len(rows) >= 2 and all(",ASSAULT," in row for row in rows[1:])


def test_bad_inputs_are_reported_recorded_and_skipped(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    (folder / "photo.txt").write_bytes(bytes(range(256)) * 20)
    (folder / "empty.txt").write_text("   \n\t ", encoding="utf-8")
    (folder / "noise.txt").write_bytes(b"\xff\xfe\xfa\xc3\x28 \x80\x81\x82 " * 40)
    # Valid UTF-8 (accents, dashes) with one stray byte: UTF-8 with damage, not a legacy encoding.
    text = ARTICLES[1]["text"] + " Café owners in Tawila — many of them displaced — closed their shops."
    damaged = text.encode("utf-8").replace(b"market", b"mar\xffket")
    (folder / "damaged.txt").write_bytes(damaged)
    good_and_bad = json.dumps(ARTICLES[0]) + "\n{this is not json\n" + json.dumps(ARTICLES[1]) + "\n"
    (folder / "news.jsonl").write_text(good_and_bad, encoding="utf-8")
    db = tmp_path / "events.db"
    run = eventwire_cli("ingest", str(folder), "--db", str(db))
    assert run.returncode == 1
    for name in ("photo.txt", "empty.txt", "noise.txt", "news.jsonl:2"):
        assert name in run.stderr, run.stderr
    # A few undecodable bytes in good text are replaced and flagged, and the article is stored.
    assert re.search(r"warning: .*damaged.txt: replaced_undecodable_bytes", run.stderr)
    assert "read 3, stored 3, skipped 1, failed 3" in run.stderr
    exported = eventwire_cli("export", "--db", str(db), "--format", "plover", "--mentions", "--quiet")
    assert {"kenya-1", "sudan-1"} <= {json.loads(line)["article_id"] for line in exported.stdout.splitlines()}

    from eventwire.store import Store

    assert Store.from_url(str(db)).count_rows("ingest_errors") == 4
    assert Store.from_url(str(db)).count_rows("articles") == 3


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert eventwire_cli("export", "--format", "nonsense").returncode == 2
    assert eventwire_cli("extract", "--published", "yesterday-ish", str(tmp_path)).returncode == 2
    assert eventwire_cli("eval", "no-such-dataset", str(REPO / "README.md")).returncode == 2


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    from eventwire.cli import app

    names = [c.name or c.callback.__name__ for c in app.registered_commands]
    assert {"extract", "ingest", "export", "serve", "eval", "demo", "dedup"} <= set(names)
    for name in names:
        assert f"eventwire {name}" in readme, name


@pytest.mark.slow
def test_demo_prints_its_summary(tmp_path: Path) -> None:
    run = eventwire_cli("demo", "--quiet", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "events by type" in run.stderr and "top places" in run.stderr
    assert "eventwire serve --db eventwire-demo.db" in run.stderr
    assert (tmp_path / "eventwire-demo.db").exists()
    events = (tmp_path / "events.plover.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(events) > 200
