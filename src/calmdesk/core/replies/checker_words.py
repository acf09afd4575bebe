"""Word lists for the reply checker (calmdesk.core.replies.checker): jargon with plain
wordings, known acronyms, empathy phrases, the organisation's own email names and the words
for each remedy. British and American spellings both appear where they differ.
"""

from __future__ import annotations

import re

from calmdesk.core.regex_gate import first_char_gate

_F = re.IGNORECASE


def _term(pattern: str, case_sensitive: bool = False) -> re.Pattern[str]:
    whole = r"(?<![\w-])(?:" + pattern + r")(?![\w-])"
    flags = 0 if case_sensitive else _F
    return re.compile(first_char_gate(whole, flags) + whole, flags)


# Technical or internal terms a non-specialist customer may not know, with plain words.
JARGON: list[tuple[re.Pattern[str], str]] = [
    (_term(r"firmware"), "the device's built-in software"),
    (
        _term(r"(?:clear|flush) (?:the |your )?(?:DNS|cache)(?: and cookies)?"),
        "clear your saved browsing data",
    ),
    (_term(r"DNS (?:settings|server|cache|records?)"), "internet settings"),
    (_term(r"(?:IP|MAC) address"), "the device's network address"),
    (
        _term(r"(?:power[- ]cycle|hard reset|factory reset)"),
        "switch it off at the wall for a minute and back on",
    ),
    (_term(r"(?:backend|back-end|back end) (?:system|team|server)s?"), "our systems"),
    (_term(r"(?:tier|level) ?(?:2|3|two|three)(?: support| team)?"), "a specialist colleague"),
    (_term(r"(?:L2|L3)(?: support| team)?", case_sensitive=True), "a specialist colleague"),
    (
        _term(r"(?:raise|raised|open|opened|log|logged) (?:a|an) (?:P[1-4]|ticket|incident)"),
        "make a note for the team",
    ),
    (_term(r"(?:escalation|service) ticket"), "request"),
    (_term(r"(?:ticket|case) (?:queue|workflow)"), "list of requests"),
    (_term(r"(?:SKU|SKUs)", case_sensitive=True), "product code"),
    (_term(r"(?:RMA|RMAs)", case_sensitive=True), "returns number"),
    (_term(r"(?:SLA|SLAs)", case_sensitive=True), "the time we promise"),
    (_term(r"(?:chargeback|charge-back)"), "a payment reversal through your bank"),
    (_term(r"pro[- ]rat(?:a|ed|ing)"), "for the part of the month you used"),
    (_term(r"(?:ETA)", case_sensitive=True), "expected arrival"),
    (_term(r"(?:IMEI|ICCID)", case_sensitive=True), "your phone's serial number"),
    (_term(r"(?:POD)", case_sensitive=True), "proof of delivery"),
    (_term(r"(?:authori[sz]ation hold|pre-?authori[sz]ation)"), "a temporary hold on the money"),
    (_term(r"(?:reconcil(?:e|ed|iation) (?:the|your) (?:ledger|account))"), "check your payments"),
    (_term(r"(?:latency|packet loss|bandwidth throttling|throughput)"), "slow connection"),
    (_term(r"(?:re-?)?provision(?:ing|ed)"), "setting up your service"),
    (_term(r"(?:API|APIs)", case_sensitive=True), "our systems"),
    (_term(r"(?:BIOS|UEFI)", case_sensitive=True), "the computer's start-up settings"),
    (_term(r"(?:TCP/IP|DHCP|SSID|VLAN|NAT type)", case_sensitive=True), "network settings"),
    (_term(r"(?:end of life|EOL)"), "no longer supported"),
    (_term(r"(?:carrier scan|hub scan|line-?haul)"), "a tracking update"),
    (
        _term(r"(?:debit reversal|BACS recall|direct debit indemnity claim)"),
        "getting the payment back through your bank",
    ),
    (_term(r"(?:non-conformity|non-conforming goods)"), "faulty goods"),
    # Seventh round (issue 5): legal Latin and French, and the process nouns of housing,
    # payments and ticketing, to a customer who wrote in plain words ("decanted to an
    # alternative unit pursuant to the Licence Variation Schedule", "pulled under force
    # majeure", "the chargeback-neutral payout rail", "the BACS re-presentation run").
    (
        _term(
            r"pursuant to|force majeure|hereinafter|aforementioned|inter alia|notwithstanding|"
            r"in lieu(?: of)?|ex gratia|prima facie|bona fide|de minimis|sui generis"
        ),
        "[the same in plain words]",
    ),
    (
        _term(
            r"decant(?:ed|ing)?|compartmentation|asset[- ]management|dilapidations|"
            r"(?:variation|licence|tenancy) (?:schedule|variation|instrument)|"
            r"(?:payout|payment|settlement) rails?|(?:chargeback|charge-back)-[\w]+|"
            r"[\w]+-neutral|re-?presentation(?: run)?|(?:billing|payment|settlement) cycle run|"
            r"auto-?(?:applied|reallocat\w+|allocat\w+|reconcil\w+)|re-?ledger\w*|"
            r"(?:route|account|line)-level|exception reconciliation|primary ticketing agent"
        ),
        "[the same in plain words: what it is and what it means for you]",
    ),
    (_term(r"(?:consequential loss(?:es)?)"), "other costs this caused you"),
    (_term(r"(?:per the SOP|SOP)", case_sensitive=True), "our usual process"),
    # Eighth round (issue 5): the trade words of claims, metering, optics, transport, vehicles
    # and solar that an agent uses about their own process, to a customer who wrote in plain
    # words ("Subrogation and the reserve review remain outstanding", "a catch-up on your
    # metered volumetric charge following an actual read", "the near addition may be
    # under-corrected", "a PVR shortfall"): families of process nouns, not single sentences.
    (
        _term(
            r"subrogat\w+|(?:claim |loss )?reserve (?:review|adjustment|movement)|"
            r"underwrit(?:er|ers|ing) (?:review|referral|"
            r"sign-?off)|indemnity (?:period|limit|basis)|betterment|average clause|contribution "
            r"clause|s\.\s?\d+[a-z]? (?:report|notice|assessment)|section \d+[a-z]? (?:report|"
            r"assessment)"
        ),
        "[the claim step in plain words: who is doing what, and when you will hear]",
    ),
    (
        _term(
            r"volumetric (?:charge|rate|tariff|billing)|(?:metered|unmetered) (?:volumetric|"
            r"charge|supply)|(?:actual|estimated|consecutive estimated|customer|smart) (?:meter )?"
            r"reads?|catch-up (?:bill|charge|read|on your)|standing charge apportionment|"
            r"assessed (?:volume|charge)|sewerage (?:charge|rate) (?:basis|allowance)"
        ),
        "[the bill in plain words: what you used, what we estimated, and the difference]",
    ),
    (
        _term(
            r"near (?:add|addition)|(?:under|over)-?correct(?:ed|ion)|fitting (?:cross|height)|"
            r"pupillary (?:centre|center|distance)|reading corridor|progressive "
            r"corridor|(?:base|prism) (?:curve|correction)|vertex distance"
        ),
        "[what is wrong with the glasses, in plain words]",
    ),
    (
        _term(
            r"duty (?:schedule|board|roster)s? (?:couldn't|could not|can't|cannot|was|were) "
            r"(?:be )?recast|recast|lost mileage|curtail(?:ed|ment)|"
            r"(?:DPF|diesel particulate filter) regen(?:eration)?s?|regen (?:cycle|logs?)|"
            r"inverter clipping|export (?:limitation|limiting)|(?:G98|G99) (?:application|"
            r"approval|notification)"
        ),
        "[the same in plain words]",
    ),
    # Tenth round (issue 5): the desk words of lost baggage, hospital waiting lists and
    # restaurant bookings, said to a customer who wrote in plain words ("your property
    # irregularity report", "a rush tag on the next sector", "your RTT pathway and its clock
    # start", "an e-RS referral", "covers of 10+ with a minimum F&B spend per head").
    (
        _term(
            r"property irregularity report|PIR|WorldTracer|OHD (?:record|report)|"
            r"rush[- ]tag(?:ged)?|"
            r"(?:next|onward|connecting) (?:available )?sector|final[- ]mile(?: delivery)?|"
            r"(?:bag|baggage|file) (?:trace|tracing) (?:status|record)|description profile"
        ),
        "[what is happening to the bag, in plain words]",
    ),
    (
        _term(
            r"RTT(?: pathway| standard| clock)?|referral[- ]to[- ]treatment(?: standard| "
            r"pathway| time)?|clock[- ](?:start|stop|pause)|e-RS(?: referral| triage)?|2WW|"
            r"(?:two|2)[- ]week[- ]wait(?: referral| pathway)?|(?:on|onto) (?:an?|the|your) "
            r"(?:\w+ )?pathway"
        ),
        "[where the referral is and when the appointment will come, in plain words]",
    ),
    (
        _term(
            r"(?:group |party |table )covers|covers of \d+\+?|(?:minimum |min\.? )?(?:F&B|food "
            r"and beverage|food & beverage) (?:spend|minimum)|spend per head|pre-?authori[sz]ed "
            r"(?:deposit|payment|hold)"
        ),
        "[the booking terms in plain words]",
    ),
]

