"""The times layer: TIMEX3 recognition and normalisation (own sentences)."""
from __future__ import annotations

import datetime as dt

import pytest

import tidings
from tidings.grounding.timex import tag
from tidings.config import TimeSettings
from tidings.pipeline import Config

DCT = "2024-06-15"   # a Saturday


def values(text, dct=DCT):
    return {text[t.start:t.end]: (t.type, t.value) for t in tag(text, dct)}


@pytest.mark.parametrize("text,span,typ,value", [
    ("The envoys met on Friday in Doha.", "Friday", "DATE", "2024-06-14"),
    ("The envoys met on Saturday in Doha.", "Saturday", "DATE", "2024-06-15"),
    ("The talks will resume next Friday.", "next Friday", "DATE", "2024-06-21"),
    ("Turnout fell sharply last year.", "last year", "DATE", "2023"),
    ("Parliament was dissolved in March.", "March", "DATE", "2024-03"),
    ("Fighting flared in 2021 near the border.", "2021", "DATE", "2021"),
    ("The minister will travel to Oslo next week.", "next week", "DATE", "2024-W25"),
    ("Rebels seized the town two days ago.", "two days ago", "DATE", "2024-06-13"),
    ("No deal is expected in the near future.", "the near future", "DATE", "FUTURE_REF"),
    ("The accord was signed on 2023-11-02 in Lima.", "2023-11-02", "DATE", "2023-11-02"),
    ("Elections were held on Oct. 4, 2019.", "Oct. 4, 2019", "DATE", "2019-10-04"),
    ("The court ruled on 12 January 2022.", "12 January 2022", "DATE", "2022-01-12"),
    ("Exports grew in the third quarter.", "the third quarter", "DATE", "2024-Q3"),
    ("Unemployment rose over the past three years.", "the past three years", "DURATION", "P3Y"),
    ("The ceasefire held for 72 hours.", "72 hours", "DURATION", "PT72H"),
    ("He served a 10-year sentence.", "10-year", "DURATION", "P10Y"),
    ("Inflation peaked in the 1970s.", "the 1970s", "DATE", "197"),
    ("Its walls date from the 12th century.", "the 12th century", "DATE", "11"),
    ("Prices are now rising.", "now", "DATE", "PRESENT_REF"),
    ("The army recently moved its artillery.", "recently", "DATE", "PAST_REF"),
    ("The council meets weekly.", "weekly", "SET", "P1W"),
    ("The vote closes at 3 p.m. on Friday.", "3 p.m. on Friday", "TIME", "2024-06-14T15:00"),
    ("Opposition leaders gathered this morning.", "this morning", "TIME", "2024-06-15TMO"),
    ("The plan covers 2018-22 and beyond.", "2018-22", "DURATION", "P5Y"),
    ("Tourism recovered this summer.", "this summer", "DATE", "2024-SU"),
    ("Profits doubled in fiscal 2023.", "fiscal 2023", "DATE", "2023"),
    ("The treaty was ratified in the winter of nineteen ninety-four.", "the winter of nineteen ninety-four", "DATE",
     "1994-WI"),
])
def test_normalisation(text, span, typ, value):
    got = values(text)
    assert span in got, got
    assert got[span] == (typ, value)


def test_range_keeps_both_years():
    t = [x for x in tag("She governed from 2018-22.", DCT) if x.value == "P5Y"][0]
    assert t.anchor == "2018/2022"


@pytest.mark.parametrize("text", [
    "Bilateral trade is worth about $12 billion.",
    "Some 2,000 troops crossed the river.",
    "Officials counted 1,988 cases of cholera.",
    "Around 1988 people attended the rally.",
    "The fund holds €1500 million in reserve.",
    "Growth slowed to 2024 points on the index.",
])
def test_no_false_dates_from_money_and_counts(text):
    from tidings.grounding.times import exclusion_spans

    got = tag(text, DCT, exclude=exclusion_spans(text))
    assert [t for t in got if t.type == "DATE"] == [], [(text[t.start:t.end], t.value) for t in got]


def test_without_dct_relative_forms_stay_unresolved():
    got = values("The envoys met on Friday, agreed last year and resumed in March; rebels left yesterday.", None)
    assert got["Friday"] == ("DATE", "XXXX-WXX-5")
    assert got["March"] == ("DATE", "XXXX-03")
    assert got["yesterday"] == ("DATE", "XXXX-XX-XX")
    assert got["last year"][1].startswith("XXXX")


def test_month_year_choice_follows_the_calendar_not_a_fixed_year():
    # published in January: a bare "November" is the one just past
    assert values("Protests began in November.", "2025-01-10")["November"] == ("DATE", "2024-11")
    # a date with its weekday picks the year where the weekday fits
    got = values("The summit opens on Monday, March 3.", "2025-02-20")
    assert got["Monday, March 3"] == ("DATE", "2025-03-03")


def test_quarter_anaphora_and_year_ago():
    text = "Net income rose in the second quarter. The quarter was strong, and sales were flat from a year earlier."
    got = values(text, "2023-08-01")
    assert got["the second quarter"][1] == "2023-Q2"
    assert got["The quarter"][1] == "2023-Q2"
    assert got["a year earlier"][1] == "2022-Q2"


def test_spans_are_exact():
    text = "Delegates arrived on Thursday evening, two days before the vote."
    for t in tag(text, DCT):
        assert text[t.start:t.end].strip() == text[t.start:t.end]


# ----------------------------------------------------------------------------- with the pipeline
@pytest.fixture(scope="module")
def extract():
    cfg = Config(stages=["entities", "times", "amounts"])

    def run(text, date=DCT):
        return tidings.extract({"id": "t", "text": text, "date": date}, config=cfg)

    return run


def test_stage_fills_times_with_valid_spans(extract):
    text = ("ROME: The two foreign ministers spoke by phone on Friday and agreed to meet again in "
            "September, a year after talks collapsed in 2023.")
    rec = extract(text)
    got = {t.text: t.value for t in rec.times}
    assert got["Friday"] == "2024-06-14"
    assert got["2023"] == "2023"
    for t in rec.times:
        assert text[t.start:t.end] == t.text
    assert not rec.errors


def test_tense_moves_weekdays_and_months(extract):
    got = {t.text: t.value for t in extract("The delegation will arrive on Tuesday.").times}
    assert got["Tuesday"] == "2024-06-18"
    got = {t.text: t.value for t in extract("The delegation arrived on Tuesday.").times}
    assert got["Tuesday"] == "2024-06-11"
    got = {t.text: t.value for t in extract("Voters went to the polls in December.", "2025-02-01").times}
    assert got["December"] == "2024-12"


def test_times_layer_does_not_claim_money_or_counts(extract):
    rec = extract("The bank lent $12 billion and 2,000 troops were sent in 1999.")
    assert [t.text for t in rec.times] == ["1999"]


def test_timex_token_map_is_shared():
    import spacy  # noqa: F401  (real model via the pipeline)
    from tidings.pipeline import Pipeline

    p = Pipeline(Config(stages=["times"]))
    rec = p({"id": "x", "text": "Troops withdrew on Monday.", "date": DCT})
    assert rec.times[0].value == "2024-06-10"


@pytest.mark.parametrize("value,expected", [
    ("2024-06-14", ("2024-06-14", "day")),
    ("2024-06-14T15:00", ("2024-06-14", "day")),
    ("2024-03", ("2024-03", "month")),
    ("2024-W25", ("2024-06", "month")),
    ("2023", ("2023", "year")),
    ("2024-Q3", ("2024", "year")),
    ("2024-SU", ("2024", "year")),
    ("P5Y", None), ("PRESENT_REF", None), ("XXXX-WXX-5", None), ("197", None), (None, None),
])
def test_event_date_for_the_link_stage(value, expected):
    from tidings.grounding.times import event_date

    assert event_date(value) == expected


