"""French."""

from __future__ import annotations

from . import LanguagePack, table, words

_VERBS = (
    "déclaré", "affirmé", "annoncé", "indiqué", "souligné", "ajouté", "averti", "précisé",
    "estimé", "dit", "discuté", "évoqué", "confirmé", "assuré", "dénoncé", "démenti",
)  # fmt: skip

PACK = LanguagePack(
    code="fr",
    name="French",
    script="Latn",
    clitics_re=r"(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu)['’ ]",
    number_words=table(
        "une=1 deux=2 trois=3 quatre=4 cinq=5 six=6 sept=7 huit=8 neuf=9 dix=10 onze=11 douze=12 "
        "treize=13 quatorze=14 quinze=15 seize=16 vingt=20 trente=30 quarante=40 cinquante=50 "
        "soixante=60 cent=100",
        int,
    ),
    single_multipliers=("mille",),
    and_a_half=("et demi", "et demie"),
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
        ("heures?", 12 / 8766, False),
        ("minutes?", 12 / 525960, False),
    ),
    bounds=table(
        "au_moins=min plus_de=above moins_de=below jusqu'à=max environ=about près_de=about "
        "presque=about quelque=about",
        str,
    ),
    percent=("pour cent",),
    counted=table(
        "mort=dead tué=dead décès=dead victime=dead bless=injured disparu=missing "
        "déplacé=displaced voix=votes suffrage=votes électeur=votes participation=turnout "
        "prison=prison détenu=prisoners libér=prisoners magnitude=magnitude "
        "profondeur=depth amende=fine "
        "échange=prisoners membre=members autres=others depuis=since",
        str,
    ),
    age_before_re=(r"\bâgée?s?\s+de",),
    modals=words("pourrait pourraient peut peuvent devrait attendu"),
    persons=words("personnes individus habitants"),
    currencies=table("euro=EUR euros=EUR dollar=USD dollars=USD livres=GBP", str),
    measure_units=table(
        "km=km kilomètre=km kilomètres=km mètre=m mètres=m tonne=t "
        "tonnes=t kg=kg kilogramme=kg kilogrammes=kg baril=bbl barils=bbl",
        str,
    ),
    per_day=("par jour",),
    since=("depuis",),
    day_range_links=("au", "à", "et"),
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
    past_days=("dernier", "dernière"),
    next_days=("prochain", "prochaine"),
    relative_days={
        "aujourd'hui": 0,
        "ce soir": 0,
        "cette nuit": 0,
        "hier": -1,
        "avant-hier": -2,
        "demain": 1,
    },
    other_time=words("depuis après avant jusqu'au jusqu'à dès"),
    last_year=("l'année dernière", "l'an dernier", "l'année passée", "l'an passé"),
    day_suffixes=("er",),
    verb_first=True,  # « ... », a déclaré le porte-parole ; the subject-first order also works
    quote_first=True,
    report_verbs_re=(
        r"(?:a|ont)\s+(?:déclaré|annoncé|dit|indiqué|affirmé|précisé|ajouté)",
        "déclare",
        "annonce",
        "indique",
    ),
    talk_verbs_re=(r"(?:a|ont)\s+discuté",),
    verbs_re=(rf"(?:a|ont)\s+(?:{'|'.join(_VERBS)})", "déclare", "affirme", "annonce", "indique"),
    speaker_stops_re=(
        r"\s(?:que|qu['’]|à|au|aux|lors|dans|devant|sur|avec|pour|en|selon)(?=\s)",
        r",",
    ),
    complementisers=("que",),
    but=("mais",),
    and_words=("et",),
    according_to_re=(r"selon\s+", r"d['’]après\s+"),
    titles=words(
        "m mme monsieur madame ministre président présidente général docteur juge homologue"
    ),
    # Functions in news of any kind, the bodies they belong to, the domains they govern and
    # the words that qualify them; "de ..." after a role word is its complement.
    roles=words(
        # heads of state and government, ministers, parliaments, diplomats
        "président présidente présidents vice premier première ministre ministres ministère "
        "chancelier secrétaire secrétaire-général roi reine émir prince sultan monarque "
        "gouverneur maire préfet député députée sénateur sénatrice parlementaire ambassadeur "
        "ambassadrice envoyé consul diplomate délégué représentant négociateur médiateur "
        "conseiller conseillère porte-parole homologue "
        # justice, police, armed forces
        "juge juges tribunal cour procureur procureure parquet avocat avocate police "
        "gendarmerie armée armées militaires forces troupes général commandant chef cheffe "
        # officials and bodies
        "dirigeant dirigeante dirigeants leader responsable responsables directeur directrice "
        "gouvernement administration cabinet parlement assemblée sénat conseil comité "
        "commission autorité autorités agence département office bureau service union ligue "
        "nations organisation association fédération entreprise société coalition groupe "
        "mouvement parti partie côté délégation "
        # people in the news by what they do
        "journaliste reporter correspondant militant entraîneur capitaine "
        # qualifiers and domains
        "ancien ancienne ex feu intérimaire actuel sortant haut haute national nationale "
        "international internationale fédéral central suprême public indépendant électoral "
        "défense affaires étrangères intérieur santé finances économie justice éducation "
        "commerce industrie énergie agriculture transports culture environnement travail "
        "sécurité renseignement état"
    ),
    countries=table(
        "Amérique=US Grande-Bretagne=GB Angleterre=GB Palestine=PS Hollande=NL", str
    ),  # CLDR lacks them
    spokesman=(),  # "le porte-parole de X": the body spoken for follows "de"
    announcers=("porte-parole",),
    nationality_re=(
        r"\w{3,}(?:iens?|iennes?|éens?|éennes?|ains?|aines?|ais|aises?|ois|oises?|es?|ans?|anes?|"
        r"ols?|oles?)",  # iranien, européenne, marocain, libanaise, chinois, russe, espagnol
        r"(?:allemande?s?|britanniques?|américaine?s?|turcs?|turques?|grecs?|grecques?|belges?|"
        r"suisses?|arabes?|anglaise?s?|kurdes?|danoise?s?|néerlandaise?s?)",
    ),
    skeleton={"ç": "s"},
    future_re=(r"\bsera(?:it)?\b", r"\bseront\b", r"\baur(?:a|ont)\s+lieu\b"),
    in_person_re=(r"\bface\s+à\s+face\b", r"\ben\s+personne\b"),
    remote_re=(r"t[ée]l[ée]phon\w*", r"visioconf[ée]rence\w*", r"par\s+vid[ée]o\w*"),
    directions=words("nord sud est ouest centre"),
    places_generic=words("pays royaume"),
    place_nouns=words("province ville village région district capitale aéroport côte commune"),
    initiative=(
        *(
            f"{marker} {of}"
            for marker in (
                "à l'initiative",
                "à la demande",
                "à l'invitation",
                "sur l'invitation",
                "à l'appel",
                "sur proposition",
                "sur la proposition",
                "à la requête",
            )
            for of in ("de", "du", "des", "d'")
        ),
        *(
            f"{done}{e} par"
            for done in words("organisé convoqué accueilli revendiqué lancé initié demandé")
            for e in ("", "e", "s", "es")
        ),
    ),
    initiative_before=(r"(?:a|ont|avait|avaient)\s+initié(?:e|s|es)?(?!\w)",),
    # "the last / previous <event>": any noun but a word of time ("dernière semaine")
    previous_re=(
        r"(?<!\w)(?:dernier|dernière|précédent|précédente)\s+\w+",
        r"(?<!\w)\w+\s+(?:précédent|précédente)(?!\w)",
    ),
    locatives=("à", "au", "aux", "en", "dans", "près"),
    between=("entre", "avec"),
    range_links=(("entre", "et"),),
    first=("premier", "première", "premiers", "premières"),
    furniture_re=("lire aussi", "à lire aussi", "lire la suite", "temps de lecture", "mode sombre"),
    credits_re=("archives",),
    date_labels=("publié", "publié le", "mis à jour", "mis à jour le"),
    instructions_re=(
        r"\b(?:ignore[zr]?|oublie[zr]?)\s+(?:toutes\s+)?(?:les\s+)?(?:instructions|consignes)"
        r"\s+(?:précédentes|antérieures)",
        r"\b(?:instructions?|message)\s+(?:pour|à|au)\s+(?:l['’]ia|le\s+modèle|l['’]assistant|le\s+système)",
    ),
    stopwords=words(
        "le la les l de du des d un une et à au aux en dans sur pour par avec que qui qu est"
    ),
    example="fr",
)