# Abbreviations that are fine for anyone (never jargon, never shouting).
KNOWN_ACRONYMS: frozenset[str] = frozenset(
    [
        "UK",
        "US",
        "USA",
        "EU",
        "OK",
        "DM",
        "DMS",
        "FAQ",
        "FAQS",
        "ID",
        "PIN",
        "TV",
        "PC",
        "ATM",
        "SMS",
        "GPS",
        "VAT",
        "PS4",
        "PS5",
        "PS",
        "XBOX",
        "HD",
        "USB",
        "PDF",
        "NHS",
        "BBC",
        "ITV",
        "UPS",
        "DHL",
        "USPS",
        "FEDEX",
        "TNT",
        "DPD",
        "BT",
        "EE",
        "PM",
        "AM",
        "GMT",
        "BST",
        "EST",
        "PST",
        "PDT",
        "EDT",
        "CST",
        "UTC",
        "CET",
        "MR",
        "MRS",
        "MS",
        "DR",
        "NB",
        "PS",
        "APP",
        "IOS",
        "MAC",
        "WIFI",
        "WI",
        "LOL",
        "BTW",
        "FYI",
        "ASAP",
        "TBC",
        "TBD",
        "RSVP",
        "NYC",
        "LA",
        "SF",
        "CEO",
        "HQ",
        "IT",
        "HR",
        "DVD",
        "CD",
        "MP3",
        "MP4",
        "LED",
        "LCD",
        "GB",
        "MB",
        "KB",
        "TB",
        "HDMI",
        "URL",
        "WWW",
        "HTTP",
        "HTTPS",
        "COVID",
        "NFL",
        "NBA",
        "MLB",
        "NHL",
        "ESPN",
        "HBO",
        "ABC",
        "CBS",
        "NBC",
        "FOX",
        "AT&T",
        "ATT",
        "VPN",
        "SIM",
        "PAYG",
        "YT",
        "IG",
        "FB",
        "EA",
        "EAS",
        "PSN",
        "NSO",
        "MMS",
        "PST",
        "ET",
        "CT",
        "MT",
        "CA",
        "NY",
        "TX",
        "FL",
        "UX",
        "UI",
        "AI",
        "NINTENDO",
        "SONY",
        "AMAZON",
        "APPLE",
        "XFINITY",
        # Everyday abbreviations and capitalised words that are not jargon for anyone.
        "HI",
        "HEY",
        "WHO",
        "ZIP",
        "SD",
        "UHD",
        "4K",
        "DVR",
        "RIP",
        "BBQ",
        "DIY",
        "SOS",
        "VIP",
        "PR",
        "QR",
        "PO",
        "AKA",
        "ETC",
        "IE",
        "EG",
        "IOU",
        "AGM",
        "MOT",
        "MP",
        "GP",
        "A&E",
        "RSPCA",
        "DVLA",
        "HMRC",
        "DWP",
        "NASA",
        "FBI",
        "CIA",
        "IRS",
        "DMV",
    ]
)

# Abbreviations a non-specialist may not know, with plain words (jargon only).
ACRONYMS_PLAIN: dict[str, str] = {
    "T&C": "our terms",
    "AWB": "tracking number",
    "CSR": "customer adviser",
    "KYC": "identity checks",
    "AML": "anti-fraud checks",
}

