"""Word lists that decide what a number counts: the kind of predicate, noun or adjective around it.

Lemmas are lower-case spaCy lemmas. A predicate's kind wins over the counted noun's own kind
("12 protesters were arrested" counts arrests, "12 protesters marched" counts protesters).
"""

from __future__ import annotations

# Verbs whose patient (passive subject or active object) is the counted group.
TRANSITIVE_KINDS = {
    "kill": "dead", "murder": "dead", "slay": "dead", "execute": "dead", "behead": "dead",
    "assassinate": "dead", "massacre": "dead", "slaughter": "dead", "lynch": "dead",
    "wound": "injured", "injure": "injured", "hurt": "injured", "maim": "injured",
    "hospitalize": "injured", "hospitalise": "injured", "stab": "injured", "shoot": "injured",
    "beat": "injured", "graze": "injured", "burn": "injured",
    "arrest": "arrested", "detain": "arrested", "apprehend": "arrested", "jail": "arrested",
    "imprison": "arrested", "nab": "arrested", "capture": "arrested", "incarcerate": "arrested",
    "kidnap": "kidnapped", "abduct": "kidnapped", "seize": "kidnapped", "kidnapp": "kidnapped",
    "displace": "displaced", "evacuate": "displaced", "uproot": "displaced", "expel": "displaced",
    "deport": "displaced",
    "deploy": "troops", "dispatch": "troops", "station": "troops", "mobilize": "troops",
    "mobilise": "troops",
    "release": "released", "free": "released",
}  # fmt: skip
# Verbs whose subject is the counted group in the active voice.
INTRANSITIVE_KINDS = {
    "die": "dead", "perish": "dead", "succumb": "dead", "drown": "dead",
    "flee": "displaced", "defect": "defected", "desert": "defected",
    "protest": "protesters", "march": "protesters", "rally": "protesters",
    "demonstrate": "protesters", "disappear": "missing", "vanish": "missing",
}  # fmt: skip
# Adjectives and participles that state the outcome: "are dead", "left two dead", "12 wounded".
STATE_KINDS = {
    "dead": "dead", "killed": "dead", "deceased": "dead", "lifeless": "dead",
    "injured": "injured", "wounded": "injured", "hurt": "injured", "hospitalized": "injured",
    "hospitalised": "injured", "critical": "injured",
    "arrested": "arrested", "detained": "arrested", "missing": "missing",
    "unaccounted": "missing", "displaced": "displaced", "homeless": "displaced",
    "kidnapped": "kidnapped", "abducted": "kidnapped",
}  # fmt: skip
# Adverbs on a shooting or wounding verb that settle the outcome ("one fatally").
ADVERB_KINDS = {
    "fatally": "dead", "mortally": "dead", "critically": "injured", "seriously": "injured",
    "gravely": "injured", "severely": "injured", "slightly": "injured", "badly": "injured",
}  # fmt: skip
# Nouns that are themselves the kind ("12 deaths", "300 protesters", "5,000 troops").
NOUN_KINDS = {
    "death": "dead", "fatality": "dead", "body": "dead", "corpse": "dead",
    "injury": "injured", "casualty": "casualties",
    "protester": "protesters", "protestor": "protesters", "demonstrator": "protesters",
    "marcher": "protesters", "troop": "troops", "soldier": "troops", "serviceman": "troops",
    "peacekeeper": "troops", "refugee": "displaced", "evacuee": "displaced",
    "hostage": "kidnapped", "captive": "kidnapped", "abductee": "kidnapped",
    "detainee": "arrested", "arrest": "arrested", "defector": "defected", "deserter": "defected",
    "vehicle": "vehicles", "car": "vehicles", "truck": "vehicles", "bus": "vehicles",
    "tank": "vehicles", "lorry": "vehicles", "jeep": "vehicles", "van": "vehicles",
    "motorcycle": "vehicles", "ambulance": "vehicles", "pickup": "vehicles",
}  # fmt: skip
# Nouns for an outcome stated by "no": "no injuries", "no deaths", "no arrests".
ZERO_NOUN_KINDS = {
    "death": "dead", "fatality": "dead", "injury": "injured", "casualty": "casualties",
    "arrest": "arrested",
}  # fmt: skip
# Nouns whose owner died: "the death of Ciara Meyer", "a man's body", "the killing of two boys".
DEATH_NOUNS = frozenset({"death", "killing", "murder", "slaying", "body", "corpse", "homicide", "execution"})
# "a double murder", "a triple shooting".
MULTIPLES = {"double": 2, "triple": 3, "quadruple": 4, "quintuple": 5}
# Groups whose members are protesters ("a rally of 5,000 people").
PROTEST_NOUNS = frozenset({"rally", "protest", "demonstration", "march", "crowd", "sit-in"})
STRUCTURE_NOUNS = frozenset(
    """home house building shop store church mosque temple school hut dwelling structure
    business office hospital clinic market village apartment""".split()
)
DESTROY_VERBS = frozenset(
    """destroy burn torch raze damage loot demolish flatten bulldoze vandalize vandalise
    ransack set""".split()
)
# Verbs of killing that "to death" completes ("shot to death"; "sentenced to death" is not one).
VIOLENT_VERBS = frozenset(
    """shoot beat stab burn stone hack club bludgeon strangle choke crush trample torture starve
    freeze bleed kick batter maul hang gun""".split()
)
# Verbs that take a wound as object: "suffered a gunshot wound", "sustained injuries".
SUFFER_VERBS = frozenset({"suffer", "sustain", "receive", "incur"})
WOUND_NOUNS = frozenset({"wound", "injury", "gunshot", "laceration", "burn", "graze", "trauma"})
# Being taken to or treated at a hospital, or listed in a condition, means injured.
HOSPITAL_NOUNS = frozenset({"hospital", "icu"})
CONDITION_ADJS = frozenset({"critical", "stable", "serious", "grave", "fair", "guarded"})