def test_user_lexicon_file_extends_the_shipped_one(tmp_path):
    from tidings.pipeline import Pipeline

    f = tmp_path / "my_times.yaml"
    f.write_text("fixed:\n  PAST_REF: [in bygone times]\nsets:\n  fortnightly: P2W\n", encoding="utf-8")
    p = Pipeline(Config(stages=["times"], times=TimeSettings(lexicon_files=(str(f),))))
    rec = p({"id": "u", "text": "In bygone times the board met fortnightly.", "date": DCT})
    assert {t.text: t.value for t in rec.times} == {"In bygone times": "PAST_REF", "fortnightly": "P2W"}
    # the shipped tagger is untouched
    assert [t.value for t in tag("In bygone times the board met.", DCT)] == []


@pytest.mark.parametrize("text,span,value", [
    # DCT 2024-06-12 is a Wednesday
    ("The spokesman said on Tuesday that talks would resume on Friday.", "Tuesday", "2024-06-11"),
    ("The spokesman said on Tuesday that talks would resume on Friday.", "Friday", "2024-06-14"),
    ("The summit opens Friday in Geneva.", "Friday", "2024-06-14"),
    ("The summit opened Friday in Geneva.", "Friday", "2024-06-07"),
    ("Ministers are meeting on Thursday.", "Thursday", "2024-06-13"),
    ("Troops could have crossed on Sunday.", "Sunday", "2024-06-09"),
])
def test_weekday_follows_the_tense(extract, text, span, value):
    got = {t.text: t.value for t in extract(text, "2024-06-12").times}
    assert got[span] == value, got


def test_governor_points_at_the_modified_verb():
    from tidings.pipeline import Pipeline
    from tidings.grounding.times import governors

    p = Pipeline(Config(stages=["times"]))
    text = "The rebels attacked the base on Friday and the army will respond next week."
    rec = p({"id": "g", "text": text, "date": DCT})
    doc = p.nlp(text)
    gov = governors(doc, rec.times)
    words = {rec.times[k].text: doc[i].text for k, i in gov.items()}
    assert words == {"Friday": "attacked", "next week": "respond"}


def test_seed_story_times_and_amount():
    from conftest import shared_path

    text = shared_path("seed", "000_10dce2bd6d4226a8.txt").read_text(encoding="utf-8")
    rec = tidings.extract({"id": "seed", "text": text, "date": "2024-06-15"},
                          config=Config(stages=["entities", "times", "amounts"]))
    got = {t.text: t.value for t in rec.times}
    assert got["Friday"] == "2024-06-14"
    assert got["2021"] == "2021"
    assert got["last year"] == "2023"
    assert got["March"] == "2024-03"
    assert got["the near future"] == "FUTURE_REF"
    assert got["2018-22"] == "P5Y"
    money = [a for a in rec.amounts if a.kind == "money"]
    assert len(money) == 1
    m = money[0]
    assert (m.value, m.unit, m.approx) == (12e9, "USD", True)
    assert m.about.startswith("bilateral trade")


def test_narrative_anchoring_on_the_last_date():
    text = ("The siege began on April 8, 2015. The following day the garrison surrendered; "
            "the previous year had been quiet.")
    got = values(text, "2024-06-15")
    assert got["The following day"] == ("DATE", "2015-04-09")
    assert got["the previous year"] == ("DATE", "2014")
    # without an earlier date the publication date is the anchor
    assert values("The previous day, envoys met.", "2024-06-15")["The previous day"] == ("DATE", "2024-06-14")


def test_seasons_and_period_ends():
    got = values("Exports rose during the summer and the debt will be repaid by year-end.", "2024-10-02")
    assert got["the summer"] == ("DATE", "2024-SU")
    assert got["year-end"] == ("DATE", "2024")
    assert "spring" not in " ".join(values("Protests could spring up anywhere.", "2024-10-02"))


@pytest.mark.parametrize("text,span,value", [
    ("The report is dated 14.06.2023.", "14.06.2023", "2023-06-14"),
    ("The survey ran in 2023-11 across the region.", "2023-11", "2023-11"),
    ("The five-year plan for 2010-12 failed.", "2010-12", "P3Y"),
    ("The court sat on 3/15/2022.", "3/15/2022", "2022-03-15"),
])
def test_numeric_date_formats(text, span, value):
    assert values(text)[span][1] == value


_GATE_TEXTS = [
    "The envoys met on Tuesday morning and will meet again next week, officials said.",
    "In the first quarter of fiscal 2015 sales rose; in the 1990s they fell. Twice a year, every Monday.",
    "Nineteen ninety-nine was the year before the turn of the century; the past few months were calm.",
    "Since midnight, talks have lasted 14 hours. Tonight's vote follows yesterday's, at 9 p.m. GMT.",
    "Mondays and weekends are quiet. The summer of 2016 was hot; the spring was not.",
    "Nothing here names a time at all, only cats and ledgers.",
    # letters that match ASCII letters only without regard to case: the literal gates stand aside
    "They met in the pa\u017ft week; the \u212aing's men came yesterday.",
]


@pytest.mark.parametrize("text", _GATE_TEXTS)
def test_literal_gates_change_nothing(text):
    from tidings.grounding.timex.tagger import get_tagger

    tagger = get_tagger(())
    literals = tagger.literals
    assert literals, "the tagger has literal gates"
    on = tagger.tag(text, dt.date(2016, 3, 1))
    try:
        tagger.literals = {}
        off = tagger.tag(text, dt.date(2016, 3, 1))
    finally:
        tagger.literals = literals
    def rows(tags):
        return [(t.start, t.end, t.type, t.value, t.rule) for t in tags]

    assert rows(on) == rows(off)


def test_literal_gates_stand_aside_for_case_folding_letters():
    # re.I matches "\u017f" (long s) to "s": "the pa\u017ft week" is found although "past" is not in text.lower()
    found = tag("They met in the pa\u017ft week.", dt.date(2016, 3, 1))
    assert [(t.start, t.end, t.value) for t in found] == [(12, 25, "P1W")]


def test_long_s_weekday_is_a_weekday():
    # "Tue\u017fday" (long s, in old typesetting and OCR): read as "Tuesday", offsets unchanged
    text = "The minister spoke on Tue\u017fday about the plan."
    found = tag(text, dt.date(2024, 6, 15))
    assert [(text[t.start:t.end], t.value) for t in found] == [("Tue\u017fday", "2024-06-11")]


# -- narrative anchoring: expressions that count from the last date mentioned (TimeML reference time)
def _tag(text, dct="2017-05-17"):
    import datetime as _dt

    from tidings.grounding.timex.tagger import get_tagger

    out = get_tagger(()).tag(text, _dt.date.fromisoformat(dct))
    return {text[t.start:t.end]: (t.type, t.value) for t in out}


def test_that_weekday_counts_from_the_narrative_date():
    got = _tag("The referendum was held on Oct. 2, 2012. That Friday, crowds gathered again, "
               "and the following Monday the result was certified.")
    assert got["That Friday"] == ("DATE", "2012-10-05")
    assert got["the following Monday"] == ("DATE", "2012-10-08")


def test_the_next_week_is_a_date_after_the_narrative_date_but_over_it_a_duration():
    got = _tag("The envoy landed on June 10, 2014. The next week he toured the border. "
               "Over the next week, the talks stalled.")
    assert got["The next week"] == ("DATE", "2014-W25")
    assert got["the next week"] == ("DURATION", "P1W")


def test_one_unit_later_or_earlier_counts_from_the_narrative_date():
    got = _tag("The mill shut on Jan. 5, 2009. A week later it reopened.")
    assert got["A week later"] == ("DATE", "2009-W03")
    got = _tag("The bank failed in 2008. A year later it was sold.")
    assert got["A year later"] == ("DATE", "2009")
    got = _tag("The mill shut on Jan. 5, 2009, after a strike that began a month earlier.")
    assert got["a month earlier"] == ("DATE", "2008-12")