# Acknowledgement and empathy (C4 3.4; C1 3.4).
EMPATHY: re.Pattern[str] = re.compile(
    r"(?<![\w'\u2019])(?:sorry|yikes|rest assured|difficult time|not the \w+ experience|"
    r"that['\u2019]s (?:insane|crazy|strange|odd|weird)|here to help|we can help|"
    r"can help with that|"
    r"help['\u2019]s here|happy to (?:look|help|assist)|oh no|uh[- ]oh|oof|ugh|no fun|bummer|"
    r"not cool|"
    r"(?:where|what) you['\u2019]re coming from|(?:that|this) is (?:odd|strange|not right)|"
    r"(?:this|that)['\u2019]s (?:odd|strange|not right)|apolog\w*|understand\w*|understandabl\w*|"
    r"frustrat\w*|"
    r"appreciate|I can see (?:how|why|that you|you|this|that this|what)|"
    r"I can (?:only )?imagine|I can hear|I hear you|"
    # "That must be so stressful", not a requirement ("forms must be submitted").
    r"(?:that|this|it|which|you|they)(?: really| surely)? must (?:be|have "
    r"been)(?! (?:submitted|sent|made|paid|returned|received|completed|signed|booked|used|"
    r"done|provided|given|kept|at least|over|aged|registered|logged|signed)\b)|"
    r"(?:that|this) sounds|thanks? (?:you )?(?:so much |very much )?for (?:your patience|"
    r"bearing|letting|telling|raising|explaining|flagging|waiting|bringing)|"
    r"(?:your|the|these|those|this|that|any|my|our) concerns?|concerning|"
    r"(?:concerned|concerns) (?:about|for|to|that|by)|(?:I|we)(?:['\u2019]m|['\u2019]re| am| are)"
    r" (?:\w+ )?concerned|worr\w*|upsett?\w*|disappoint\w*|annoy\w*|not what you|let (?:you )?down|"
    r"I know how|(?:completely|totally) get|not the experience|hate to (?:hear|see)|"
    # "Unfortunately" reports a fact ("these things happen, unfortunately"); it acknowledges
    # no feeling. "That's unfortunate" does.
    r"sad to (?:hear|see)|unfortunate(?!ly)|not ideal|stressful|inconvenien\w*|"
    r"(?:we|I)['\u2019]d (?:like|love) to help|(?:we|I)(?: want| are here| am here|"
    r"['\u2019]re here|"
    r"['\u2019]m here) to help|happy to help|glad to help|(?:we|I)['\u2019]ll help|"
    r"help you (?:with|get)|"
    r"sympath\w*|that['\u2019]s (?:not good|awful|terrible|no good)|feel(?!\s+free)\w*|"
    r"no wonder|of course you|you['\u2019]re right to|fair (?:point|question)|"
    # Other ways to acknowledge: "what a horrible experience", "that's not on", "you have every
    # right to be annoyed", "I'd be upset too", "I get why".
    r"what an? (?:\w+ )?(?:horrible|awful|terrible|rotten|miserable|nightmare|pain|shame|mess|"
    r"ordeal)|(?:that['\u2019]s|that is|this is) (?:really |just |so )?(?:not on|not acceptable|"
    r"unacceptable|rubbish|rotten|a pain|a shame|a nightmare|horrible|dreadful|shocking|poor)|"
    r"every right|(?:I['\u2019]d|I would) (?:be|feel) (?:the same|\w+ too)|"
    r"(?:I|we) (?:can |do |totally |completely )*(?:see|get) why|"
    r"(?:we|I) (?:hear|get) (?:you|that))(?![\w'\u2019])",
    _F,
)

# Local parts of an organisation's own addresses: not a customer's personal data.
ORG_EMAIL_LOCAL: frozenset[str] = frozenset(
    [
        "support",
        "help",
        "helpdesk",
        "care",
        "customercare",
        "customerservice",
        "customerservices",
        "service",
        "services",
        "info",
        "enquiries",
        "enquiry",
        "inquiries",
        "contact",
        "contactus",
        "hello",
        "press",
        "media",
        "privacy",
        "accessibility",
        "feedback",
        "complaints",
        "complaint",
        "team",
        "admin",
        "sales",
        "billing",
        "accounts",
        "returns",
        "noreply",
        "no-reply",
        "donotreply",
        "webmaster",
        "orders",
        "legal",
        "security",
        "abuse",
        "appeals",
        "dataprotection",
        "dpo",
        "social",
    ]
)

# Parts of a local name that mark an organisation's address (reportphish@, uksupport@).
ORG_EMAIL_PARTS: tuple[str, ...] = (
    "support",
    "help",
    "service",
    "report",
    "phish",
    "fraud",
    "abuse",
    "enquir",
    "inquir",
    "feedback",
    "privacy",
    "complain",
    "noreply",
    "no-reply",
    "customer",
)

# Common words that, written in capitals, read as shouting (acronyms and names do not).
SHOUTED_WORDS: frozenset[str] = frozenset(
    [
        "NOT",
        "NO",
        "YOU",
        "YOUR",
        "YOU'RE",
        "DO",
        "DON'T",
        "DID",
        "DIDN'T",
        "ALL",
        "NOW",
        "MUST",
        "NEVER",
        "ANY",
        "WILL",
        "WON'T",
        "CAN",
        "CAN'T",
        "CANNOT",
        "THE",
        "AND",
        "STOP",
        "ONE",
        "WHY",
        "WE",
        "ONCE",
        "AGAIN",
        "ALREADY",
        "PLEASE",
        "READ",
        "LISTEN",
        "CLEARLY",
        "TOLD",
        "SAID",
        "EXPLAINED",
        "TIMES",
        "TIME",
        "THIS",
        "THAT",
        "IS",
        "ARE",
        "WAS",
        "WERE",
        "HAVE",
        "HAS",
        "HAD",
        "NOTHING",
        "EVERYTHING",
        "ANYTHING",
        "EVER",
        "ONLY",
        "FINAL",
        "LAST",
        "WARNING",
        "FAULT",
        "RULES",
        "POLICY",
        "RULE",
        "STATED",
        "THREE",
        "TWICE",
        "MORE",
        "NEED",
        "REALLY",
        "VERY",
        "SIMPLY",
        "JUST",
        "SAME",
        "DOES",
        "DOESN'T",
        "ISN'T",
        "AREN'T",
        "SHOULD",
        "WOULD",
        "COULD",
        "OUR",
        "MY",
        "ME",
        "UNDERSTAND",
        "BEFORE",
        "WAIT",
        "ACCEPT",
        "REFUSED",
        "REFUND",
        "NONE",
        "FOR",
        "WITH",
        "WITHOUT",
        "UNTIL",
        "OR",
        "IF",
        "IMPORTANT",
        "ABSOLUTELY",
        "DEFINITELY",
        "CERTAINLY",
        "TOTALLY",
        "ENTIRELY",
        "FULLY",
        "HERE",
        "THERE",
        "WHAT",
        "WHEN",
        "HOW",
        "NOBODY",
        "EVERYONE",
        "NOONE",
        "SORRY",
        "OKAY",
        "FINE",
        "BACK",
        "OFF",
        "CALL",
        "EMAIL",
        "WRITE",
        "SEND",
        "AGREE",
        "SIGNED",
        "TERMS",
        "CONDITIONS",
        "RECEIPT",
        "PROOF",
        "CHECK",
        "CHECKED",
    ]
)