PEOPLE_NOUNS = frozenset(
    """person people man woman child kid boy girl teen teenager adult baby infant toddler
    civilian resident student worker officer policeman policewoman cop deputy trooper soldier
    troop guard guardsman militant fighter rebel insurgent gunman attacker assailant suspect
    protester protestor demonstrator marcher activist journalist reporter victim passenger driver
    pedestrian bystander customer employee villager farmer miner pilgrim worshipper worshiper
    refugee migrant hostage prisoner detainee inmate member supporter leader official
    politician lawmaker candidate voter patient doctor nurse teacher priest monk nun tourist
    foreigner national citizen individual relative brother sister son daughter mother father
    husband wife friend neighbor neighbour occupant sibling cousin nephew niece uncle aunt
    grandmother grandfather grandson granddaughter peacekeeper serviceman marine sailor airman
    commander jihadist extremist terrorist separatist guerrilla combatant paramilitary
    militiaman agent ranger staff crew pupil youth youngster juvenile minor elder homeowner
    clerk cashier owner shopkeeper bartender waiter waitress guest tenant occupant robber
    intruder burglar shooter police gangster boyfriend girlfriend fiancé fiance spouse
    partner stepfather stepson stepdaughter caretaker dealer rider cyclist motorist
    trucker employee manager bouncer firefighter paramedic medic volunteer someone
    somebody anyone male female other chief president minister mayor governor spokesman
    spokeswoman general colonel captain sergeant lieutenant chairman director judge prosecutor
    lawyer diplomat ambassador envoy senator congressman lawmaker cleric imam bishop pastor
    priest rabbi head boss singer actor player athlete coach pilot engineer photographer
    cameraman editor blogger businessman businesswoman contractor trader merchant herder
    herdsman fisherman shepherd smuggler kidnapper hijacker bomber sniper commando warlord
    chieftain elder villager""".split()
)
# Groups counted by number ("10,000 families fled"); a lone "family" is not one person.
GROUP_NOUNS = frozenset({"family", "household"})
# Singular pronouns that stand for one person (plural ones give no figure).
ONE_PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "himself", "herself", "someone", "somebody"})
ZERO_PRONOUNS = frozenset({"nobody", "none", "noone"})
RELATIVE_PRONOUNS = frozenset({"who", "that", "which", "whom"})