def test_that_night_takes_the_day_last_mentioned():
    got = _tag("The treaty was signed on Sept. 9, 2010. That night, both capitals celebrated.")
    assert got["That night"] == ("TIME", "2010-09-09TNI")


def test_without_a_narrative_date_relative_words_keep_the_publication_date():
    got = _tag("Officials said the following Monday would bring new rules.")
    assert got["the following Monday"] == ("DATE", "2017-05-22")


def test_a_year_before_quarter_names_that_quarter_of_the_year_not_a_count_of_quarters():
    got = _tag("Profit rose in the third quarter. The firm earned $3 million in the 1988 quarter.", "1989-11-02")
    assert got["the 1988 quarter"] == ("DATE", "1988-Q3")
    assert not any(v[0] == "DURATION" for v in got.values())


def test_the_last_half_of_a_year_is_its_second_half():
    assert _tag("Sales will slow in the last half of 1989.", "1989-11-02")["the last half of 1989"] == ("DATE", "1989-H2")


def test_durations_sets_and_parts_of_day_follow_timex3():
    got = _tag("The talks lasted two days and three hours; half an hour later the envoys left. They meet "
               "every Monday, twice a week, and every other month. Shelling began Tuesday evening.")
    assert got["two days"] == ("DURATION", "P2D")
    assert got["three hours"] == ("DURATION", "PT3H")
    assert got["half an hour"] == ("DURATION", "PT30M")
    assert got["every Monday"] == ("SET", "XXXX-WXX-1")
    assert got["twice a week"] == ("SET", "P1W")
    assert got["every other month"] == ("SET", "P2M")
    assert got["Tuesday evening"] == ("TIME", "2017-05-16TEV")


# ---- TIMEX3 mod / quant / freq (optional fields of a Time) and "N more <unit>" durations ----------
def attrs(text, dct=DCT):
    return {text[t.start:t.end]: (t.type, t.value, t.mod, t.quant, t.freq) for t in tag(text, dct)}


@pytest.mark.parametrize("text,span,expected", [
    ("The blockade lasted about three years.", "about three years", ("DURATION", "P3Y", "APPROX", None, None)),
    ("The dispute has run for more than a decade.", "more than a decade", ("DURATION", "P10Y", "MORE_THAN", None, None)),
    ("Detainees may be held for no more than ninety days.", "no more than ninety days", ("DURATION", "P90D", "EQUAL_OR_LESS", None, None)),
    ("The reactor will stay shut for at least six months.", "at least six months", ("DURATION", "P6M", "EQUAL_OR_MORE", None, None)),
    ("The strike ended after nearly two weeks.", "nearly two weeks", ("DURATION", "P2W", "LESS_THAN", None, None)),
    ("The audit takes a month or so.", "a month or so", ("DURATION", "P1M", "APPROX", None, None)),
    ("The dam was finished in early 2019.", "early 2019", ("DATE", "2019", "START", None, None)),
    ("The vote is due in mid-2025.", "mid-2025", ("DATE", "2025", "MID", None, None)),
    ("Troops left at the end of 2020.", "the end of 2020", ("DATE", "2020", "END", None, None)),
    ("The council meets twice a month.", "twice a month", ("SET", "P1M", None, None, "2X")),
    ("Inspectors visit the site three times a year.", "three times a year", ("SET", "P1Y", None, None, "3X")),
    ("The bulletin is printed every week.", "every week", ("SET", "P1W", None, "EVERY", None)),
    ("Pickets gather each Monday.", "each Monday", ("SET", "XXXX-WXX-1", None, "EACH", None)),
    ("The mayor wants four more years in office.", "four more years", ("DURATION", "P4Y", None, None, None)),
    ("The lease was extended by an additional year.", "an additional year", ("DURATION", "P1Y", None, None, None)),
    ("The mill could run for at least 30 more years.", "at least 30 more years", ("DURATION", "P30Y", "EQUAL_OR_MORE", None, None)),
    ("The firm hopes to stay for another 50 years.", "another 50 years", ("DURATION", "P50Y", None, None, None)),
    ("Bidders have ten business days to reply.", "ten business days", ("DURATION", "P10D", None, None, None)),
    ("The talks were held on Friday.", "Friday", ("DATE", "2024-06-14", None, None, None)),
])
def test_timex3_attributes(text, span, expected):
    assert attrs(text).get(span) == expected


def test_another_without_a_number_is_not_a_duration():
    # "in another year" (a different one), "just another day": no count of time
    got = attrs("It happened in another year, on just another day.")
    assert "another year" not in got and "another day" not in got


def test_time_attributes_reach_the_record():
    rec = tidings.extract({"id": "m1", "text": "Ministers meet twice a year; the truce held for about six weeks.",
                           "date": DCT})
    got = {t.text: (t.value, t.mod, t.freq) for t in rec.times}
    assert got["twice a year"] == ("P1Y", None, "2X")
    assert got["about six weeks"] == ("P6W", "APPROX", None)
    dumped = rec.model_dump()["times"]
    assert {"mod", "quant", "freq"} <= set(dumped[0])


def test_n_units_later_counts_from_the_narrative_reference():
    text = "Rebels took the airport on April 2. Three days later they lost it; two weeks earlier they had massed."
    got = {text[t.start:t.end]: (t.type, t.value, t.anchor) for t in tag(text, DCT)}
    assert got["Three days"] == ("DURATION", "P3D", "2024-04-02")
    assert got["two weeks"] == ("DURATION", "P2W", "2024-04-02")
    # without an earlier date the publication date is the reference
    first = tag("Two days later the bridge reopened.", DCT)[0]
    assert (first.value, first.anchor) == ("P2D", DCT)


def test_shifted_date_of_later_and_earlier():
    from tidings.grounding.times import shifted_date
    from tidings.model import Time

    text = "They met on 2023-05-10. Two days later they signed; six months later they split; a year later nothing."
    def t(s, value, anchor):
        i = text.index(s)
        return Time(text=s, start=i, end=i + len(s), type="DURATION", value=value, anchor=anchor)
    assert shifted_date(t("Two days", "P2D", "2023-05-10"), text) == ("2023-05-12", "day")
    assert shifted_date(t("six months", "P6M", "2023-05-10"), text) == ("2023-11", "month")
    # not followed by later/earlier, or no anchor: nothing
    assert shifted_date(t("Two days", "P2D", None), text) is None
    assert shifted_date(Time(text="They", start=0, end=4, type="DURATION", value="P2D", anchor="2023-05-10"), text) is None


def test_event_after_n_days_later_gets_the_shifted_date():
    rec = tidings.extract({"id": "l1", "date": "2016-05-04",
                           "text": "Protesters stormed parliament on March 3. Two days later, police arrested "
                                   "40 protesters in the capital."})
    dates = sorted((e.date, e.date_precision) for e in rec.events)
    assert ("2016-03-05", "day") in dates


@pytest.mark.parametrize("text,absent", [
    ("Only a quarter of the delegates voted for the motion.", "a quarter"),
    ("About a quarter of farmers lost their crops.", "About a quarter"),
    ("Turnout fell by between a quarter and a third.", "a quarter"),
    ("Just over a quarter, 27 percent, backed the plan.", "over a quarter"),
    ("The plan drew criticism in some quarters.", "some quarters"),
    ("Shares of 21st Century Fox rose.", "21st Century"),
    ("He sailed a Century speedboat on the lake.", "a Century"),
])
def test_quarters_and_centuries_that_are_not_times(text, absent):
    assert absent not in values(text)


@pytest.mark.parametrize("text,span,typ,value", [
    ("She has sat in the assembly for a quarter-century.", "a quarter-century", "DURATION", "P25Y"),
    ("The shipyard closed nearly a half-century ago.", "nearly a half-century ago", "DATE", "1974"),
    ("The bank posted two quarters of losses.", "two quarters", "DURATION", "P2Q"),
    ("Growth slowed in the first two quarters of 2023.", "2023", "DATE", "2023"),
])
def test_quarter_expressions(text, span, typ, value):
    assert values(text).get(span) == (typ, value)


