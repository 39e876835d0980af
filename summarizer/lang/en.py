"""English."""

from __future__ import annotations

from . import LanguagePack, table, words

PACK = LanguagePack(
    code="en",
    name="English",
    script="Latn",
    number_words=table(
        "one=1 two=2 three=3 four=4 five=5 six=6 seven=7 eight=8 nine=9 ten=10 eleven=11 twelve=12 "
        "thirteen=13 fourteen=14 fifteen=15 sixteen=16 seventeen=17 eighteen=18 nineteen=19 "
        "twenty=20 thirty=30 forty=40 fifty=50 sixty=60 seventy=70 eighty=80 ninety=90",
        int,
    ),
    multipliers=table(
        "dozen=12 hundred=100 thousand=1e3 million=1e6 billion=1e9 bn=1e9 trillion=1e12 "
        "lakh=1e5 lakhs=1e5 crore=1e7 crores=1e7",  # South Asian English: 615 crore
        float,
    ),
    glued_multipliers={"m": 1e6},
    halves=("half",),
    and_a_half=("and a half",),
    indefinites=("a", "an"),
    bounds=table(
        "at_least=min no_fewer_than=min no_less_than=min more_than=above over=above "
        "upwards_of=above in_excess_of=above less_than=below fewer_than=below under=below "
        "up_to=max as_many_as=max at_most=max about=about around=about nearly=about "
        "almost=about some=about approximately=about roughly=about an_estimated=about "
        "estimated=about close_to=about within=max",
        str,
    ),
    bounds_after=table("at_least=min or_more=min", str),
    percent=("percent", "per cent", "pct"),
    counted=table(
        "kill=dead dead=dead death=dead died=dead fatalit=dead lives=dead bodies=dead "
        "injur=injured wound=injured hurt=injured missing=missing displac=displaced "
        "homeless=displaced vote=votes ballot=votes voter=votes turnout=turnout "
        "prison=prison jail=prison sentence=prison prisoner=prisoners free=prisoners "
        "released=prisoners detainee=prisoners "
        "magnitude=magnitude richter=magnitude depth=depth deep=depth fine=fine swap=prisoners "
        "exchange=prisoners member=members others=others since=since first=since",
        str,
    ),
    change_words=("by",),
    age_before_re=(r"\baged",),
    age_after_re=(r"[-\s]?(?:years?[-\s]?)?old\b",),
    modals=words("could may might would expected likely feared"),
    persons=words("people persons individuals residents"),
    currencies=table("euro=EUR euros=EUR dollar=USD dollars=USD pound=GBP pounds=GBP", str),
    measure_units=table(
        "km=km kilometre=km kilometres=km kilometer=km kilometers=km mile=mi miles=mi "
        "metre=m metres=m meter=m meters=m tonne=t tonnes=t ton=t tons=t kg=kg kilogram=kg "
        "kilograms=kg kiloton=kt kilotons=kt kilotonne=kt kilotonnes=kt barrel=bbl barrels=bbl "
        "bpd=bbl/d",
        str,
    ),
    per_day=("per day", "a day", "daily"),
    approx=("about", "around", "nearly", "almost", "more than", "over", "some", "approximately"),
    units_re=(
        ("months?", 1, False),
        ("years?", 12, False),
        ("weeks?", 12 / 52, False),
        ("days?", 12 / 365, False),
        ("hours?", 12 / 8766, False),
        ("minutes?", 12 / 525960, False),
    ),
    since=("since",),
    day_range_links=("to", "and", "until", "till", "through"),
    day_of=("of",),
    months=table(
        "january=1 jan=1 february=2 feb=2 march=3 mar=3 april=4 apr=4 may=5 june=6 jun=6 "
        "july=7 jul=7 august=8 aug=8 september=9 sep=9 sept=9 october=10 oct=10 november=11 "
        "nov=11 december=12 dec=12",
        int,
    ),
    weekdays=(
        ("monday",),
        ("tuesday",),
        ("wednesday",),
        ("thursday",),
        ("friday",),
        ("saturday",),
        ("sunday",),
    ),
    past_days=("last", "past"),
    next_days=("next", "coming"),
    relative_days={
        "today": 0,
        "tonight": 0,
        "this morning": 0,
        "this afternoon": 0,
        "this evening": 0,
        "yesterday": -1,
        "last night": -1,
        "tomorrow": 1,
    },
    other_time=words("since after before until till"),
    last_year=("last year",),
    day_suffixes=("st", "nd", "rd", "th"),
    report_verbs_re=words(
        "said says stated announced announces reported reports told tells wrote confirmed added"
    ),
    talk_verbs_re=words("discussed discusses agreed"),
    verbs_re=(
        *words(
            "said says stated announced announces stressed warned warns discussed urged "
            "accused threatened denied added adds noted emphasi[sz]ed reported claimed agreed "
            "confirmed confirms estimated declared clarified concluded explained insisted "
            "alleged revealed acknowledged admitted described condemned denounced "
            "critici[sz]ed welcomed congratulated praised pledged vowed promised wrote "
            "reiterated echoed demanded expressed"
        ),
        r"issued\s+an?\s+(?:\w+\s+)?(?:warning|statement|call|appeal)",
        r"pointed\s+out",
        r"called\s+(?:for|on)",
        # "told" and who was told: reporters, the BBC, The Associated Press
        r"t(?:old|ells)(?:\s+(?:reporters|journalists|(?:the\s+)?(?-i:[A-Z])[\w.&'’-]*"
        r"(?:\s+(?-i:[A-Z])[\w.&'’-]*)*))?",
    ),
    complementisers=("that",),
    but=words("and but while whereas although though because as"),
    and_words=("and",),
    according_to_re=(r"according\s+to\s+",),
    asides=words("on in at during after before since following amid upon by via when"),
    fillers=(
        *words("has have had also earlier later meanwhile however separately additionally"),
        *words("previously further then now today yesterday tonight again already reportedly"),
        *words("sharply strongly publicly openly repeatedly firmly"),
    ),
    passive=words("was were is are been be being"),
    pronouns=(*words("he she they it we i"), "the same source", "the source"),
    relatives=words("who which whose"),
    titles=words("mr mrs ms dr prof minister president general secretary gen judge counterpart"),
    # Functions in news of any kind, the bodies they belong to, the domains they govern and
    # the words that qualify them. Written before a role word they are its modifiers
    # ("Health Minister", "electoral commission head"); "of ..." after it is its complement.
    roles=words(
        # heads of state and government, ministers, parliaments, diplomats
        "president presidents vice prime premier minister ministers ministry chancellor "
        "secretary secretary-general undersecretary king queen emir prince crown sultan monarch "
        "governor mayor chairman chairwoman chairperson chair speaker senator congressman "
        "congresswoman lawmaker lawmakers legislator mp mps deputy ambassador envoy consul "
        "diplomat delegate representative negotiator mediator adviser advisor aide counterpart "
        # justice, police, armed forces
        "judge judges court prosecutor prosecutors attorney lawyer counsel police army military "
        "forces troops general commander chief marshal colonel admiral "
        # officials and bodies
        "head director official officials leader leaders spokesman spokesperson spokeswoman "
        "government administration cabinet parliament congress senate council committee "
        "commission authority authorities agency department directorate office bureau service "
        "union league nations organisation organization association federation company "
        "coalition group movement party side delegation "
        # people in the news by what they do
        "journalist reporter correspondent activist coach captain candidate candidates "
        # qualifiers and domains
        "former late interim acting incumbent outgoing senior top then national international "
        "federal central supreme high public independent electoral election elections defense "
        "defence foreign interior home health finance treasury justice education economy trade "
        "commerce industry energy agriculture transport culture environment labour labor "
        "security intelligence affairs state internal external"
    ),
    countries=table("america=US britain=GB palestine=PS holland=NL", str),  # CLDR, GeoNames lack
    spokesman=(),  # the body spoken for comes before ("Pentagon spokesman") or after "for"
    announcers=("spokesman", "spokeswoman", "spokesperson", "press secretary", "press officer"),
    nationality_re=(
        r"\w{3,}(?:ians?|ans?|ese|ish|is?)",  # Iranian, Moroccans, Lebanese, Swedish, Iraqi
        r"(?:arabs?|british|english|french|dutch|greeks?|swiss|thai|welsh|scottish|irish|"
        r"kurdish|kurds?|afghans?|kazakhs?|danish|polish|finnish|emiratis?|czech|filipinos?|"
        r"spanish)",
    ),
    skeleton=table(
        "b=b c=k d=d f=f g=g h=h j=g k=k l=l m=m n=n p=b q=k r=r s=s t=t v=f x=ks z=z",
        str,
    ),
    skeleton_digraphs=(
        ("sch", "S"),
        ("sh", "S"),
        ("ch", "S"),
        ("kh", "k"),
        ("gh", "g"),
        ("th", "t"),
        ("dh", "z"),
        ("ph", "f"),
        ("zh", "j"),
        ("ts", "s"),
    ),
    future_re=(r"\bwill\b", r"\b(?:is|are)\s+(?:expected|set|due|scheduled)\s+to\b"),
    in_person_re=(r"\bface[-\s]to[-\s]face\b", r"\bin[-\s]person\b"),
    remote_re=(
        r"\b(?:tele)?phone(?:d|\s+call|\s+conversation|\s+talks)?\b",
        r"\bby\s+(?:tele)?phone\b",
        r"\bvideo\s*(?:link|call|conference)\b",
        r"\bvideoconference\b",
    ),
    directions=words("north south east west central northern southern eastern western"),
    places_generic=words("country kingdom"),
    place_nouns=words("province city town village region district county capital airport coast"),
    initiative=(
        *(
            f"{at} the {what} of"
            for at in ("at", "on")
            for what in words("initiative request invitation behest urging")
        ),
        *(
            f"{done} by"
            for done in words(
                "initiated requested called organised organized hosted convened arranged proposed "
                "launched claimed"
            )
        ),
        "carried out by",
    ),
    initiative_before=(r"(?<=\w)-initiated", r"initiated(?!\s+by\b)", r"requested(?=\s+the\s)"),
    # "the last / previous <event>": any noun but a word of time ("last week")
    previous_re=(r"\b(?:last|previous|latest|most\s+recent)\s+(?:such\s+)?\w+",),
    locatives=("in", "at", "near", "inside", "outside", "on"),
    between=("between", "with"),
    range_links=(("between", "and"),),
    first=("first",),
    furniture_re=(
        "reading icon",
        r"min(?:ute)?s? read",
        "read more",
        "read also",
        "share this",
        "dark mode",
        "^logo$",
    ),
    credits_re=(
        "reuters",
        "afp",
        "ap",
        "epa",
        "getty(?: images)?",
        "archive",
        "file photo",
        "associated press",
        "interfax",
    ),
    date_labels=("published", "originally published", "updated", "posted", "release"),
    photo_re=("photo", "file photo"),
    instructions_re=(
        r"\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+|the\s+|your\s+)*"
        r"(?:previous|prior|above|earlier|preceding|system)\s+(?:instructions?|prompts?|rules|messages?)",
        r"\b(?:system|developer)\s+(?:prompt|instructions?|message)\s*:",
        r"\b(?:instructions?|note|message)\s+(?:to|for)\s+(?:the\s+)?(?:ai|llm|model|assistant|language\s+model|chatbot|system)\b",
        r"\byou\s+are\s+(?:now\s+)?(?:an?\s+)?(?:ai|llm|language\s+model|chatbot)\b",
        r"\b(?:as\s+an?|dear)\s+(?:ai|llm|language\s+model)\b",
    ),
    stopwords=words("the a an of in on to and with for by at was"),
    example="en",
)