# Words for each remedy (Remedy values), added to the policy's own labels.
REMEDY_WORDS: dict[str, tuple[str, ...]] = {
    "refund": (
        "refund",
        "refunds",
        "refunded",
        "refunding",
        "money back",
        "[£$€]\\s?\\d[\\d,.]* back",  # "you'll get £70 back"
        "reimburse\\w*",
        "compensation",
        "compensate",
        # Tenth round (issue 5): money paid for the loss or taken off the bill, in other
        # words ("we'll pay the full £900 for the sofa", "I've taken the whole £120 off your
        # bill", "I've removed the £75 charge from your account").
        "(?<=ll\\x20)pay (you )?(the )?(full |whole |entire )?([£$€]\\s?\\d[\\d,.]*|cost|"
        "price|value|amount)",
        "(removed?|removing|taken?|took|taking|knock(ed)?|wiped?|wiping|written) (off )?(the )?"
        "(full |whole |entire )?([£$€]\\s?\\d[\\d,.]*|charges?|fee|amount|balance)( charge| fee)? "
        "(from|off) (your|the) (bill|invoice|account|balance|statement)",
    ),
    "credit_note": (
        "credit note",
        "store credit",
        "account credit",
        "credit",
        "credits",
        "credited",
        "crediting",
    ),
    "goodwill_gesture": (
        "goodwill( gesture| payment)?",
        "gesture of goodwill",
        "voucher",
        "vouchers",
        "gift card",
        "gift voucher",
        "e-?voucher",
        # Sixth round (issue 5): something given free, or money taken off ("six free months",
        # "free of charge", "on us", "I'll take £200 off next month's rent").
        "free (months?|weeks?|boxes|nights?|sessions?|lessons?|deliver(y|ies)|upgrades?|"
        "membership|subscription|servicing|service)",
        "free of charge",
        "on us(?=[.!,;]|$)",
        "on the house",
        "[£$€]\\s?\\d[\\d,.]* off",
        # Seventh round (issue 5): whatever is given "to say sorry" or "for the hassle" is a
        # goodwill gesture, whatever it is called (app credit, gems, free kWh).
        "to say sorry",
        "(as|by way of) (an |a |a small |a little )?(apology|sorry|thank you)",
        "for the (hassle|inconvenience|trouble|upset|disruption|bother|wait)",
        "to make up for (it|this|that|the [\\w-]+)",
        # a fee or charge let off ("I'm going to waive the £80 fee")
        "waive|waived|waiving|write off|written off",
    ),
    "replacement": (
        "replacement",
        "replace",
        "replaced",
        "new one",
        "swap",
        "exchange",
        # Fifth round (issue 5): the new thing named itself: "a brand-new phone".
        "brand[- ]new [\\w-]+",
        # Sixth round (issue 5): "a whole new pram", "a completely new pair".
        "(whole|completely|entirely|totally) new [\\w-]+",
    ),
    "alternative_product": (
        "alternative( product| model)?",
        "upgrade",
        # (Tenth round: "I've upgraded all four of you to the premium tier".)
        "upgraded|upgrading",
        "different model",
        # Something else sent in its place: "we'll send you the Pro 1200 instead".
        "instead",
        "in its place",
    ),
    "repair": ("repair", "repaired", "fix it", "engineer visit"),
    "technical_support": ("technical support", "tech support", "specialist call"),
    "non_technical_support": ("help with (your|the) (order|account)",),
    "advice": ("advice", "guidance"),
}


# ---------------------------------------------------------------- over-simplified wording

# Over-simplified wording a specialist customer (one who wrote with model numbers, error codes
# or technical terms) finds patronising or empty (issue 5 "Checking"; C1 2.2, C4 2.3: speak to
# the customer's level). Checked only when the customer is known to be a specialist. Each
# pattern is a whole phrase, not a single common word: "basically" is found only where it
# introduces a simplified explanation ("basically, ..." / "basically means" / "basically
# what happened"), never as a hedge inside a precise sentence ("it's basically the same
# build" is left alone). Each has a precise wording as its suggestion.
OVERSIMPLIFIED: list[tuple[re.Pattern[str], str]] = [
    (
        _term(
            r"(?:in (?:simple|simpler|plain|layman'?s|laymen'?s|basic|non-technical) "
            r"(?:terms|words|english)|to put it (?:simply|plainly)|simply put|"
            r"without (?:getting|going) (?:too )?technical|to keep (?:it|things) simple|"
            r"in a nutshell)"
        ),
        "To be precise",
    ),
    (
        _term(
            r"basically(?=,)|basically (?:means|what (?:happened|happens|it means)|"
            r"(?:it|this|that)(?:'s| is) (?:just )?(?:a|an) (?:glitch|bug|problem|issue))|"
            # Fifth round (issue 5): "basically" opening the answer ("So basically the boiler
            # isn't lighting", "Dear Mr Okonjo, basically the computer said no").
            r"(?:(?<=^)|(?<=[.!?,]\s)|(?<=\bso\s)|(?<=\bwell\s)|(?<=\bokay\s)|(?<=\bok\s))"
            r"basically(?= (?:the|it|your|this|that|we|they|what)\b)"
        ),
        "Specifically",
    ),
    (
        _term(
            r"(?:the |all the |any |some )?(?:techy|techie|technical|geeky|nerdy|boring) "
            r"(?:stuff|bits?|side of things|mumbo[- ]jumbo|jargon)"
        ),
        "the technical details ([name them: version, error code, cause])",
    ),
    (
        _term(
            r"(?:don'?t|do not|no need to) (?:you )?worry about (?:the |all the |any of the )?"
            r"(?:technical|techy|techie|complicated|complex) (?:details|side|stuff|bits?|part)"
        ),
        "Here are the technical details: [error code, version, cause and fix]",
    ),
    (
        _term(
            r"(?:the |a |that |this )?(?:thingy|thingamajig|thingamabob|whatsit|doohickey|"
            r"doodah|widget thing)"
        ),
        "[the exact part, setting or component name]",
    ),
    (
        _term(
            r"(?:a |just a |some )?(?:bit of a|little|small|minor|tiny|wee) (?:glitch|hiccup)|"
            r"(?:a |just a )?(?:glitch|hiccup)(?= (?:on|at) (?:our|the) (?:end|side)|[.,!;]|$)|"
            r"(?:some |a few )?gremlins?(?: in the (?:system|works|machine))?"
        ),
        "[the exact fault: the error, its cause and the fix]",
    ),
    (
        _term(
            r"(?:it'?s |it is |that'?s |that is )?(?:just )?(?:a|one of those) "
            r"(?:computer|tech|technology|techy|IT) things?|computers (?:can be|are) "
            r"(?:funny|temperamental|strange|weird)(?: like that| sometimes)?|"
            r"technology,? eh|(?:it'?s |it is )?just one of those things"
        ),
        "[the cause, in technical terms]",
    ),
    # (2026-12-01, issue 5) A part named by what it does instead of its name: a vague noun
    # ("thing", "bit", "gadget", "box") with "that makes / controls / heats ..." after it ("the
    # machine thing that makes it hot", "the little box that talks to the router") - the
    # heating element, the modem: a specialist is owed the name.
    (
        _term(
            r"(?:the|a|that|this|your|some) (?:[a-z]+ )?(?:thing(?:y|ie)?|bits?|gadget|gizmo|"
            r"box|contraption|doodad)s? (?:that|which) (?:makes?|does|controls?|keeps?|lets?|"
            r"turns?|tells?|heats?|cools?|runs?|powers?|moves?|sends?|talks?|connects?|reads?|"
            r"pumps?|spins?|holds?|lights?|works?|sorts?|deals?|handles?|checks?)"
            r"(?: (?:it|them|the [a-z]+|your [a-z]+|things?|stuff|out|with|to|up|on|off|hot|"
            r"cold|warm|go|work)){0,3}"
        ),
        "[the exact part, setting or component name]",
    ),
]