@pytest.mark.parametrize("text,span,expected", [
    ("The assembly is elected every four years.", "every four years", ("SET", "P4Y", None, "EVERY", None)),
    ("The index is revised every 90 days.", "every 90 days", ("SET", "P90D", None, "EVERY", None)),
    ("Buses leave every ten minutes.", "every ten minutes", ("SET", "PT10M", None, "EVERY", None)),
])
def test_every_n_units_is_a_set(text, span, expected):
    assert attrs(text).get(span) == expected


@pytest.mark.parametrize("text,absent", [
    ("The governor resigned shortly after the ruling.", "shortly"),
    ("Talks collapsed shortly before dawn.", "shortly"),
    ("She has won five of the past six races.", "the past"),
    ("The party lost the past two elections.", "the past"),
    ("It turned into a weeks-long standoff.", "a weeks"),
])
def test_relations_and_counts_are_not_times(text, absent):
    assert absent not in values(text)


def test_shortly_alone_still_looks_forward():
    assert values("The cabinet will meet shortly.")["shortly"] == ("DATE", "FUTURE_REF")


def test_year_in_apposition_and_titles():
    got = values("The clinic opened in 2009, the year the law passed. She was named Person of the Year.", "2016-02-20")
    assert got["the year"] == ("DATE", "2009")
    assert "the Year" not in got


def test_clock_time_takes_no_day_from_another_sentence():
    text = "The vote is next Saturday.  ___.  4:30 p.m.  Counting began."
    got = values(text, "2016-02-20")
    assert got["next Saturday"] == ("DATE", "2016-02-27")
    assert got["4:30 p.m."] == ("TIME", "2016-02-20T16:30")
    assert values("They met on Friday at 3 p.m.", "2016-02-20")["Friday at 3 p.m."] == ("TIME", "2016-02-19T15:00")


def test_names_that_hold_time_words():
    got = values("She told The Weekly Standard and USA Today that the board meets weekly.")
    assert "Weekly" not in got and "Today" not in got
    assert got["weekly"] == ("SET", "P1W")
    assert values("Weekly meetings began in May.")["Weekly"] == ("SET", "P1W")


@pytest.fixture(scope="module")
def parsed_tag():
    from tidings.grounding.times import tense_function
    from tidings.nlp import load_model

    try:
        nlp = load_model()
    except Exception as exc:   # no spaCy model installed
        pytest.skip(f"no spaCy model: {exc}")

    def run(text, dct):
        doc = nlp(text)
        found = tag(text, dct, tense=tense_function(doc), sentences=[(s.start_char, s.end_char) for s in doc.sents])
        return {text[t.start:t.end]: t.value for t in found}
    return run


@pytest.mark.parametrize("text,dct,span,value", [
    # present "be" + infinitive looks forward
    ("The envoy is to visit Lagos on Friday.", "2016-05-04", "Friday", "2016-05-06"),
    # a gerund takes the tense of its verb: past here, so the April before the DCT
    ("She left the cabinet in March, joining the opposition in April.", "2016-12-15", "April", "2016-04"),
    ("She quit the race, endorsing the governor in September.", "2016-05-15", "September", "2015-09"),
    # a present tense after "if/once/unless/until" means the future
    ("Turnout may rise if he is the nominee in November.", "2016-03-15", "November", "2016-11"),
    ("Once the rule takes effect on Dec. 1, pay will rise.", "2016-05-19", "Dec. 1", "2016-12-01"),
    # a reduced relative names a done event
    ("Under the terms, announced Friday, holders would get $42 a share.", "2016-05-04", "Friday", "2016-04-29"),
    # "set on" a past day is a done deed; "set for" a day looks forward
    ("The index stayed near its record high set on Aug. 6.", "2016-02-06", "Aug. 6", "2015-08-06"),
    ("The vote, set for Aug. 6, will be close.", "2016-02-06", "Aug. 6", "2016-08-06"),
    # month_tense: a month on a simple past or perfect is the latest one up to the DCT's month,
    # on "will" the next one from it; a month before a noun has no verb of its own
    ("In August, the mayor vetoed the budget.", "2016-06-10", "August", "2015-08"),
    ("The inquiry opened in July and closed on Monday.", "2016-04-20", "July", "2015-07"),
    ("The mayor vetoed the budget in June.", "2016-06-10", "June", "2016-06"),
    ("The board will vote on the merger in February.", "2016-09-14", "February", "2017-02"),
    ("Traders will watch the release of the August trade figures.", "2016-09-02", "August", "2016-08"),
])
def test_tense_from_the_parse(parsed_tag, text, dct, span, value):
    assert parsed_tag(text, dct).get(span) == value


def test_narrative_day_parts_and_appositions():
    text = ("Markets fell on Oct. 12, the day before the crash. Later in the day, traders sold again. "
            "The envoy was in Basra on Monday. In the morning she met clerics, and in the afternoon she flew home.")
    found = [(text[t.start:t.end], t.type, t.value) for t in tag(text, "2016-10-20")]
    assert found == [("Oct. 12", "DATE", "2016-10-12"), ("the day", "DATE", "2016-10-12"),
                     ("the day", "DATE", "2016-10-12"), ("Monday", "DATE", "2016-10-17"),
                     ("the morning", "TIME", "2016-10-17TMO"), ("the afternoon", "TIME", "2016-10-17TAF")]


def test_habitual_parts_of_the_day_are_not_times():
    # no day mentioned before it, or a noun after it: no time
    assert values("He never drinks coffee in the morning.", "2016-10-20") == {}
    got = values("On Monday she joined the morning shows.", "2016-10-20")
    assert "the morning" not in got


def test_later_counts_from_the_last_date_of_any_grain():
    text = "The party won the state on Nov. 4, 2008 and lost it in 2012. It won it back four years later."
    got = {text[t.start:t.end]: t.anchor for t in tag(text, "2016-03-15")}
    assert got["four years"] == "2012"
    text = "The first post came on Sunday morning. An hour later a second one followed."
    got = {text[t.start:t.end]: t.anchor for t in tag(text, "2016-06-14")}
    assert got["An hour"] == "2016-06-12"


def test_capitalised_future_is_a_title():
    got = values("They played a clip from Back to the Future. The future is bright.")
    assert "the Future" not in got
    assert got["The future"] == ("DATE", "FUTURE_REF")


@pytest.mark.parametrize("text,value", [
    ("Analysts say the port could one day rival Rotterdam.", ("DATE", "FUTURE_REF")),
    ("Doctors hope one day to reverse the damage.", ("DATE", "FUTURE_REF")),
    ("The mayor spent one day in custody.", ("DURATION", "P1D")),
])
def test_one_day_as_someday(text, value):
    assert values(text)["one day"] == value


def test_a_while_is_a_vague_duration():
    got = values("The plant has been idle for a while, and repairs took quite a while. She visits every once in a while.")
    assert got["a while"] == ("DURATION", "PXX")
    assert got["quite a while"] == ("DURATION", "PXX")
    assert len(got) == 2


@pytest.mark.parametrize("text,dct,span,value", [
    ("The firm sold the unit this past spring.", "2016-10-30", "this past spring", "2016-SP"),
    ("The idea gathered steam this past week.", "2016-03-19", "this past week", "2016-W11"),   # a Saturday
    ("They met this past week.", "2016-03-16", "this past week", "2016-W10"),
    ("Demand stayed weak from the low levels of the early summer.", "2016-10-30", "the early summer", "2016-SU"),
    ("Her lead held for much of the summer.", "2016-10-30", "the summer", "2016-SU"),
])
def test_this_past_and_seasons_after_more_prepositions(text, dct, span, value):
    assert values(text, dct).get(span) == ("DATE", value)


def test_summer_olympics_is_a_name():
    assert values("Crowds gathered for the start of the Summer Olympics.", "2016-08-08") == {}


