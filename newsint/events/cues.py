"""Cue words of each event class, read by the event classifier beside the sentence embedding.

A sentence embedding blurs the few words that decide between neighbouring ACLED classes: who took the
territory (government or rebels), whether a protest was peaceful or met with force, a grenade or a mortar.
Each group below is a yes/no feature; pairs in CROSSES add features for the combinations that decide.
Written by us from ACLED's codebook definitions.
"""

from __future__ import annotations

import re

CUE_GROUPS: dict[str, str] = {
    "regain": r"recaptur\w*|retook|retak\w*|regain\w*|liberat\w*|reclaim\w*|won back|win back|drove out|driven out|"
    r"pushed back|flushed out|cleared",
    "capture": r"captur\w*|seiz\w*|took (?:over|control)|tak\w+ (?:over|control)|overr[au]n\w*|fell to|fall to|"
    r"taken over|occupied|occupy\w*|in control of|stormed",
    "handover": r"hand(?:ed|s|ing)? over|withdr[ae]w\w*|pull(?:ed|s)? out|transferr?\w* (?:control|the)|ceded?|"
    r"vacat\w*|without a fight|abandon\w*|evacuat\w*|left the (?:town|city|area|village|base)",
    "government": r"government|army|military|troops|soldiers|security forces|armed forces|police|national guard|"
    r"forces loyal|authorities|state forces|gendarm\w*|marines?",
    "non_state": r"rebels?|militants?|insurgents?|jihadists?|armed groups?|militias?|fighters|islamic state|isis|isil|"
    r"al-?shabaab|taliban|boko haram|separatists?|gunmen|extremists?|terrorists?|paramilitar\w*",
    "protest": r"protest\w*|demonstrat\w*|rall(?:y|ies|ied)|march\w*|sit-ins?|picket\w*|"
    r"strik(?:e|ers|ing) (?:workers|teachers)|boycott\w*",
    "peaceful": r"peaceful\w*|without incident|calm\w*|silent|candle\w*|vigil",
    "intervention": r"arrest\w*|detain\w*|dispers\w*|tear ?-?gas|water cannons?|batons?|rubber bullets?|intervened|"
    r"blocked|broke up|prevented",
    "force": r"shot dead|fired (?:live|at)|live ammunition|opened fire|beat(?:en|ing)?|crackdown|brutal\w*|lathi|"
    r"killed|injured|wounded",
    "riot": r"clash\w*|stones?|stone-pelting|pelted|torch\w*|set (?:on )?fire|vandal\w*|rioters?|riot\w*|burn\w*|"
    r"violent\w*|hurled",
    "mob": r"mobs?|lynch\w*|vigilantes?|angry crowd|crowd of|villagers attacked|beaten to death|residents attacked",
    "group_change": r"recruit\w*|deploy\w*|reinforc\w*|troop movements?|convoys?|merg\w*|defect\w*|split|joined|"
    r"formed|training|mobiliz\w*|redeploy\w*|patrol\w*|change\w* (?:of|in) leadership|new leader",
    "base": r"headquarters|(?:set up|establish\w*) (?:a |an |new )?(?:base|camp|outpost|position)|bases?|camps?|"
    r"outposts?",
    "property": r"loot\w*|destroy\w*|torched|burn(?:ed|t) down|arson|demolish\w*|vandali[sz]\w*|ransack\w*|"
    r"set ablaze",
    "disrupted": r"defus\w*|intercept\w*|shot down|foil\w*|bomb disposal|seiz\w* (?:weapons|arms|explosives)|cache|"
    r"found (?:an? )?(?:explosive|bomb|ied)|neutrali[sz]\w*|controlled explosion|"
    r"recovered (?:weapons|explosives|arms)|unexploded|thwart\w*",
    "remote_explosive": r"\bied\b|improvised explosive|landmines?|\bmines?\b|roadside bomb|explosive devices?|"
    r"car bomb|booby.?trap\w*|vbied|bomb (?:went off|exploded|blast)|blast|detonat\w*",
    "grenade": r"grenades?",
    "suicide": r"suicide|self-detonat\w*|blew (?:himself|herself|themselves) up|explosive vest",
    "chemical": r"chemical|chlorine|sarin|mustard gas|toxic gas|nerve agent|poison(?:ous)? gas|gas attack|"
    r"choking agent",
    "air": r"air ?-?strikes?|air ?raids?|warplanes?|jets?|drones?|aircraft|helicopter\w*|aerial|fighter jets|"
    r"air force|bombard\w* from the air",
    "shelling": r"shell\w*|artillery|mortars?|missiles?|rockets?|howitzers?|barrages?|mlrs|grad|katyusha|"
    r"projectiles?|cannon fire|long-range",
    "clash": r"clash\w*|fight\w*|fought|gunfights?|exchange of fire|exchanged fire|firefights?|battl\w*|ambush\w*|"
    r"engaged|skirmish\w*|gun battle|hostilities",
    "civilians": r"civilians?|villagers?|residents|farmers?|women|children|worshippers|students|journalists?|"
    r"passengers|family|families|aid workers?",
    "abduction": r"abduct\w*|kidnap\w*|disappear\w*|hostages?|missing|whereabouts|enforced disappearance|taken away",
    "sexual": r"rap(?:e|ed|es|ing|ist)|sexual\w*|gang-?rap\w*|molest\w*",
    "arrest": r"arrest\w*|detain\w*|custody|apprehend\w*|nabbed|held for questioning|charged with|jailed|remanded",
    "agreement": r"agreements?|accords?|signed|sign\w*|ceasefire|cease-fire|truce|peace deal|treat(?:y|ies)|"
    r"memorandum|prisoner (?:exchange|swap)|agreed|deal\b|pact",
    "diplomacy": r"\bmet\b|meeting|talks|visit\w*|summit|ambassadors?|foreign minister|bilateral|diplomat\w*|"
    r"delegation|envoy|embassy|condolences|ties",
    "responsibility": r"claimed responsibility|claim\w* (?:of )?responsibility|responsib\w*|blamed|accus\w*|"
    r"attributed|behind the attack",
    "crime": r"cartels?|gangs?|drugs?|traffick\w*|smuggl\w*|mafia|organi[sz]ed crime|narcotics?|robber\w*|"
    r"extortion|criminal",
    "natural": r"earthquakes?|floods?|flooding|cyclones?|storms?|landslides?|drought|hurricanes?|typhoons?|tsunami|"
    r"wildfires?|epidemic|pandemic|covid\w*|outbreak|volcan\w*|heavy rain|monsoon|virus|cases",
    "man_made": r"crash\w*|collaps\w*|fire broke|accident\w*|derail\w*|capsiz\w*|spill\w*|leak\w*|blaze|"
    r"explosion at|factory|plane|train|ferry|boat sank|stampede|gas leak",
    "killed": r"kill\w*|dead|died|deaths?|bodies|lives|casualt\w*",
    "wounded": r"injur\w*|wound\w*|hurt",
}
CROSSES = (
    ("government", "regain"), ("government", "capture"), ("non_state", "capture"), ("non_state", "regain"),
    ("protest", "peaceful"), ("protest", "intervention"), ("protest", "force"), ("protest", "riot"),
    ("handover", "capture"),
)  # fmt: skip
CUE_NAMES = tuple(CUE_GROUPS) + tuple(f"{a}+{b}" for a, b in CROSSES)
_PATTERNS = {name: re.compile(rf"(?<![\w-])(?:{words})(?!\w)", re.I) for name, words in CUE_GROUPS.items()}


def cue_features(text: str) -> list[float]:
    """One 0/1 value per name in CUE_NAMES."""
    present = {name for name, pattern in _PATTERNS.items() if pattern.search(text)}
    return [1.0 if name in present else 0.0 for name in CUE_GROUPS] + [
        1.0 if a in present and b in present else 0.0 for a, b in CROSSES
    ]