# Third round (issue 5): the answer a beginner would get, given to a specialist - their
# term explained back to them ("429 just means ..."), the fault put down to chance ("which
# washing machines do sometimes", "for all sorts of reasons", "things stop working"), the
# machine spoken of as a pet ("a bit poorly", "playing up", "the internet box"), first-line
# checks they are past ("check it's switched on at the wall", "clear your cookies and refresh
# the page", "make sure there's enough money") and empty reassurance ("nothing to worry
# about"). Together they are one fault, the level of the whole answer (see _oversimplified).
BEGINNER_ANSWER: list[tuple[re.Pattern[str], str]] = [
    (
        _term(
            r"(?:just|simply|only) means|means (?:that )?(?:it|something|the \w+)(?:'s| is) "
            r"(?:just )?(?:not working|broken|poorly|stuck|confused)"
        ),
        "[what it means precisely: the cause and the fix]",
    ),
    (
        _term(
            r"(?:which|that) (?:\w+ ){0,2}(?:do|does|can) (?:that |this )?(?:sometimes|"
            r"occasionally|from time to time|now and then)|"
            r"(?:can|does|do|may) happen (?:for|due to) (?:all sorts of|various|a number of|"
            r"lots of|many|any number of) (?:reasons|things)|for (?:all sorts of|various) reasons|"
            r"(?:sometimes|occasionally|from time to time) (?:\w+ ){0,6}?(?:stop working|go wrong|"
            r"fail|play up|act up|misbehave|drops? out)|things (?:just )?(?:stop working|go wrong)"
        ),
        "[the specific cause of this fault]",
    ),
    (
        _term(
            r"(?:a (?:bit|little) |feeling )(?:poorly|unwell|sick|under the weather|confused|"
            r"grumpy|sulky|moody|tired|upset)|(?:is |it's |it is )?(?:playing up|acting up|"
            r"having a (?:moment|bad day|wobble|funny turn|tantrum))|the (?:internet|wi-?fi|"
            r"broadband|telly|tv) box"
        ),
        "[the exact fault and the component involved]",
    ),
    (
        _term(
            r"check (?:that )?(?:it|the \w+|your \w+)(?:'s| is) (?:switched|plugged|turned) "
            r"(?:on|in)|(?:switched|plugged|turned) on at the (?:wall|mains|socket)|"
            r"(?:clear|clearing|delete|deleting) (?:your |the )?(?:browser )?(?:cookies|history)|"
            r"refresh(?:ing)? the page|(?:slow|slowing) down a bit|make sure (?:there is|there's|"
            r"you have) enough (?:money|funds|credit|balance)"
        ),
        "[the specific diagnostic step for the fault they described]",
    ),
    (
        _term(r"(?:it's |it is |that's |there's |there is )?nothing to worry about"),
        "[what it means precisely and what happens next]",
    ),
    # Fifth round (issue 5): more beginner's answers to a professional - a cause by chance or
    # habit ("which can happen when a part gets old", "it happens a lot", "these little
    # hiccups happen", "phones can be funny", "sometimes lenders look at things differently"),
    # pet talk for the fault ("a settings thing", "the computer said no", "looks a bit
    # wobbly", "just a bit different, you'll get used to it"), and first-line advice sold as
    # the cure ("that usually fixes things", "give it a good reset", "give it another go").
    (
        _term(
            r"(?:which|this|that|it) (?:can|does|will|may|tends to) happen (?:when|if|with|a lot|"
            r"sometimes|now and then)|(?:it|this|that) happens a lot|(?:these|those|such|the "
            r"odd|little) (?:little )?(?:hiccups|blips|glitches|gremlins|niggles|teething "
            r"problems) (?:do |can |will )?happen|(?:phones|computers|laptops|boilers|systems|"
            r"machines|routers|apps|screens|devices|these things) (?:can|do) be (?:a bit |a "
            r"little )?(?:funny|temperamental|fussy|fiddly|finicky|weird)|sometimes (?:\w+ ){1,3}"
            r"(?:look at things differently|get hidden|get stuck|get confused|go a bit \w+|just "
            r"don't)|(?:doesn't|does not|don't|didn't) quite (?:match|line|add) up"
        ),
        "[the specific cause of this fault]",
    ),
    (
        _term(
            r"(?:just )?a (?:settings|software|computer|phone|system|techy|tech|network|wiring|"
            r"screen) thing|the computer (?:said|says) no|looks? (?:a bit|a little|slightly) "
            r"(?:wobbly|funny|off|odd|dodgy|iffy|wonky|unhappy)|just (?:a bit|a little) "
            r"different|you'll get used to it|just a different (?:calculation|system|process|"
            r"setting|way)|think of it (?:like|as)|(?:the|a|your) (?:little|magic|solar|black|"
            r"white) box|(?:just |only )?needs? a (?:little |bit of a )?(?:rest|break|breather|"
            r"moment|minute)|catch(?:es)? up on (?:its|their) own|(?:is|'s) just a number|"
            r"(?:the )?sun power"
        ),
        "[the exact fault and the component involved]",
    ),
    (
        _term(
            r"(?:that|this|it) (?:usually|normally|often|generally) (?:fixes|sorts|solves|cures) "
            r"(?:it|things|the problem|that|most things|most problems)|(?:usually |normally "
            r"|often )?does the trick|give it a (?:good |quick )?"
            r"(?:reset|restart|reboot|kick|nudge)|give it another (?:go|try)|double-check "
            r"everything(?:'s| is) (?:filled in|right|okay|ok|correct)|try checking (?:your|the) "
            r"\w+ (?:are|is) right"
        ),
        "[the specific diagnostic step for the fault they described]",
    ),
    (
        # Sixth round (issue 5): more beginner's answers to a professional - their fault
        # restated in lay words ("It sounds like your website might be ...", "the messages our
        # system sends to your system", "your stuff isn't coming through"), a fault made
        # cute or vague ("gone a bit wonky", "the numbers look a bit funny", "it's a bit
        # technical", "Tax can be really confusing!", "websites just go down for a bit").
        _term(
            r"it (?:sounds|seems|looks) like (?:your|the) (?!\w+ (?:is|was) (?:still )?"
            r"(?:showing|reporting|returning|throwing))[^.!?]{0,60}?(?:has|have|is|are|isn't|"
            r"aren't|might|may|could)\b[^.!?]{0,50}|"
            r"(?:a bit|a little|all a bit) (?:wonky|funny|odd|weird|iffy|dodgy|wobbly|"
            r"temperamental|off|technical)|gone (?:a bit |all )?(?:wonky|funny|haywire|wobbly|"
            r"weird)|a bit of a (?:wobble|hiccup|blip|moment)|"
            r"(?:can be|is|are) (?:really |so |very |quite )?(?:confusing|complicated|tricky)!|"
            r"(?:sometimes|occasionally) (?:\w+ ){0,4}?just (?:go down|go offline|crash|stop|"
            r"do that|play up|come back)|"
            r"your (?:stuff|things|bits) (?:isn't|aren't|is not|are not|won't)|"
            r"(?:which|this|that|it)(?:'s| is) (?:quite |very |pretty |really |fairly )?"
            r"(?:common|normal|usual)(?=[.!,])|"
            r"there(?:'s| is| might be| may be| could be) (?:a|some) (?:problem|issue|fault) "
            r"with (?:it|the [\w-]+|your [\w-]+)(?=[.!,]|$)|"
            r"(?:aware of|looking into) (?:an?|some) (?:issue|problem)s? with|"
            r"our system sends to your system"
        ),
        "[the specific cause of the fault they described, and the next diagnostic step]",
    ),
    (
        # Seventh round (issue 5): the specialist's fault told back as a lay symptom ("the
        # internet just stops for a bit", "your internet connection keeps dropping out, which
        # can be really annoying"), made small ("the charger just had a little wobble") or
        # answered with "leave it on the normal settings and it should be fine".
        _term(
            r"(?:had|having|has|have) (?:a |just a )?(?:little |bit of a |small |slight |tiny )?"
            r"(?:wobble|hiccup|blip|moment|funny turn|tantrum|off day|senior moment)|"
            r"(?:the |your )?(?:internet|connection|internet connection|wi-?fi|broadband|signal|"
            r"charger|router|machine|system|app|device|phone|line|network|box|server|servers) "
            r"(?:just |sometimes |occasionally )?(?:stops|keeps (?:dropping|cutting|going)"
            r"(?: out| off)?|drops out|cuts out|goes off|goes down|stops working)"
            r"(?: for a (?:bit|while|moment)| sometimes| now and then| every so often)?|"
            r"(?:which|that|this|it) (?:can|must) be (?:really |so |very |quite |a bit |super )?"
            r"(?:annoying|frustrating|a pain|irritating|a nuisance)|"
            r"(?:leave|keep|stick) (?:it|them|everything|things|the \w+) (?:on|at|as) (?:the |"
            r"its |their )?(?:normal|default|standard|usual) (?:settings?|setup|set-up|"
            r"config(?:uration)?)|"
            r"(?:they're|they are|it's|it is) (?:fine|ok|okay|good) as (?:they|it) (?:come|"
            r"comes|are|is)|it should (?:be|work) (?:fine|ok|okay|alright|good)(?=[.!])"
        ),
        "[the specific cause of the fault they described, and the next diagnostic step]",
    ),
    (
        # Eighth round (issue 5): more beginner's answers to a professional - two systems that
        # "aren't talking to each other", a device that "gets a bit fussy", hiccups of any
        # kind that "happen", a first-line check of the obvious ("make sure the screen is
        # clean"), a vague bit of something as the cause ("probably just a bit of soot") and
        # "these vans are like that".
        _term(
            r"(?:aren't|are not|isn't|is not|not|weren't|stopped) (?:quite )?talking to each "
            r"other|(?:our|the) system and your system|"
            r"gets? (?:a bit |a little |all )?(?:fussy|funny|confused|grumpy|sulky|moody|picky|"
            r"upset|temperamental|shy)(?: about (?:it|that|things))?|"
            r"(?:these|those|such|the odd|little|the occasional) (?:little )?(?:[\w-]+ )?"
            r"(?:hiccups|blips|glitches|gremlins|niggles) (?:do |can |will )?happen(?: from "
            r"time to time| now and then| sometimes)?|"
            r"(?:try |just )?(?:making|make) sure (?:the|your) (?:screen|lens|camera|sensor|"
            r"phone|device|room|filter|router|panel|glass|battery)[\w ]{0,20}? (?:is|are) "
            r"(?:clean|dry|well lit|charged|on|switched on|plugged in|dust-free)\b[^.!?]{0,40}|"
            r"(?:probably |most likely |likely )?just (?:a bit of|a little|some) (?:soot|dust|"
            r"dirt|damp|water|moisture|wear|grime|condensation)|(?:these|those|all) [\w-]+ "
            r"(?:are|get|do) (?:all |just )?like that"
        ),
        "[the specific cause of the fault they described, and the next diagnostic step]",
    ),
    # Tenth round (issue 5): the thing explained to a professional by a picture or a
    # definition ("a router is like the post office of your home", "which works a bit like
    # when you ...", "a breaker is a safety switch that cuts the power", "broadband is what
    # lets you go online") or treated as a pet ("devices just need a little rest sometimes").
    (
        _term(
            r"(?:is|are|['\u2019]s) (?:a bit |a little |kind of |sort of |basically |just )?like "
            r"(?:a|an|the) [\w-]+(?: [\w-]+)?(?: (?:of|for|that|which|asking|telling)\b"
            r"[^.!?]{0,60})?|(?:a bit|a little|kind of|sort of) like when\b[^.!?]{0,80}|"
            r"[\w-]+ (?:is|are) (?:what|(?:a|an|the) (?:[\w-]+ )?(?:switch|device|thing|gadget|"
            r"box|letter|way|signal|tool|part|bit|piece|number|code)) (?:that|which|lets|allows|"
            r"helps|makes)\b[^.!?]{0,80}|"
            r"(?:just |sometimes )?needs? (?:a (?:little |bit of a |quick )?|some )(?:rest|"
            r"break|breather|nap|sleep|time out)\b[^.!?]{0,20}"
        ),
        "[the specific cause of the fault they described, and the next diagnostic step]",
    ),
]