@pytest.mark.parametrize("text,dct,value", [
    ("The files were handed over last November.", "2015-12-31", "2014-11"),
    ("The files were handed over last November.", "2016-01-31", "2015-11"),
    ("The files were handed over this past November.", "2015-12-31", "2015-11"),
])
def test_last_month_name_skips_the_month_just_ended(text, dct, value):
    span = "this past November" if "this past" in text else "last November"
    assert values(text, dct)[span] == ("DATE", value)


@pytest.mark.parametrize("text,dct,span,value", [
    ("Rallies were held ahead of Tuesday's primary.", "2016-06-03", "Tuesday", "2016-06-07"),
    ("Ads ran in the run-up to the caucuses on Monday.", "2016-01-29", "Monday", "2016-02-01"),
    ("Donors met ahead of the Nov. 8 election.", "2016-07-03", "Nov. 8", "2016-11-08"),
])
def test_ahead_of_looks_forward(text, dct, span, value):
    assert values(text, dct)[span] == ("DATE", value)


def test_ahead_of_stays_in_its_sentence():
    got = values("Volunteers gathered ahead of the Nov. 8 vote. Saturday's rally drew a crowd.", "2016-07-03")
    assert got["Saturday"] == ("DATE", "2016-07-02")


def test_named_days_are_not_the_nearest_weekday():
    got = values("The governor hopes to sweep the South on Super Tuesday. Stores opened early on Black Friday.",
                 "2016-02-04")
    assert got["Super Tuesday"] == ("DATE", "XXXX-WXX-2")
    assert got["Black Friday"] == ("DATE", "XXXX-WXX-5")
    assert values("The vote is on Tuesday.", "2016-02-04")["Tuesday"] == ("DATE", "2016-02-02")


def test_time_names_its_rule():
    rec = tidings.extract({"id": "r1", "text": "The council met on Friday for about two hours.", "date": DCT})
    assert {t.text: t.rule for t in rec.times} == {"Friday": "weekday", "about two hours": "duration"}


# ---- dates in context, part 3: parts of the narrative's day, its week, half-years, midnight, sets

@pytest.mark.parametrize("text,span,value", [
    ("Troops entered the village on May 9, 2014. They withdrew the next morning.", "the next morning", "2014-05-10TMO"),
    ("Troops entered the village on May 9, 2014. The following evening they withdrew.", "The following evening", "2014-05-10TEV"),
    ("Troops entered the village on May 9, 2014. The previous night, shells had fallen.", "The previous night", "2014-05-08TNI"),
    ("Troops entered the village on May 9, 2014. The night before, shells had fallen.", "The night before", "2014-05-08TNI"),
    ("Troops entered the village on May 9, 2014, and left the morning after.", "the morning after", "2014-05-10TMO"),
])
def test_next_pod_counts_from_the_narrative_day(text, span, value):
    assert values(text, "2016-03-01")[span] == ("TIME", value)


def test_next_pod_without_a_date_counts_from_the_publication_date():
    assert values("The mayor spoke the previous evening.", "2016-03-01")["the previous evening"] == ("TIME", "2016-02-29TEV")


def test_the_eve_of_an_event_is_left_alone():
    # "the night before the vote": a day the text does not give
    got = values("Canvassers slept in the office the night before the vote and the morning after his speech.", "2016-03-01")
    assert not any("night" in k or "morning" in k for k in got)


@pytest.mark.parametrize("text,span,value", [
    ("Rebels shelled the port on the evening of June 3.", "the evening of June 3", "2016-06-03TEV"),
    ("The ferry sank on the morning of 4 March 2015.", "the morning of 4 March 2015", "2015-03-04TMO"),
])
def test_part_of_a_named_day(text, span, value):
    assert values(text, "2016-06-20")[span] == ("TIME", value)


@pytest.mark.parametrize("text,span,value", [
    ("The envoy resigned on Oct. 7, 2011. Earlier that week he had met the rebels.", "that week", "2011-W40"),
    ("The envoy resigned on Oct. 7, 2011. The same week, two aides quit.", "The same week", "2011-W40"),
    ("The envoy resigned on Oct. 7, 2011. Earlier in the week, he had met the rebels.", "Earlier in the week", "2011-W40"),
])
def test_week_anaphora_takes_the_narrative_week(text, span, value):
    assert values(text, "2016-03-01")[span] == ("DATE", value)


def test_the_rest_of_the_week_is_the_week_of_writing():
    text = "The envoy resigned on Oct. 7, 2011. Aides will talk about it for the rest of the week."
    assert values(text, "2016-03-02")["the rest of the week"] == ("DATE", "2016-W09")


def test_same_week_that_clause_is_not_anaphoric():
    got = values("The envoy resigned on Oct. 7, 2011, the same week that the rebels met.", "2016-03-01")
    assert "the same week" not in got


@pytest.mark.parametrize("text,value", [
    ("Donations rose in the first half of the year.", "2016-H1"),
    ("Donations rose in the second half of the year.", "2016-H2"),
])
def test_half_of_the_year_is_a_half_year(text, value):
    span = "the first half of the year" if "first" in text else "the second half of the year"
    assert values(text, "2016-11-20")[span] == ("DATE", value)


@pytest.mark.parametrize("text,span,value", [
    ("The offer expires at midnight Friday.", "midnight Friday", "2016-06-10T24:00"),
    ("The polls closed on Tuesday at midnight.", "midnight", "2016-06-14T24:00"),
    ("Shortly after midnight, the count began.", "midnight", "2016-06-15T00:00"),
])
def test_midnight(text, span, value):
    assert values(text, "2016-06-15")[span] == ("TIME", value)


def test_clock_time_takes_the_day_of_a_day_part_before_it():
    got = values("Gunmen struck on Tuesday afternoon at 3:30 p.m. near the market.", "2016-06-15")
    assert got["3:30 p.m."] == ("TIME", "2016-06-14T15:30")


@pytest.mark.parametrize("text,span,value,quant", [
    ("The guards check the cells every night.", "every night", "XXXX-XX-XXTNI", "EVERY"),
    ("She walks to the shrine each morning.", "each morning", "XXXX-XX-XXTMO", "EACH"),
    ("The council sits every Monday evening.", "every Monday evening", "XXXX-WXX-1TEV", "EVERY"),
])
def test_every_part_of_the_day_is_a_set(text, span, value, quant):
    got = {text[t.start:t.end]: (t.type, t.value, t.quant) for t in tag(text, "2016-06-15")}
    assert got[span] == ("SET", value, quant)


@pytest.mark.parametrize("text,dct,value", [
    ("A second rally is scheduled for this weekend.", "2016-06-22", "2016-W25-WE"),   # a Wednesday: the coming one
    ("A second rally is scheduled for this weekend.", "2016-06-25", "2016-W25-WE"),   # a Saturday: this one
    ("A second rally was held this weekend.", "2016-06-20", "2016-W24-WE"),           # a Monday: the one just gone
])
def test_this_weekend(text, dct, value):
    assert values(text, dct)["this weekend"] == ("DATE", value)


@pytest.mark.parametrize("text,span,value", [
    ("Violence has grown in recent years.", "recent years", "PXY"),
    ("Talks stalled in recent weeks.", "recent weeks", "PXW"),
    ("Prices should ease in the coming months.", "the coming months", "PXM"),
    ("Aid will arrive in the days ahead.", "the days ahead", "PXD"),
])
def test_recent_and_coming_stretches_are_vague_durations(text, span, value):
    # TIDES/TimeML (and HeidelTime's rules): "in recent years" is a stretch of unknown length
    assert values(text)[span] == ("DURATION", value)


def test_vague_points_stay_references():
    got = values("Recently the army withdrew; soon it may return, but for now the town is calm.")
    assert got["Recently"] == ("DATE", "PAST_REF")
    assert got["soon"] == ("DATE", "FUTURE_REF")
    assert got["now"] == ("DATE", "PRESENT_REF")


