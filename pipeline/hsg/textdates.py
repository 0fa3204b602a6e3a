"""Sentences and English dates in the rdcr prose ('May 14, 1948' -> '1948-05-14').

Why: the guide's headings often tag only the year; the day is in the sentence.
Sentence splitting protects abbreviations common in the guide (U.S., St., Jr., initials).
"""

from __future__ import annotations

import re

MONTHS = {m: i for i, m in enumerate(
    "january february march april may june july august september october november december".split(), 1)}
MONTHS.update({m[:3]: i for m, i in list(MONTHS.items())})
MONTHS["sept"] = 9
_MONTH = r"(?P<month>%s)\.?" % "|".join(sorted(MONTHS, key=len, reverse=True))
_DATE = re.compile(
    rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:\s*[-–]\s*\d{{1,2}})?,?\s+(?P<year>1[6-9]\d\d|20\d\d)\b"
    rf"|\b(?P<day2>\d{{1,2}})\s+{_MONTH.replace('month', 'month2')}\s+(?P<year2>1[6-9]\d\d|20\d\d)\b"
    rf"|\b{_MONTH.replace('month', 'month3')}\s+(?:of\s+)?(?P<year3>1[6-9]\d\d|20\d\d)\b"
    rf"|\b{_MONTH.replace('month', 'month5')}\s+(?P<day5>\d{{1,2}})\b(?!\s*[-–,]?\s*\d)"
    rf"|\b(?P<year4>1[6-9]\d\d|20\d\d)\b", re.I)
_ABBREV = {"u.s", "u.n", "st", "mr", "mrs", "dr", "jr", "sr", "gen", "lt", "col", "capt", "sen", "rep",
           "gov", "ft", "mt", "no", "vol", "ca", "oct", "nov", "dec", "jan", "feb", "mar", "apr",
           "aug", "sept", "sep", "messrs", "rev", "hon", "amb", "d.c", "h.w", "e.g", "i.e", "vs", "inc"}


def sentences(text: str) -> list[str]:
    """Split prose into sentences, keeping each verbatim."""
    out, start = [], 0
    for match in re.finditer(r"[.!?][”\"’)]?\s+(?=[A-Z“\"‘(0-9])", text):
        word = re.findall(r"([\w.]+)[.!?][”\"’)]?\s+$", text[start:match.end()])
        token = word[0].lower().strip(".") if word else ""
        if token in _ABBREV or re.fullmatch(r"[a-z]", token) or re.fullmatch(r"([a-z]\.)+[a-z]", token):
            continue
        out.append(text[start:match.end()].strip())
        start = match.end()
    if text[start:].strip():
        out.append(text[start:].strip())
    return out


def date_spans(sentence: str, year: str = "") -> list[tuple[int, str]]:
    """(position, ISO date) for each date in a sentence, at its precision.

    'April 22' without a year takes ``year`` when given (the entry's own year), else is skipped.
    """
    out = []
    for m in _DATE.finditer(sentence):
        g = m.groupdict()
        month = g["month"] or g["month2"] or g["month3"] or g["month5"]
        yr = g["year"] or g["year2"] or g["year3"] or g["year4"] or (year[:4] if g["month5"] else "")
        day = g["day"] or g["day2"] or g["day5"]
        if not yr:
            continue
        if month and day and 1 <= int(day) <= 31:
            out.append((m.start(), f"{yr}-{MONTHS[month.lower()]:02d}-{int(day):02d}"))
        elif month:
            out.append((m.start(), f"{yr}-{MONTHS[month.lower()]:02d}"))
        else:
            out.append((m.start(), yr))
    return out


def dates_in(sentence: str, year: str = "") -> list[str]:
    """ISO dates mentioned in a sentence, in order, each at its precision."""
    return [d for _, d in date_spans(sentence, year)]