# Restart advice: over-simplified for a specialist only when they said they already did it.
RESTART_ADVICE = _term(
    r"(?:(?:have|did) you (?:tried |try )?|(?:please |could you |can you )?(?:try |first )?)"
    r"(?:turning|switching|turn|switch|power(?:ing)?) (?:it|the \w+|your \w+) (?:off and "
    r"(?:on|back on)(?: again)?)|(?:have|did) you (?:tried |try )?(?:restarting|rebooting|"
    r"restart|reboot)(?: it| the \w+| your \w+)?|(?:please |first,? )?(?:try )?"
    r"(?:restarting|rebooting)(?: it| the \w+| your \w+)?(?= first| again|[.,!?;]| and)"
)
ALREADY_RESTARTED = _term(
    r"(?:restarted|rebooted|re-booted|power[- ]?cycled|hard reset|factory reset|reset (?:it|"
    r"the \w+|my \w+)|reinstalled|re-installed|(?:turned|switched) (?:it|\w+) off and (?:on|"
    r"back on)|tried (?:restarting|rebooting|a restart|a reboot|resetting)|(?:did|done|tried) "
    r"(?:a |the )?(?:restart|reboot|power cycle|reset)s?)"
)

# ---------------------------------------------------------------- anger at a third party

# Anger the customer aims at someone other than us (price gougers, scalpers, hackers, another
# seller): an apology for "making you angry" would misread it. Used only with the customer's
# text, and only to discount "angry": upset, anxious or frustrated customers are still owed an
# acknowledgement (C4 3.4), and so is anyone whose anger also points at us.
THIRD_PARTY = _term(
    r"(?:price[- ])?goug(?:ers?|ing)|scalp(?:ers?|ing)|profiteer(?:s|ing)?|resellers?|"
    r"scammers?|fraudsters?|hackers?|spammers?|trolls?|bots|thieves|"
    r"(?:other|another|third[- ]party|some|these|those) (?:sellers?|vendors?|buyers?|players?|"
    r"people|users?|guys?)|people (?:are|keep|who)|someone (?:keeps|is trying|hacked|stole)|"
    r"keep trying to (?:sign|log) ?(?:in|into)"
)
# Anger that also points at us: the second person with a complaint, or our service by name.
AT_US = _term(
    # (Sixth round: "you've taken money four more times", "you've cut off my line".)
    r"you(?:'ve|'d| have| had) (?:just |now |also )?(?:taken|cut|charged|lost|cancell?ed|"
    r"broken|ruined|ignored|blocked|barred|stopped|refused|kept|overcharged)|"
    r"(?:you|you guys|y'?all|u) (?:have |had |are |were |just )?(?:did|done|didn'?t|don'?t "
    r"care|won'?t|never|keep|charged|charging|lost|sent|took|take|messed|screwed|ruined|"
    r"made|closed|banned|suspended|locked|deleted|cancell?ed|ignor\w*|let|allow\w*|"
    r"need to|should|stop|fix|are (?:useless|a joke|ridiculous|terrible))|"
    r"your (?:service|support|customer service|company|staff|team|app|site|website|"
    r"system|update|product|policy|people|fault)|why (?:do|did|would|are|is|have|won'?t|"
    r"can'?t|don'?t) (?:you|u|they)|(?:worst|terrible|awful|useless|pathetic|disgraceful) "
    r"(?:customer )?(?:service|support|company)|(?:what|why) the (?:hell|heck|f\w*)"
)


