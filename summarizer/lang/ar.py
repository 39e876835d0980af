"""Arabic (Modern Standard, with Egyptian/Gulf and Levantine month names)."""

from __future__ import annotations

from . import LanguagePack, table, words

_DIACRITICS = "".join(
    chr(c) for c in (*range(0x064B, 0x0660), 0x0670, *range(0x06D6, 0x06EE), *range(0x0610, 0x061B))
)

_UNITS = ("الأول", "الثاني", "الثالث", "الرابع", "الخامس", "السادس", "السابع", "الثامن", "التاسع")
_COMPOUND = ("الحادي", *_UNITS[1:])  # 11, 21, 31 are written with الحادي
# the days of a month as ordinal words: الأول (1st) ... العاشر, الحادي عشر (11th) ... الحادي
# والثلاثين (31st)
_ORDINAL_DAYS = {
    **{u: n for n, u in enumerate(_UNITS, 1)},
    "العاشر": 10,
    **{f"{u} عشر": 10 + n for n, u in enumerate(_COMPOUND, 1)},
    "العشرين": 20,
    **{f"{u} والعشرين": 20 + n for n, u in enumerate(_COMPOUND, 1)},
    "الثلاثين": 30,
    "الحادي والثلاثين": 31,
}

PACK = LanguagePack(
    code="ar",
    name="Arabic",
    script="Arab",
    char_folds=table(
        "أ=ا إ=ا آ=ا ٱ=ا ٲ=ا ٳ=ا ى=ي ئ=ي ی=ي ې=ي ة=ه ۀ=ه ہ=ه ە=ه ؤ=و ک=ك گ=ك",
        str,
    ),
    digits=("٠١٢٣٤٥٦٧٨٩", "۰۱۲۳۴۵۶۷۸۹"),
    dropped="\u0640\u061c" + _DIACRITICS,
    conjunctions=("و", "ف"),
    date_prefixes=words("و ف ب ل وب ول فب فل"),
    article="ال",
    clitics_re=r"(?:[وف]?(?:لل|[بكل]?ال|[بكل])|[وف])",
    suffixes=words("ات ها هم ه"),
    dual_endings="اي",
    # the parts of a name that the next word, with the article, completes: عبد المجيد, أبو
    # الغيط, بن الحسين, آل الشيخ (the grammar of names: a definite noun is otherwise no name)
    name_links=words("عبد أبو أبي أبا ابن بن بنت آل ذو ذي"),
    sentence_marks=".!?؟",
    clause_marks=":،",
    commas=",;،؛",
    number_words=table(
        "واحد=1 واحدة=1 اثنان=2 اثنين=2 ثلاثة=3 ثلاث=3 أربعة=4 أربع=4 خمسة=5 خمس=5 ستة=6 ست=6 "
        "سبعة=7 سبع=7 ثمانية=8 ثماني=8 تسعة=9 تسع=9 عشرة=10 عشر=10 عشرون=20 عشرين=20 "
        "ثلاثون=30 ثلاثين=30 أربعون=40 أربعين=40 خمسون=50 خمسين=50 ستون=60 ستين=60 سبعون=70 "
        "سبعين=70 ثمانون=80 ثمانين=80 تسعون=90 تسعين=90 مئة=100 مائة=100",
        int,
    ),
    multipliers=table(
        "ألف=1000 ألفا=1000 آلاف=1000 الف=1000 مليون=1e6 ملايين=1e6 مليونا=1e6 مليار=1e9 "
        "مليارات=1e9",
        float,
    ),
    bounds=table(
        "على_الأقل=min ما_لا_يقل_عن=min لا_يقل_عن=min أكثر_من=above ما_يزيد_عن=above "
        "ما_يزيد_على=above يزيد_عن=above أزيد_من=above أقل_من=below ما_يصل_إلى=max "
        "نحو=about حوالي=about حوالى=about قرابة=about زهاء=about ما_يقارب=about يقارب=about "
        "نحوا=about",
        str,
    ),
    bounds_after=table("على_الأقل=min تقريبا=about", str),
    percent=("في المئة", "في المائة", "بالمئة", "بالمائة", "في المية"),
    change_words=("بمقدار", "بواقع"),
    modals=words("قد ربما يمكن يتوقع يُتوقع متوقع"),
    persons=words("شخص شخصا أشخاص اشخاص مواطن مواطنا"),
    currencies=table("يورو=EUR دولار=USD دولارا=USD إسترليني=GBP", str),
    measure_units=table(
        "كم=km كيلومتر=km كيلومترا=km كيلومترات=km ميل=mi ميلا=mi أميال=mi متر=m مترا=m "
        "أمتار=m طن=t طنا=t أطنان=t كيلوغرام=kg كيلوغراما=kg كلغ=kg كغ=kg برميل=bbl "
        "براميل=bbl",
        str,
    ),
    per_day=("يوميا", "في اليوم"),
    count_nouns=words("قتيل جريح شخص طفل سجين جندي ضحية رهينة"),
    counted=table(
        "قتيل=dead قتلى=dead قتل=dead مقتل=dead وفاة=dead وفيات=dead الوفيات=dead توفي=dead "
        "ضحايا=dead حتفهم=dead حتفه=dead مصرع=dead جثث=dead جثة=dead "
        "جريح=injured جرحى=injured إصاب=injured اصاب=injured مصاب=injured "
        "مفقود=missing المفقود=missing فقد=missing نازح=displaced مشرد=displaced تشريد=displaced "
        "صوت=votes اصوات=votes أصوات=votes ناخب=votes مشاركة=turnout إقبال=turnout "
        "سجن=prison سراح=prisoners أفرج=prisoners سجين=prisoners سجناء=prisoners "
        "معتقل=prisoners أسرى=prisoners "
        "قوة=magnitude درجات=magnitude ريختر=magnitude عمق=depth غرامة=fine تبادل=prisoners "
        "عضو=members أعضاء=members آخرين=others آخرون=others منذ=since",
        str,
    ),
    approx=("نحو", "حوالي", "حوالى", "قرابة", "زهاء", "أكثر من", "أقل من", "ما يقارب", "يقارب"),
    units_re=(
        (r"(?:ال)?(?:شهرين|شهران)", 1, True),
        (r"(?:ال)?(?:عامين|عامان|سنتين|سنتان)", 12, True),
        (r"(?:ال)?(?:اسبوعين|اسبوعان)", 12 / 52, True),
        (r"(?:ال)?(?:يومين|يومان)", 12 / 365, True),
        (r"(?:ال)?(?:شهر|شهرا|اشهر|شهور)", 1, False),
        (r"(?:ال)?(?:عام|عاما|اعوام|سنه|سنوات|سنين)", 12, False),
        (r"(?:ال)?(?:اسبوع|اسابيع)", 12 / 52, False),
        (r"(?:ال)?(?:يوم|يوما|ايام)", 12 / 365, False),
        (r"(?:ال)?(?:ساعتين|ساعتان)", 12 / 8766, True),
        (r"(?:ال)?(?:ساعه|ساعات)", 12 / 8766, False),
        (r"(?:ال)?(?:دقيقتين|دقيقتان)", 12 / 525960, True),
        (r"(?:ال)?(?:دقيقه|دقائق)", 12 / 525960, False),
    ),
    single_units=words("شهر عام سنه اسبوع يوم"),
    since=("منذ", "مُنذ"),
    day_range_links=("إلى", "الى", "و", "حتى", "لغاية"),
    ordinal_days=_ORDINAL_DAYS,
    day_of=("من",),
    month_words=("شهر",),
    months=table(
        "يناير=1 كانون_الثاني=1 فبراير=2 شباط=2 مارس=3 آذار=3 أبريل=4 إبريل=4 نيسان=4 مايو=5 "
        "أيار=5 يونيو=6 يونيه=6 حزيران=6 يوليو=7 يوليه=7 تموز=7 أغسطس=8 آب=8 سبتمبر=9 أيلول=9 "
        "أكتوبر=10 تشرين_الأول=10 نوفمبر=11 تشرين_الثاني=11 ديسمبر=12 كانون_الأول=12 "
        # Maghreb (Morocco, Algeria, Tunisia) names
        "ماي=5 يوليوز=7 غشت=8 شتنبر=9 نونبر=11 دجنبر=12 "
        "جانفي=1 فيفري=2 أفريل=4 جوان=6 جويلية=7 أوت=8",
        int,
    ),
    weekdays=(
        ("الاثنين", "الإثنين"),
        ("الثلاثاء",),
        ("الأربعاء",),
        ("الخميس",),
        ("الجمعة",),
        ("السبت",),
        ("الأحد",),
    ),
    relative_days=table("اليوم=0 الليلة=0 أمس=-1 البارحة=-1 أول_أمس=-2 أمس_الأول=-2 غدا=1", int),
    other_time=words("منذ بعد قبل حتى"),
    last_year=("العام الماضي", "السنة الماضي", "عام الماضي"),
    year_words=("عام",),
    verb_first=True,
    report_verbs_re=words("قال أعلن اعلن ذكر أفاد افاد أوضح اوضح صرح أضاف اضاف كتب أكد اكد"),
    verbs_re=words(
        "قال أكد اكد أعلن اعلن أشار اشار أفاد افاد أوضح اوضح ذكر أضاف اضاف صرح اعتبر نفى نف "
        "اتهم حذر شدد دعا دع طالب هدد بحث ناقش تناول تطرق أبلغ ابلغ أعرب اعرب "
        "ناشد كشف تحدث كتب وصف يقول تقول يضيف تضيف يؤكد تؤكد يشير تشير يتهم تتهم "
        "رحب أدان ادان انتقد أشاد اشاد هنأ"
    ),
    verb_endings_re="(?:ت|ا|تا)",
    speaker_stops_re=(
        r"\s(?:أن|أنّ|إن|إنّ|ان|بأن|بأنّ|إلى|الى|على|من|عن|مع|خلال|في|عبر|لـ|بـ|نظير\w*|بشأن)(?=\s)",
        r"\sبال\w+",  # "welcomed X with-the decision": the object, not the speaker
        r"\s(?:إنه|أنه|بأنه|إنها|أنها|بأنها)(?=\s)",
        r"\s(?:مساء|صباح|فجر|ظهر|عصر|ليلة|ليل)(?=\s)",
        r"\s*،|,(?!\d)",
    ),
    asides=words("في خلال عبر يوم وهو وهي بعد قبل بشأن حول"),
    complementisers=(
        *("بأن", "بأنّ", "إلى أن", "إلى أنّ", "أن", "أنّ", "إن", "إنّ"),
        *("بأنه", "بأنها", "أنه", "أنها", "إنه", "إنها"),
    ),
    but=("لكن", "لكنّ", "كما"),
    and_words=("و",),
    according_to_re=(r"(?:وفقا|وفقاً|طبقا|طبقاً)\s*(?:ل|لـ)\s*", r"(?:بحسب|حسب)\s+"),
    according_then=("فإن", "فإنّ", "فان"),
    fillers=words("كان وكان كانت وكانت قد وقد"),
    pronouns=("المصدر نفسه", "نفس المصدر", "المصدر ذاته", "المصدر"),  # the previous source
    relatives=words("الذي التي الذين"),
    titles=words(
        "السيد السيدة الوزير وزير الرئيس رئيس الجنرال الدكتور الدكتورة المتحدث الشيخ "
        "الملك الملكة الأمير الأميرة السلطان المشير اللواء العميد العقيد القاضي القاضية"
    ),
    # Functions in news of any kind, the bodies they belong to and the domains they govern
    # (also without the article: the construct state, "وزير خارجية ..."). A role word takes
    # its complement: the definite words, places and nationality adjectives after it.
    roles=words(
        # heads of state and government, ministers, parliaments, diplomats
        "رئيس رئيسة رؤساء رئاسة نائب نواب وزير وزيرة وزيرا وزيري وزراء الوزيرين الوزيران وزارة "
        "وزارتا ولي عهد حاكم محافظ والي عمدة بلدية سفير سفيرة سفراء "
        "سفارة مبعوث ممثل مندوب قنصل برلمان مجلس نائبة أمين الأمين أمانة حكومة دولة "
        # justice, police, armed forces
        "قاض قاضي قاضية قضاة محكمة محاكم نيابة مدعي محام محامي محامية شرطة جيش قوات قائد قادة "
        "مرشح مرشحة مرشحين مرشحون "
        "جنرال لواء عميد عقيد مشير أركان "
        # officials, bodies, sides
        "زعيم زعماء مدير مديرة مديرية مسؤول مسؤولة مسؤولون مسؤولين مسئول متحدث ناطق مستشار "
        "مستشارة مفوض مفوضية لجنة هيئة سلطة منظمة جامعة اتحاد حزب حركة وكالة مكتب دائرة إدارة "
        "مؤسسة جهاز شركة جانب الجانبين طرف وفد نظير البلدين "
        # people in the news by what they do
        "صحافي صحفي مراسل كاتب ناشط معارض مدرب لاعب "
        # domains
        "دفاع خارجية داخلية صحة مالية عدل تعليم تربية اقتصاد تجارة صناعة طاقة زراعة نقل ثقافة "
        "إعلام أمن شؤون"
    ),
    countries=words("أمريكا أميركا امريكا بريطانيا فلسطين"),  # common names the CLDR lacks
    spokesman=("باسم",),  # "in the name of": the body spoken for follows
    announcers=("متحدث", "المتحدث", "متحدثة", "المتحدثة", "ناطق", "الناطق", "الناطقة"),
    nationality_re=(
        r"(?:ال)?\w{2,}(?:ي|يه|يان|يين|يون|يتان|يتين)",  # nisba: الروسي، أمريكية، المصريين
        r"(?:ال)?عرب(?:ي|يه|يان|يين|يون)",
    ),
    skeleton=table(
        "ب=b ت=t ث=t ج=g ح=h خ=k د=d ذ=z ر=r ز=z س=s ش=S ص=s ض=d ط=t ظ=z غ=g ف=f ق=k ك=k ل=l "
        "م=m ن=n ه=h ڤ=f پ=b چ=S گ=g",
        str,
    ),
    in_person_re=(r"وجه[اًا]*\s+لوجه", r"حضوري\w*"),
    remote_re=(r"هاتف\w*", r"(?:عبر|بواسطة)\s+(?:الفيديو|تقنية\s+الفيديو)", r"مرئي\w*"),
    directions=words("شمال جنوب شرق غرب وسط شمالي جنوبي شرقي غربي شمالية جنوبية شرقية غربية"),
    places_generic=words("البلاد الدولة المملكة دول"),
    place_nouns=words("إقليم ولاية محافظة مدينة منطقة بلدة قرية العاصمة مطار ساحل"),
    initiative=(
        # at the initiative / request / invitation of
        *words("بمبادرة بطلب بدعوة"),
        *(f"{m} من" for m in words("بمبادرة بطلب بدعوة مبادرة")),
        *(f"{b} على {m}" for b in ("بناء", "بناءً") for m in ("طلب", "دعوة", "مبادرة")),
        *(f"{b} على {m} من" for b in ("بناء", "بناءً") for m in ("طلب", "دعوة", "مبادرة")),
        # a verb with the event as its object pronoun; its agent follows (verb first):
        # organised it, called for it, hosted it, claimed it
        *words("نظمها نظمه نظمتها نظمته استضافها استضافه استضافتها استضافته"),
        *words("تبناها تبناه تبنتها تبنته"),
        *(f"{v} {p}" for v in ("دعا", "دعت") for p in words("إليها إليه اليها اليه")),
    ),
    initiative_before=(r"(?:هو|هي)\s+(?:من|التي|الذي)\s+(?:بدأ|بدأت|بادر|بادرت|طلب|طلبت)(?!\w)",),
    # "the last <event>" (آخر before its noun; الأخير / السابق after it): any noun
    previous_re=(
        r"(?<!\w)[وف]?(?:آخر|اخر)\s+\w+",
        r"(?<!\w)[وفبل]?(?:ال|لل)\w+\s+(?:الأخير|الاخير|الأخيرة|الاخيرة|السابق|السابقة)(?!\w)",
    ),
    between=("بين", "مع"),
    range_links=(("بين", "و"),),
    first=("أول", "أولى", "الأولى"),
    furniture_re=(
        "دقائق القراءة",
        "اقرأ أيضا",
        "اقرأ أيضاً",
        "إقرأ أيضا",
        "اقرأ المزيد",
        "الوضع المظلم",
        "شارك",
    ),
    credits_re=(
        r"رويترز",
        r"أ\s*ف\s*ب",
        r"فرانس برس",
        r"أرشيف(?:ية)?",
        r"إرشيفية",
        r"(?:لل|ال)?أسوشيتد\s*برس",
    ),
    date_labels=("نشر", "نشر في", "نشر بتاريخ", "تاريخ النشر", "آخر تحديث", "تحديث"),
    photo_re=("صورة", "الصورة"),
    instructions_re=(
        r"تجاهل\w*\s+(?:جميع\s+|كل\s+)?(?:التعليمات|الأوامر|الإرشادات)",
        r"(?:تعليمات|أوامر|رسالة)\s+(?:إلى|الى|لل)?\s*(?:النظام|النموذج|الذكاء\s+الاصطناعي|المساعد)",
        r"(?:أنت|انت)\s+(?:الآن\s+)?(?:نموذج|مساعد|ذكاء\s+اصطناعي)",
    ),
    stopwords=words(
        "في من على الى إلى عن مع أن إن هو هي التي الذي بين منذ بعد قبل و ما لا كان قد ان حتى الآن"
    ),
    example="ar",
)