def test_daily_and_quarterly_as_adverbs_are_sets():
    got = values("The ledger is updated daily, and the board reviews it quarterly.")
    assert got["daily"] == ("SET", "P1D")
    assert got["quarterly"] == ("SET", "P3M")


@pytest.mark.parametrize("text", [
    "The firm raised its quarterly dividend.",
    "Officers keep a daily log of arrests.",
    "He owns a free daily and the Paris daily Le Monde.",
    "She appeared on the Daily Show.",
])
def test_daily_and_quarterly_before_a_noun_are_not_sets(text):
    got = values(text)
    assert not any(k.lower() in ("daily", "quarterly") for k in got)


@pytest.mark.parametrize("text,dct,span,typ,value", [
    ("Attacks on clinics rose over the past year.", "2016-03-03", "the past year", "DATE", "2015"),
    ("Wages lagged prices in the last decade.", "1999-02-06", "the last decade", "DATE", "198"),
    ("For the past year, the envoy has shuttled between capitals.", "2016-03-03", "the past year", "DURATION", "P1Y"),
    ("It was the worst flood of the past century.", "2016-03-03", "the past century", "DURATION", "P100Y"),
    ("Rain fell in the last week of May.", "2016-06-03", "May", "DATE", "2016-05"),
])
def test_the_past_year_is_the_previous_year(text, dct, span, typ, value):
    assert values(text, dct)[span] == (typ, value)


def test_a_range_of_durations_marks_each_end():
    got = values("Repairs take three to five weeks; the plan runs for four to ten years.")
    assert got["three"] == ("DURATION", "P3W")
    assert got["five weeks"] == ("DURATION", "P5W")
    assert got["four"] == ("DURATION", "P4Y")
    assert got["ten years"] == ("DURATION", "P10Y")


def test_a_range_of_ages_is_not_a_time():
    assert values("Voters 18 to 29 years old backed her.") == {}


def test_spoken_years():
    got = values("The bombing of nineteen ninety-six shocked the city; a nineteen eighty-four film.")
    assert got["nineteen ninety-six"] == ("DATE", "1996")
    assert got["nineteen eighty-four"] == ("DATE", "1984")
    assert "twenty five" not in values("He sold twenty five houses.")


@pytest.mark.parametrize("text", [
    "The senator said on ABC's \u201cThis Week\u201d that he would run.",
    "She told ABC's This Week With a Host that taxes would rise.",
    "The comedian hosts Last Week Tonight on cable.",
])
def test_programme_names_are_not_times(text):
    assert values(text) == {}


def test_this_week_at_a_sentence_start_is_a_week():
    assert values("This Week, the council meets twice.")["This Week"] == ("DATE", "2024-W24")


def test_over_the_years_is_a_vague_stretch():
    got = values("Over the years the town grew, and over the decades it changed; over the years of war it shrank.")
    assert got["the years"] == ("DURATION", "PXY")
    assert got["the decades"] == ("DURATION", "PXDE")
    assert len(got) == 2


def test_mid_part_of_the_day():
    got = values("Shelling began on Monday. By mid-afternoon, the guns fell silent.", "2016-06-15")
    assert got["mid-afternoon"] == ("TIME", "2016-06-13TAF")
    assert not [t for t in tag("Voters gathered for a midday rally.", "2016-06-15") if t.rule == "mid_pod"]


@pytest.mark.parametrize("text,dct,span,value", [
    ("Shops stayed open until Christmas Eve.", "2016-12-20", "Christmas Eve", "2016-12-24"),
    ("The talks broke down after Christmas.", "2017-01-10", "Christmas", "2016-12-25"),
    ("The campaign hired staff by Labor Day.", "2016-09-20", "Labor Day", "2016-09-05"),
    ("Crowds gathered on Thanksgiving.", "2015-12-01", "Thanksgiving", "2015-11-26"),
    ("Memorial Day fell on a hot day.", "2016-06-10", "Memorial Day", "2016-05-30"),
    ("Pilgrims came at Easter.", "2016-04-10", "Easter", "2016-03-27"),
    ("As Election Day nears, ads multiply.", "2016-02-18", "Election Day", "2016-11-08"),
    ("Fireworks lit the sky on New Year\u2019s Eve.", "2016-01-07", "New Year\u2019s Eve", "2015-12-31"),
])
def test_holidays_are_dates(text, dct, span, value):
    assert values(text, dct)[span] == ("DATE", value)


@pytest.mark.parametrize("text", [
    "They bought a Christmas tree and went Christmas shopping.",
    "She thanked Easter Seals and wished them a Merry Christmas.",
    "Crowds lined the street for the Fourth of July parade.",
])
def test_holiday_names_used_for_things_are_not_times(text):
    assert values(text, "2016-06-15") == {}


def test_narrative_weekends():
    text = "Floods hit on Aug. 17, 2016. The previous weekend was dry. The following weekend it rained. That weekend, crews worked."
    got = values(text, "2016-09-20")
    assert got["The previous weekend"] == ("DATE", "2016-W32-WE")
    assert got["The following weekend"] == ("DATE", "2016-W33-WE")
    assert got["That weekend"] == ("DATE", "2016-W33-WE")


@pytest.mark.parametrize("text,span", [
    ("The levy would raise $40 billion a year for the state.", "a year"),
    ("Cleaners there are paid $9 an hour.", "an hour"),
    ("The rent was $18,000 per month until spring.", "per month"),
    ("Exports are growing 6 percent annually, the ministry says.", "annually"),
    ("The new line adds 900 seats a week between the two cities.", "a week"),
    ("The pump moves 40 gallons per minute.", "per minute"),
])
def test_rate_measure_is_no_time(text, span):
    # rule rate_measure: the time word of a measured rate is a unit, not a TIMEX3
    assert span not in values(text)


@pytest.mark.parametrize("text,span,value", [
    ("The board meets twice a year in Geneva.", "twice a year", "P1Y"),
    ("Nurses work three days a week at the clinic.", "a week", "P1W"),
    ("The patient takes two doses a day.", "a day", "P1D"),
])
def test_rate_of_events_stays_a_set(text, span, value):
    assert values(text).get(span) == ("SET", value)


@pytest.mark.parametrize("text,years", [
    ("She sat in the assembly from 1991 to 2007 before retiring.", ["1991", "2007"]),
    ("Exports to the region tripled between 2003 and 2012.", ["2003", "2012"]),
    ("He chaired the board 1994 through 2005.", ["1994", "2005"]),
])
def test_worded_year_range_is_two_dates(text, years):
    # rule year_range_ends: a range in words has two TIMEX3 DATEs, one per end (TimeML)
    got = values(text)
    assert [got.get(y) for y in years] == [("DATE", y) for y in years]
    assert not any(typ == "DURATION" for typ, _ in got.values())


def test_that_after_a_verb_is_a_complementizer():
    # rule that_complementizer: "wrote that Thursday's debate": the bare weekday, span without "that"
    got = values("The columnist wrote that Thursday's debate was dull.", "2024-06-15")
    assert got.get("Thursday") == ("DATE", "2024-06-13") and "that Thursday" not in got
    # after a preposition or at a sentence start "that Friday" is still the narrative's Friday
    got = values("They met on June 3. On that Friday, the deal fell apart.", "2024-06-15")
    assert got.get("that Friday") == ("DATE", "2024-06-07")


@pytest.mark.parametrize("text,dct,value", [
    ("Both parties are raising money for the November election.", "2024-02-10", "2024-11"),
    ("Turnout worries rose ahead of a June referendum on the reform.", "2024-09-01", "2025-06"),
    ("The March primaries were bruising for the party.", "2024-02-10", "2024-03"),
])
def test_month_vote_is_the_coming_one(text, dct, value):
    # rule month_vote: a vote named by its month is the coming one unless the clause looks back
    got = {text[t.start:t.end]: t.value for t in tag(text, dct)}
    assert value in got.values(), got


