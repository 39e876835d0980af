"""English."""

from __future__ import annotations

from . import LanguagePack, table, words

PACK = LanguagePack(
    code="en",
    name="English",
    script="Latn",
    number_words=table(
        "one=1 two=2 three=3 four=4 five=5 six=6 seven=7 eight=8 nine=9 ten=10 eleven=11 twelve=12",
        int,
    ),
    multipliers={"thousand": 1e3, "million": 1e6},
    approx=("about", "around", "nearly", "almost", "more than", "over", "some", "approximately"),
    units_re=(
        ("months?", 1, False),
        ("years?", 12, False),
        ("weeks?", 12 / 52, False),
        ("days?", 12 / 365, False),
    ),
    since=("since",),
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
    relative_days={"today": 0, "yesterday": -1, "tomorrow": 1},
    last_year=("last year",),
    verbs_re=words(
        "said says told stated announced stressed warned discussed urged accused threatened "
        "denied added noted emphasi[sz]ed reported claimed agreed"
    ),
    complementisers=("that",),
    but=("but",),
    according_to_re=(r"according\s+to\s+",),
    other_party=("counterpart", "counterparts"),
    titles=words("mr mrs ms dr minister president general secretary gen"),
    roles=words(
        "minister ministry defense defence foreign secretary spokesman spokesperson president "
        "ambassador counterpart government official the of us u.s."
    ),
    countries=words("russia america ukraine united states usa"),
    spokesman=("spokesman", "spokesperson", "spokeswoman"),
    nationality_re=(r"\w+(?:ian|ese|ish)", "american"),
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
    initiative=(
        "at the initiative of",
        "at the request of",
        "at the invitation of",
        "initiated by",
        "requested by",
    ),
    previous_re=(
        r"\b(?:last|previous)\s+(?:call|contact|conversation|talks?|spoke|met|meeting)\b",
    ),
    between=("between",),
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
    credits_re=("reuters", "afp", "ap", "epa", "getty(?: images)?", "archive", "file photo"),
    photo_re=("photo", "file photo"),
    stopwords=words("the a an of in on to and with for by at was"),
    example="en",
)
