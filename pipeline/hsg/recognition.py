"""Recognition and diplomatic-relations events from the rdcr guide's TEI articles.

Why: the guide dates, for every state, recognition, establishment, severance and
resumption of relations and the opening, raising and closing of missions. Each
``<div type="timeline">`` is one dated statement; its heading says what happened,
so it is classified by heading (one row per event type the heading names). The
heading's ``<date when>`` is often a bare year: when the article's own sentence
gives the day in that year, the day is used (``date_basis`` = 'text'), else the
``when`` value at its precision. ``entry`` (``article#n``) numbers the timeline entries. Entries whose heading names none of the event
types are returned by ``unclassified_statements`` so nothing is lost.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from pipeline.hsg.common import HSG_URL, frame, hsg_dir, norm, parse
from pipeline.hsg.crosswalk import _day, map_or_note
from pipeline.hsg.textdates import date_spans, dates_in, sentences

TEI = {"t": "http://www.tei-c.org/ns/1.0"}
COLUMNS = ["hsg_article_id", "entry", "country_id", "mapping_note", "date", "date_when", "date_basis", "date_note",
           "event_type", "section", "heading", "evidence", "url"]
UNCLASSIFIED_COLUMNS = ["hsg_article_id", "entry", "country_id", "mapping_note", "date", "date_when",
                        "section", "heading", "sentence", "url"]
_MISSION = r"(embass|legation|mission|diplomatic presence|office of the u\.s\. representative)"
# event type -> heading pattern (lower case). Order matters only for readability.
HEADING_RULES = {
    "recognition": r"recogn",
    "relations_established": r"(?<!re-)(?<!re)establish\w*( of)?( formal| full| normal)? (diplomatic )?relations"
                             r"|(?<!re)(?<!re-)establishment of diplomatic|diplomatic relations established"
                             r"|relations established|first official (diplomatic|state-to-state) interaction",
    "relations_severed": r"sever|interrupted|interruption of|suspension of (diplomatic )?relations|relations suspended"
                         r"|(termination|cessation|end) of (diplomatic )?relations|relations (ended|terminated|broken)"
                         r"|diplomatic relations ended|break in relations|ambassadors expelled",
    "relations_restored": r"(resum|re-?establish|restor|normaliz|re-?open)\w*( of)?[\w ]{0,30} relations"
                          r"|relations (resumed|re-?established|restored|normalized)"
                          r"|ambassadorial relations (restored|resumed)",
    "relations_upgraded": r"(rais|elevat|upgrad)\w*.*(embassy|ambassador)|legation.*(rais|elevat)"
                          r"|legation to embassy",
    "embassy_opened": rf"(establish|open|re-?open|re-?establish|resum)\w*.*{_MISSION}"
                      rf"|{_MISSION}\w*.*(establish|open|reopen|re-?open)",
    "embassy_closed": rf"(clos|suspen|withdraw|evacuat|terminat)\w*.*{_MISSION}|{_MISSION}\w*.*(clos|suspend|withdrawn)",
}
# Headings that name an event only to deny or commemorate it.
NOT_EVENTS = r"^no |anniversary|non-recognition|recognition of .* withdrawn"
# When the article's own words name another state than its id: (article, where to look
# (evidence first, then heading), pattern, country, from, to). First hit wins.
TEXT_RULES = [
    ("china", ("evidence", "heading"), r"\bPRC\b|People[’']s Republic of China", "CHN", "1949-10-01", ""),
    ("china", ("evidence", "heading"), r"Taipei|Taiwan|Republic of China", "TAW", "1949-12-08", ""),
    ("germany", ("heading",), r"German Democratic Republic|East Germany|\bGDR\b", "GDR", "1949-10-07",
     "1990-10-02"),
    ("yemen", ("evidence", "heading"), r"Southern Yemen|South Yemen|People[’']s Democratic Republic|\bAden\b",
     "YPR", "1967-11-30", "1990-05-21"),
]


def _denied(tl: dict) -> bool:
    """An undated entry whose text says the event never happened ('never established ...')."""
    return not tl["whens"] and any(re.search(r"\bnever\b", p) for p in tl["paras"])


def classify(heading: str) -> list[str]:
    """Event types a timeline heading names (empty when none)."""
    text = heading.lower()
    if re.search(NOT_EVENTS, text):
        return []
    found = [t for t, pat in HEADING_RULES.items() if re.search(pat, text)]
    if "relations_restored" in found and "relations_established" in found:
        found.remove("relations_established")
    if "relations_upgraded" in found and re.search(r"legation to embassy", text):
        found = [t for t in found if t != "embassy_opened"]
    return found


def _country(article: str, day: str, evidence: str, heading: str) -> tuple[str, str]:
    """The state an entry concerns: a text rule for split articles, else the crosswalk."""
    texts = {"evidence": evidence, "heading": heading}
    for where in ("evidence", "heading"):
        for art, places, pat, country, start, end in TEXT_RULES:
            if art == article and where in places and re.search(pat, texts[where]) \
                    and (not start or _day(day) >= start) and (not end or _day(day) <= end):
                return country, f"named in the article's {where} ({pat})"
    return map_or_note(article, day, "rdcr")


# Sentence patterns used to pick the evidence among an entry's dated sentences:
# (strong, weak) per event type; strong ones name the event itself.
_KEYWORDS = {
    "recognition": (r"recogni[sz]ed|recognition", r"recogn"),
    "relations_established": (r"relations (were )?(formally |first |officially )?established|established "
                              r"(formal |full |normal )?diplomatic relations",
                              r"establish|presented|credentials"),
    "relations_severed": (r"sever|relations (were )?(interrupted|suspended|terminated|broken)|broke (off )?"
                          r"relations|terminat\w* (diplomatic |all )?relations",
                          r"interrupt|broke|suspend|terminat|ended|withdr"),
    "relations_restored": (r"(resum|re-?establish|restor|renew|normaliz)\w* (full |normal |formal )?"
                           r"(diplomatic )?relations|relations (were )?(resum|re-?establish|restor|renew)",
                           r"resum|re-?establish|restor|renew|normal"),
    "relations_upgraded": (r"(raised|elevated|upgraded|converted)\w* to (an |the )?(rank of |level of )?embassy"
                           r"|embassy status", r"rais|elevat|embassy|ambassador"),
    "embassy_opened": (r"(embassy|legation|mission).{0,60}(established|opened|reopened|re-established)"
                       r"|(established|opened|reopened).{0,60}(embassy|legation|mission)", r"open|establish"),
    "embassy_closed": (r"(embassy|legation|mission).{0,60}(closed|suspended)|(closed|suspended)"
                       r".{0,60}(embassy|legation|mission)", r"clos|suspend|withdr|evacuat"),
}


def _dated_sentences(paras: list[str], year: str) -> list[tuple[str, int, str, bool]]:
    """(sentence, position, date, own): undated sentences inherit the previous date ('the same day')."""
    out = []
    for para in paras:
        last = ""
        for sentence in sentences(para):
            own = date_spans(sentence, year)
            out += [(sentence, pos, d, True) for pos, d in own]
            if not own and last:
                out.append((sentence, 0, last, False))
            last = own[-1][1] if own else last
    return out


def _keyword_at(sentence: str, event_type: str) -> tuple[int, int]:
    """(score, position): 2 strong / 1 weak / 0 no keyword for the event type, and where."""
    strong, weak = _KEYWORDS.get(event_type, ("$^", "$^"))
    for score, pat in ((2, strong), (1, weak)):
        match = re.search(pat, sentence, re.I)
        if match:
            return score, match.start()
    return 0, 0


def _evidence(paras: list[str], whens: list[str], event_type: str) -> tuple[str, str, str, str]:
    """(sentence, date, basis, date_note): the best sentence dated within the heading's date.

    ``whens`` is the ``when`` value, then any other year shown in the heading's date text
    (a few upstream ``when`` values disagree with the year printed beside them). Within
    the chosen sentence the date nearest the event's keyword is taken.
    """
    when = whens[0] if whens else ""
    for alt in whens or [""]:
        found = [x for x in _dated_sentences(paras, alt) if x[2].startswith(alt)]
        if found:
            def rank(x):
                score, at = _keyword_at(x[0], event_type)
                return (-score, not x[3], -len(x[2]), abs(x[1] - at))
            sentence, _, date, _ = min(found, key=rank)
            note = "" if alt == when else f"heading's when={when!r} disagrees with its printed year {alt!r}"
            return sentence, date, "text" if date != when else "when", note
    other = [(s, d) for s, _, d, own in _dated_sentences(paras, "")
             if own and len(d) == 10 and _keyword_at(s, event_type)[0] == 2]
    first = next((s for p in paras for s in sentences(p)), "")
    note = f"the article's sentence gives {other[0][1]}" if other and when else ""
    return (other[0][0] if note else first), when, "when" if when else "", note


def _timelines(ref):
    for path in sorted((hsg_dir(ref) / "rdcr" / "articles").glob("*.xml")):
        tree, article = parse(path), path.stem
        for number, div in enumerate(tree.xpath("//t:div[@type='timeline']", namespaces=TEI), 1):
            head = div.find("t:head", TEI)
            section = div.xpath("ancestor::t:div[@type='section'][1]/t:head", namespaces=TEI)
            paras = [norm("".join(p.itertext())) for p in div.xpath("t:p", namespaces=TEI)]
            dates = (head.xpath(".//t:date", namespaces=TEI) if head is not None else []) \
                or div.xpath(".//t:date[@when]", namespaces=TEI)
            whens = [norm(d.get("when")) for d in dates[:1] if d.get("when")]
            whens += [y for d in dates[:1] for y in re.findall(r"\b\d{4}\b", "".join(d.itertext()))
                      if whens and not whens[0].startswith(y)]
            yield {"hsg_article_id": article, "entry": f"{article}#{number}", "heading": norm("".join(head.itertext())) if head is not None else "",
                   "section": norm("".join(section[0].itertext())) if section else "",
                   "date_when": whens[0] if whens else "", "whens": whens, "paras": paras,
                   "url": f"{HSG_URL}/countries/{article}"}


def recognition_events(ref: Path | str | None = None) -> pd.DataFrame:
    """One row per (timeline entry, event type named by its heading)."""
    rows = []
    for tl in _timelines(ref):
        for event_type in classify(tl["heading"]) if not _denied(tl) else []:
            evidence, date, basis, date_note = _evidence(tl["paras"], tl["whens"], event_type)
            country, why = _country(tl["hsg_article_id"], date, evidence, tl["heading"])
            rows.append({**{k: tl[k] for k in ("hsg_article_id", "entry", "section", "heading", "date_when", "url")},
                         "country_id": country, "mapping_note": why, "date": date, "date_basis": basis,
                         "date_note": date_note, "event_type": event_type, "evidence": evidence})
    return frame(rows, COLUMNS)


def unclassified_statements(ref: Path | str | None = None) -> pd.DataFrame:
    """Timeline entries naming none of the event types: each dated sentence (or the first one)."""
    rows = []
    for tl in _timelines(ref):
        if classify(tl["heading"]) and not _denied(tl):
            continue
        dated = [(s, d) for p in tl["paras"] for s in sentences(p) for d in dates_in(s)[:1]]
        for sentence, date in dated or [(next((s for p in tl["paras"] for s in sentences(p)), ""), tl["date_when"])]:
            country, why = _country(tl["hsg_article_id"], date or tl["date_when"], sentence, tl["heading"])
            rows.append({**{k: tl[k] for k in ("hsg_article_id", "entry", "section", "heading", "date_when", "url")},
                         "country_id": country, "mapping_note": why, "date": date, "sentence": sentence})
    return frame(rows, UNCLASSIFIED_COLUMNS)


def timeline_count(ref: Path | str | None = None) -> int:
    """Number of timeline entries in the articles (for reconciliation)."""
    return sum(1 for _ in _timelines(ref))