def test_month_day_vote_and_sept11():
    # month_vote on a month and day, also when the clause is past: the nearest, not the last one
    got = values("The party's nominee for the Nov. 5 election later said he had been joking.", "2024-07-20")
    assert got.get("Nov. 5") == ("DATE", "2024-11-05")
    # sept11_attacks: the attacks of 2001; a singular "attack" is left to the year pick
    got = values("Security tightened after the Sept. 11 attacks on New York.", "2024-07-20")
    assert got.get("Sept. 11") == ("DATE", "2001-09-11")
    got = values("The consulate was hit in the Sept. 11 attack last year.", "2024-07-20")
    assert got.get("Sept. 11") != ("DATE", "2001-09-11")


def test_clock_time_takes_the_narrative_day():
    # clock_reference_day: a clock time without a day beside it takes the day its paragraph named
    # before it; in another paragraph (a live-blog heading) it stays on the publication day
    text = ("Firefighters were called to the mill on Saturday. By 11:15 p.m. the roof had fallen in.\n\n"
            "4:10 p.m.\n\nThe governor visited the site.")
    got = {text[t.start:t.end]: (t.value, t.anchor) for t in tag(text, "2016-05-18")}
    assert got["Saturday"] == ("2016-05-14", "2016-05-18")
    assert got["11:15 p.m."] == ("2016-05-14T23:15", "2016-05-14")
    assert got["4:10 p.m."] == ("2016-05-18T16:10", "2016-05-18")
    # no earlier day, or a bare "midnight": the publication day
    text = "The curfew starts at 10 p.m. Officers said on Friday the roads reopen at midnight."
    got = values(text, "2016-05-18")
    assert got["10 p.m."] == ("TIME", "2016-05-18T22:00")
    assert got["midnight"] == ("TIME", "2016-05-18T00:00")


def test_clock_time_in_a_past_clause_takes_the_day_of_the_paragraph_before(parsed_tag):
    text = "The envoy landed in Tunis on March 3.\n\nShe said she heard the first shots at 8:20 p.m."
    assert parsed_tag(text, "2016-03-09")["8:20 p.m."] == "2016-03-03T20:20"


# ---- quarterly reports: what a comparison with "a year earlier" names (own sentences)
@pytest.mark.parametrize("text,span,value,rule", [
    # a sentence about the nine months (the full year) compares with that stretch a year before
    ("The brewer's third-quarter profit climbed. For the nine months, net income reached $40 million, "
     "up from $31 million a year earlier.", "a year earlier", "2023", "year_ago_stretch"),
    ("Fourth-quarter orders slipped. For the full year, the toolmaker earned $8 million, against $6 million "
     "a year ago.", "a year ago", "2023", "year_ago_stretch"),
    ("Second-quarter margins held. In the first half, the bank's fees rose to $12 million from $10 million "
     "a year earlier.", "a year earlier", "2023-H1", "year_ago_stretch"),
    # the quarter's own sentence keeps the year-earlier quarter
    ("The brewer's third-quarter profit climbed to $9 million from $7 million a year earlier.",
     "a year earlier", "2023-Q3", "year_ago_adj"),
    # "the 2023 period" in a quarterly story is that quarter of 2023, unless the sentence is about a longer stretch
    ("The insurer reported second-quarter earnings of $3 million. In the 2023 period it had lost $1 million.",
     "the 2023 period", "2023-Q2", "year_period_q"),
    ("The insurer reported second-quarter earnings of $3 million. For the six months it earned $5 million, "
     "compared with $4 million in the 2023 period.", "the 2023 period", "2023", "year_period"),
    # "last year's quarter / comparable period": the story's quarter, a year before
    ("Third-quarter revenue at the chip maker fell 8% from last year's comparable period.",
     "last year's comparable period", "2023-Q3", "last_year_q"),
    # "the latest quarter" is a finished one, not the quarter the report is written in
    ("The retailer expects second-quarter sales to weaken. In the latest quarter, sales fell 2%.",
     "the latest quarter", "2024-Q1", "latest_completed_q"),
    ("First-quarter sales at the grocer fell 2%. It expects second-quarter sales to weaken, after the latest "
     "quarter had been its weakest since 2019.", "the latest quarter", "2024-Q1", "latest_completed_q"),
    ("The carrier expects a loss in the third quarter and a profit for the full year.", "the full year", "2024", "full_year"),
])
def test_quarterly_comparisons(text, span, value, rule):
    got = {text[t.start:t.end]: (t.value, t.rule) for t in tag(text, DCT)}
    assert got.get(span) == (value, rule), got


def test_as_soon_as_possible_is_a_future_reference_but_as_soon_as_a_clause_is_not():
    assert values("The mayor promised to reopen the bridge as soon as possible.")["as soon as possible"] == ("DATE", "FUTURE_REF")
    assert values("The mayor will speak as soon as the count ends.") == {}


@pytest.mark.parametrize("text", [
    "Prices at the pump climbed 3% annually through the decade.",
    "The smelter ships 90,000 tons of refined copper annually.",
])
def test_rate_measure_after_a_percentage_or_a_measured_mass(text):
    assert values(text) == {}


def test_a_frequency_of_an_event_stays_a_set():
    assert values("The two parliaments meet annually in Geneva.")["annually"] == ("SET", "P1Y")


@pytest.mark.parametrize("text,span,typ,value", [
    ("Exports have shrunk for several quarters.", "several quarters", "DURATION", "PXQ"),
    ("Exports shrank in each of the past two quarters.", "the past two quarters", "DURATION", "P2Q"),
    ("The lender paid its last dividend two quarters ago.", "two quarters ago", "DATE", "2023-Q4"),
    ("The fund reports its holdings every quarter.", "every quarter", "SET", "P1Q"),
])
def test_quarters_are_their_own_unit(text, span, typ, value):
    assert values(text)[span] == (typ, value)


@pytest.mark.parametrize("text,span,value", [
    ("The accord ended decades of feuding between the clans.", "decades", "PXDE"),
    ("Months of drought have emptied the reservoirs.", "Months", "PXM"),
    ("The inquiry heard hours of testimony from the pilots.", "hours", "PTXH"),
    ("The mayor, with years of experience in the port, was re-elected.", "years", "PXY"),
])
def test_units_of_a_noun_are_a_vague_duration(text, span, value):
    assert values(text)[span] == ("DURATION", value)


@pytest.mark.parametrize("text", [
    "In the final months of the siege, bread ran out.",
    "Those were the darkest days of her career.",
    "The law cut the number of days of early voting.",
    "Pupils under 12 years of age travel free.",
])
def test_units_of_after_a_determiner_or_in_a_count_are_left_alone(text):
    assert not any(t.rule == "units_of" for t in tag(text, DCT))


@pytest.mark.parametrize("text,span,value", [
    ("Farmers hope to sell the crop in the fall.", "the fall", "2024-FA"),
    ("The council must approve a budget by the fall.", "the fall", "2024-FA"),
    ("The party is heading into the summer divided.", "the summer", "2024-SU"),
    ("The league has been looking for a sponsor since the spring.", "the spring", "2024-SP"),
])
def test_seasons_without_a_past_verb_are_the_coming_ones(text, span, value):
    assert values(text)[span] == ("DATE", value)


@pytest.mark.parametrize("text", [
    "Growers were hurt by the fall in grain prices.",
    "The city was looted after the fall of the old regime.",
])
def test_fall_as_a_drop_or_a_collapse_is_no_season(text):
    assert not any(t.rule == "season" for t in tag(text, DCT))


@pytest.mark.parametrize("text,span,value", [
    ("Strikers blocked the port for four straight days.", "four straight days", "P4D"),
    ("The index fell for three consecutive months.", "three consecutive months", "P3M"),
    ("The curfew lasted a full week.", "a full week", "P1W"),
])
def test_a_duration_with_full_straight_or_consecutive(text, span, value):
    assert values(text)[span] == ("DURATION", value)