# ---------------------------------------------------------------- widened rules (issue 5)

# Technical compounds a non-specialist may not know (jargon; Unit 7 3.1). Whole terms only:
# "server-side fault", "a hotfix", "the endpoint", not everyday words that also have a
# technical sense ("update", "restart", "settings").
TECH_COMPOUNDS: list[tuple[re.Pattern[str], str]] = [
    (
        _term(
            r"(?:server|client|user|network|host|carrier|supplier|vendor)[- ]side|"
            r"(?:front|back)[- ]?end|hot-?fix(?:es)?|end-?points?|payloads?|"
            r"(?:auth(?:entication)?|access|session|bearer) tokens?|handshakes?|middleware|"
            r"code-?base|roll-?back|redeploy\w*|(?:re)?deploy(?:ment|ed|ing)|"
            r"config(?:uration)? (?:files?|settings?|changes?)|(?:re)?sync(?:ed|ing)? "
            r"(?:errors?|issues?|failures?)|cache (?:layer|server|invalidation)|"
            r"(?:upstream|downstream)(?: systems?| providers?| fault)?|"
            r"root[- ]cause analysis|throttl(?:ed|ing)|back-?order(?:s|ed)?|"
            r"port (?:forwarding|reassignment)|sub-?nets?"
        ),
        "[this in plain words: what it is and what it means for you]",
    ),
    (
        # A device's states and the ways of repairing it, named as a technician would:
        # "stuck in a boot loop", "a soft reset", "clear the app cache", "recovery mode".
        _term(
            r"boot[- ]?loop(?:s|ing)?|boot(?:loader| sequence| menu| partition)|"
            r"(?:soft|hard|factory|master|network|full) (?:reset|wipe)|"
            r"(?:app|application|browser|system|device|DNS) (?:cache|data|cookies)|"
            r"cache partition|"
            r"(?:recovery|fastboot|download|DFU|developer) mode|"
            r"(?:flash|re-?flash)(?:ing|ed)? (?:the |your )?(?:firmware|ROM|BIOS)|"
            r"kernel (?:panic|update)|memory leak|(?:driver|firmware) (?:conflict|rollback)"
        ),
        "[this in plain words: what has gone wrong and what to do]",
    ),
    (
        # Parts and faults of an appliance named as an engineer would: "the heat exchanger",
        # "a diverter valve", "kettling", "the PCB".
        _term(
            r"(?:heat|plate) exchangers?|(?:diverter|solenoid|expansion|pressure relief|"
            r"PRV|zone) valves?|thermistors?|thermocouples?|capacitors?|solenoids?|"
            r"actuators?|igniters?|(?:printed )?circuit boards?|(?:mother|logic|main|control) ?"
            r"boards?|PCBs?|kettling|(?:scale|limescale|sludge) build-?up in the \w+|"
            r"(?:fan|pump|compressor) (?:overrun|seizure|failure)|short[- ]cycling|"
            r"earth (?:fault|leakage)|RCD trip|(?:door )?interlock|thermal (?:fuse|cut-?out)|"
            r"(?:inlet|outlet|fill|solenoid) valves?|sump(?: hose)?|drum spider|spider arm|"
            r"(?:carbon|motor) brushes|NTC|PTC|(?:[A-Z]{1,2}\d{1,3}|\d{1,3}[A-Z]) (?:fault|error)"
            r"(?: code)?|(?:fault|error) code [A-Z]{0,2}\d{1,3}"
        ),
        "[the part or fault in plain words: what it does and what it means for you]",
    ),
    (
        # Back-office process states: "pending reconciliation", "awaiting settlement", "the
        # next payment run", "remittance".
        _term(
            r"(?:pending|awaiting|in|under(?:going)?|after) (?:reconciliation|settlement|"
            r"clearance|remittance|adjudication|underwriting|allocation|fulfil?ment)|"
            r"reconciliation|remittance(?: advice)?|(?:payment|BACS|batch|settlement) (?:run|"
            r"cycle|window|file)|clearing (?:cycle|period|house)|ledger|"
            r"fulfil?ment (?:centre|center|partner|queue)"
        ),
        "[this in plain words: what is happening to your money or order, and when it ends]",
    ),
    (
        # Card-payment plumbing: "the acquirer", "a pre-auth", "3D Secure", "the DD mandate",
        # "the payment gateway".
        _term(
            r"acquir(?:er|ers|ing bank)|pre-?auth(?:s|ori[sz]ations?)?|(?:DD|direct debit) "
            r"mandates?|payment (?:gateway|processor|rails)|3-?D ?Secure|tokeni[sz]\w+|"
            r"merchant (?:ID|account|category code)|interchange fees?|card scheme|(?:the|an) auth|"
            r"auth (?:code|hold|request)|credit memo|(?:before|after|on) capture|voided|"
            r"ring-?fenced|batch(?:ed|ing)|(?:soft|hard) declines?"
        ),
        "[this in plain words: what happened to the payment and what it means for you]",
    ),
    (
        # Parcel-network terms: "manifested", "the cross-dock", "mis-sorted", "last mile",
        # "an exception scan".
        _term(
            r"manifest(?:ed|ing)|cross[- ]?dock\w*|mis-?sort(?:ed|s)?|sortation|"
            r"(?:first|middle|last)[- ]mile|(?:pick|pack|dispatch|despatch|returns) (?:queue|wave|"
            r"bay)|(?:hub|depot|exception|sort) scans?|exception (?:status|event)|"
            r"consignment (?:note|number)|(?:raised|logged|recorded|flagged) an exception|"
            r"de-?allocat\w+"
        ),
        "[where the parcel is, in plain words, and when it reaches you]",
    ),
    (
        # Software and line terms: "deprecated", "bricked", "re-image", "line sync", "the
        # escalation matrix", "the production environment".
        _term(
            r"deprecat(?:ed|ion)|brick(?:ed|ing)|re-?imag(?:e|ed|ing)|line sync|sync (?:speed|"
            r"rate|stats|statistics)|remote (?:in|into|onto) (?:the|your)|coax(?:ial)?(?: feed| "
            r"cable| lead| input)?|(?:noise|SNR) margin|line profile|re-?profil\w+|"
            r"escalation (?:matrix|path)|"
            r"(?:staging|production|prod|test) (?:environment|server|build)|build number|"
            r"condensate (?:pipe|trap|pump)|(?:drum|motor) bearings?|(?:fraud|rules|risk|"
            r"routing|pricing|recommendation) engine|backhaul|head-?end|(?:congestion|fault|"
            r"outage) (?:on|at) the (?:node|exchange|cabinet)|network node|(?:wi-?fi|wireless) "
            r"channel|(?:2\.4|5) ?GHz(?: band)?|multiplex(?:es)?|transponders?|(?:cold|warm) "
            r"boot|re-?pair(?:ing|ed)? (?:the|your) (?:card|smartcard|remote|box)|(?:installer|"
            r"engineer(?:ing)?|service) menu|software build|re-?scan"
        ),
        "[this in plain words: what it is and what it means for you]",
    ),
    (
        # Sixth round (issue 5): trades' words a non-specialist does not use - electrical
        # ("grid under-voltage", "an AC isolator trip", "a failed DC-DC stage"), clinical
        # ("post-operative", "surgical site infection", "serous discharge", "wound
        # dehiscence", "-itis" and "-ectomy" words) and insurers' process ("prior to
        # inception", "the presenting condition", "no benefit is payable").
        _term(
            r"(?:under|over)-?voltage|(?:AC|DC|mains) isolators?|isolator trips?|DC-DC|"
            r"(?:earth|ground) faults?|RCD trips?|"
            r"(?:post|pre|peri|intra)-?operative(?:ly)?|surgical site|serous|purulent|"
            r"dehiscence|(?:contra)?indicat(?:ed|ions?)|prophyla(?:xis|ctic)|"
            r"[a-z]{3,}(?:itis|ectomy|otomy|ostomy|oscopy)|"
            r"prior to inception|presenting conditions?|indemnity limit"
        ),
        "[this in plain words: what it is and what it means for you]",
    ),
]

