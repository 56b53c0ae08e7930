"""`storylens evaluate OUTPUT.json GOLD` scores a run's events against gold labels."""

import json

from click.testing import CliRunner

from storylens.cli.evaluate import command


def _output(tmp_path):
    doc = {
        "schema": "storylens/v1",
        "articles": [
            {"id": "id1", "source": "in/a.txt"},
            {"id": "id2", "source": "in/b.txt"},
            {"id": "id3", "source": "in/c.txt"},
        ],
        "events": [{"id": "e1", "articles": ["id1", "id2"]}, {"id": "e2", "articles": ["id3"]}],
    }
    path = tmp_path / "out.json"
    path.write_text(json.dumps(doc))
    return path


def test_gold_jsonl_keyed_by_file_name_is_matched_to_articles(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        "\n".join(
            json.dumps({"doc": d, "label": lab}) for d, lab in [("a", "x"), ("b", "x"), ("c", "y")]
        )
    )
    result = CliRunner().invoke(command, [str(_output(tmp_path)), str(gold), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.output)
    assert scores["matched"] == 3
    assert scores["bcubed"]["f1"] == 1.0


def test_gold_csv_keyed_by_article_id_reports_missing_articles(tmp_path):
    gold = tmp_path / "gold.csv"
    gold.write_text("doc,label\nid1,x\nid2,y\nid3,y\nnot-there,y\n")
    result = CliRunner().invoke(command, [str(_output(tmp_path)), str(gold)])
    assert result.exit_code == 0, result.output
    assert "B-cubed" in result.output
    assert "not in the output: 1" in result.output


def test_a_file_that_is_not_storylens_json_is_refused_with_a_reason(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{}")
    gold = tmp_path / "gold.csv"
    gold.write_text("a,x\n")
    result = CliRunner().invoke(command, [str(bad), str(gold)])
    assert result.exit_code != 0
    assert "storylens/v1" in result.output