@pytest.mark.parametrize("text,span,value", [
    ("The ferry sank at dawn. Hours later, divers reached the hull.", "Hours", "PTXH"),
    ("The minister quit just days before the budget vote.", "days", "PXD"),
    ("The envoy returned to the capital weeks later.", "weeks", "PXW"),
])
def test_a_bare_unit_before_later_or_after_is_a_vague_duration(text, span, value):
    assert values(text)[span] == ("DURATION", value)


def test_a_bare_unit_after_the_or_subsequent_is_left_alone():
    assert not any(t.rule == "units_of" for t in tag("In the subsequent weeks after the flood, aid arrived.", DCT))


@pytest.mark.parametrize("text,span,value", [
    ("The carmaker's profit doubled in the April-June quarter of 2023.", "the April-June quarter of 2023", "2023-Q2"),
    ("Exporters expect orders to pick up in the July-September quarter.", "the July-September quarter", "2024-Q3"),
])
def test_a_span_of_three_months_before_quarter_is_that_quarter(text, span, value):
    assert values(text)[span] == ("DATE", value)


def test_a_span_of_months_that_is_no_calendar_quarter_stays_two_months():
    assert values("Rain fell from April to June.") == {"April": ("DATE", "2024-04"), "June": ("DATE", "2024-06")}


def test_the_day_before_yesterday_and_after_tomorrow():
    got = values("Talks ended the day before yesterday and resume the day after tomorrow.")
    assert got["the day before yesterday"] == ("DATE", "2024-06-13")
    assert got["the day after tomorrow"] == ("DATE", "2024-06-17")


@pytest.mark.parametrize("text,span,value", [
    ("The ferry left port at 6:15 a.m. on May 9, 2019, and sank by noon.", "6:15 a.m. on May 9, 2019", "2019-05-09T06:15"),
    ("The tremor hit at 4:10 p.m. local time on Thursday, June 13.", "4:10 p.m. local time on Thursday, June 13", "2024-06-13T16:10"),
])
def test_a_clock_time_takes_its_full_date(text, span, value):
    assert values(text)[span] == ("TIME", value)


# -- times5: narrative forms at a clause end, bracketed clock times, ranges of days


@pytest.mark.parametrize("text,span,value", [
    # clause-final "the week/month before/after": one step from the narrative's reference day
    ("The dam burst on May 9, 2021. The week before, engineers had warned the mayor.", "The week before", "2021-W17"),
    ("The dam burst on May 9, 2021. In the month after, few farmers returned.", "the month after", "2021-06"),
    # "the next Friday" is anaphoric like "the following Friday" (strictly after the reference day)
    ("Voting ended on Friday, March 5, 2021. The next Friday the count was done.", "The next Friday", "2021-03-12"),
    # the deictic forms keep the publication date (TimeML: the speech time)
    ("The dam burst on May 9, 2021. Next week the inquiry opens.", "Next week", "2024-W25"),
    ("The dam burst on May 9, 2021. Last Friday the inquiry opened.", "Last Friday", "2024-06-14"),
    ("The dam burst on May 9, 2021. Yesterday the inquiry opened.", "Yesterday", "2024-06-14"),
])
def test_narrative_and_deictic_forms(text, span, value):
    got = values(text)
    assert got[span][1] == value, got


def test_the_week_before_an_event_noun_is_left_to_other_rules():
    got = values("The dam burst on May 9, 2021. In the week before the flood, engineers had warned the mayor.")
    assert "the week before" not in got


@pytest.mark.parametrize("text,span,value", [
    # a clock time in another zone in brackets does not cut the local time off its day
    ("Shelling resumed at 6 a.m. (0300 GMT) on Thursday, residents said.", "6 a.m.", "2024-06-13T06:00"),
    ("Shelling resumed at 6 a.m. (0300 GMT) on Thursday, residents said.", "0300 GMT", "2024-06-13T03:00"),
    ("Shelling resumed on Thursday at 6 a.m. (0300 GMT), residents said.", "0300 GMT", "2024-06-13T03:00"),
    ("The curfew starts at 9 p.m. local time (1800 GMT) Tuesday.", "9 p.m. local time", "2024-06-11T21:00"),
    ("Residents heard blasts at noon Tuesday near the port.", "noon Tuesday", "2024-06-11T12:00"),
])
def test_clock_time_takes_the_day_of_its_phrase(text, span, value):
    got = values(text)
    assert got[span][1] == value, got


@pytest.mark.parametrize("text,ends", [
    ("The fair runs Aug. 12-15 on the riverbank.", {"Aug. 12": "2024-08-12", "15": "2024-08-15"}),
    ("The fair ran 12-15 August on the riverbank.", {"12": "2024-08-12", "15 August": "2024-08-15"}),
    ("The survey was taken May 3 to 7 by telephone.", {"May 3": "2024-05-03", "7": "2024-05-07"}),
    ("Talks were held Feb. 2-4, 2019, in Cairo.", {"Feb. 2": "2019-02-02", "4, 2019": "2019-02-04"}),
    ("The panel sat on 2 and 3 March 2020 in Lyon.", {"2": "2020-03-02", "3 March 2020": "2020-03-03"}),
])
def test_day_range_is_two_dates(text, ends):
    got = values(text)
    for span, value in ends.items():
        assert got.get(span) == ("DATE", value), got


@pytest.mark.parametrize("text", [
    "Her share rose from 31 percent on June 2 to 38 percent on June 9.",
    "The talks were held on Feb. 27-30 by mistake.",
])
def test_no_day_range_without_a_second_day(text):
    got = values(text)
    assert not [s for s in got if s.isdigit()], got


@pytest.mark.parametrize("text,span,value", [
    ("The dam burst on May 9, 2021. The day before that, engineers had warned the mayor.", "The day before that",
     "2021-05-08"),
    ("The dam burst on May 9, 2021. The day after that, the mayor resigned.", "The day after that", "2021-05-10"),
])
def test_the_day_before_that(text, span, value):
    assert values(text)[span] == ("DATE", value)


@pytest.mark.parametrize("text", [
    "The dam burst on May 9, 2021. Crews worked on the day before they left the valley.",
    "The dam burst on May 9, 2021. The mayor spoke the day after Engineers released their report.",
])
def test_the_day_before_a_clause_or_a_name_is_left_alone(text):
    got = values(text)
    assert not [s for s in got if s.lower().startswith("the day")], got


def test_the_day_after_a_holiday_counts_from_the_holiday_not_the_narrative_day():
    # rule holiday_eve: the holiday as rule holiday places it (nearest the DCT), one day on;
    # never the day after the narrative's last day
    got = values("The dam burst on May 9, 2021. Crews rested on the day after Easter.")
    assert got["the day after Easter"][0] == "DATE"
    assert got["the day after Easter"][1] != "2021-05-10"


def test_the_next_weeks_possessive_is_a_week_not_a_stretch():
    got = values("The governor heads into the next week's primaries with a lead.")
    assert got["the next week"] == ("DATE", "2024-W25")


def test_no_day_range_before_a_count():
    got = values("Turnout on Nov. 3 and 4 million ballots by mail set records.")
    assert "4" not in got, got


@pytest.mark.parametrize("text,dct,value", [
    ("Stores opened early the day after Thanksgiving.", "2016-12-01", "2016-11-25"),
    ("The strike began the day before Christmas, the union said.", "2016-12-28", "2016-12-24"),
    ("He flew home the day before Christmas Eve.", "2016-12-28", "2016-12-23"),
])
def test_holiday_eve_is_the_holiday_one_day_back_or_on(text, dct, value):
    import datetime as dt

    from tidings.grounding.times import get_tagger
    got = [(x.type, x.value, x.rule) for x in get_tagger().tag(text, dt.date.fromisoformat(dct))]
    assert ("DATE", value, "holiday_eve") in got
