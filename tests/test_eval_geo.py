"""`eventwire eval geo`: the scorer on small hand-written files, and the floor on the gold corpora."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import require_gold

from eventwire.errors import InputError
from eventwire.eval.geo import evaluate_geo

# Written for this test. The second toponym's offset is one off, as in the real corpora.
TR_NEWS_LIKE = """<?xml version="1.0" encoding="utf-8"?>
<articles>
  <article docid="1">
    <title>Aid convoy</title>
    <text><![CDATA[Officials in Bogotá said the convoy left Cúcuta for the Venezuelan border.]]></text>
    <toponyms>
      <toponym><phrase>Bogotá</phrase><start>13</start><end>19</end>
        <gaztag geonameid="3688689"><name>Bogotá</name><fclass>P</fclass><fcode>PPLC</fcode>
          <lat>4.60971</lat><lon>-74.08175</lon><country geonameid="3686110">Colombia</country></gaztag>
      </toponym>
      <toponym><phrase>Cúcuta</phrase><start>42</start><end>48</end>
        <gaztag geonameid="3685533"><name>Cúcuta</name><fclass>P</fclass><fcode>PPLA</fcode>
          <lat>7.89391</lat><lon>-72.50782</lon><country geonameid="3686110">Colombia</country></gaztag>
      </toponym>
      <toponym><phrase>Venezuelan</phrase><start>57</start><end>67</end>
        <gaztag geonameid="3625428"><name>Venezuela</name><fclass>A</fclass><fcode>PCLI</fcode>
          <lat>8</lat><lon>-66</lon><country geonameid="3625428">Venezuela</country></gaztag>
      </toponym>
    </toponyms>
  </article>
</articles>
"""

GEOVIRUS_LIKE = """<articles>
  <article>
    <source>written for the test</source>
    <text>Health workers in Kisumu reported new cases, and a clinic in Quorvath Springs closed.</text>
    <locations>
      <location><name>Kisumu</name><start>18</start><end>24</end><lat>-0.1</lat><lon>34.75</lon>
        <page>https://en.wikipedia.org/wiki/Kisumu</page></location>
      <location><name>Quorvath Springs</name><start>61</start><end>77</end><lat>10.0</lat><lon>10.0</lon>
        <page>none</page></location>
    </locations>
  </article>
</articles>
"""


def test_scorer_on_a_tr_news_like_file(tmp_path: Path) -> None:
    path = tmp_path / "tiny-tr.xml"
    path.write_text(TR_NEWS_LIKE, encoding="utf-8")
    report = evaluate_geo(path)
    assert report["docs"] == 1 and report["toponyms"] == 3
    assert report["accuracy_161km"]["system"] == 1.0
    assert report["country_accuracy"]["system"] == 1.0
    assert report["recall"]["system"] == 1.0
    # spaCy alone misses the demonym, and tags "Cúcuta" as no place at all.
    assert report["recall"]["baseline"] < 1.0
    assert set(report["accuracy_161km"]) == {"system", "baseline"}


def test_scorer_counts_unfound_toponyms_as_wrong(tmp_path: Path) -> None:
    path = tmp_path / "tiny-gv.xml"
    path.write_text(GEOVIRUS_LIKE, encoding="utf-8")
    report = evaluate_geo(path)
    # Kisumu is found and placed; the invented town cannot be, and counts against accuracy.
    assert report["accuracy_161km"]["system"] == 0.5
    assert report["median_error_km"]["system"] < 20


def test_scorer_rejects_files_without_articles(tmp_path: Path) -> None:
    path = tmp_path / "empty.xml"
    path.write_text("<articles></articles>", encoding="utf-8")
    with pytest.raises(InputError):
        evaluate_geo(path)


@pytest.mark.slow
@pytest.mark.parametrize("corpus", ["TR-News.xml", "GeoVirus.xml"])
def test_accuracy_floor_on_gold_corpora(corpus: str) -> None:
    report = evaluate_geo(require_gold("geoparsing_dev", corpus))
    assert report["accuracy_161km"]["system"] >= 0.80
    assert report["accuracy_161km"]["system"] > report["accuracy_161km"]["baseline"] + 0.1
    assert report["recall"]["system"] >= 0.9
