"""Office of the Historian sources (pipeline.hsg): real facts, full reconciliation, full crosswalk."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

REPO = Path(__file__).resolve().parents[1]
REFERENCE = REPO.parent / "shared" / "reference"

if not (REFERENCE / "hsg").is_dir():
    pytest.skip(f"Office of the Historian data (hsg/) not found under {REFERENCE}", allow_module_level=True)
pytest.importorskip("lxml", reason="pipeline.hsg parses the upstream XML with lxml")
from lxml import etree  # noqa: E402

from pipeline.hsg import chiefs, counts, crosswalk, recognition, visits  # noqa: E402

ISO = re.compile(r"^(\d{4}(-\d{2}(-\d{2})?)?)?$")
TEI = {"t": "http://www.tei-c.org/ns/1.0"}


@pytest.fixture(scope="module")
def ref() -> Path:
    """The upstream reference folder, ``../shared/reference`` from the repository root."""
    return REFERENCE


@pytest.fixture(scope="module")
def chief_rows(ref):
    return chiefs.chiefs_of_mission(ref)


@pytest.fixture(scope="module")
def visit_rows(ref):
    return visits.official_visits(ref)


@pytest.fixture(scope="module")
def events(ref):
    return recognition.recognition_events(ref)


def _count(ref: Path, folder: str, xpath: str, ns=None) -> int:
    return sum(len(etree.parse(str(p)).xpath(xpath, namespaces=ns))
               for p in (ref / "hsg" / folder).rglob("*.xml"))


def test_israel_recognised_1948_05_14(events):
    row = events[(events.hsg_article_id == "israel") & (events.event_type == "recognition")]
    assert row[["country_id", "date"]].values.tolist() == [["ISR", "1948-05-14"]]
    assert "May 14, 1948" in row.iloc[0]["evidence"]


def test_israel_relations_when_mcdonald_presented_credentials(events, chief_rows):
    rel = events[(events.hsg_article_id == "israel") & (events.event_type == "relations_established")]
    assert rel["date"].tolist() == ["1949-03-28"] and "McDonald" in rel.iloc[0]["evidence"]
    mcd = chief_rows[(chief_rows.person_name == "James Grover McDonald") & (chief_rows.country_id == "ISR")]
    assert mcd["credentials_date"].tolist() == ["1949-03-28"]


def test_kennan_in_moscow(chief_rows):
    row = chief_rows[(chief_rows.person_id == "kennan-george-frost") & (chief_rows.country_id == "RUS")]
    assert len(row) == 1
    r = row.iloc[0]
    assert (r.appointed_date, r.credentials_date, r.ended_date) == ("1952-03-14", "1952-05-14", "1952-09-19")
    assert r.ended_note.startswith("Left post") and r.role_title == "Ambassador Extraordinary and Plenipotentiary"
    assert r.url == "https://history.state.gov/departmenthistory/people/chiefsofmission/russia"


def test_thompson_presented_credentials_twice_in_moscow(chief_rows):
    rows = chief_rows[(chief_rows.person_name.str.startswith("Llewellyn E. Thompson"))
                      & (chief_rows.country_id == "RUS")]
    assert sorted(rows["credentials_date"]) == ["1957-07-16", "1967-01-23"]


def test_khrushchev_visit_began_1959_09_15(visit_rows):
    row = visit_rows[visit_rows.traveller.str.contains("Khrushchev") & (visit_rows.start_date.str[:4] == "1959")]
    assert row[["direction", "role", "country_id", "start_date"]].values.tolist() == \
        [["to_us", "Premier", "RUS", "1959-09-15"]]


def test_nixon_in_the_ussr_1972(visit_rows):
    row = visit_rows[(visit_rows.role == "president") & (visit_rows.start_date == "1972-05-22")
                     & (visit_rows.country_id == "RUS")]
    assert row[["traveller", "end_date", "direction"]].values.tolist() == \
        [["Richard M. Nixon", "1972-05-30", "us_abroad"]]
    assert row.iloc[0]["url"] == "https://history.state.gov/departmenthistory/travels/president/russia"


def test_counts_equal_upstream_records(ref, chief_rows, visit_rows, events):
    table = counts.counts(ref).set_index("source")
    expected = {
        "missions": _count(ref, "pocom/missions-countries", "//chief"),
        "president-travels": _count(ref, "travels/president-travels", "//trip"),
        "secretary-travels": _count(ref, "travels/secretary-travels", "//trip"),
        "visits": _count(ref, "visits/data", "//visit"),
    }
    for source, n in expected.items():
        assert table.loc[source, "upstream_records"] == table.loc[source, "rows"] == n, source
        assert table.loc[source, "unmapped_other"] + table.loc[source, "mapped"] \
            + table.loc[source, "unmapped_excluded"] + table.loc[source, "unmapped_no_state"] == n
    assert len(chief_rows) == expected["missions"]
    assert not chief_rows.duplicated(["hsg_territory_id", "record_seq"]).any()
    assert chief_rows[chief_rows.chief_id.duplicated(keep=False)]["id_note"].str.len().gt(0).all()
    assert len(visit_rows) == sum(expected[s] for s in ("president-travels", "secretary-travels", "visits"))
    assert not visit_rows.duplicated(["source", "visit_id"]).any()
    entries = _count(ref, "rdcr/articles", "//t:div[@type='timeline']", TEI)
    other = recognition.unclassified_statements(ref)
    assert events["entry"].nunique() + other["entry"].nunique() == entries
    assert not set(events["entry"]) & set(other["entry"])
    assert (table.loc["rdcr", "upstream_records"], table.loc["rdcr", "rows"]) == (entries, len(events))


def test_every_id_maps_or_is_excluded(ref):
    assert crosswalk.unmapped(ref).empty
    assert crosswalk.problems() == []
    used = crosswalk.source_ids(ref)
    for row in crosswalk.exclusions().itertuples():
        assert set(row.source.split(";")) == set(used[used.hsg_id == row.hsg_id]["source"]), row.hsg_id


@pytest.mark.parametrize("hsg_id, date, source, expected", [
    ("russia", "1850", None, "RUS"), ("russia", "1952-03-14", None, "RUS"), ("soviet-union", "1933", None, "RUS"),
    ("germany", "1930", None, "GMY"), ("germany", "1955-05-09", None, "GFR"), ("germany", "1991", None, "GMY"),
    ("german-democratic-republic", "1974-12-09", None, "GDR"), ("china", "1972-02-21", "president-travels", "CHN"),
    ("china", "1960", "missions", "TAW"), ("china", "1946", "missions", "CHN"), ("taiwan", "1960", None, "TAW"),
    ("korea", "1885", None, "KOR"), ("korea", "1960", None, "ROK"), ("vietnam", "1969", None, "RVN"),
    ("vietnam", "1995", None, "DRV"), ("yemen", "1980", None, "YAR"), ("yemen", "1995", None, "YEM"),
])
def test_crosswalk_by_date(hsg_id, date, source, expected):
    assert crosswalk.country_for(hsg_id, date, source) == expected


@pytest.mark.parametrize("hsg_id, date", [("holy-see", "1990"), ("germany", "1947"), ("no-such-id", "1950")])
def test_crosswalk_raises_clearly(hsg_id, date):
    with pytest.raises(crosswalk.UnmappedCountry, match=hsg_id):
        crosswalk.country_for(hsg_id, date)


def test_dates_and_countries_are_clean(chief_rows, visit_rows, events):
    countries = set(pd.read_csv(REPO / "data" / "countries.csv", dtype=str)["country_id"])
    for df, cols in ((chief_rows, ["appointed_date", "arrived_date", "credentials_date", "ended_date"]),
                     (visit_rows, ["start_date", "end_date"]), (events, ["date", "date_when"])):
        for col in cols:
            assert df[col].fillna("").str.match(ISO).all(), col
        assert set(df["country_id"]) - {""} <= countries
        assert (df["country_id"] != "").sum() and ((df["country_id"] == "") <= (df["mapping_note"] != "")).all()
    assert set(events["event_type"]) <= {"recognition", "relations_established", "relations_severed",
                                         "relations_restored", "relations_upgraded", "embassy_opened",
                                         "embassy_closed"}
