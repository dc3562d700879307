"""A rule-based TIMEX3 tagger and normaliser (in the spirit of HeidelTime/SUTime).

Recognition is done over the raw text with patterns built from the lexicon
(``grounding/data/times_lexicon.yaml``); every candidate keeps the rule that found it.
Overlapping candidates are settled longest-first. Values are then normalised in text
order against the document creation time (DCT, the publication date), news-style:

* a bare weekday is the last such day on or before the DCT ("on Friday"), the next one on
  or after it when its verb is in the future tense or with "next"/"this coming";
* a bare month is in the DCT's year, moved a year back (past tense, month after the DCT)
  or forward (future tense, month before the DCT);
* "last year" → YYYY, "last month" → YYYY-MM, "last week" → YYYY-Www, "two days ago" → a day,
  "the past three years" → DURATION P3Y, "the third quarter" → YYYY-Q3, "the 1990s" → 199,
  "recently" → PAST_REF, "now" → PRESENT_REF, "soon" → FUTURE_REF, "weekly" → SET P1W;
* anaphoric expressions ("the quarter", "that year", "a year earlier" next to a quarter)
  take the last value of that granularity mentioned before them.

Without a DCT relative expressions keep their unresolved form: XXXX-WXX-5 for "Friday",
XXXX-03 for "in March", XXXX-XX-XX for "yesterday".
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Callable, Optional, Union

from ..numbers import spelled_number

from .lexicon import Lexicon, alternation, load_lexicon

Tense = Optional[str]  # "past", "future" or None


@dataclass
class Timex:
    start: int
    end: int
    type: str
    value: str
    anchor: Optional[str] = None
    rule: str = ""
    mod: Optional[str] = None     # TIMEX3 mod: APPROX, LESS_THAN, MORE_THAN, ..., START, MID, END
    quant: Optional[str] = None   # TIMEX3 quant of a SET: EVERY, EACH
    freq: Optional[str] = None    # TIMEX3 freq of a SET: 1X, 2X, ...


@dataclass
class _Cand:
    start: int
    end: int
    rule: str
    prio: int
    m: re.Match
    handler: Callable


def _reference_day(state: "_State", r) -> Optional[tuple[dt.date, Optional[str]]]:
    """The day a narrative-relative expression counts from, with the anchor to report: the last
    day the text mentioned (TimeML's reference time), else the publication date; None with
    neither."""
    if state.day:
        return dt.date.fromisoformat(state.day), state.day
    if r.dct is not None:
        return r.dct, r.anchor
    return None


class _State:
    """Per-document memory for anaphoric values."""

    def __init__(self) -> None:
        self.quarter: Optional[str] = None   # "1989-Q3"
        self.quarters: list[str] = []        # every quarter mentioned, in order
        self.year: Optional[str] = None
        self.month: Optional[str] = None
        self.day: Optional[str] = None
        self.last: Optional[str] = None      # the last value of any of these granularities
        self.day_at: Optional[int] = None    # where the text mentioned ``day``

    def update(self, value: str, at: Optional[int] = None) -> None:
        day = self.day
        self._update(value)
        if self.day != day or (at is not None and self.day and value.startswith(self.day)):
            self.day_at = at

    def _update(self, value: str) -> None:
        t = re.fullmatch(r"(\d{4}-\d{2}-\d{2})T[\dA-Z:]+", value)
        if t:
            value = t.group(1)   # "Sunday morning" (2016-06-12TMO): its day
        if re.fullmatch(r"\d{4}(?:-\d{2}(?:-\d{2})?|-Q[1-4])?", value):
            self.last = value
        if re.fullmatch(r"\d{4}-Q[1-4]", value):
            self.quarter = value
            self.quarters.append(value)
            self.year = value[:4]
        elif re.fullmatch(r"\d{4}", value):
            self.year = value
        elif re.fullmatch(r"\d{4}-\d{2}", value):
            self.month = value
            self.year = value[:4]
        elif re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            self.day = value
            self.month = value[:7]
            self.year = value[:4]


_MODS_DURATION = (r"(?:about|around|roughly|nearly|almost|approximately|more\s+than|less\s+than|fewer\s+than|"
                  r"over|under|up\s+to|at\s+least|at\s+most|no\s+more\s+than|no\s+less\s+than|some|"
                  r"well\s+over|close\s+to)")
_DUR_DETS = (r"(?:the|its|their|his|her|our|this|these|those)\s+(?:(?:past|last|next|first|final|previous|coming|"
             r"following|remaining|latest|initial|preceding|ensuing|subsequent)\s+)?")
_PARTIAL = r"(?:early|late|mid|earlier|later)"
_BOUNDARY_OF = r"(?:the\s+)?(?:beginning|end|middle|start|close|turn|first\s+half|second\s+half|rest|remainder)\s+of\s+"


def _ord_weekday(d: dt.date, wd: int, mode: str) -> dt.date:
    """The weekday ``wd`` (1..7) relative to ``d``: before/after (inclusive) or strict."""
    diff = (d.isoweekday() - wd) % 7
    if mode == "before":
        return d - dt.timedelta(days=diff)
    if mode == "strict_before":
        return d - dt.timedelta(days=diff or 7)
    ahead = (wd - d.isoweekday()) % 7
    if mode == "after":
        return d + dt.timedelta(days=ahead)
    return d + dt.timedelta(days=ahead or 7)


#: letters outside ASCII that a case-blind regex matches to an ASCII letter ("\u017f" ~ "s",
#: "\u212a" ~ "k", "\u0131" ~ "i", "\u0130" ~ "i")
_FOLDS_TO_ASCII = re.compile("[" + "".join(re.escape(chr(c)) for c in range(0x80, 0x10000)
                                           if re.fullmatch("[a-z]", chr(c), re.I)) + "]")
#: each such letter and the ASCII letter it matches ("\u017f" → "s", the Kelvin sign → "k")
_ASCII_FOLD = {chr(c): next(a for a in "abcdefghijklmnopqrstuvwxyz" if re.fullmatch(a, chr(c), re.I))
               for c in range(0x80, 0x10000) if re.fullmatch("[a-z]", chr(c), re.I)}


#: TIMEX3 ``mod`` from the words that open an expression (TimeML 1.2.1 TIMEX3 guidelines; the
#: longer phrase first: "no more than" before "more than")
_MOD_OPENERS = [(re.compile(p, re.I), mod) for p, mod in (
    (r"(?:no\s+more\s+than|at\s+most|up\s+to|not\s+more\s+than)\s", "EQUAL_OR_LESS"),
    (r"(?:at\s+least|no\s+less\s+than|no\s+fewer\s+than|not\s+less\s+than)\s", "EQUAL_OR_MORE"),
    (r"(?:more\s+than|over|well\s+over|upwards\s+of)\s", "MORE_THAN"),
    (r"(?:less\s+than|fewer\s+than|under|just\s+under|nearly|almost|close\s+to)\s", "LESS_THAN"),
    (r"(?:about|around|roughly|approximately|some|an\s+estimated)\s", "APPROX"),
)]
#: ``mod`` of a point in time from its part: "early 2015", "mid-March", "the end of the year"
_MOD_PARTS = [(re.compile(p, re.I), mod) for p, mod in (
    (r"(?:early|(?:the\s+)?(?:beginning|start|dawn)\s+of)\b", "START"),
    (r"(?:mid|(?:the\s+)?middle\s+of)\b", "MID"),
    (r"(?:late|(?:the\s+)?(?:end|close)\s+of)\b|(?:year|month)[- ']s?\s*end\b", "END"),
)]
_FREQ = {"once": "1X", "twice": "2X", "thrice": "3X"}


def timex_attributes(expr: str, typ: str, numbers: Optional[dict] = None) -> tuple[Optional[str], Optional[str], Optional[str]]:
    """TIMEX3 ``mod``, ``quant`` and ``freq`` of an expression, from its own words: "about three
    years" → APPROX, "more than a decade" → MORE_THAN, "early 2015" → START, "every week" → quant
    EVERY, "twice a year" → freq 2X."""
    mod = quant = freq = None
    for rx, m in _MOD_OPENERS:
        if rx.match(expr):
            mod = m
            break
    if mod is None and re.search(r"\bor\s+so$", expr, re.I):
        mod = "APPROX"
    if mod is None and typ in ("DATE", "TIME"):
        for rx, m in _MOD_PARTS:
            if rx.match(expr) or (m == "END" and rx.search(expr)):
                mod = m
                break
    if typ == "SET":
        q = re.match(r"(?:on\s+)?(every|each)\b", expr, re.I)
        if q:
            quant = q.group(1).upper()
        f = re.match(r"(once|twice|thrice)\b|(\d+|[a-z]+)\s+times\b", expr, re.I)
        if f:
            if f.group(1):
                freq = _FREQ[f.group(1).lower()]
            else:
                n = f.group(2)
                n = int(n) if n.isdigit() else spelled_number(n.lower(), numbers or {})
                freq = f"{int(n)}X" if n else None
    return mod, quant, freq


def _add_months(y: int, m: int, k: int) -> tuple[int, int]:
    idx = y * 12 + (m - 1) + k
    return idx // 12, idx % 12 + 1


def _week(d: dt.date) -> str:
    iso = d.isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}"


def _num(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else f"{v:g}"


class TimexTagger:
    """Finds and normalises temporal expressions in a text. Build once, call :meth:`tag` per text."""

    def __init__(self, lexicon: Optional[Lexicon] = None) -> None:
        self.lex = lex = lexicon or load_lexicon()
        self.full_months = {k for k in lex.months if len(k) > 4 or k in ("may", "june", "july")}
        unit_forms: dict[str, str] = {}
        for u in lex.units:
            unit_forms[u] = u
            plural = u[:-1] + "ies" if u.endswith("y") and u not in ("day",) else u + "s"
            if u == "millennium":
                plural = "millennia"
            unit_forms[plural] = u
        self.unit_forms = unit_forms
        number_words = [w for w in lex.numbers if " " not in w and w not in ("a", "an")]
        W = alternation(number_words)
        self.NUM = (r"(?:\d+(?:\.\d+)?(?:\s+1/2|\s*½)?|a\s+couple\s+of|couple\s+of|a\s+pair\s+of|a\s+dozen|"
                    r"half\s+an?|an?\s+(?:hundred|thousand)|an?|" + W + r"(?:[- ](?:and[- ])?" + W + r")*)")
        self.VAGUE = alternation(lex.vague_numbers)
        self.UNIT = alternation(unit_forms)
        self.UNIT_SING = alternation(lex.units)
        self.MONTH = alternation(lex.months, abbrev_period=True)
        self.MONTH_FULL = alternation(self.full_months)
        self.WEEKDAY = alternation([w for w in lex.weekdays if w not in lex.short_weekdays])
        self.WEEKDAY_ANY = alternation(lex.weekdays, abbrev_period=True)
        self.SEASON = alternation(lex.seasons)
        self.POD = alternation(lex.parts_of_day)
        self.ORD = alternation(lex.ordinals)
        self.rules: list[tuple[str, re.Pattern, Callable]] = []
        self.gates: dict[str, Optional[re.Pattern]] = {}
        self._gates = self._gate_patterns()
        self._build()
        self.literals = self._literal_gates()

    # ----------------------------------------------------------------- building the rules
    def _add(self, name: str, pattern: str, handler: Callable, flags: int = re.I) -> None:
        self.rules.append((name, re.compile(r"(?<![\w$€£¥#])(?:" + pattern + r")(?![\w])", flags), handler))
        gate = self._gates.get(name)
        self.gates[name] = re.compile(gate, flags) if gate else None

    def _gate_patterns(self) -> dict[str, str]:
        """Per rule, a pattern that every match of the rule contains (a necessary condition,
        same flags): :meth:`tag` skips a rule whose gate is absent from the text. A gate scan is
        a short alternation, far cheaper than the rule with its optional prefixes; gates only
        save time, they never change what a rule finds (a rule without a gate always runs). Rules
        whose gate would cost about what the rule costs (month and weekday names: a long
        case-blind alternation tried at every character) have none."""
        M, UNIT = self.MONTH, self.UNIT
        YW = r"(?:nineteen|eighteen|twenty)\s|two\s+thousand"   # how every year in words starts
        return {
            "iso_date": r"\d{4}-[01]\d-[0-3]\d",
            "iso_month": r"\d{4}-[01]\d",
            "dot_date": r"\d[.-]\d{1,2}[.-]\d{4}",
            "slash_date": r"\d/\d{1,2}/\d\d",
            "day_month": r"\d(?:st|nd|rd|th)?\s+(?:of\s+)?(?:" + M + r")",
            "rel_day": r"today|yesterday|tomorrow|tonight",
            "this_pod": r"(?:this|last)\s+(?:" + self.POD + r")",
            "time": r"\d\s*(?:a\.m|p\.m|am|pm)",
            "time24": r"\d\s*(?:GMT|UTC|hours|hrs|local\s+time)",
            "next_day": r"day",
            "next_pod": r"morning|afternoon|evening|night",
            "period_end": r"end|turn|close",
            "past_unit": r"the\s+(?:past|last|next)\s",
            "weekend": r"weekend",
            "fiscal": r"fiscal|FY",
            "fiscal_rel": r"fiscal\s+year",
            "quarter": r"quarter",
            "quarter_q": r"Q[1-4]",
            "month_span_q": r"[a-z.]\s*(?:-|–|—|\sto\s)\s*[a-z]{3,9}\.?\s+(?:fiscal\s+)?(?:quarter|period)",
            "units_of": r"(?:hours|days|weeks|months|years|decades)\s+(?:of|later|earlier|after|before|afterwards?)\b",
            "half": r"half",
            "anaphoric_q": r"quarter|period",
            "year_ago_adj": r"year",
            "last_year_q": r"year['’]s\s",
            "full_year": r"full\s",
            "year_range": r"\d{4}\s*(?:-|–|—|/|\s+to\s+|\s+through\s+)\s*\d\d",
            "year_words": YW,
            "month_yearw": YW,
            "season_yearw": YW,
            "in_the_year": r"the\s+(?:year|month|week|day)",
            "year_period": r"the\s+\d{4}\s+(?:period|fiscal\s+year|season)",
            "the_unit": r"the\s+(?:year|week)",
            "decade": r"0['’]?s|ties",
            "century": r"[- ]century",
            "duration": r"[-\s](?:" + UNIT + r")",
            "range_low": r"\sto\s",
            "set_times": r"(?:once|twice|thrice|times)\s+(?:a|an|per|each|every)\s",
            "set_rate": r"(?:a|per)\s+(?:day|week|month|year)",
        }

    def _literal_gates(self) -> dict[str, tuple[str, ...]]:
        """Per rule, lower-case strings one of which every match of the rule holds (case-blind):
        :meth:`tag` skips the rule when none is in the lower-cased text, before any regex runs.
        A substring test is far cheaper than a case-blind regex scan (the gates above). Built
        from the same lexicon lists and literals as the rules; a word of several parts counts by
        its longest part (its parts may be joined by any white space)."""
        lex = self.lex

        def parts(words) -> tuple[str, ...]:
            return tuple(sorted({max(w.lower().split(), key=len) for w in words if w.split()}))

        long_weekdays = [w for w in lex.weekdays if w not in lex.short_weekdays]
        years_in_words = ("nineteen", "eighteen", "twenty", "thousand")
        seasons = parts(lex.seasons)
        return {
            "month": parts(self.full_months),
            "weekday": parts(long_weekdays),
            "set_plural_wd": tuple(w + "s" for w in parts(long_weekdays)),
            "rel_day": ("today", "yesterday", "tomorrow", "tonight"),
            "this_pod": parts(lex.parts_of_day),
            "time24": ("gmt", "utc", "hours", "hrs", "local"),
            "noon": ("noon", "midnight", "midday"),
            "rel_unit": ("week", "month", "year", "quarter", "decade", "century") + seasons,
            "next_day": ("day",),
            "next_pod": ("morning", "afternoon", "evening", "night"),
            "pod_of_date": ("morning", "afternoon", "evening", "night"),
            "pod_of_date_dm": ("morning", "afternoon", "evening", "night"),
            "season": seasons,
            "period_end": ("end", "turn", "close"),
            "past_unit": ("past", "last", "next"),
            "weekend": ("weekend",),
            "fiscal": ("fiscal", "fy"),
            "fiscal_rel": ("fiscal",),
            "quarter": ("quarter",),
            "quarter_q": ("q1", "q2", "q3", "q4"),
            "month_span_q": ("quarter", "period"),
            "half": ("half",),
            "anaphoric_q": ("quarter", "period"),
            "year_ago_adj": ("year",),
            "last_year_q": ("last",),
            "full_year": ("full",),
            "that_year": ("year", "month", "day", "week"),
            "season_year": seasons,
            "year_words": years_in_words,
            "month_yearw": years_in_words,
            "season_yearw": years_in_words,
            "in_the_year": ("year", "month", "week", "day"),
            "in_the_pod": ("morning", "afternoon", "evening"),
            "appos_day": ("day",),
            "a_while": ("while",),
            "mid_pod": ("mid",),
            "over_the_units": ("years", "decades", "months", "weeks", "centuries"),
            "year_period": ("period", "fiscal", "season"),
            "the_unit": ("year", "week"),
            "decade": ("0s", "0'", "0\u2019", "ties"),
            "century": ("century",),
            "quarter_century": ("century",),
            "bare_units": ("years", "months", "weeks", "days", "hours", "minutes", "decades", "centuries"),
            "units_of": ("years", "months", "weeks", "days", "hours", "decades"),
            "set_times": ("once", "twice", "thrice", "times"),
            "set_word": parts(lex.sets),
            # (a part without an apostrophe: "New Year’s" may come with a curly one)
            "holiday": tuple(sorted({max((w for w in h.lower().split() if "'" not in w), key=len) for h in lex.holidays})),
            "holiday_eve": r"day\s+(?:before|after)",
        }

    def _build(self) -> None:
        M, MF, WD, NUM, UNIT = self.MONTH, self.MONTH_FULL, self.WEEKDAY, self.NUM, self.UNIT
        DAYNUM = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
        YEAR4 = r"(?P<year>1[0-9]\d\d|20\d\d)"
        TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
        TEENS = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
        YEARW = (r"(?P<yw>(?:nineteen|eighteen|twenty)(?:\s+hundred(?:\s+and)?)?\s+(?:" + TENS + "|" + TEENS
                 + r"|oh[- ](?:one|two|three|four|five|six|seven|eight|nine))|two\s+thousand(?:\s+and)?(?:\s+(?:"
                 + TENS + "|" + TEENS + r"|one|two|three|four|five|six|seven|eight|nine))?)")
        REL_DAY = r"(?:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|today|yesterday|tomorrow|tonight)"
        # gates of the rules built on these parts (see _gate_patterns): the part every match of
        # the rule holds, without the rule's optional prefixes
        y4, yw = YEAR4.replace("(?P<year>", "(?:"), YEARW.replace("(?P<yw>", "(?:")
        self._gates.update({
            "month_day": r"(?:" + M + r")\s+[0-3]?\d",
            "month_year": r"(?:" + M + r"),?\s+(?:of\s+)?(?:" + y4 + r"|(?:last|this|next)\s+year)",
            "season_year": r"(?:" + self.SEASON + r")\s+(?:of\s+)?" + y4,
            "year_words": yw,
            "month_yearw": yw,
            "season_yearw": yw,
        })
        TIME_CORE = (r"(?P<hour>[01]?\d|2[0-3])(?:[:.](?P<minute>[0-5]\d))?\s*(?P<ampm>a\.m\.?|p\.m\.?|am|pm)"
                     r"(?:\s+(?P<tz>local\s+time|GMT|UTC|[ECMP][SD]T|CET|CEST|BST|IST|PKT|JST))?")
        TIME_24 = r"(?P<hour>[01]\d|2[0-3])[:.]?(?P<minute>[0-5]\d)\s*(?P<tz>GMT|UTC|hours|hrs|local\s+time)"
        # (a weekday with its date and a date with its year first: "2:46 p.m. on Friday, March 11,
        # 2011" is one TIME of that day, not a clock time of the DCT and a stray "March")
        DAY_AFTER = (r"(?:,?\s+(?:on\s+)?(?P<dayref>(?:" + WD + r",?\s+)?" + M + r"\s+[0-3]?\d(?:st|nd|rd|th)?"
                     r"(?:,?\s+(?:1[5-9]|20)\d\d(?!\d))?|" + WD + r"|today|yesterday|tomorrow|tonight))?")
        self._add("iso_date", r"(?P<y>\d{4})-(?P<mo>[01]\d)-(?P<d>[0-3]\d)(?:[T ](?P<h>[0-2]\d):(?P<mi>[0-5]\d)(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:?\d\d)?)?",
                  self._h_iso)
        self._add("iso_month", r"(?P<y>1[5-9]\d\d|20\d\d)-(?P<mo>0[1-9]|1[0-2])(?![\d-])", self._h_iso_month)
        self._add("dot_date", r"(?P<d>[0-3]?\d)[.-](?P<mo>[01]?\d)[.-](?P<y>1[5-9]\d\d|20\d\d)(?!\.?\d)", self._h_dot_date)
        self._add("slash_date", r"(?P<a>[01]?\d|[23]\d)/(?P<b>[0-3]?\d)/(?P<y>\d{4}|\d{2})(?![/\d])", self._h_slash)
        self._add("month_day", r"(?:(?P<wd>" + self.WEEKDAY_ANY + r"),?\s+)?(?P<mon>" + M + r")\s+" + DAYNUM
                  + r"(?:,?\s+" + YEAR4 + r")?", self._h_month_day)
        self._add("day_month", r"(?:(?P<wd>" + self.WEEKDAY_ANY + r"),?\s+)?(?:the\s+)?" + DAYNUM + r"\s+(?:of\s+)?(?P<mon>"
                  + M + r")(?:,?\s+" + YEAR4 + r")?", self._h_month_day)
        POD_OF = r"(?:the\s+)?(?P<pod>morning|afternoon|evening|night)\s+of\s+"
        self._add("pod_of_date", POD_OF + r"(?:(?P<wd>" + self.WEEKDAY_ANY + r"),?\s+)?(?P<mon>" + M + r")\s+" + DAYNUM
                  + r"(?:,?\s+" + YEAR4 + r")?", self._h_pod_of_date)
        self._add("pod_of_date_dm", POD_OF + r"(?:(?P<wd>" + self.WEEKDAY_ANY + r"),?\s+)?(?:the\s+)?" + DAYNUM + r"\s+(?:of\s+)?(?P<mon>"
                  + M + r")(?:,?\s+" + YEAR4 + r")?", self._h_pod_of_date)
        self._add("month_year", r"(?:(?P<part>" + _PARTIAL + r")[- ]?\s*|(?P<bnd>" + _BOUNDARY_OF + r"))?(?P<mon>" + M
                  + r"),?\s+(?:of\s+)?(?:" + YEAR4 + r"|(?P<rel>last|this|next)\s+year)", self._h_month_year)
        self._add("month", r"(?:(?P<mod>last|this|next|this\s+past|this\s+coming|coming)\s+|(?P<part>" + _PARTIAL
                  + r")[- ]\s*|(?P<bnd>" + _BOUNDARY_OF + r"))?(?P<mon>" + MF + r")", self._h_month)
        self._add("weekday", r"(?:(?P<mod>last|this|next|this\s+past|this\s+coming|coming|early|late|earlier|later|the\s+previous|the\s+following|the\s+next|that|the\s+same)\s+)?"
                  r"(?P<wd>" + WD + r")(?:\s+(?P<pod>" + self.POD + r")(?P<podpl>s)?)?", self._h_weekday)
        self._add("rel_day", r"(?:(?P<part>early|late|earlier|later)\s+|(?P<pod0>" + self.POD + r"|mid-?afternoon|mid-?morning|mid-?day)\s+)?(?P<rd>" + REL_DAY + r")(?=\W|$)(?:\s+(?P<pod>"
                  + self.POD + r"))?", self._h_rel_day)
        self._add("this_pod", r"(?P<mod>this|last|early\s+this|late\s+this|later\s+this|earlier\s+this)\s+(?P<pod>"
                  + self.POD + r")", self._h_this_pod)
        self._add("time", r"(?:(?:around|about|approximately|roughly)\s+)?(?:(?P<dayref0>" + WD + r"|today|yesterday|tomorrow)(?:,)?\s+(?:at\s+)?)?" + TIME_CORE
                  + DAY_AFTER, self._h_time)
        self._add("time24", TIME_24 + DAY_AFTER, self._h_time)
        self._add("noon", r"(?P<word>noon|midnight|midday)" + DAY_AFTER, self._h_time)
        self._add("rel_unit", r"(?:(?P<part>early|late|earlier|later)\s+|(?P<bnd>" + _BOUNDARY_OF + r"))?"
                  r"(?P<mod>last|this\s+past|this|next|the\s+previous|the\s+following|the\s+current|the\s+same|that|the\s+coming)\s+"
                  r"(?P<unit>week|weekend|month|year|quarter|decade|century|" + self.SEASON + r")", self._h_rel_unit)
        self._add("that_pod", r"(?:that|the\s+same)\s+(?P<pod>morning|afternoon|evening|night)(?!s)", self._h_that_pod)
        self._add("next_pod", r"the\s+(?P<mod>following|next|previous|prior)\s+(?P<pod>morning|afternoon|evening|night)(?!s)\b"
                  r"|the\s+(?P<pod2>morning|evening|night)\s+(?P<dir>before|after)"
                  r"(?=\s*(?:[,.;:!?)\"”—–]|$|(?:and|but)\b))", self._h_next_pod)
        self._add("next_day", r"the\s+(?:following|next|previous|prior)\s+day|the\s+day\s+(?:before|after)(?:\s+that(?=\s*[,.;:!?—–]))?"
                  r"(?!\s+(?:the|a|an|his|her|their|its|our|this|that|yesterday|tomorrow|he|she|they|we|it|you|i|(?-i:[A-Z])\w*)\b)",
                  self._h_next_day)
        # rule unit_before_after: "The week before, ..." / "the month after." at a clause end: one week
        # (month) from the narrative's reference day; "the week before the convention" names an
        # event's eve the text does not date and is left to other rules
        self._add("unit_before_after", r"the\s+(?P<unit>week|month)\s+(?P<dir>before|after)"
                  r"(?=\s*(?:[,.;:!?)\"”—–]|$|(?:and|but)\b))", self._h_unit_before_after)
        self._add("season", r"(?:(?P<prep>in|during|over|through|throughout|by|until|till|since|before|after|into|of|from|to)\s+)(?:(?P<the0>the)\s+(?=early|late|mid))?(?:(?P<mod>the|this\s+past|early|late|mid)[- ]?\s*)?(?:(?P<the2>the)\s+)?(?P<s>summer|winter|spring|autumn|fall)(?!\s+of\b)",
                  self._h_season)
        self._add("period_end", r"(?:(?:the\s+)?(?:end|turn|close)\s+of\s+the\s+(?P<u1>year|month)|(?P<ye>year-end|year\s+end|year's\s+end|month-end))",
                  self._h_period_end)
        self._add("past_unit", r"(?P<mod>the\s+past|the\s+last|the\s+next)\s+(?P<unit>week|month|year|decade|century|weekend)",
                  self._h_past_unit)
        self._add("weekend", r"(?P<mod>the|this|last|next)\s+weekend", self._h_rel_unit_weekend)
        self._add("fiscal", r"(?:the\s+)?fiscal(?:\s+year)?\s+(?P<y>\d{4}|['’]\d{2})|FY\s?-?(?P<y2>\d{4}|\d{2})", self._h_fiscal)
        self._add("fiscal_rel", r"(?:the\s+)?(?P<mod>current|last|previous|next|coming|this|new|latest)\s+fiscal\s+year|the\s+fiscal\s+year",
                  self._h_fiscal_rel)
        self._add("quarter", r"(?:the\s+)?(?P<ago>(?:comparable\s+|same\s+)?(?:year-ago|year-earlier|year\s+ago|prior-year|previous-year)\s+)?(?:(?P<ypre>\d{4})(?:'s)?\s+|(?P<rel>this|last|next)\s+year's\s+)?(?:fiscal\s+)?"
                  r"(?P<q>first|second|third|fourth|1st|2nd|3rd|4th|final)[- ](?:fiscal[- ])?quarter"
                  r"(?:\s+(?:of\s+)?(?:(?:fiscal\s+)?(?P<ypost>\d{4})|(?P<rel2>this|last|next)\s+year))?", self._h_quarter)
        self._add("month_span_q", r"(?:the\s+)?(?P<m1>" + M + r")\s*(?:-|–|—|\s+to\s+)\s*(?P<m2>" + M + r")\s+(?:fiscal\s+)?(?P<what>quarter|period)"
                  r"(?:\s+(?:of\s+)?(?P<y>(?:19|20)\d\d))?", self._h_month_span_q)
        self._add("quarter_q", r"(?P<y1>\d{4})\s*[-/ ]?\s*Q(?P<q1>[1-4])|Q(?P<q2>[1-4])\s*[-/ ]?\s*(?P<y2>\d{4})?", self._h_quarter_q, 0)
        self._add("year_quarter", r"the\s+(?P<y>1[5-9]\d\d|20\d\d)\s+(?:fiscal\s+)?(?P<what>quarter)\b", self._h_year_quarter)
        self._add("half", r"(?:the\s+)?(?P<h>first|second|last|latter)[- ]half(?:\s+of\s+(?:(?P<y>\d{4})|(?P<rel>this|last|next)\s+year))?",
                  self._h_half)
        self._add("anaphoric_q", r"the\s+(?P<mod>latest\s+|most\s+recent\s+|recent\s+|current\s+|same\s+|comparable\s+|"
                  r"year-ago\s+|year-earlier\s+|year\s+ago\s+|year\s+earlier\s+|previous\s+|prior\s+|latest\s+|just-ended\s+|"
                  r"just-completed\s+|September\s+|December\s+|March\s+|June\s+)?(?P<what>quarter|period)", self._h_anaphoric_q)
        self._add("year_ago_adj", r"(?P<w>year-ago|year-earlier|a\s+year\s+earlier|a\s+year\s+ago|year\s+ago|the\s+year\s+before|"
                  r"the\s+previous\s+year|the\s+prior\s+year|a\s+year\s+before)", self._h_year_ago)
        self._add("last_year_q", r"(?P<ly>last\s+year)['’]s\s+(?:(?:comparable|same|corresponding|like)\s+)?(?:fiscal\s+)?(?P<what>quarter|period)\b(?!-)",
                  self._h_last_year_q)
        self._add("full_year", r"the\s+full(?:\s+fiscal)?\s+year\b(?![-'’])", self._h_full_year)
        self._add("that_year", r"(?P<d>that|the\s+same)\s+(?P<unit>year|month|day|week(?!\s+(?:that|when|as|in\s+which)\b))",
                  self._h_that)
        self._add("season_year", r"(?:(?P<part>early|late|mid)[- ]?\s*)?(?:the\s+)?(?P<s>" + self.SEASON + r")\s+(?:of\s+)?"
                  + YEAR4, self._h_season_year)
        self._add("year_range", r"(?:(?P<pre>from|between)\s+)?(?P<y1>1[5-9]\d\d|20\d\d)\s*(?:-|–|—|/|\s+to\s+|\s+through\s+)\s*(?P<y2>\d{4}|\d{2})(?!\d)",
                  self._h_year_range)
        self._add("year", r"(?:(?P<part>early|late|mid|the\s+first\s+half\s+of|the\s+second\s+half\s+of)[- ]?\s*|(?P<bnd>"
                  + _BOUNDARY_OF + r"))?" + YEAR4 + r"(?!\s*%|,\d|\.\d|-\d)", self._h_year)
        self._add("year_words", r"(?:the\s+year\s+)?" + YEARW, self._h_year_words)
        self._add("month_yearw", r"(?P<mon>" + M + r"),?\s+(?:of\s+)?" + YEARW, self._h_year_words)
        self._add("season_yearw", r"(?:the\s+)?(?P<s>" + self.SEASON + r")\s+(?:of\s+)?" + YEARW, self._h_year_words)
        self._add("in_the_year", r"(?P<p>earlier|later|late|early)\s+in\s+(?P<the>the)\s+(?P<unit>year|month|week|day)|(?P<bnd>" + _BOUNDARY_OF
                  + r")the\s+(?P<unit2>year|month|week)", self._h_in_the_year)
        self._add("in_the_pod", r"(?:(?:earlier|later|early|late)\s+)?(?:in|during)\s+(?P<the>the)\s+(?P<pod>morning|afternoon|evening)(?!s)"
                  r"(?=\s*(?:[.,;:!?)\"”]|$|(?:and|or|but|to|with|on|at|in|of|before|after|when|while|as|from|for|by|he|she|they|it|we)\b))",
                  self._h_in_the_pod)
        self._add("mid_pod", r"(?P<prep>at|by|until|till|in|around|before|after|since)\s+(?P<w>mid[- ]?(?P<pod>morning|afternoon|day))"
                  r"(?!\s+(?:[a-z]|(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|tomorrow)\b))",
                  self._h_mid_pod)
        self._add("over_the_units", r"(?:over|through|throughout|across)\s+(?P<the>the)\s+(?P<unit>years|decades|months|weeks|centuries)"
                  r"(?!\s+(?:of|since|before|after|to|when|that|in|following|leading|ahead|between|from)\b)", self._h_over_the_units)
        self._add("appos_day", r"the\s+day\b(?!-)", self._h_appos_day)
        self._add("a_while", r"(?<!once\s)(?P<prep>for|after|within|in|take|takes|took|taking)\s+(?P<w>(?:quite\s+)?a\s+(?:little\s+|long\s+)?while)\b",
                  self._h_a_while)
        self._add("year_period", r"the\s+(?P<year>1[0-9]\d\d|20\d\d)\s+(?:period|fiscal\s+year|season)", self._h_year_period)
        self._add("the_unit", r"(?P<prep>for|during|over|through|throughout|within|in|of|on|by)?\s*(?P<the>the)\s+(?P<unit>year|week)(?!-)",
                  self._h_the_unit)
        self._add("decade", r"(?:the\s+)?(?:(?P<part>early|late|mid)[- ]?\s*)?(?:(?P<c>1[0-9]|20)(?P<d>\d)0['’]?s|['’](?P<d2>\d)0['’]?s|(?P<w>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))",
                  self._h_decade)
        self._add("century", r"(?:the\s+)?(?:(?P<part>early|late|mid)[- ]?\s*)?(?:(?P<n>\d{1,2})(?:st|nd|rd|th)|(?P<o>" + self.ORD
                  + r"))[- ]century", self._h_century)
        self._add("duration", r"(?:(?P<mod>" + _MODS_DURATION + r")\s+)?(?P<det>" + _DUR_DETS + r")?(?:(?:another\s+(?!an?\s))?(?P<num>" + NUM
                  + r")(?:\s+or\s+(?P<num2>" + NUM + r"))?(?:\s+(?:more|additional|extra|further|full|whole|entire|straight|consecutive|successive))?|(?P<vague>" + self.VAGUE + r"))(?P<half>\s+and\s+a\s+half)?(?:-|\s+)(?:(?:trading|business|working|calendar|school)\s+(?=days?\b|weeks?\b))?(?P<unit>" + UNIT + r")(?P<half2>\s+and\s+a\s+half)?"
                  r"(?:\s+or\s+so)?(?P<rel>\s+(?:ago|from\s+now|hence|earlier|later|before|after|back))?", self._h_duration)
        # "two to six days": TimeML marks each end ("two" P2D, "six days" P6D); the duration rule
        # reads the upper end, this one the lower
        self._add("range_low", r"(?P<num>" + NUM + r")(?=\s+to\s+(?:" + NUM + r")(?:-|\s+)(?P<unit>" + UNIT + r")\b(?P<rel>\s+ago\b)?)",
                  self._h_range_low)
        self._add("quarter_century", r"(?:(?P<mod>" + _MODS_DURATION + r")\s+)?(?:an?|the|one)\s+(?P<w>quarter|half)[- ]century"
                  r"(?P<ago>\s+ago)?", self._h_quarter_century)
        self._add("bare_units", r"(?P<prep>for|in|within|over|after|take|takes|took|taking|last|lasted|lasting)\s+(?P<unit>"
                  r"years|months|weeks|days|hours|minutes|decades|centuries)", self._h_bare_units)
        self._add("units_of", r"(?<![\w'’-])(?P<unit>hours|days|weeks|months|years|decades)(?:\s+of(?=\s+(?!(?:age|the|this|that|these|those)\b)[a-z])|(?=\s+(?:later|earlier|after|before|afterwards?)\b))",
                  self._h_units_of)
        self._add("set_every", r"(?P<q>each|every|per)\s+(?P<other>other\s+)?(?:(?P<num>" + NUM + r")\s+(?P<units>" + UNIT + r")|(?P<unit>" + self.UNIT_SING + r")|(?P<wd>" + WD
                  + r")(?:\s+(?P<wdpod>" + self.POD + r"))?|(?P<pod>" + self.POD + r")|(?P<mon>" + MF + r")|(?P<s>" + self.SEASON + r"))",
                  self._h_set_every)
        self._add("set_times", r"(?P<f>once|twice|thrice|(?:\d+|" + NUM + r")\s+times)\s+(?:a|an|per|each|every)\s+(?P<unit>"
                  + self.UNIT_SING + r")", self._h_set_times)
        self._add("set_rate", r"(?<=[\d%]\s)(?:a|per)\s+(?P<unit>day|week|month|year)|(?<=(?:lion|sand|cent|dred)\s)(?:a|per)\s+(?P<unit2>day|week|month|year)",
                  self._h_set_rate)
        self._add("set_word", alternation(self.lex.sets), self._h_set_word)
        self._add("set_plural_wd", r"(?:on\s+)?(?P<wd>" + WD + r")s(?:\s+(?P<pod>" + self.POD + r")s?)?", self._h_set_plural_wd)
        self._add("fixed", alternation(self.lex.fixed), self._h_fixed)
        if self.lex.holidays:
            names = sorted(self.lex.holidays, key=len, reverse=True)
            alt = "|".join(r"\s+".join(re.escape(w).replace("'", "['’]") for w in n.split()) for n in names)
            self._add("holiday", r"(?P<h>" + alt + r")", self._h_holiday, 0)
            # rule holiday_eve: "the day before Thanksgiving", "the day after Christmas": the
            # holiday's day, read as rule holiday reads it, one day back or on
            self._add("holiday_eve", r"(?i:the\s+day\s+(?P<dir>before|after))\s+(?P<h>" + alt + r")",
                      self._h_holiday_eve, 0)

    # ----------------------------------------------------------------- tagging
    def tag(self, text: str, dct: Optional[dt.date] = None, tense: Optional[Callable[[int], Tense]] = None,
            sentences: Optional[list[tuple[int, int]]] = None,
            exclude: Optional[list[tuple[int, int]]] = None) -> list[Timex]:
        """All TIMEX3 expressions of ``text``. ``tense(char_offset)`` tells the tense of the clause
        around an offset ("past"/"future"/None); ``sentences`` are (start, end) character bounds;
        ``exclude`` are spans (money, counts) no time may overlap."""
        cands: list[_Cand] = []
        gates = self.gates
        if _FOLDS_TO_ASCII.search(text) is not None:
            # a letter that matches an ASCII letter only without regard to case ("Tue\u017fday")
            # is read as that letter, so that the lexicon knows the word and the literal gates
            # hold; one character for one, so offsets do not move
            text = _FOLDS_TO_ASCII.sub(lambda m: _ASCII_FOLD[m.group(0)], text)
        literals = self.literals
        low = text.lower()
        for prio, (name, rx, handler) in enumerate(self.rules):
            lits = literals.get(name)
            if lits is not None and not any(w in low for w in lits):
                continue   # no match of this rule can be in the text
            gate = gates.get(name)
            if gate is not None and gate.search(text) is None:
                continue   # the text lacks what every match of this rule contains
            for m in rx.finditer(text):
                if m.end() > m.start():
                    cands.append(_Cand(m.start(), m.end(), name, prio, m, handler))
        cands.sort(key=lambda c: (-(c.end - c.start), c.prio, c.start))
        taken = bytearray(len(text) + 1)      # characters already claimed (linear in the text)
        for s, e in exclude or []:
            taken[max(0, s):max(0, e)] = b"\x01" * (max(0, e) - max(0, s))
        chosen: list[tuple[_Cand, object]] = []
        run = _Run(self, text, dct, tense, sentences)
        for c in cands:
            if any(taken[c.start:c.end]):
                continue
            res = c.handler(c.m, run)
            if res is None:
                continue
            taken[c.start:c.end] = b"\x01" * (c.end - c.start)
            chosen.append((c, res))
        chosen.sort(key=lambda x: x[0].start)
        state = _State()
        out: list[Timex] = []
        for c, res in chosen:
            if callable(res):
                res = res(state)
                if res is None:
                    continue
            typ, value, anchor = res[0], res[1], (res[2] if len(res) > 2 else None)
            s, e = c.start, c.end
            if len(res) > 3 and res[3]:
                s, e = res[3]
            while e > s and text[e - 1] in ".,;:" and not (text[e - 1] == "." and re.search(r"(?:[ap]\.m|\b[A-Z][a-z]{1,4})\.$", text[s:e])):
                e -= 1
            rule = res[4] if len(res) > 4 and res[4] else c.rule   # a handler may name the sub-rule that decided
            if not (c.rule in ("year_ago_adj", "anaphoric_q", "that_year", "year_quarter", "last_year_q", "year_period")
                    and anchor and anchor != run.anchor):
                state.update(value, s)
            out.append(Timex(s, e, typ, value, anchor, rule, *timex_attributes(text[s:e], typ, self.lex.numbers)))
        self._day_range_ends(out, text, taken)
        self._attach_times(out, text)
        return out

    # "July 25-28", "Nov. 6 to 10", "July 8 and 9" (not "rose from 31 percent on June 2 to 38 percent")
    _RANGE_AFTER = re.compile(r"\s*(?:-|–|—|\s+to\s+|\s+through\s+|\s+and\s+)\s*(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b"
                              r"(?![-–.:/]?\d|\s*(?:%|percent\b|per\s*cent\b|points?\b|[ap]\.?m\b|(?:hundred|thousand|million|billion)\b))"
                              r"(?:,?\s+(?P<y>1[5-9]\d\d|20\d\d)(?!\d))?")
    # "25-28 July", "6 to 10 November"
    _RANGE_BEFORE = re.compile(r"(?<![\d.,$£€])(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:-|–|—|\s+to\s+|\s+and\s+)\s*(?:the\s+)?$")

    def _day_range_ends(self, out: list[Timex], text: str, taken: bytearray) -> None:
        """Rule day_range_end: a range of days in one month, "July 25-28" / "25-28 July", is two
        DATEs, one per end, as TimeML annotates the ends of a range (each its own TIMEX3; the
        range itself would be a non-consuming DURATION between them): the bare number takes the
        month and year of the full date beside it ("July 25-28, 2016": both in 2016)."""
        extra: list[Timex] = []
        drop: set[int] = set()
        for t in out:
            if t.rule not in ("month_day", "day_month") or t.type != "DATE":
                continue
            mv = re.fullmatch(r"(\d{4}|XXXX)-(\d{2})-(\d{2})", t.value)
            if mv is None:
                continue
            y, mo, d = mv.group(1), int(mv.group(2)), int(mv.group(3))
            if t.rule == "month_day":
                m = self._RANGE_AFTER.match(text, t.end)
                if m is None or not d < int(m["d"]) <= 31 or any(taken[m.start("d"):m.end("d")]):
                    continue
                s, e, d2 = m.start("d"), m.end("d"), int(m["d"])
                if m["y"]:
                    yt = next((k for k, o in enumerate(out) if o.start == m.start("y") and o.value == m["y"]), None)
                    if yt is None:
                        continue
                    drop.add(yt)
                    y, e = m["y"], m.end("y")
                    t.value, t.anchor = f"{y}-{mo:02d}-{d:02d}", None   # the year the text gives
            else:
                m = self._RANGE_BEFORE.search(text, max(0, t.start - 12), t.start)
                if m is None or m.end() != t.start or not 1 <= int(m["d"]) < d:
                    continue
                s, e, d2 = m.start("d"), m.end("d"), int(m["d"])
            if any(taken[s:m.end("d")]):
                continue
            if y != "XXXX":
                try:
                    dt.date(int(y), mo, d2)
                except ValueError:
                    continue
            taken[s:e] = b"\x01" * (e - s)
            extra.append(Timex(s, e, "DATE", f"{y}-{mo:02d}-{d2:02d}", t.anchor, "day_range_end"))
        if extra or drop:
            out[:] = sorted([o for k, o in enumerate(out) if k not in drop] + extra, key=lambda o: o.start)

    #: a clock time in another zone, in brackets after the local one: "6 a.m. (0400 GMT)"
    _PAREN_CLOCK = re.compile(r"\s*\([^()\n]{1,30}\)")

    @staticmethod
    def _attach_times(out: list[Timex], text: str = "") -> None:
        """A clock time without a day takes the day of a date just before or after it; a bracketed
        clock time in another zone ("6 a.m. (0400 GMT) on Sunday", "Sunday at 6 a.m. (0400 GMT)")
        is passed over, as the same instant (rule clock_paren_day)."""
        for i, t in enumerate(out):
            if t.type != "TIME" or not t.value.startswith("@"):
                continue
            clock = t.value[1:]
            day = None
            after_end = t.end
            paren = TimexTagger._PAREN_CLOCK.match(text, t.end)
            k = i + 1
            if paren is not None and k < len(out) and out[k].type == "TIME" and out[k].end <= paren.end():
                after_end, k = paren.end(), k + 1   # "6 a.m. (0400 GMT) on Sunday": look past the brackets
            for j in (i - 1, k):
                if 0 <= j < len(out):
                    o = out[j]
                    gap = t.start - o.end if j < i else o.start - after_end
                    between = text[o.end:t.start] if j < i else text[after_end:o.start]
                    if re.search(r"[.!?;]\s", between + " "):
                        continue   # "... next Saturday.  ___.  4:30 p.m.": another sentence's day
                    # the day may come with its part ("Tuesday afternoon at 3:30 p.m.": Tuesday)
                    dm = re.fullmatch(r"(\d{4}-\d{2}-\d{2}|XXXX-WXX-\d)(?:T(?:MO|AF|EV|NI|MI|DT))?", o.value)
                    if dm is None and j < i and o.type == "TIME" and re.fullmatch(r"\s*\(\s*", between):
                        # "(0400 GMT)" after "Sunday at 6 a.m.": the day of the clock time it glosses
                        dm = re.fullmatch(r"(\d{4}-\d{2}-\d{2}|XXXX-WXX-\d)T\d\d:\d\d", o.value)
                    if 0 <= gap <= 12 and dm:
                        day = dm.group(1)
                        break
            if day and clock == "T00:00" and "midnight" in text[t.start:t.end].lower():
                clock = "T24:00"   # "Tuesday at midnight": the end of Tuesday
            t.value = f"{day or t.anchor or 'XXXX-XX-XX'}{clock}"

    # ----------------------------------------------------------------- handlers
    def _h_iso(self, m, r):
        try:
            dt.date(int(m["y"]), int(m["mo"]), int(m["d"]))
        except ValueError:
            return None
        v = f"{m['y']}-{m['mo']}-{m['d']}"
        if m["h"]:
            return ("TIME", f"{v}T{m['h']}:{m['mi']}")
        return ("DATE", v)

    def _h_iso_month(self, m, r):
        if int(m["mo"]) > int(m["y"][2:]):
            return None   # "2010-12" in prose is rather a range of years (the range rule reads it)
        return ("DATE", f"{m['y']}-{m['mo']}")

    def _h_dot_date(self, m, r):
        try:
            d = dt.date(int(m["y"]), int(m["mo"]), int(m["d"]))
        except ValueError:
            return None
        return ("DATE", d.isoformat())

    def _h_slash(self, m, r):
        a, b, y = int(m["a"]), int(m["b"]), m["y"]
        year = int(y) if len(y) == 4 else (2000 + int(y) if int(y) < 50 else 1900 + int(y))
        mo, d = (a, b) if a <= 12 else (b, a)
        try:
            dt.date(year, mo, d)
        except ValueError:
            return None
        return ("DATE", f"{year:04d}-{mo:02d}-{d:02d}")

    def _month_num(self, word: str, need_cap: bool = True) -> Optional[int]:
        w = word.rstrip(".").lower()
        if w not in self.lex.months:
            return None
        if need_cap and w in self.lex.ambiguous_months and not word[0].isupper():
            return None
        return self.lex.months[w]

    def _h_month_day(self, m, r):
        mon = self._month_num(m["mon"])
        if mon is None:
            return None
        day = int(m["day"])
        if m["mon"][0].islower():
            return None
        if m["year"]:
            try:
                dt.date(int(m["year"]), mon, day)
            except ValueError:
                return None
            return ("DATE", f"{int(m['year']):04d}-{mon:02d}-{day:02d}")
        if not 1 <= day <= 31:
            return None
        if r.dct is None:
            return ("DATE", f"XXXX-{mon:02d}-{day:02d}")
        wd = self.lex.weekdays.get(m["wd"].rstrip(".").lower()) if m["wd"] else None
        if (mon, day) == (9, 11) and re.match(r"[\s,]*(?:terrorist\s+|terror\s+)?attacks\b", r.text[m.end():m.end() + 24], re.I):
            # rule sept11_attacks: "the Sept. 11 attacks" is the day of 2001, not the latest Sept. 11
            # ("the Sept. 11 attack" in the singular is left to the year pick: Benghazi was 2012)
            return ("DATE", "2001-09-11")
        if self._VOTE_AFTER.match(r.text, m.end()):
            # rule month_vote: "the Nov. 8 election" is the coming one; in a past clause the
            # nearest ("the nominee for the Nov. 8 election later said ...": the clause's tense is
            # not the vote's)
            if r.tense_at(m.start()) != "past":
                y = r.dct.year if (mon, day) >= (r.dct.month, r.dct.day) else r.dct.year + 1
            else:
                y = self._pick_year(mon, day, r, m.start(), wd, use_tense=False)
        else:
            y = self._pick_year(mon, day, r, m.start(), wd)
        try:
            dt.date(y, mon, day)
        except ValueError:
            return None
        return ("DATE", f"{y:04d}-{mon:02d}-{day:02d}", r.anchor)

    def _h_pod_of_date(self, m, r):
        """"on the evening of June 7", "the morning of 5 March 2015": that day's part (TIME)."""
        res = self._h_month_day(m, r)
        if res is None or not re.fullmatch(r"(?:\d{4}|XXXX)-\d\d-\d\d", res[1]):
            return None
        return ("TIME", f"{res[1]}T{self.lex.parts_of_day[m['pod'].lower()]}", *res[2:])

    def _h_month_year(self, m, r):
        mon = self._month_num(m["mon"])
        if mon is None:
            return None
        if m["year"]:
            return ("DATE", f"{int(m['year']):04d}-{mon:02d}")
        if r.dct is None:
            return ("DATE", f"XXXX-{mon:02d}")
        y = r.dct.year + {"last": -1, "this": 0, "next": 1}[m["rel"].lower()]
        return ("DATE", f"{y:04d}-{mon:02d}", r.anchor)

    def _h_month(self, m, r):
        word = m["mon"]
        mon = self._month_num(word)
        if mon is None or not word[0].isupper():
            return None
        mod = (m["mod"] or "").lower().split()
        if not mod and not m["part"] and not m["bnd"]:
            # "Jill June", "April Ryan": a first or last name, not a month
            before = r.text[max(0, m.start() - 30):m.start()]
            after = r.text[m.end():m.end() + 20]
            if re.search(r"\b[A-Z][a-z]+\s+$", before) and not re.search(
                    r"(?:^|[.!?\"“]\s*)[A-Z][a-z]+\s+$|\b(?:In|Since|Until|By|From|During|Through|Before|After|Last|Next|This|Early|Late|Mid|On)\s+$", before):
                return None
            if re.match(r"\s+[A-Z][a-z]+", after) and not re.match(r"\s+(?:The|A|An|In|On|At|It|He|She|They|We|I)\b", after) \
                    and not re.search(r"\b(?:in|since|until|till|by|from|during|through|before|after|of|last|next|this|early|late|mid|on)\s+$", before, re.I):
                return None
        if word.lower() == "march" and not mod and not m["part"] and not m["bnd"]:
            # rule march_name: "March" before "on"/"for"/"against" and a name is a march ("the
            # March on Washington", "a group called March for Jobs"), not the month, unless a
            # preposition of time comes before it ("in March for a post", "since March on ...")
            before = r.text[max(0, m.start() - 12):m.start()]
            if re.match(r"\s+(?:on|for|against|to)\s+(?:the\s+)?(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day)[A-Z]", r.text[m.end():m.end() + 24]) and not re.search(
                    r"\b(?:in|since|until|till|by|from|during|through|before|after|of|last|next|this|early|late|mid|"
                    r"on|between|and|or)\s+$", before, re.I):
                return None
        if word.lower() == "may" and not mod and not m["part"] and not m["bnd"]:
            # "May" is a modal verb at a sentence start; take it only after a preposition
            before = r.text[max(0, m.start() - 12):m.start()].lower()
            if not re.search(r"\b(?:in|since|until|till|by|from|of|during|through|before|after|early|late|mid|last|next|this)\s+$", before):
                return None
        if r.dct is None:
            return ("DATE", f"XXXX-{mon:02d}")
        Y, M = r.dct.year, r.dct.month
        if mod and mod[-1] in ("last", "past"):
            # the month just ended is "last month" in news: "last November" written in December
            # is the November a year before ("... turned over to the agency last November")
            y = Y if mon < M - (1 if mod == ["last"] else 0) else Y - 1
        elif mod and mod[-1] == "next":
            y = Y if mon > M else Y + 1
        elif mod and mod[-1] == "coming":
            y = Y if mon >= M else Y + 1
        elif mod and mod[-1] == "this":
            y = Y
        elif not mod and self._VOTE_AFTER.match(r.text, m.end()):
            # rule month_vote: "the November election", "a June referendum", "February's primaries":
            # a scheduled vote named by its month is the coming one; in a past clause the nearest
            # (the clause's tense is not the vote's: "the nominee for the November election said")
            y = (Y if mon >= M else Y + 1) if r.tense_at(m.start()) != "past" else \
                self._pick_year(mon, 15, r, m.start(), use_tense=False)
        else:
            # rule month_tense: a month on a plain finite verb follows its tense, as TimeML
            # annotators read it: a simple past or perfect ("proposed it in October", "had
            # left in July") is the latest such month up to the DCT's, "will" the next from
            # it; otherwise (participles, modals, the present) the nearest, by the mild
            # tense bias of _pick_year
            ft = r.finite_tense_at(m.start())
            if ft == "past":
                y = Y if mon <= M else Y - 1
            elif ft == "future":
                y = Y if mon >= M else Y + 1
            else:
                y = self._pick_year(mon, 15, r, m.start())
        return ("DATE", f"{y:04d}-{mon:02d}", r.anchor)

    _VOTE_AFTER = re.compile(r"(?:['’]s)?\s+(?:general\s+|presidential\s+|legislative\s+|parliamentary\s+|midterm\s+|"
                             r"runoff\s+|primary\s+)?(?:elections?|votes?|ballots?|referend(?:um|a)|runoffs?|primar(?:y|ies)|"
                             r"caucus(?:es)?|polls)\b", re.I)

    def _pick_year(self, mon: int, day: int, r, pos: int, wd: Optional[int] = None, use_tense: bool = True) -> int:
        """The year of a month (and day) given without one: the nearest occurrence around the DCT,
        only backwards in a past-tense clause, only forwards in a future one, and otherwise with a
        bias to the past (news report what happened)."""
        Y = r.dct.year
        here = r.dct.month * 31 + r.dct.day
        tense = r.tense_at(pos) if use_tense else None
        best, best_cost = Y, None
        for y in (Y - 1, Y, Y + 1):
            delta = (y - Y) * 372 + mon * 31 + day - here
            if delta <= 0:
                cost = -delta * (4 if tense == "future" else 1)
            else:
                cost = delta * (4 if tense == "past" else 1 if tense in ("future", "present") else 1.5)
            if wd is not None:
                try:
                    if dt.date(y, mon, day).isoweekday() != wd:
                        cost += 10_000
                except ValueError:
                    cost += 10_000
            if best_cost is None or cost < best_cost:
                best, best_cost = y, cost
        return best

    def _weekday_value(self, wd: int, mod: str, r, pos: int) -> str:
        if r.dct is None:
            return f"XXXX-WXX-{wd}"
        if mod in ("last", "this past", "past"):
            d = _ord_weekday(r.dct, wd, "strict_before")
        elif mod == "next":
            d = _ord_weekday(r.dct, wd, "strict_after")
        elif mod in ("this coming", "coming"):
            d = _ord_weekday(r.dct, wd, "after")
        else:
            tense = r.tense_at(pos)
            if tense == "present":
                # "the summit opens Monday": the nearer of the two, the past one on a tie
                before, after = _ord_weekday(r.dct, wd, "before"), _ord_weekday(r.dct, wd, "after")
                d = after if (after - r.dct) < (r.dct - before) else before
            else:
                d = _ord_weekday(r.dct, wd, "after" if tense == "future" else "before")
        return d.isoformat()

    # "that Friday" is the narrative's Friday only after a preposition ("on that Friday", "until
    # that Friday") or at a clause start; after a verb "that" is a complementizer
    _DEMONSTRATIVE_THAT = re.compile(r"(?:^|[.!?;:(\"“—–-]\s*|\b(?:on|by|until|till|since|before|after|from|through|for|of|"
                                     r"during|to|and|or|but|at|in)\s+)$", re.I)

    _NAMED_DAY = re.compile(r"(?<![\w])((?:Super|Black|Cyber|Good|Holy|Ash|Easter|Palm|Fat|Bloody|Giving)\s+)$", re.I)

    def _h_weekday(self, m, r):
        w = m["wd"]
        if not w[0].isupper():
            return None
        wd = self.lex.weekdays[w.lower()]
        mod = " ".join((m["mod"] or "").lower().split())
        named = self._NAMED_DAY.search(r.text, max(0, m.start() - 12), m.start())
        if named and not mod:
            # "Super Tuesday", "Black Friday", "Good Friday": a named day, not the nearest Tuesday
            return ("DATE", f"XXXX-WXX-{wd}", None, (named.start(1), m.end("wd")))
        if mod == "that" and m.group(0)[0] == "t" and not self._DEMONSTRATIVE_THAT.search(r.text, max(0, m.start() - 12), m.start()):
            # rule that_complementizer: "noted that Saturday would have been ...", "told MSNBC that
            # Friday's announcement ...": "that" opens a clause; the weekday is a bare one
            val = self._weekday_value(wd, "", r, m.start("wd"))
            if m["pod"] and not m["podpl"]:
                return ("TIME", f"{val}T{self.lex.parts_of_day[m['pod'].lower()]}", r.anchor, (m.start("wd"), m.end()))
            return None if m["podpl"] else ("DATE", val, r.anchor, (m.start("wd"), m.end("wd")))
        if m["podpl"] and mod in ("that", "the same"):
            return None
        if mod == "the next":
            mod = "the following"   # "the next Friday": anaphoric, as "the following Friday"
        if mod in ("that", "the same", "the previous", "the following") and not m["podpl"]:
            return self._weekday_from_reference(wd, mod, m["pod"], r)
        if m["podpl"]:
            return ("SET", f"XXXX-WXX-{wd}T{self.lex.parts_of_day[m['pod'].lower()]}")
        val = self._weekday_value(wd, mod if mod in ("last", "next", "this past", "this coming", "coming") else
                                  ("" if mod != "this" else "this"), r, m.start())
        if mod == "this" and r.dct is not None:
            tense = r.tense_at(m.start())
            val = _ord_weekday(r.dct, wd, "after" if tense == "future" else "before").isoformat()
        if m["pod"]:
            return ("TIME", f"{val}T{self.lex.parts_of_day[m['pod'].lower()]}", r.anchor)
        return ("DATE", val, r.anchor)

    def _weekday_from_reference(self, wd: int, mod: str, pod: Optional[str], r):
        """"that Friday", "the following Friday", "the previous Friday": counted from the last day
        the narrative mentioned (TimeML's reference time), else from the publication date."""
        how = {"that": "after", "the same": "after", "the following": "strict_after", "the previous": "strict_before"}[mod]

        def resolve(state: _State):
            ref = _reference_day(state, r)
            if ref is None:
                return ("DATE", f"XXXX-WXX-{wd}")
            base, anchor = ref
            val = _ord_weekday(base, wd, how).isoformat()
            if pod:
                return ("TIME", f"{val}T{self.lex.parts_of_day[pod.lower()]}", anchor)
            return ("DATE", val, anchor)
        return resolve

    def _h_that_pod(self, m, r):
        """"that morning", "that night", "the same evening": the part of the day last mentioned."""
        pod = m["pod"].lower()

        def resolve(state: _State):
            return ("TIME", f"{state.day}T{self.lex.parts_of_day[pod]}", state.day) if state.day else None
        return resolve

    def _h_next_pod(self, m, r):
        """"the next morning", "the previous night", "the night before", "the morning after": a part
        of the day one day from the narrative's day (the last day mentioned, TimeML's reference
        time), else from the publication date. "the before/after" form only at a clause end ("The
        night before, police ..."): "the night before the vote", "the morning after his speech" name
        an event's eve, not a day the text gives, and are left alone."""
        pod = self.lex.parts_of_day[(m["pod"] or m["pod2"]).lower()]
        w = (m["mod"] or m["dir"]).lower()
        k = -1 if w in ("previous", "prior", "before") else 1

        def resolve(state: _State):
            ref = _reference_day(state, r)
            if ref is None:
                return ("TIME", f"XXXX-XX-XXT{pod}")
            base, anchor = ref
            return ("TIME", f"{(base + dt.timedelta(days=k)).isoformat()}T{pod}", anchor)
        return resolve

    def _day_shift(self, r, k: int) -> str:
        if r.dct is None:
            return "XXXX-XX-XX"
        return (r.dct + dt.timedelta(days=k)).isoformat()

    def _h_rel_day(self, m, r):
        rd = m["rd"].lower()
        if m["rd"][0].isupper() and re.search(r"\bU\.?S\.?A\.?\s+$", r.text[max(0, m.start() - 7):m.start()]):
            return None   # "USA Today": a newspaper
        if m["rd"][0].isupper() and re.search(r"\bWeek\s+$", r.text[max(0, m.start() - 6):m.start()]):
            return None   # "Last Week Tonight": a programme
        rd = " ".join(rd.split())
        # "the day before yesterday", "the day after tomorrow": two days from the DCT
        k = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
             "the day after tomorrow": 2}[rd]
        val = self._day_shift(r, k)
        pod = (m["pod"] or m["pod0"] or "").lower().replace("mid-", "").replace("mid", "") or ("night" if rd == "tonight" else None)
        if pod:
            return ("TIME", f"{val}T{self.lex.parts_of_day[pod]}", r.anchor)
        return ("DATE", val, r.anchor)

    def _h_this_pod(self, m, r):
        mod = m["mod"].lower().split()[-1]
        pod = m["pod"].lower()
        if mod == "last":
            if pod not in ("night", "evening"):
                return None
            val = self._day_shift(r, -1)
        else:
            val = self._day_shift(r, 0)
        return ("TIME", f"{val}T{self.lex.parts_of_day[pod]}", r.anchor)

    def _h_time(self, m, r):
        gd = m.groupdict()
        if gd.get("word"):
            w = gd["word"].lower()
            # TIDES/TimeML: "midnight Friday" is the end of Friday, T24:00 of that day; a bare
            # "midnight" in the day's news is the one that began it (T00:00 of the DCT, below)
            clock = "T12:00" if w in ("noon", "midday") else "T24:00"
        else:
            h = int(m["hour"])
            mi = int(m["minute"] or 0)
            ap = (gd.get("ampm") or "").lower()
            if ap.startswith("p") and h < 12:
                h += 12
            elif ap.startswith("a") and h == 12:
                h = 0
            if h > 23 or (ap and int(m["hour"]) > 12) or (ap and int(m["hour"]) == 0):
                return None
            clock = f"T{h:02d}:{mi:02d}"
        dayref = gd.get("dayref") or gd.get("dayref0")
        if dayref:
            day = self._dayref_value(dayref, r, m.start())
            if day is None:
                return None
            return ("TIME", f"{day}{clock}", r.anchor)
        anchor = r.dct.isoformat() if r.dct else None
        if clock == "T24:00":
            clock = "T00:00"   # "shortly after midnight": the start of the day (unless a day is attached)
        pos = m.start()

        def resolve(state: _State):
            # rule clock_reference_day: a clock time with no day beside it takes the narrative's
            # day (TimeML's reference time) where its paragraph named a day before it ("On
            # Saturday police were called ... About 9:42 p.m. a man ..."), else the DCT's
            if state.day and state.day_at is not None and not gd.get("word") \
                    and not (state.day < (r.anchor or "") and r.tense_at(pos) == "future"):
                # (not "noon"/"midday"/"midnight": often before a noun, "a midday rally", or a
                # deadline between two days, "takes effect at midnight"; not a future clause
                # against a past day)
                # paragraphs: lines, and the entries of a live blog ("___. 4:30 p.m. ...")
                para = max(r.text.rfind("\n", 0, pos), r.text.rfind("___", 0, pos))
                head = r.text[:max(0, para)].rstrip("\n_. ")
                before = max(head.rfind("\n"), head.rfind("___"))
                if state.day_at > para or (state.day_at > before and state.day < (r.anchor or "")
                                           and r.tense_at(pos) == "past"):
                    # (a past clause may take the day of the paragraph before: "Bob met the
                    # envoy on Sept. 10, 2012. ¶ He heard gunfire about 9:42 p.m.")
                    return ("TIME", "@" + clock, state.day)
            return ("TIME", "@" + clock, anchor)
        return resolve

    def _dayref_value(self, ref: str, r, pos: int) -> Optional[str]:
        low = ref.lower()
        if low in ("today", "tonight"):
            return self._day_shift(r, 0)
        if low == "yesterday":
            return self._day_shift(r, -1)
        if low == "tomorrow":
            return self._day_shift(r, 1)
        if low in self.lex.weekdays:
            return self._weekday_value(self.lex.weekdays[low], "", r, pos)
        mm = re.match(r"(?:(?P<wd>[A-Za-z]+\.?),?\s+)?(?P<mon>\S+)\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?:,?\s+(?P<y>\d{4}))?$", ref)
        if mm:
            mon = self._month_num(mm["mon"])
            if mon is None:
                return None
            day = int(mm["d"])
            if mm["y"]:
                y = int(mm["y"])
            elif r.dct is not None:
                # the year as for a date alone ("Friday, March 11" where the weekday fits)
                wd = self.lex.weekdays.get(mm["wd"].rstrip(".").lower()) if mm["wd"] else None
                y = self._pick_year(mon, day, r, pos, wd)
            else:
                y = None
            return f"{y:04d}-{mon:02d}-{day:02d}" if y else f"XXXX-{mon:02d}-{day:02d}"
        return None

    def _unit_value(self, unit: str, k: int, r) -> Optional[str]:
        """The value of 'this/last/next <unit>' (k = 0/-1/+1) against the DCT."""
        u = unit.lower()
        d = r.dct
        if u in self.lex.seasons:
            code = self.lex.seasons[u]
            if d is None:
                return f"XXXX-{code}"
            start_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
            y = d.year
            if k < 0:
                y = y if d.month > start_month + 2 else y - 1
            elif k > 0:
                y = y if d.month < start_month else y + 1
            return f"{y:04d}-{code}"
        if d is None:
            return {"week": "XXXX-WXX", "month": "XXXX-XX", "year": "XXXX", "quarter": "XXXX-QX",
                    "decade": "XXX", "century": "XX"}.get(u)
        if u == "week":
            return _week(d + dt.timedelta(days=7 * k))
        if u == "month":
            y, mo = _add_months(d.year, d.month, k)
            return f"{y:04d}-{mo:02d}"
        if u == "year":
            return f"{d.year + k:04d}"
        if u == "quarter":
            q = (d.month - 1) // 3 + k
            y = d.year + (q // 4)
            return f"{y:04d}-Q{q % 4 + 1}"
        if u == "decade":
            return f"{d.year // 10 + k:03d}"
        if u == "century":
            return f"{d.year // 100 + k:02d}"
        return None

    def _h_rel_unit(self, m, r):
        mod = " ".join(m["mod"].lower().split())
        unit = m["unit"].lower()
        if unit == "weekend":
            return self._weekend(mod, r, m.start())
        if mod in ("that", "the same"):
            return None  # handled by the anaphoric rule
        raw = r.text[m.start("mod"):m.end("unit")]
        if unit == "week" and re.fullmatch(r"(?:This|Last|Next)\s+Week", raw) and (
                re.search(r"(?:['’]s\s+|[\"“‘]|'')$", r.text[max(0, m.start() - 4):m.start()])
                or re.match(r"\s+(?:With|Tonight)\b", r.text[m.end():m.end() + 9])):
            return None   # ABC's "This Week", "Last Week Tonight": a programme's name
        if mod == "this past" and unit == "week" and r.dct is not None and r.dct.isoweekday() >= 6:
            mod = "this"   # "this past week", written at the weekend: the week now ending
        k = {"last": -1, "this past": -1, "the previous": -1, "this": 0, "the current": 0, "next": 1, "the following": 1,
             "the coming": 1}[mod]
        if mod in ("the previous", "the following") and unit in ("year", "month", "week"):
            return self._relative_to_last(unit, k, r)
        if mod == "the coming" and unit in ("week", "month", "year", "decade"):
            return ("DURATION", f"P1{'Y' if unit == 'year' else unit[0].upper()}" if unit != "decade" else "P10Y")
        val = self._unit_value(unit, k, r)
        if val is None:
            return None
        return ("DATE", val, r.anchor)

    def _relative_to_last(self, unit: str, k: int, r):
        """"the following year", "the previous month": one step from the last such value mentioned
        (narrative order), else from the publication date."""
        def resolve(state: _State):
            if unit == "year" and state.year:
                return ("DATE", f"{int(state.year) + k:04d}", state.year)
            if unit == "month" and state.month:
                y, mo = _add_months(int(state.month[:4]), int(state.month[5:7]), k)
                return ("DATE", f"{y:04d}-{mo:02d}", state.month)
            if unit == "day" and state.day:
                return ("DATE", (dt.date.fromisoformat(state.day) + dt.timedelta(days=k)).isoformat(), state.day)
            if unit == "week" and state.day:
                return ("DATE", _week(dt.date.fromisoformat(state.day) + dt.timedelta(days=7 * k)), state.day)
            if unit == "day":
                return ("DATE", self._day_shift(r, k), r.anchor)
            val = self._unit_value(unit, k, r)
            return ("DATE", val, r.anchor) if val else None
        return resolve

    def _h_season(self, m, r):
        code = self.lex.seasons[m["s"].lower()]
        if not m["mod"] and not m["the2"]:
            return None   # "in autumn" alone is usually generic
        if m["s"][0].isupper() and re.match(r"\s+[A-Z]", r.text[m.end():m.end() + 2]):
            return None   # "the Summer Olympics": a name
        prep = m["prep"].lower()
        if prep in ("of", "from", "to") and not (m["the0"] or m["the2"] or (m["mod"] or "").lower() == "the"):
            return None
        if m["s"].lower() == "fall" and (
                prep not in ("in", "during", "by", "until", "till", "through", "throughout", "before", "into")
                or re.match(r"[\s-]+(?:in|of|from|to|off|on|below|above|back|out|short|apart|guy|line)\b", r.text[m.end():m.end() + 10], re.I)):
            # rule season_fall: "in the fall" is the season, but "after the fall", "the fall in
            # prices", "the fall from grace" name a drop or a collapse
            return None
        span = (m.start("the0") if m["the0"] else m.start("mod") if m["mod"] else (m.start("the2") if m["the2"] else m.start("s")), m.end())
        if r.dct is None:
            return ("DATE", f"XXXX-{code}", None, span)
        start_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
        y = r.dct.year
        tense = "past" if prep == "since" else r.tense_at(m.start("s"))   # "since the spring": one begun
        if tense == "future":
            y = y if r.dct.month < start_month + 3 else y + 1
        elif r.dct.month < start_month and not (code == "WI" and r.dct.month <= 2) and tense == "past":
            y -= 1   # "met in the summer" written in May: the last one that has begun
        # otherwise (present, no finite verb: "winning in the fall", "heading into the summer")
        # the season of the DCT's year, still to come when the DCT is before it
        return ("DATE", f"{y:04d}-{code}", r.anchor, span)

    def _h_period_end(self, m, r):
        unit = "month" if (m["u1"] or "").lower() == "month" or (m["ye"] or "").lower().startswith("month") else "year"
        if r.dct is None:
            return ("DATE", "XXXX" if unit == "year" else "XXXX-XX")
        def resolve(state: _State):
            if unit == "year":
                return ("DATE", state.year or f"{r.dct.year:04d}", r.anchor)
            return ("DATE", state.month or f"{r.dct.year:04d}-{r.dct.month:02d}", r.anchor)
        return resolve

    def _h_next_day(self, m, r):
        w = " ".join(m.group(0).lower().split())
        k = -1 if ("previous" in w or "before" in w or "prior" in w) else 1
        return self._relative_to_last("day", k, r)

    def _h_unit_before_after(self, m, r):
        return self._relative_to_last(m["unit"].lower(), -1 if m["dir"].lower() == "before" else 1, r)

    def _weekend(self, mod: str, r, pos: int):
        mod = " ".join(mod.split())
        if mod in ("that", "the same", "the previous", "the following"):
            return self._weekend_from_reference(mod, r)
        if r.dct is None:
            return ("DATE", "XXXX-WXX-WE")
        d = r.dct
        tense = r.tense_at(pos)
        if mod == "this" and d.isoweekday() <= 5 and (tense == "present" or (tense is None and d.isoweekday() >= 3)):
            # "the vote is this weekend", or "this weekend" in a Wednesday-to-Friday story with no
            # tense to go by: the coming one ("this weekend" read on Monday and Tuesday, or in the
            # past tense, is the one just gone)
            tense = "future"
        if mod == "next" or (mod in ("this", "the") and tense == "future"):
            ref = d + dt.timedelta(days=(6 - d.isoweekday()) % 7 if d.isoweekday() <= 6 else 0)
            if mod == "next":
                ref = d + dt.timedelta(days=7 - d.isoweekday() + 6)
        elif d.isoweekday() >= 6 and mod in ("this", "the"):
            ref = d
        else:
            ref = d - dt.timedelta(days=d.isoweekday())  # last Sunday
        return ("DATE", f"{_week(ref)}-WE", r.anchor)

    def _weekend_from_reference(self, mod: str, r):
        """"that weekend", "the following weekend", "the previous weekend": from the narrative's day
        (the last day mentioned), else from the publication date."""
        def resolve(state: _State):
            ref = _reference_day(state, r)
            if ref is None:
                return ("DATE", "XXXX-WXX-WE")
            base, anchor = ref
            if mod == "the previous":
                sat = _ord_weekday(base, 6, "strict_before")
                if base.isoweekday() == 7:
                    sat -= dt.timedelta(days=7)   # a Sunday's previous weekend is the one before
            elif mod == "the following":
                sat = _ord_weekday(base, 6, "strict_after")
            else:   # "that weekend": the weekend of the day's week
                sat = base + dt.timedelta(days=6 - base.isoweekday())
            return ("DATE", f"{_week(sat)}-WE", anchor)
        return resolve

    def _h_rel_unit_weekend(self, m, r):
        return self._weekend(m["mod"].lower(), r, m.start())

    #: words before "the next week" that make it a stretch of time ("over the next week")
    _DURATION_PREP = re.compile(r"\b(?:over|during|within|for|in|throughout|through|into|across|under|about|of)\s+$", re.I)

    def _h_past_unit(self, m, r):
        unit = m["unit"].lower()
        if unit == "weekend":
            return self._weekend("last" if "next" not in m["mod"].lower() else "next", r, m.start())
        letter, mult, _ = self.lex.units[unit]
        if "next" in m["mod"].lower() and unit in ("week", "month", "year") \
                and (not self._DURATION_PREP.search(r.text[max(0, m.start() - 15):m.start()])
                     or re.match(r"['’]s\b", r.text[m.end():m.end() + 3])):
            # (a possessive is a point, never a stretch: "heading into the next week's primaries")
            # "The next week he met the rebels": the week after the narrative's reference time
            # (TimeML anchors such expressions to the last date mentioned), not a duration
            return self._relative_to_last(unit, 1, r)
        if "next" not in m["mod"].lower() and unit in ("year", "decade") and r.dct is not None \
                and not re.match(r"\s+(?:of|or|and)\b", r.text[m.end():m.end() + 6], re.I) \
                and not re.search(r"\b(?:for|throughout)\s+$", r.text[max(0, m.start() - 12):m.start()], re.I):
            # "in/over the past year", "the last decade": TimeBank (and HeidelTime) write the
            # previous calendar unit, a DATE (1997 on 1998-03-03, 198 in 1998); "for the past
            # year" measures a stretch and stays a DURATION ("the past century" stays P100Y: the
            # century before this one is not what it means)
            val = self._unit_value(unit, -1, r)
            if val is not None:
                return ("DATE", val, r.anchor)
        return ("DURATION", f"P{mult}{letter}")

    def _h_fiscal(self, m, r):
        y = m["y"] or m["y2"]
        y = y.lstrip("'’")
        if len(y) == 2:
            y = ("20" if int(y) < 50 else "19") + y
        return ("DATE", y)

    def _h_fiscal_rel(self, m, r):
        mod = (m["mod"] or "").lower()
        if not mod:
            return ("DURATION", "P1Y")
        k = {"current": 0, "this": 0, "latest": 0, "new": 0, "last": -1, "previous": -1, "next": 1, "coming": 1}[mod]
        if r.dct is None:
            return ("DATE", "XXXX")
        return ("DATE", f"{r.dct.year + k:04d}", r.anchor)

    _QN = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "final": 4}

    def _h_quarter(self, m, r):
        q = self._QN[m["q"].lower()]
        y = m["ypre"] or m["ypost"]
        rel = (m["rel"] or m["rel2"] or "").lower()
        raw = r.text[m.start():m.end()]
        span = None
        if re.match(r"the\s", raw, re.I) and re.search(r"\d-quarter|[a-z]-quarter", raw, re.I) and not m["ago"]:
            span = (m.start() + len(re.match(r"the\s+", raw, re.I).group(0)), m.end())  # "the third-quarter results"
        if m["ago"]:
            if y:
                return ("DATE", f"{int(y) - 1:04d}-Q{q}")
            if r.dct is None:
                return ("DATE", f"XXXX-Q{q}")
            def resolve(state: _State):
                base = int(state.year) if state.year else r.dct.year
                return ("DATE", f"{base - 1:04d}-Q{q}", str(base))
            return resolve
        if y:
            return ("DATE", f"{y}-Q{q}", None, span)
        if r.dct is None:
            return ("DATE", f"XXXX-Q{q}")
        year = r.dct.year + {"last": -1, "this": 0, "next": 1, "": 0}[rel]
        if not rel:
            dq = (r.dct.month - 1) // 3 + 1
            tense = r.tense_at(m.start())
            if q > dq and tense == "past":
                year -= 1
        return ("DATE", f"{year:04d}-Q{q}", r.anchor, span)

    def _h_month_span_q(self, m, r):
        """Rule month_span_q: "the April-June quarter", "the July-September period" name a calendar
        quarter (``YYYY-Q2``), dated as "the second quarter" is: a year given after it, else the
        DCT's, the year before when a past clause speaks of a quarter not yet begun."""
        m1, m2 = self._month_num(m["m1"]), self._month_num(m["m2"])
        if m1 is None or m2 is None or m2 != m1 + 2 or (m1 - 1) % 3:
            return None
        q = (m1 - 1) // 3 + 1
        if m["y"]:
            return ("DATE", f"{m['y']}-Q{q}")
        if r.dct is None:
            return ("DATE", f"XXXX-Q{q}")
        year = r.dct.year
        if q > (r.dct.month - 1) // 3 + 1 and r.tense_at(m.start()) == "past":
            year -= 1
        return ("DATE", f"{year:04d}-Q{q}", r.anchor)

    def _h_quarter_q(self, m, r):
        q = m["q1"] or m["q2"]
        y = m["y1"] or m["y2"]
        if y:
            return ("DATE", f"{y}-Q{q}")
        if r.dct is None:
            return ("DATE", f"XXXX-Q{q}")
        return ("DATE", f"{r.dct.year:04d}-Q{q}", r.anchor)

    def _h_year_quarter(self, m, r):
        """"the 1988 quarter": the quarter the text is about (the last one mentioned), in that year."""
        y = m["y"]

        def resolve(state: _State):
            if state.quarter:
                return ("DATE", f"{y}-Q{state.quarter[-1]}", state.quarter)
            return ("DATE", f"{y}-QX")
        return resolve

    def _h_half(self, m, r):
        h = 1 if m["h"].lower() == "first" else 2   # second, last, latter half
        if m["h"].lower() in ("last", "latter") and not (m["y"] or m["rel"]):
            return None   # "the last half of the game", "the last half of the '80s"
        if m["y"]:
            return ("DATE", f"{m['y']}-H{h}")
        if m["rel"]:
            if r.dct is None:
                return ("DATE", f"XXXX-H{h}")
            return ("DATE", f"{r.dct.year + {'last': -1, 'this': 0, 'next': 1}[m['rel'].lower()]:04d}-H{h}", r.anchor)
        # "the first half" alone is often not a time ("the first half of the match"): need a time context
        after = r.text[m.end():m.end() + 30].lower()
        if re.match(r"\s+(?:of\s+)?(?:the\s+)?(?:year|fiscal)", after) or re.search(r"\b(?:profit|earnings|revenue|sales|results)", r.text[max(0, m.start() - 60):m.end() + 40].lower()):
            if r.dct is None:
                return ("DATE", f"XXXX-H{h}")
            return ("DATE", f"{r.dct.year:04d}-H{h}", r.anchor)
        return None

    def _h_anaphoric_q(self, m, r):
        mod = " ".join((m["mod"] or "").lower().split())
        what = m["what"].lower()
        back = mod in ("year-ago", "year-earlier", "year ago", "year earlier")
        if what == "quarter" and self._QUARTER_FRACTION.match(r.text, m.end()):
            return None   # "the quarter of voters who ...", "the quarter-century-old brigade"
        if what == "period" and mod not in ("latest", "most recent", "year-ago", "year-earlier", "year ago",
                                             "year earlier", "same", "comparable", "current"):
            return None
        if mod in ("september", "december", "march", "june"):
            qn = {"march": 1, "june": 2, "september": 3, "december": 4}[mod]
        else:
            qn = None
        def resolve(state: _State):
            if qn is not None:
                if r.dct is None:
                    return ("DATE", f"XXXX-Q{qn}")
                y = r.dct.year if qn <= (r.dct.month - 1) // 3 + 1 else r.dct.year - 1
                return ("DATE", f"{y:04d}-Q{qn}", r.anchor)
            base = state.quarter
            if mod in ("previous", "prior"):
                if base is None:
                    base = self._unit_value("quarter", -1, r)
                    if base is None:
                        return None
                    y, q = int(base[:4]), int(base[-1])
                else:
                    y, q = int(base[:4]), int(base[-1])
                y, q = (y, q - 1) if q > 1 else (y - 1, 4)
                return ("DATE", f"{y:04d}-Q{q}", base)
            if base is None:
                if r.dct is None:
                    return ("DATE", "XXXX-QX") if what == "quarter" else None
                base = self._unit_value("quarter", 0 if mod == "current" else -1, r)
            elif mod in ("latest", "most recent", "recent", "just-ended", "just-completed") and r.dct is not None:
                # rule latest_completed_q: "the latest quarter" is one that is over, so never the
                # quarter the DCT falls in (a story in October that spoke of "the fourth quarter"
                # ahead means by "the latest quarter" the third): the last earlier quarter mentioned,
                # else the one before the DCT's
                now_q = self._unit_value("quarter", 0, r)
                if base >= now_q:
                    done = [q for q in reversed(state.quarters) if q < now_q]
                    base = done[0] if done else self._unit_value("quarter", -1, r)
                    return ("DATE", base, r.anchor, None, "latest_completed_q")
            if back:
                return ("DATE", f"{int(base[:4]) - 1:04d}{base[4:]}", base)
            if what == "period" and state.quarter is None:
                return None
            return ("DATE", base, r.anchor)
        return resolve

    #: a stretch of a year longer than a quarter that a sentence reports figures for: "for the nine
    #: months", "in the first half", "year to date", "for the full year", "annual"
    _YEAR_STRETCH = re.compile(r"\b(?:(?:nine|six|eight|ten|eleven|twelve|9|6|8|10|11|12)[- ]months?|(?P<h>first|second)\s+half|"
                               r"year[- ]to[- ]date|(?:full|whole|entire|fiscal)[- ]year|for\s+the\s+year|annual)\b", re.I)

    def _year_stretch(self, r, pos: int) -> Optional[re.Match]:
        """The stretch longer than a quarter the sentence before ``pos`` reports on, when the
        sentence names no quarter: "For the nine months, net rose ... from ... a year earlier"."""
        sent = r.sentence_text(pos)
        before = r.sentence_before(pos)
        if re.search(r"quarter", sent, re.I):
            return None
        found = list(self._YEAR_STRETCH.finditer(before))
        return found[-1] if found else None

    def _h_year_ago(self, m, r):
        w = " ".join(m["w"].lower().split())
        pos = m.start()
        def resolve(state: _State):
            sent = r.sentence_text(pos)
            stretch = self._year_stretch(r, pos) if state.quarter else None
            if stretch is not None:
                # rule year_ago_stretch: in a quarterly story a sentence about the nine months (the
                # half, the full year) compares with the same stretch a year before: that year (its
                # half), not the year-earlier quarter
                y = int(state.quarter[:4]) - 1
                half = stretch.group("h")
                v = f"{y:04d}-H{1 if half.lower() == 'first' else 2}" if half else f"{y:04d}"
                return ("DATE", v, state.quarter, None, "year_ago_stretch")
            if state.quarter and (re.search(r"\bquarter|\bperiod\b", sent, re.I) or r.dct is None
                                  or int(state.quarter[:4]) >= r.dct.year - 1):
                return ("DATE", f"{int(state.quarter[:4]) - 1:04d}{state.quarter[4:]}", state.quarter)
            if w in ("year-ago", "year-earlier", "year ago"):
                return None if not state.year and r.dct is None else (
                    "DATE", f"{int(state.year or r.dct.year) - 1:04d}", state.year or r.anchor)
            if w in ("the year before", "the previous year", "the prior year", "a year before") and state.year:
                return ("DATE", f"{int(state.year) - 1:04d}", state.year)
            if r.dct is None:
                return ("DATE", "XXXX")
            return ("DATE", f"{r.dct.year - 1:04d}", r.anchor)
        return resolve

    def _h_that(self, m, r):
        unit = m["unit"].lower()
        def resolve(state: _State):
            if unit == "week":
                # "that week", "earlier that week": the week of the narrative's day
                return ("DATE", _week(dt.date.fromisoformat(state.day)), state.day) if state.day else None
            v = {"year": state.year, "month": state.month, "day": state.day}[unit]
            return ("DATE", v, v) if v else None
        return resolve

    def _h_season_year(self, m, r):
        code = self.lex.seasons[m["s"].lower()]
        return ("DATE", f"{m['year']}-{code}")

    def _h_year_range(self, m, r):
        y1 = int(m["y1"])
        s2 = m["y2"]
        sep = r.text[m.start("y1") + 4:m.start("y2")].strip().lower()
        if len(s2) == 2:
            if sep not in ("-", "–", "—", "/"):
                return None
            y2 = y1 // 100 * 100 + int(s2)
            if y2 <= y1:
                if sep == "-" and 1 <= int(s2) <= 12:
                    return None   # "2010-05": a year-month, left to the year rule
                y2 += 100
                if y2 - y1 > 20:
                    return None
        else:
            y2 = int(s2)
            if sep in ("to", "through", "and"):
                # rule year_range_ends: "from 1993 to 2001", "between 2009 and 2013" are two
                # points in words, each a DATE of its own (TimeML annotates a range's ends
                # separately); the year rule tags each year
                return None
        if not (y1 < y2 <= y1 + 100):
            return None
        span = (m.start("y1"), m.end()) if m["pre"] else None
        return ("DURATION", f"P{y2 - y1 + 1}Y", f"{y1:04d}/{y2:04d}", span)

    def _h_year(self, m, r):
        y = int(m["year"])
        text = r.text
        if not 1600 <= y <= 2099:
            return None
        before = text[max(0, m.start() - 12):m.start()]
        if re.search(r"(?:[$€£¥#]|\b(?:Rs|Rs\.|No\.|no\.|number|Number|flight|Flight|route|Route|resolution|Resolution|"
                     r"article|Article|Highway|highway|Room|room|Suite|page|rupees|USD|EUR|PKR|INR)\s*)$", before):
            return None
        after = text[m.end():m.end() + 30]
        nxt = re.match(r"\s*([A-Za-z]+)", after)
        if nxt and nxt.group(1).lower() in self.lex.count_nouns_after_year and not m["part"] and not m["bnd"]:
            return None
        if re.match(r"\s*(?:million|billion|trillion|thousand|percent|per\s+cent|%)", after, re.I):
            return None
        if re.match(r"\s+(?:[A-Z][a-z]+\s+)?(?:Avenue|Street|Road|Boulevard|St\.|Ave\.|Lane|Drive|Square)\b", after):
            return None   # an address
        if re.match(r"[-/]\d", after) or re.search(r"\d[,.]$|\d\s*$", before):
            return None
        return ("DATE", f"{y:04d}")

    _WORDVAL = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
                "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
                "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "oh": 0}

    def _year_from_words(self, s: str) -> Optional[int]:
        ws = [w for w in re.split(r"[\s-]+", s.lower()) if w and w not in ("and", "hundred")]
        if ws[:2] == ["two", "thousand"]:
            return 2000 + sum(self._WORDVAL.get(w, 0) for w in ws[2:])
        if not ws or ws[0] not in ("nineteen", "eighteen", "twenty"):
            return None
        return self._WORDVAL[ws[0]] * 100 + sum(self._WORDVAL.get(w, 0) for w in ws[1:])

    def _h_year_words(self, m, r):
        y = self._year_from_words(m["yw"])
        if y is None:
            return None
        gd = m.groupdict()
        if not gd.get("mon") and not gd.get("s") and not r.text[m.start():m.end()].lower().startswith("the year") \
                and not re.search(r"\b(?:in|of|since|until|by|from|during)\s+$", r.text[max(0, m.start() - 8):m.start()], re.I) \
                and not re.match(r"(?:nineteen|eighteen)[\s-]+(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|oh)\b",
                                 m["yw"], re.I):
            return None  # "twenty five" is a count unless it reads as a year ("nineteen ninety-six" always does)
        if gd.get("mon"):
            mon = self._month_num(m["mon"])
            return ("DATE", f"{y:04d}-{mon:02d}") if mon else None
        if gd.get("s"):
            return ("DATE", f"{y:04d}-{self.lex.seasons[m['s'].lower()]}")
        return ("DATE", f"{y:04d}")

    def _h_in_the_year(self, m, r):
        unit = (m["unit"] or m["unit2"]).lower()
        if unit == "day":
            # "later in the day": the day the narrative is on (TimeBank marks "the day")
            span = (m.start("the"), m.end())
            return lambda state: (("DATE", state.day, state.day, span) if state.day else
                                  ("DATE", r.dct.isoformat() if r.dct else "XXXX-XX-XX", r.anchor, span))
        if r.dct is None:
            return ("DATE", {"year": "XXXX", "month": "XXXX-XX", "week": "XXXX-WXX"}[unit])
        half = re.search(r"\b(first|second)\s+half\b", m["bnd"] or "", re.I)

        def resolve(state: _State):
            if unit == "year":
                y = state.year or f"{r.dct.year:04d}"
                if half:
                    # "the second half of the year": the half-year (TIMEX3 YYYY-H2), not the year
                    return ("DATE", f"{y}-H{1 if half.group(1).lower() == 'first' else 2}", r.anchor)
                return ("DATE", y, r.anchor)
            if unit == "month":
                return ("DATE", state.month or f"{r.dct.year:04d}-{r.dct.month:02d}", r.anchor)
            if state.day and m["p"]:
                # "earlier/later in the week": the week of the narrative's day (the last day
                # mentioned); "the end/rest of the week" speaks of the week the text is written in
                return ("DATE", _week(dt.date.fromisoformat(state.day)), state.day)
            return ("DATE", _week(r.dct), r.anchor)
        return resolve

    def _h_in_the_pod(self, m, r):
        """"She was in Ohio on Monday; in the morning she ...": that part of the last day the
        narrative mentioned (nothing without one: "coffee in the morning" is a habit)."""
        pod = self.lex.parts_of_day[m["pod"].lower()]
        span = (m.start("the"), m.end())
        return lambda state: ("TIME", f"{state.day}T{pod}", state.day, span) if state.day else None

    def _h_mid_pod(self, m, r):
        """"by midafternoon", "at mid-morning": that part of the narrative's day (the last day
        mentioned), else of the publication date; not before a noun ("a midday rally")."""
        pod = {"morning": "MO", "afternoon": "AF", "day": "MI"}[m["pod"].lower()]
        span = (m.start("w"), m.end())

        def resolve(state: _State):
            day = state.day or (r.dct.isoformat() if r.dct else "XXXX-XX-XX")
            return ("TIME", f"{day}T{pod}", state.day or r.anchor, span)
        return resolve

    def _h_over_the_units(self, m, r):
        """"over the years", "through the decades": a stretch of unknown length (PXY, PXDE)."""
        unit = self.unit_forms[m["unit"].lower()]
        return ("DURATION", self._duration_value(None, unit), None, (m.start("the"), m.end()))

    def _h_a_while(self, m, r):
        """"for a while", "took quite a while": a stretch of unknown length (TimeBank: PXX)."""
        return ("DURATION", "PXX", None, (m.start("w"), m.end()))

    def _h_appos_day(self, m, r):
        """"On Oct. 12, the day before the crash, ...": the day of the date it is in apposition to."""
        if not re.search(r"(?:\d{1,2}(?:st|nd|rd|th)?(?:,\s*\d{4})?|day|[A-Z][a-z]+\.?\s+\d{1,2})\s*,\s+$",
                         r.text[max(0, m.start() - 20):m.start()]):
            return None
        return lambda state: ("DATE", state.day, state.day) if state.day else None

    def _h_year_period(self, m, r):
        y = m["year"]
        if not re.search(r"period", m.group(0), re.I):
            return ("DATE", y)
        pos = m.start()

        def resolve(state: _State):
            # rule year_period_q: "the 1988 period" in a story about a quarter is that quarter of
            # 1988 (as "the 1988 quarter", "the year-ago period"), unless its sentence reports a
            # longer stretch ("for the nine months ... the 1988 period")
            if state.quarter and self._year_stretch(r, pos) is None:
                return ("DATE", f"{y}-Q{state.quarter[-1]}", state.quarter, None, "year_period_q")
            return ("DATE", y)
        return resolve

    def _h_last_year_q(self, m, r):
        """"last year's quarter", "last year's comparable period": the quarter the story is about,
        a year before (as "the year-ago quarter")."""
        what = m["what"].lower()
        short = (m.start(), m.start() + len(m["ly"]))

        def resolve(state: _State):
            if state.quarter:
                return ("DATE", f"{int(state.quarter[:4]) - 1:04d}{state.quarter[4:]}", state.quarter)
            if r.dct is None:
                return ("DATE", "XXXX-QX") if what == "quarter" else ("DATE", "XXXX", None, short, "rel_unit")
            if what == "quarter":
                base = self._unit_value("quarter", -1, r)
                return ("DATE", f"{int(base[:4]) - 1:04d}{base[4:]}", base)
            return ("DATE", f"{r.dct.year - 1:04d}", r.anchor, short, "rel_unit")   # "last year's period": last year
        return resolve

    def _h_full_year(self, m, r):
        """"the full year", "the full fiscal year": the year the story's figures are for (of the
        last quarter mentioned, else of the DCT)."""
        def resolve(state: _State):
            if state.quarter:
                return ("DATE", state.quarter[:4], state.quarter)
            if r.dct is None:
                return ("DATE", "XXXX")
            return ("DATE", f"{r.dct.year:04d}", r.anchor)
        return resolve

    def _h_the_unit(self, m, r):
        unit = m["unit"].lower()
        span = (m.start("the"), m.end())
        if unit == "year" and re.match(r"\s+(?:ended|ending|to)\b", r.text[m.end():m.end() + 8]):
            return ("DURATION", "P1Y", None, span)   # "the year ended June 30": a fiscal year
        if m["unit"][0].isupper():
            return None   # "Person of the Year", "the Year of the Woman": a title
        if unit == "year":
            ap = re.search(r"\b((?:1[5-9]|20)\d\d),\s+$", r.text[max(0, m.start("the") - 8):m.start("the")])
            if ap:
                return ("DATE", ap.group(1), ap.group(1), span)   # "in 2008, the year he returned": that year
        if r.dct is None:
            return ("DATE", {"year": "XXXX", "week": "XXXX-WXX", "day": "XXXX-XX-XX"}[unit], None, span)
        if unit == "year":
            return ("DATE", f"{r.dct.year:04d}", r.anchor, span)
        if unit == "week":
            return ("DATE", _week(r.dct), r.anchor, span)
        return ("DATE", r.dct.isoformat(), r.anchor, span)

    _DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7,
                     "eighties": 8, "nineties": 9}

    def _h_decade(self, m, r):
        if m["c"]:
            return ("DATE", f"{m['c']}{m['d']}")
        d = int(m["d2"]) if m["d2"] else self._DECADE_WORDS[m["w"].lower()]
        if m["w"] and not r.text[m.start():m.end()].lower().startswith("the"):
            return None  # "in her thirties" is an age
        cent = 19
        if r.dct is not None and d * 10 <= r.dct.year % 100 and r.dct.year >= 2000 and d <= 2:
            cent = 20
        return ("DATE", f"{cent}{d}")

    def _h_century(self, m, r):
        raw = r.text[m.start():m.end()]
        if raw.endswith("Century") and not re.match(r"the\s", raw, re.I) and re.match(r"\s+[A-Z]", r.text[m.end():m.end() + 3]):
            return None   # "21st Century Fox": a name
        n = int(m["n"]) if m["n"] else self.lex.ordinals.get(m["o"].lower())
        if not n or n > 21:
            return None
        return ("DATE", f"{n - 1:02d}")

    def _parse_number(self, s: str) -> Optional[float]:
        s = " ".join(s.lower().split())
        half = 0.0
        if s.endswith("1/2") or s.endswith("½"):
            half = 0.5
            s = s.replace("1/2", "").replace("½", "").strip()
        if re.fullmatch(r"\d+(?:\.\d+)?", s):
            return float(s) + half
        if s in self.lex.numbers:
            return self.lex.numbers[s] + half
        if s.startswith("a ") or s.startswith("couple"):
            v = self.lex.numbers.get(s) or self.lex.numbers.get("a " + s)
            if v:
                return v + half
        value = spelled_number(s, self.lex.numbers)
        return None if value is None else value + half

    def _duration_value(self, n: Optional[float], unit: str) -> str:
        letter, mult, clock = self.lex.units[unit]
        T = "T" if clock else ""
        if n is None:
            code = {10: "DE", 100: "CE", 1000: "ML"}.get(mult, letter)
            return f"P{T}X{code}"
        total = n * mult
        if float(total).is_integer():
            return f"P{T}{_num(total)}{letter}"
        whole = int(total)
        frac = total - whole
        lower = {"Y": ("M", 12, ""), "M": ("D", 30, "") if not clock else ("S", 60, "T"), "W": ("D", 7, ""),
                 "D": ("H", 24, "T"), "H": ("M", 60, "T")}.get(letter)
        if lower is None:
            return f"P{T}{total:g}{letter}"
        l2, k, t2 = lower
        sub = _num(round(frac * k, 3))
        head = f"{whole}{letter}" if whole else ""
        if clock or (t2 and not T):
            return f"P{T}{head}{'T' if t2 and not T else ''}{sub}{l2}" if not T else f"PT{head}{sub}{l2}"
        return f"P{head}{sub}{l2}"

    #: what follows "a quarter" when it is a fraction, not a quarter year: "of" (unless "of the/a
    #: year"), a hyphen ("a quarter-century"), "and a third", "percent"
    _QUARTER_FRACTION = re.compile(r"(?:\s+of\b(?!\s+(?:(?:the|a|this|that|last|next)\s+(?:fiscal\s+)?year\b|(?:fiscal\s+)?(?:19|20)\d\d\b|fiscal\b))|-|\s+(?:and|or|to)\s+(?:a\s+)?"
                                   r"(?:third|half|fifth|tenth)|,?\s*(?:\d+(?:\.\d+)?\s*)?(?:percent|per\s+cent|%))", re.I)

    def _h_duration(self, m, r):
        unit_word = m["unit"].lower()
        unit = self.unit_forms.get(unit_word)
        if unit is None:
            return None
        num_s = m["num"]
        vague = m["vague"]
        n: Optional[float]
        if vague:
            n = None
        else:
            n = self._parse_number(num_s)
            if n is None:
                return None
            if m["half"] or m["half2"]:
                n += 0.5
        raw = r.text[m.start():m.end()]
        if unit == "quarter" and "-" in raw:
            return None   # "three-quarters", "four-quarter": fractions and adjectives
        if unit in ("century", "decade") and m["unit"][0].isupper() and not (num_s or "")[:1].isupper():
            return None   # "a Century speedboat", "the Decade Fund": a name
        if unit == "quarter" and ((vague and re.search(r"\bin\s+$", r.text[max(0, m.start() - 4):m.start()], re.I))
                                  or (not vague and n in (1, 3) and self._QUARTER_FRACTION.match(r.text, m.end()))
                                  or re.match(r"-", r.text[m.end():m.end() + 1])):
            # "a quarter of the electorate", "a quarter-century", "between a quarter and a third",
            # "in some quarters": a fraction or a place, not three months
            return None
        if re.match(r"[\s-]*(?:old\b|of\s+age\b)", r.text[m.end():m.end() + 10]):
            return None   # an age
        # "a year" right after money or a count is a rate: a measure's unit ("$5 million a year",
        # "700 seats a week") is no time (rule rate_measure); a frequency ("twice a year", "three
        # days a week", "two doses a day") is a SET
        if num_s and num_s.lower() in ("a", "an") and not m["det"] and not m["mod"] and not m["rel"]:
            before = r.text[max(0, m.start() - 40):m.start()]
            if re.search(r"(?:times|once|twice|hours|days|weeks|months|minutes|shifts|meals|doses)\s*$", before, re.I):
                letter, mult, clock = self.lex.units[unit]
                return ("SET", f"P{'T' if clock else ''}{mult}{letter}")
            if self.measure_rate(r.text, m.start()):
                return None
        if (num_s or "").lower() in ("one", "some") and unit_word == "day" and not m["det"] and not m["mod"] and not m["rel"] \
                and (re.search(r"\b(?:will|would|could|might|may|can|should|shall|hopes?|hoped|hoping)\s+$",
                               r.text[max(0, m.start() - 10):m.start()], re.I)
                     or re.match(r"\s+to\s+[a-z]", r.text[m.end():m.end() + 6])):
            return ("DATE", "FUTURE_REF")   # "Islam will one day be ...", "hope one day to cure it": someday
        if (num_s or "").lower() in ("a", "an", "one") and not m["num2"] and unit_word != unit and unit_word.endswith("s"):
            return None   # "a weeks-long dispute": the article belongs to the noun, not to a count
        if unit == "second" and (num_s or "").lower() in ("a", "an", "one") and not re.match(
                r"\s*(?:[,.;:)]|later|ago|earlier|before|after|or\b|and\b|$)", r.text[m.end():m.end() + 10]):
            return None   # "a second term": the ordinal, not the unit
        # a bare number before an hour unit followed by a clock reading is part of a time, not ours
        rel = (m["rel"] or "").strip().lower()
        rel = " ".join(rel.split())
        if n is not None and n > 5000 and unit in ("year",) and not rel:
            return None
        if num_s and re.fullmatch(r"1[5-9]\d\d|20\d\d", num_s) and unit in ("quarter", "period", "month", "week", "day"):
            return None   # "the 1988 quarter": a year naming a period, not 1,988 quarters
        det = " ".join((m["det"] or "").lower().split())
        if m["mod"] and det:
            # "over the past three years": the word before a determiner is a preposition
            return self._h_duration_trimmed(m, r)
        if det in ("the", "its", "their", "his", "her", "our", "this", "these", "those") and m["num"] \
                and r.text[m.end("num"):m.start("unit")] == "-":
            return self._h_duration_trimmed_det(m, r)   # "the 30-day deadline": the adjective alone
        if rel in ("earlier", "later") and n == 1 and num_s.lower() in ("a", "one") and unit in ("day", "week", "month") \
                and not det and not m["mod"]:
            # "a week later", "a day earlier": one step from the last date the narrative mentioned
            return self._relative_to_last(unit, 1 if rel == "later" else -1, r)
        if rel in ("ago", "from now", "hence", "back") or (rel in ("earlier", "later") and unit == "year" and n == 1
                                                          and num_s.lower() in ("a", "one")):
            sign = -1 if rel in ("ago", "back", "earlier") else 1
            if rel in ("earlier", "later"):
                # "a year earlier": next to a quarter, the same quarter a year before (handled anaphorically)
                if sign < 0:
                    return self._h_year_ago(_FakeMatch(m.start(), "a year earlier"), r)
                return self._relative_to_last("year", 1, r)
            if n is None:
                return ("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")
            return self._ago_value(n, unit, sign, r)
        span = None
        if rel:
            span = (m.start(), m.start("rel"))
        if det and det.split()[0] in ("its", "their", "his", "her", "our"):
            span = (m.start("num") if m["num"] else m.start("vague"), span[1] if span else m.end())
        if n is not None and n >= 100 and unit in ("day", "week", "month") and num_s and "," in num_s:
            return None
        if raw.lower().startswith(("some ", "many ")) and vague is None and n is None:
            return None
        val = self._duration_value(n, unit)
        if n is None and det.startswith(("the last", "the past")) and unit in ("year", "month", "week", "day") \
                and vague and "few" in vague.lower():
            val = self._duration_value(None, unit)
        if rel in ("earlier", "later"):
            # "two days later": TimeBank's DURATION (P2D, "later" its signal), counted from the
            # narrative's reference time (the last date mentioned before it, else the DCT), which
            # the anchor carries (TIMEX3 anchorTimeID)
            def resolve(state: _State):
                return ("DURATION", val, state.last or r.anchor, span)
            return resolve
        return ("DURATION", val, None, span)

    def _h_range_low(self, m, r):
        """The lower end of "five to 10 years" (P5Y), of "six to eight weeks ago" (the week six weeks back)."""
        unit = self.unit_forms.get(m["unit"].lower())
        n = self._parse_number(m["num"])
        if unit is None or n is None or m["num"].lower() in ("a", "an"):
            return None
        if re.match(r"[\s-]*(?:old\b|of\s+age\b)", r.text[m.end("unit"):m.end("unit") + 10]):
            return None   # "those 18 to 25 years old": ages, not times
        if m["rel"]:
            return self._ago_value(n, unit, -1, r)
        return ("DURATION", self._duration_value(n, unit))

    def _h_quarter_century(self, m, r):
        """"a quarter-century" (P25Y), "a half-century" (P50Y); "... ago" the year that many back."""
        n = 25 if m["w"].lower() == "quarter" else 50
        if m["ago"]:
            if r.dct is None:
                return ("DATE", "XXXX")
            return ("DATE", f"{r.dct.year - n:04d}", r.anchor)
        return ("DURATION", f"P{n}Y")

    def _h_duration_trimmed_det(self, m, r):
        res = self._h_duration(_NoDet(m), r)
        if res is None or callable(res):
            return res
        return (res[0], res[1], res[2] if len(res) > 2 else None, (m.start("num"), m.end()))

    def _h_duration_trimmed(self, m, r):
        res = self._h_duration(_Trimmed(m), r)
        if res is None or callable(res):
            return res
        typ, val = res[0], res[1]
        anchor = res[2] if len(res) > 2 else None
        span = res[3] if len(res) > 3 and res[3] else (m.start("det"), m.end())
        return (typ, val, anchor, (max(span[0], m.start("det")), span[1]))

    def _ago_value(self, n: float, unit: str, sign: int, r):
        letter, mult, clock = self.lex.units[unit]
        if r.dct is None:
            return ("DATE", {"D": "XXXX-XX-XX", "W": "XXXX-WXX", "M": "XXXX-XX", "Q": "XXXX-QX", "Y": "XXXX"}.get(letter, "XXXX") if not clock else "PAST_REF")
        if clock:
            return ("DATE", r.dct.isoformat(), r.anchor)
        k = int(n * mult)
        d = r.dct
        if letter == "D":
            return ("DATE", (d + dt.timedelta(days=sign * k)).isoformat(), r.anchor)
        if letter == "W":
            return ("DATE", _week(d + dt.timedelta(days=sign * 7 * k)), r.anchor)
        if letter == "M":
            y, mo = _add_months(d.year, d.month, sign * k)
            return ("DATE", f"{y:04d}-{mo:02d}", r.anchor)
        if letter == "Q":   # "two quarters ago": a quarter
            q = d.year * 4 + (d.month - 1) // 3 + sign * k
            return ("DATE", f"{q // 4:04d}-Q{q % 4 + 1}", r.anchor)
        if letter == "Y":
            if mult >= 10 and k % 10 == 0:
                return ("DATE", f"{(d.year + sign * k) // 10:03d}", r.anchor)
            return ("DATE", f"{d.year + sign * k:04d}", r.anchor)
        return None

    def _h_bare_units(self, m, r):
        unit = self.unit_forms.get(m["unit"].lower())
        return ("DURATION", self._duration_value(None, unit), None, (m.start("unit"), m.end())) if unit else None

    #: words before "months of ..." that make it part of a larger expression or a counted one
    #: ("the final months of", "two more years of", "those days of"): left to the other rules
    _UNITS_OF_BLOCK = re.compile(r"(?:\b(?:the|a|an|these|those|this|that|his|her|their|its|our|my|your|whose|which|what|"
                                 r"some|any|no|all|both|many|several|few|more|most|other|such|each|every|"
                                 r"first|last|final|early|earliest|late|later|latter|past|recent|coming|next|previous|"
                                 r"initial|remaining|closing|opening|waning|dying|long|short|good|bad|dark|heady|happy|"
                                 r"subsequent|ensuing|following|intervening|preceding|"
                                 r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
                                 r"forty|fifty|hundred|dozen|couple|[a-z]+est)|\bnumber\s+of|\d|['’]s?)\s+$", re.I)

    def _h_units_of(self, m, r):
        """Rule units_of: a bare plural unit before "of" and a noun ("after weeks of talks",
        "months of unrest", "Years of war have ...") is a DURATION of unknown length (TIDES/TimeML:
        ``PXW``, ``PXM``, ``PXY``); after a determiner, a numeral or an adjective it is left to
        the other rules or to no rule ("the final months of the war", "the darkest days"), and
        so is a part of a named time ("days of the week", "years of the regime") and a count
        ("the number of days of early voting"). So is one before "later", "earlier", "after",
        "before" ("Hours later, ...", "just days after the vote": ``PTXH``, ``PXD``), as "two days
        later" is a DURATION."""
        if self._UNITS_OF_BLOCK.search(r.text, max(0, m.start() - 20), m.start()):
            return None
        unit = self.unit_forms.get(m["unit"].lower())
        if unit is None:
            return None
        return ("DURATION", self._duration_value(None, unit), None, (m.start("unit"), m.end("unit")))

    def _h_set_every(self, m, r):
        if m["q"].lower() == "per" and self.measure_rate(r.text, m.start()):
            return None   # "60 miles per hour", "$200 per night": a rate's unit (rule rate_measure)
        other = 2 if m["other"] else 1
        if m["units"]:
            # "every four years", "every 30 days": a SET whose period is the count
            unit = self.unit_forms.get(m["units"].lower())
            n = self._parse_number(m["num"])
            if unit is None or not n or n != int(n):
                return None
            letter, mult, clock = self.lex.units[unit]
            return ("SET", f"P{'T' if clock else ''}{int(n * mult * other)}{letter}")
        if m["unit"]:
            letter, mult, clock = self.lex.units[m["unit"].lower()]
            return ("SET", f"P{'T' if clock else ''}{mult * other}{letter}")
        if m["wd"]:
            # "every Monday", "each Friday night" (XXXX-WXX-5TNI)
            pod = f"T{self.lex.parts_of_day[m['wdpod'].lower()]}" if m["wdpod"] else ""
            return ("SET", f"XXXX-WXX-{self.lex.weekdays[m['wd'].lower()]}{pod}")
        if m["pod"]:
            if m["q"].lower() == "per":
                return ("SET", "P1D")   # "$200 per night": a daily rate
            return ("SET", f"XXXX-XX-XXT{self.lex.parts_of_day[m['pod'].lower()]}")   # "every morning"
        if m["mon"]:
            mon = self._month_num(m["mon"])
            return ("SET", f"XXXX-{mon:02d}") if mon else None
        return ("SET", f"XXXX-{self.lex.seasons[m['s'].lower()]}")

    def _h_set_times(self, m, r):
        letter, mult, clock = self.lex.units[m["unit"].lower()]
        return ("SET", f"P{'T' if clock else ''}{mult}{letter}")

    # a measured amount just before "a year", "per day", "annually": the rate's unit, not a time
    _MEASURE = re.compile(
        r"(?:\d%?|\bper\s*cent|\b(?:million|billion|trillion|thousand|hundred|percent|cents?|dollars?|euros?|pounds?|yen|"
        r"points?|barrels?|tons?|tonnes?|gallons?|miles?|kilometers?|kilometres?|bits?|bytes?))\s*$"
        r"|(?:\d[\d,.]*|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|"
        r"sixty|seventy|eighty|ninety|hundreds|thousands|millions|several|many|dozens))\s+(?:[a-z-]+\s+)?"
        r"(?!(?:times|hours|days|weeks|months|years|minutes|seconds|shifts|meals|doses|nights|mornings|evenings)\b)"
        r"[a-z-]+s(?:\s+of\s+(?:[a-z-]+\s+)?[a-z-]+)?\s*$", re.I)

    def measure_rate(self, text: str, pos: int) -> bool:
        """Rule rate_measure: an amount or a count of things right before ``pos`` makes the time
        word the unit of a rate ("$2 million a year", "grow 8% annually", "4,000 cars per day",
        "700 seats a week"). TimeBank leaves those out (6 of 8 rates on timebank-dev carry no
        TIMEX3); the frequency of an event ("twice a year", "three days a week") stays a SET."""
        return self._MEASURE.search(text[max(0, pos - 40):pos]) is not None

    def _h_set_rate(self, m, r):
        if self.measure_rate(r.text, m.start()):
            return None
        u = (m["unit"] or m["unit2"]).lower()
        letter, mult, clock = self.lex.units[u]
        return ("SET", f"P{mult}{letter}")

    def _h_set_word(self, m, r):
        w = m.group(0)
        if w[0].isupper() and not re.search(r"(?:^|[.!?\n\"“:]\s*)$", r.text[max(0, m.start() - 3):m.start()]):
            return None   # "The Daily Beast", "Washington Monthly": a name
        if w.lower() in self.lex.sets_adverb_only:
            before = r.text[max(0, m.start() - 30):m.start()]
            after = r.text[m.end():m.end() + 20]
            if w[0].isupper() or re.search(r"\b(?:a|an|the|its|their|his|her|our|my|your|this|that|these|those)\s+(?:[\w-]+\s+)?$"
                                            r"|['’]s\s+$", before, re.I) \
                    or re.match(r"[- ]+[a-z]", after) and not re.match(
                        r"[- ]+(?:as|at|and|or|but|by|for|from|in|into|on|to|until|since|with|just|through|over|during|"
                        r"because|while|when|if|so|than|the|a|an)\b", after):
                return None   # "a daily tally", "its quarterly dividend", "a free daily": not a frequency
        if w[0].islower() and self.measure_rate(r.text, m.start()):
            return None   # "sales rise 8% annually", "10,000 units annually": a rate's unit (rate_measure)
        return ("SET", self.lex.sets[w.lower()])

    def _h_holiday(self, m, r):
        """"Christmas", "Labor Day", "Election Day": the day of that holiday nearest the DCT, looking
        back in a past-tense clause and forward in a future one (as a month and day without a
        year); not a holiday name used for a kind of thing ("a Christmas tree", "Easter Seals")."""
        name = " ".join(m["h"].replace("’", "'").split())
        rule = self.lex.holidays.get(name)
        if rule is None:
            return None
        nxt = re.match(r"[\s-]+([A-Za-z]+)", r.text[m.end():m.end() + 20])
        adverbial = re.search(r"\b(?:on|by|until|till|since|before|after|over|through|around|near|nears|approaches)\s+(?:the\s+)?$",
                              r.text[max(0, m.start() - 14):m.start()], re.I)
        starts = re.search(r"(?:^|[.!?]\s+|\n\s*)$", r.text[max(0, m.start() - 4):m.start()]) and nxt and nxt.group(1)[0].islower() \
            and r.text[m.end():m.end() + 1] == " " and name.endswith(("Day", "Eve"))   # "Memorial Day fell ..."
        if re.search(r"\b(?:Merry|Happy|Stole)\s+$", r.text[max(0, m.start() - 8):m.start()]) or (
                nxt and not adverbial and not starts and (nxt.group(1)[0].isupper() and nxt.group(1) not in ("I", "He", "She", "They", "We", "It", "The")
                                           or nxt.group(1)[0].islower() and nxt.group(1) not in self.lex.holiday_followers)):
            # "a Christmas tree", "Christmas shopping", "Easter Seals", "Merry Christmas": a kind of
            # thing, a greeting or a name; the words are claimed, so "the Fourth of July parade"
            # does not leave a bare "July" behind
            return lambda state: None
        if r.dct is None:
            return ("DATE", "XXXX-" + rule if re.fullmatch(r"\d\d-\d\d", rule) else "XXXX-XX-XX")
        here = r.dct
        tense = r.tense_at(m.start())
        if rule == "us_election" and tense != "past":
            # news speaks of the coming election ("as Election Day nears", "on Election Day voters
            # will ..."): the next one, unless the clause looks back
            day = _holiday_date(rule, here.year)
            return ("DATE", (day if day >= here else _holiday_date(rule, here.year + 1)).isoformat(), r.anchor)
        best, best_cost = None, None
        for y in (here.year - 1, here.year, here.year + 1):
            day = _holiday_date(rule, y)
            delta = (day - here).days
            cost = -delta * (4 if tense == "future" else 1) if delta <= 0 else \
                delta * (4 if tense == "past" else 1 if tense in ("future", "present") else 1.5)
            if best_cost is None or cost < best_cost:
                best, best_cost = day, cost
        return ("DATE", best.isoformat(), r.anchor)

    def _h_holiday_eve(self, m, r):
        got = self._h_holiday(m, r)
        if not isinstance(got, tuple) or not re.fullmatch(r"\d{4}-\d\d-\d\d", got[1]):
            return None       # a holiday name used for a thing, or no DCT to place it: left untagged
        day = dt.date.fromisoformat(got[1]) + dt.timedelta(days=-1 if m["dir"].lower() == "before" else 1)
        return ("DATE", day.isoformat(), *got[2:])

    def _h_set_plural_wd(self, m, r):
        if not m["wd"][0].isupper():
            return None
        v = f"XXXX-WXX-{self.lex.weekdays[m['wd'].lower()]}"
        if m["pod"]:
            v += "T" + self.lex.parts_of_day[m["pod"].lower()]
        span = (m.start("wd"), m.end())
        return ("SET", v, None, span)

    def _h_fixed(self, m, r):
        phrase = " ".join(m.group(0).lower().split())
        value = self.lex.fixed[phrase]
        if phrase in ("current", "future", "recent", "the present", "the past", "the future"):
            nxt = re.match(r"[\s-]*([A-Za-z]+)", r.text[m.end():m.end() + 30])
            if nxt and nxt.group(1).lower() in self.lex.not_after_adjective:
                return None
        if phrase in ("soon", "shortly") and (re.search(r"\bas\s+$", r.text[max(0, m.start() - 4):m.start()], re.I)
                                 or re.match(r"\s+(?:after|afterwards|before|thereafter)\b", r.text[m.end():m.end() + 14], re.I)):
            return None   # "as soon as", "soon after the vote", "shortly before noon": a relation, not a time
        if phrase in ("the past", "the future") and re.match(r"\s+(?:\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|"
                                                          r"eleven|twelve|few|several|couple)\b)", r.text[m.end():m.end() + 12], re.I):
            return None   # "won six of the past seven contests": a count of things, not the past
        if phrase in ("current", "future") and m.group(0)[0].isupper() and m.start() > 0 and r.text[m.start() - 1] not in ".\n\"“ ":
            return None
        if phrase in ("the past", "the future", "the present") and m.group(0).split()[-1][0].isupper():
            return None   # "Back to the Future": a title
        return ("DURATION" if re.match(r"P[\dX]", value) else "DATE", value)


