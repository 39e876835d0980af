"""French."""

from __future__ import annotations

from . import LanguagePack, table, words

_VERBS = (
    "déclaré", "affirmé", "annoncé", "indiqué", "souligné", "ajouté", "averti", "précisé",
    "estimé", "dit", "discuté", "évoqué", "confirmé", "assuré", "dénoncé", "démenti",
)  # fmt: skip
_CONTACTS = r"(?:appel|entretien|contact|échange|conversation|rencontre|réunion)"

PACK = LanguagePack(
    code="fr",
    name="French",
    script="Latn",
    clitics_re=r"(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)['’ ]",
    number_words=table(
        "une=1 deux=2 trois=3 quatre=4 cinq=5 six=6 sept=7 huit=8 neuf=9 dix=10 onze=11 douze=12",
        int,
    ),
    multipliers=table(
        "mille=1000 millier=1000 milliers=1000 million=1e6 millions=1e6 milliard=1e9 milliards=1e9",
        float,
    ),
    approx=(
        "environ",
        "près de",
        "presque",
        "plus de",
        "moins de",
        "quelque",
        "quelques",
        "autour de",
        "approximativement",
    ),
    units_re=(
        ("mois", 1, False),
        ("ans|années?|annees?", 12, False),
        ("semaines?", 12 / 52, False),
        ("jours?|journées?", 12 / 365, False),
    ),
    since=("depuis",),
    months=table(
        "janvier=1 février=2 fevrier=2 mars=3 avril=4 mai=5 juin=6 juillet=7 août=8 aout=8 "
        "septembre=9 octobre=10 novembre=11 décembre=12 decembre=12",
        int,
    ),
    weekdays=(
        ("lundi",),
        ("mardi",),
        ("mercredi",),
        ("jeudi",),
        ("vendredi",),
        ("samedi",),
        ("dimanche",),
    ),
    relative_days={"aujourd'hui": 0, "hier": -1, "demain": 1},
    last_year=("l'année dernière", "l'an dernier", "l'année passée", "l'an passé"),
    day_suffixes=("er",),
    verb_first=True,  # « ... », a déclaré le porte-parole ; the subject-first order also works
    quote_first=True,
    verbs_re=(rf"(?:a|ont)\s+(?:{'|'.join(_VERBS)})", "déclare", "affirme", "annonce", "indique"),
    speaker_stops_re=(
        r"\s(?:que|qu['’]|à|au|aux|lors|dans|devant|sur|avec|pour|en|selon)(?=\s)",
        r",",
    ),
    complementisers=("que",),
    but=("mais",),
    according_to_re=(r"selon\s+", r"d['’]après\s+"),
    other_party=("homologue", "homologues"),
    titles=words("m mme monsieur madame ministre président général docteur"),
    roles=words(
        "ministre ministère défense affaires étrangères porte-parole président ambassadeur "
        "homologue gouvernement responsable secrétaire le la les de du des"
    ),
    countries=words("france russie états-unis ukraine amérique"),
    spokesman=("porte-parole",),
    nationality_re=(
        r"\w+(?:aise|ienne)",
        r"(?:français|américain|américaine|russe|ukrainien|allemand|britannique|chinois)",
    ),
    skeleton={"ç": "s"},
    initiative=tuple(
        f"{marker} {of}"
        for marker in ("à l'initiative", "à la demande", "à l'invitation", "sur l'invitation")
        for of in ("de", "du", "des", "d'")
    ),
    previous_re=(rf"(?:dernier|dernière|précédent|précédente)\s+{_CONTACTS}",),
    between=("entre",),
    first=("premier", "première"),
    furniture_re=("lire aussi", "à lire aussi", "lire la suite", "temps de lecture", "mode sombre"),
    credits_re=("archives",),
    stopwords=words(
        "le la les l de du des d un une et à au aux en dans sur pour par avec que qui qu est"
    ),
    example="fr",
)