# A word in capitals is read as an abbreviation (not shouting) when it is short or mostly
# consonants: NTE, OTA, GDPR, HDMI. Longer words with vowels (CLOSED, REFUNDED) are words.
_VOWELS = frozenset("AEIOUY")


def looks_like_acronym(word: str) -> bool:
    """An all-capitals token read as an abbreviation rather than a shouted word: up to three
    letters, or a digit in it, or at most a quarter of its letters vowels."""
    letters = [c for c in word if c.isalpha()]
    if not letters:
        return False
    if len(letters) <= 3 or any(c.isdigit() for c in word):
        return True
    return sum(c in _VOWELS for c in letters) / len(letters) <= 0.25


# Plain cues in the customer's own words (no_empathy's second signal, beside the assessment
# model): strong words for anger and for upset or distress. A cue preceded by a negation
# ("not angry, just confused") does not count.
CUE_ANGRY = _term(
    r"furious|fuming|livid|outraged|incensed|seething|enraged|irate|"
    r"disgusted|disgusting|disgraceful|disgrace|appalled|appalling|outrageous|"
    r"unacceptable|ridiculous|ludicrous|pathetic|shambles|"
    r"sick and tired|fed up|so angry|really angry|very angry|angry|so mad|really mad|"
    r"had enough|(?:is|are|was|'s) (?:such )?(?:an? )?(?:absolute |complete |total )?joke|"
    # Outrage and exasperation in other words: "shocking", "how dare you", "beyond
    # frustrated", "worst service", "sick of", "extremely unhappy", "a scandal", "useless".
    r"shocking|scandal(?:ous)?|a farce|farcical|disgrace\w*|how dare|infuriat\w+|"
    r"beyond (?:frustrated|annoyed|angry|fed up|cross)|(?:so|really|very|extremely) (?:annoyed|"
    r"cross)|sick of|had it with|(?:extremely|very|really|deeply|so|totally|most) unhappy|"
    r"worst (?:\w+ )?(?:service|experience|company|support)|(?:utterly|totally|completely|"
    r"absolutely) (?:useless|hopeless|awful|terrible|dreadful|appalling|shocking)|"
    r"daylight robbery|rip-?off|can'?t believe (?:you|your)|beyond a joke|raging|"
    r"insult(?:ed|ing)|seeing red"
)
CUE_UPSET = _term(
    r"devastated|heartbroken|heart-broken|distraught|gutted|in tears|crying|upset|"
    r"stressed(?: out)?|so stressful|beside myself|worried sick|"
    r"desperate|at my wits'? end|can'?t cope|breaking down|"
    # Loss and distress in other words: "at the end of my tether", "it has ruined our
    # holiday", "bitterly disappointed".
    r"end of my tether|(?:has|have|you've|you have|it's|it has) (?:completely |totally )?"
    r"ruined (?:my|our|the)|(?:so|very|really|extremely|deeply|bitterly|hugely) disappointed|"
    r"sobbing|distressed|miserable|broken-?hearted|in (?:pieces|bits)|breaking point|"
    r"can'?t sleep|losing sleep|close to tears|on the verge of tears|"
    # Fifth round (issue 5): distress shown in the body - "I'm shaking", "my hands are
    # trembling", "I feel sick with worry", "I can't breathe".
    r"(?:I'm|I am|I was|I've been|I keep|my hands are|my hands were) (?:literally |still |"
    r"physically )?(?:shaking|"
    r"trembling)|(?:can'?t|cannot) stop (?:shaking|trembling)|(?:feel|felt|feeling) "
    r"(?:physically )?sick (?:with|about|over)|(?:can'?t|cannot) (?:breathe|eat|think straight)"
)
# Worry and fear read as anxious: on its own not a call for empathy (see needs_empathy), but
# with another feeling it is.
CUE_ANXIOUS = _term(
    r"worried|worrying|scared|terrified|frightened|panick?(?:ing|ed)|anxious|nervous"
)
CUE_NEGATED = re.compile(
    r"(?:\bnot|n't|\bnever|\bno longer|\bwasn't|\bisn't|\bam not)\s+(?:\w+\s+){0,1}$",
    re.IGNORECASE,
)
# Weak cues: runs of "!!", "?!", "??", and words of four or more letters in capitals that are
# not abbreviations (RIDICULOUS); two or more such words count as one cue, a shouted phrase.
# Two weak cues read as anger.
CUE_PUNCT = re.compile(r"[!?]{2,}|!\s*!")
CUE_CAPS_WORD = re.compile(r"(?<![\w@#/.&-])[A-Z]{4,}(?![\w/.&-])")