def _holiday_date(rule: str, y: int) -> Optional[dt.date]:
    """The day a holiday rule of the lexicon names in year ``y``: "12-25", "09/1/1" (the first
    Monday of September), "05/L/1" (the last Monday of May), "easter", "us_election"."""
    if rule == "easter":   # the Gregorian computus (anonymous algorithm)
        a, b, c = y % 19, y // 100, y % 100
        d, e = b // 4, b % 4
        g = (8 * b + 13) // 25
        h = (19 * a + b - d - g + 15) % 30
        i, k = c // 4, c % 4
        l_ = (32 + 2 * e + 2 * i - h - k) % 7
        m = (a + 11 * h + 19 * l_) // 433
        return dt.date(y, (h + l_ - 7 * m + 90) // 25, (h + l_ - 7 * m + 33 * ((h + l_ - 7 * m + 90) // 25) + 19) % 32)
    if rule == "us_election":
        first_monday = _ord_weekday(dt.date(y, 11, 1), 1, "after")
        return first_monday + dt.timedelta(days=1)
    if "/" in rule:
        mo, n, wd = rule.split("/")
        if n.upper() == "L":
            nxt = dt.date(y + (int(mo) == 12), int(mo) % 12 + 1, 1)
            return _ord_weekday(nxt - dt.timedelta(days=1), int(wd), "before")
        return _ord_weekday(dt.date(y, int(mo), 1), int(wd), "after") + dt.timedelta(days=7 * (int(n) - 1))
    mo, d = rule.split("-")
    return dt.date(y, int(mo), int(d))


class _Trimmed:
    """A duration match seen without its leading modifier."""

    def __init__(self, m: re.Match) -> None:
        self._m = m

    def __getitem__(self, k):
        return None if k == "mod" else self._m[k]

    def start(self, *a):
        return self._m.start("det") if not a else self._m.start(*a)

    def end(self, *a):
        return self._m.end(*a)

    @property
    def string(self):
        return self._m.string


class _NoDet:
    """A duration match seen without its determiner."""

    def __init__(self, m: re.Match) -> None:
        self._m = m

    def __getitem__(self, k):
        return None if k in ("det", "mod") else self._m[k]

    def start(self, *a):
        return self._m.start("num") if not a else self._m.start(*a)

    def end(self, *a):
        return self._m.end(*a)


class _FakeMatch:
    def __init__(self, start: int, w: str) -> None:
        self._start = start
        self._w = w

    def start(self, *a):
        return self._start

    def __getitem__(self, k):
        return self._w


class _Run:
    """What the handlers of one ``tag`` call share."""

    def __init__(self, tagger: TimexTagger, text: str, dct: Optional[dt.date], tense, sentences) -> None:
        self.tagger = tagger
        self.text = text
        self.dct = dct
        self.anchor = dct.isoformat() if dct else None
        self._tense = tense
        self.sentences = sentences

    #: "ahead of Tuesday's primary", "in the run-up to the March 1 vote": a date the sentence
    #: looks forward to, whatever the tense of its verb
    _AHEAD = re.compile(r"\b(?:ahead\s+of|in\s+the\s+run-up\s+to|in\s+advance\s+of)\s+(?:[\w'’-]+,?\s+){0,4}$", re.I)

    def tense_at(self, pos: int) -> Tense:
        if self._AHEAD.search(self.text, max(0, pos - 60), pos):
            return "future"
        if self._tense is None:
            return None
        try:
            return self._tense(pos)
        except Exception:
            return None

    def finite_tense_at(self, pos: int) -> Tense:
        """The tense of a plain finite verb only (a simple past or perfect, "will"): see
        :func:`tidings.grounding.times.tense_function`; None where the parse gives no such verb."""
        finite = getattr(self._tense, "finite", None)
        if finite is None:
            return None
        try:
            return finite(pos)
        except Exception:
            return None

    def _sentence_start(self, pos: int) -> tuple[int, Optional[int]]:
        """Where the sentence holding ``pos`` starts, and where it ends when the parse's sentences
        say so (None: no parse sentence holds ``pos``; the start is then the last ". " or line
        break before it)."""
        if self.sentences:
            for s, e in self.sentences:
                if s <= pos < e:
                    return s, e
        return max(self.text.rfind(". ", 0, pos), self.text.rfind("\n", 0, pos)) + 1, None

    def sentence_before(self, pos: int) -> str:
        """The text of the sentence holding ``pos``, up to ``pos``."""
        return self.text[self._sentence_start(pos)[0]:pos]

    def sentence_text(self, pos: int) -> str:
        s, e = self._sentence_start(pos)
        if e is None:
            e = self.text.find(". ", pos)
            e = e if e >= 0 else len(self.text)
        return self.text[s:e]


def get_tagger(user_files: tuple[str, ...] = ()) -> TimexTagger:
    """The tagger over the shipped time lexicon plus ``user_files`` (built once per process, kept
    by the process's :class:`~tidings.pipeline.resources.Resources`)."""
    from ...pipeline.resources import default_resources

    return default_resources().tagger(tuple(user_files))


def tag(text: str, dct: Union[dt.date, str, None] = None, **kw) -> list[Timex]:
    """Convenience: tag ``text`` against a DCT (date or ISO string) with the shipped lexicon."""
    if isinstance(dct, str):
        dct = dt.date.fromisoformat(dct[:10])
    return get_tagger().tag(text, dct, **kw)
