"""Coverage of the trigger lexicon (``data/triggers.csv``), type by type, from the PLOVER definitions.

Each PLOVER type is reported in news through verbs, their nominalisations and predicate
adjectives, each with its own prepositions ("objected *to*", "concern *about*", "halted exports
of gravel *to* Taiwan"). Each table below holds sentences written for these tests, one kind of
phrase per row with sibling sentences, and the exact set of relations expected, written as
``"SRC>TGT TYPE [neg] [intended|hypothetical]"`` as in ``tests/extraction/test_pipeline.py``.
An empty set means the sentence must give no row: the word in its other sense, or no second
actor.
"""

from __future__ import annotations

import pytest

from extraction.errors import DataFileError
from extraction.events import idioms
from extraction.events.pairs import trigger_rows
from extraction.events.triggers import lookup_pos
from extraction.pipeline import Extractor
from tests.extraction.rows import expected_rows, extracted_rows

DOC_DATE = "2023-03-22"

Case = tuple[str, str, set[str]]

ACCUSE: list[Case] = [
    # verbs of criticism, with an object
    ("chastise", "Moscow chastised Tokyo over the sanctions.", {"RUS>JPN ACCUSE"}),
    ("castigate", "Beijing castigated Washington for its interference.", {"CHN>USA ACCUSE"}),
    ("fault", "Seoul faulted Tokyo for the delay.", {"KOR>JPN ACCUSE"}),
    ("reproach", "Pyongyang reproached Beijing.", {"PRK>CHN ACCUSE"}),
    ("reprimand", "Taipei reprimanded Seoul over the map.", {"TWN>KOR ACCUSE"}),
    # phrasal and prepositional verbs
    ("object-to", "Seoul objected to Japan's textbook.", {"KOR>JPN ACCUSE"}),
    ("hit-out-at", "Russia hit out at Japan over the islands.", {"RUS>JPN ACCUSE"}),
    ("lash-out-at", "China lashed out at Taiwan's leader.", {"CHN>TWN ACCUSE"}),
    ("rail-against", "North Korea railed against the United States.", {"PRK>USA ACCUSE"}),
    ("disapprove-of", "The Kremlin disapproved of Seoul's decision.", {"RUS>KOR ACCUSE"}),
    ("take-aim-at", "Tokyo took aim at Beijing's maritime claims.", {"JPN>CHN ACCUSE"}),
    ("object-alone", "Seoul objected.", set()),
    # allegations: the target is the subject of the that-clause
    ("allege", "China alleged that the United States had spied on its firms.", {"CHN>USA ACCUSE"}),
    ("allege-group", "Japan alleged that Russian hackers had targeted its ministries.", {"JPN>RUS ACCUSE"}),
    # nominalisations after support verbs: voice, convey, lodge, file, register, reiterate
    ("voice-concern", "Seoul voiced concern over Pyongyang's nuclear test.", {"KOR>PRK ACCUSE"}),
    ("voice-concern-about", "Japan voiced concern about China's military buildup.", {"JPN>CHN ACCUSE"}),
    ("convey-concern-to", "Tokyo conveyed its concern to Moscow.", {"JPN>RUS ACCUSE"}),
    ("file-complaint", "Beijing filed a complaint with Tokyo over the visit.", {"CHN>JPN ACCUSE"}),
    ("register-protest", "Taipei registered a protest with Seoul.", {"TWN>KOR ACCUSE"}),
    ("solemn-representations", "Beijing lodged solemn representations with Washington.", {"CHN>USA ACCUSE"}),
    ("demarches", "China has made serious démarches to Japan over the remarks.", {"CHN>JPN ACCUSE"}),
    ("reiterate-opposition", "Japan reiterated its opposition to China's drills.", {"JPN>CHN ACCUSE"}),
    ("rebuke-noun", "Seoul issued a sharp rebuke to Tokyo.", {"KOR>JPN ACCUSE"}),
    # predicate adjectives: feelings expressed towards another actor
    ("concerned-about", "China was seriously concerned about the US arms sale.", {"CHN>USA ACCUSE"}),
    ("concerned-about-strategy", "China was deeply concerned about Japan's new defence strategy.", {"CHN>JPN ACCUSE"}),
    ("angry-at", "Seoul was angry at Tokyo.", {"KOR>JPN ACCUSE"}),
    ("critical-of", "Seoul was critical of Moscow's stance.", {"KOR>RUS ACCUSE"}),
    ("furious-over", "Tokyo was furious over the Russian seizure of its trawler.", {"JPN>RUS ACCUSE", "RUS>JPN COERCE"}),
    ("concerned-no-actor", "Tokyo is concerned about the weather.", set()),
    # receiving criticism: the one who criticises is the source
    ("draw-criticism-from", "Pyongyang's decision drew criticism from Tokyo.", {"JPN>PRK ACCUSE"}),
    ("draw-protest-from", "Japan's move drew a protest from Seoul.", {"KOR>JPN ACCUSE"}),
    ("face-criticism-from", "Tokyo faced criticism from Seoul over the textbooks.", {"KOR>JPN ACCUSE"}),
    ("draw-no-actor", "The visit drew sharp criticism from Beijing.", set()),
    # investigations are accusations, not launches
    ("launch-investigation", "South Korea launched an investigation into Chinese hacking.", {"KOR>CHN ACCUSE"}),
]

#: "Attacked" in its verbal sense is an accusation; in its physical sense an assault.
ATTACK: list[Case] = [
    ("attack-media", "China's state media attacked Japan over the release of treated water.", {"CHN>JPN ACCUSE"}),
    ("attack-newspaper", "North Korea's official newspaper attacked Seoul's policy.", {"PRK>KOR ACCUSE"}),
    ("attack-decision", "Washington attacked Moscow's decision as reckless.", {"USA>RUS ACCUSE"}),
    ("attack-warship", "North Korea attacked a South Korean warship.", {"PRK>KOR ASSAULT"}),
    ("attack-positions", "Russian troops attacked Japanese positions.", {"RUS>JPN ASSAULT"}),
    # the issue after "over" or "for" makes the attack verbal; a place or a time does not
    # entering an air-defence zone is a show of force; entering waters or airspace a coercion
    ("intrude-zone", "Russian warplanes intruded into South Korea's air defence zone.", {"RUS>KOR MOBILIZE"}),
    ("intrude-waters", "Chinese ships intruded into Japanese waters.", {"CHN>JPN COERCE"}),
    ("attack-over-sanctions", "Russia attacked Japan over its sanctions.", {"RUS>JPN ACCUSE"}),
    ("attack-for-stance", "Beijing attacked Tokyo for its stance on the Senkaku islands.", {"CHN>JPN ACCUSE"}),
    ("attack-over-report", "Pyongyang attacked Seoul over its human rights report.", {"PRK>KOR ACCUSE"}),
    ("attack-over-place", "Chinese warplanes attacked Taiwanese ships over the strait.", {"CHN>TWN ASSAULT"}),
    ("attack-over-time", "North Korea attacked South Korea over the weekend.", {"PRK>KOR ASSAULT"}),
]

REJECT: list[Case] = [
    # cancelling a meeting or visit is rejecting the other side (PLOVER REJECT: refuse to meet)
    ("scrap-visit-by", "China scrapped a planned visit by the Japanese minister.", {"CHN>JPN REJECT"}),
    ("cancel-trip-to", "Seoul cancelled the trip to Tokyo.", {"KOR>JPN REJECT"}),
    ("scrap-summit-with", "Tokyo scrapped the summit with Seoul.", {"JPN>KOR REJECT"}),
    ("scrap-ship", "Japan scrapped the old destroyer.", set()),
    # "between" on the cancelled meeting names both sides; the canceller is one of them
    ("cancel-meeting-between", "Tokyo cancelled a scheduled meeting between its foreign minister and his Chinese counterpart.",
     {"JPN>CHN REJECT"}),
    ("cancel-meeting-between-names", "Beijing cancelled a planned meeting between Wang Yi and his Japanese counterpart.",
     {"CHN>JPN REJECT"}),
    # refusing, dismissing, defying
    ("brush-aside", "Beijing brushed aside Tokyo's concerns.", {"CHN>JPN REJECT"}),
    ("brush-off", "Moscow brushed off Seoul's complaint.", {"RUS>KOR REJECT"}),
    ("ignore", "Pyongyang ignored Washington's overtures.", {"PRK>USA REJECT"}),
    ("ignore-no-actor", "Seoul ignored the weather warnings.", set()),
    ("resist-pressure-from", "Seoul resisted pressure from Washington.", {"KOR>USA REJECT"}),
    ("repudiate", "Japan repudiated Russia's claim to the islands.", {"JPN>RUS REJECT"}),
    ("refute", "Seoul refuted Tokyo's account of the incident.", {"KOR>JPN REJECT"}),
    ("block-proposal", "China and Russia blocked the US proposal at the council.", {"CHN>USA REJECT", "RUS>USA REJECT"}),
    ("block-road", "China blocked the road to the port.", set()),
    # nominalisations
    ("refusal-of", "The Chinese refusal of Japan's offer surprised analysts.", {"CHN>JPN REJECT"}),
    ("snub-of", "Russia's snub of Tokyo was noted.", {"RUS>JPN REJECT"}),
]

REQUEST: list[Case] = [
    ("request-that", "South Korea requested that Japan apologise.", {"KOR>JPN REQUEST"}),
    ("call-for", "Seoul called for Japan's withdrawal from the talks.", {"KOR>JPN REQUEST"}),
    ("lobby", "Tokyo lobbied Washington to keep the tariffs low.", {"JPN>USA REQUEST"}),
    ("seek-help", "Japan sought China's help with the issue.", {"JPN>CHN REQUEST"}),
    ("seek-from", "Seoul sought assurances from Washington.", {"KOR>USA REQUEST"}),
    ("seek-no-actor", "Japan sought a compromise.", set()),
    ("plead-with", "Taipei pleaded with Washington for more help.", {"TWN>USA REQUEST"}),
]

THREATEN: list[Case] = [
    # a warning of what the other side will suffer: the speaker is the source
    ("face-consequences", "Moscow said Tokyo would face consequences.", {"RUS>JPN THREATEN"}),
    ("play-with-fire", "Beijing warned that Washington was playing with fire over Taiwan.", {"CHN>USA THREATEN"}),
    ("play-with-fire-said", "China said Japan was playing with fire.", {"CHN>JPN THREATEN"}),
    ("play-literal", "The children were playing with fire.", set()),
    ("face-no-threat", "Japan will face a labour shortage.", set()),
    # a threatened strike or sanction is a threat, not the strike or the sanction
    ("threaten-strike", "North Korea threatened a nuclear strike on the United States.", {"PRK>USA THREATEN"}),
    ("threaten-sanctions", "Beijing threatened sanctions against Taiwan.", {"CHN>TWN THREATEN"}),
    ("threaten-retaliation", "Russia threatened retaliation against Japan.", {"RUS>JPN THREATEN"}),
    ("threaten-reprisals", "North Korea threatened reprisals against South Korea.", {"PRK>KOR THREATEN"}),
]

SANCTION: list[Case] = [
    # halting trade: the partner is after "to" or in the goods' modifier
    ("halt-exports-to", "China halted exports of gravel to Taiwan.", {"CHN>TWN SANCTION"}),
    ("suspend-imports-of", "Beijing suspended imports of Japanese seafood.", {"CHN>JPN SANCTION"}),
    ("stop-shipments-to", "Russia stopped shipments of gas to Japan.", {"RUS>JPN SANCTION"}),
    ("halt-no-actor", "The typhoon halted exports of rice.", set()),
    # reducing relations
    ("cut-off-dialogue", "China cut off dialogue with Taiwan.", {"CHN>TWN SANCTION"}),
    ("cut-off-aid", "Seoul cut off aid to Pyongyang.", {"KOR>PRK SANCTION"}),
    ("recall-ambassador", "China recalled its ambassador to Japan.", {"CHN>JPN SANCTION"}),
    ("recall-cars", "The company recalled its cars.", set()),
    ("close-embassy", "Tokyo closed its embassy in Pyongyang.", {"JPN>PRK SANCTION"}),
    ("close-airspace", "Russia closed its airspace to Japanese airlines.", {"RUS>JPN SANCTION"}),
    ("close-meeting", "Japan closed the meeting with a statement.", set()),
    ("withdraw-from-treaty", "Russia withdrew from the treaty with the United States.", {"RUS>USA SANCTION"}),
    ("withdraw-troops", "Russia withdrew its troops from the border with Japan.", {"RUS>JPN RETREAT"}),
    # punitive measures
    ("revoke-visas", "Washington revoked visas of Chinese officials.", {"USA>CHN SANCTION"}),
    ("revoke-tariffs", "Washington revoked tariffs on Japanese steel.", {"USA>JPN RETREAT"}),
    ("bar-entry", "Russia barred entry to Japanese officials.", {"RUS>JPN SANCTION"}),
    ("punish", "China punished South Korea for the deployment.", {"CHN>KOR SANCTION"}),
    ("block-investment", "Washington blocked Chinese investment in its ports.", {"USA>CHN SANCTION"}),
    ("trade-war", "China launched a trade war against the United States.", {"CHN>USA SANCTION"}),
    # expelling diplomats reduces relations; expelling a journalist is coercion (PLOVER)
    ("expel-diplomats", "Russia expelled Japanese diplomats.", {"RUS>JPN SANCTION"}),
    ("expel-journalist", "China expelled a US journalist.", {"CHN>USA COERCE"}),
]

SUPPORT: list[Case] = [
    ("support-behind", "Moscow threw its support behind Pyongyang.", {"RUS>PRK SUPPORT"}),
    # a relational noun's appositive name is its referent (its modifier is not)
    ("stand-by-ally-name", "Washington stands by its ally Japan.", {"USA>JPN SUPPORT"}),
    ("stand-by-ally-name-two", "The United States stood by its ally South Korea after the attack.", {"USA>KOR SUPPORT"}),
    ("warn-neighbour-name", "Beijing warned its neighbour Japan against interference.", {"CHN>JPN THREATEN"}),
    ("laud", "Seoul lauded Tokyo's decision.", {"KOR>JPN SUPPORT"}),
    ("champion", "Beijing championed Moscow's cause.", {"CHN>RUS SUPPORT"}),
    ("vouch-for", "Washington vouched for Seoul.", {"USA>KOR SUPPORT"}),
    # "rally": behind someone is support, outside an embassy a protest
    ("rally-behind", "Washington rallied behind Seoul after the attack.", {"USA>KOR SUPPORT"}),
    ("rally-outside", "South Korean activists rallied outside the Japanese embassy.", {"KOR>JPN PROTEST"}),
    ("pay-tribute", "Tokyo paid tribute to Taipei's efforts.", {"JPN>TWN SUPPORT"}),
    ("appreciation-to", "Japan voiced its appreciation to Taiwan.", {"JPN>TWN SUPPORT"}),
    ("grateful-to", "Seoul was grateful to Washington.", {"KOR>USA SUPPORT"}),
    ("supportive-of", "Moscow is supportive of Beijing's stance.", {"RUS>CHN SUPPORT"}),
    # offering condolences or congratulations is no agreement
    ("offer-condolences", "Seoul offered condolences to Beijing.", {"KOR>CHN SUPPORT"}),
    ("offer-congratulations", "Tokyo offered its congratulations to Seoul.", {"JPN>KOR SUPPORT"}),
    # praise received: the one who praises is the source
    ("win-praise-from", "Taipei won praise from Washington for its response.", {"USA>TWN SUPPORT"}),
    ("draw-praise-from", "Seoul's plan drew praise from Tokyo.", {"JPN>KOR SUPPORT"}),
    ("praise-no-actor", "The plan won praise from economists.", set()),
    ("embrace-no-actor", "Japan embraced the new technology.", set()),
    # well-wishing is support; "wish to" is an intention
    ("wish-success", "Japan wished South Korea a speedy recovery from the floods.", {"JPN>KOR SUPPORT"}),
    ("wish-to", "Tokyo wished to improve ties with Seoul.", set()),
]

CONCEDE: list[Case] = [
    ("offer-apology", "Tokyo offered an apology to Seoul.", {"JPN>KOR CONCEDE"}),
    # "regret": to someone for something is a concession, over someone's act a complaint
    ("regret-to-for", "Tokyo expressed regret to Seoul for the incident.", {"JPN>KOR CONCEDE"}),
    ("regret-over", "Seoul expressed regret over Tokyo's decision.", {"KOR>JPN ACCUSE"}),
    ("sorry-for", "Kim Jong Un said he was sorry for the killing of a South Korean official.", {"PRK>KOR CONCEDE"}),
    ("back-down", "Moscow backed down on the issue with Tokyo.", {"RUS>JPN CONCEDE"}),
    ("soften-stance", "Beijing softened its stance toward Taipei.", {"CHN>TWN CONCEDE"}),
    ("cave-in-to", "Seoul caved in to Tokyo's demands.", {"KOR>JPN CONCEDE"}),
    ("bow-to", "Seoul bowed to Washington's demands.", {"KOR>USA CONCEDE"}),
    ("admit-no-actor", "Japan admitted its mistake.", set()),
]

RECEIVE: list[Case] = [
    # what is received names the type; the giver is the source
    ("receive-weapons", "Taiwan received US weapons worth $2 billion.", {"USA>TWN AID"}),
    ("receive-letter", "Taiwan received a letter from Japan.", {"JPN>TWN CONSULT"}),
    ("receive-visitor", "Putin received the Chinese foreign minister in the Kremlin.", {"CHN>RUS CONSULT"}),
    ("receive-no-actor", "Japan received heavy rain on Monday.", set()),
]

CONSULT: list[Case] = [
    # travel to an actor's territory is a visit (visitor -> host)
    ("arrive-in", "Xi arrived in Moscow for a state visit.", {"CHN>RUS CONSULT"}),
    ("set-foot-in", "Kim Jong Un set foot in South Korea for the first time.", {"PRK>KOR CONSULT"}),
    ("head-to", "The Japanese foreign minister headed to Beijing for talks.", {"JPN>CHN CONSULT"}),
    ("go-to", "Wang Yi went to Moscow for talks.", {"CHN>RUS CONSULT"}),
    ("tour", "The Chinese defence minister toured Russia.", {"CHN>RUS CONSULT"}),
    ("pay-visit", "Putin paid a visit to Pyongyang.", {"RUS>PRK CONSULT"}),
    ("go-no-visit", "The prize went to a Japanese scientist.", set()),
    # what arrives names the type: goods and troops are aid, warships a show of force
    ("arrive-shells", "The first shipment of North Korean shells arrived in Russia in October.", {"PRK>RUS AID"}),
    ("arrive-warships", "Chinese warships arrived off Japan on Monday.", {"CHN>JPN MOBILIZE"}),
    # contact at a distance
    ("telephone", "Biden telephoned Kishida on Tuesday.", {"USA>JPN CONSULT", "JPN>USA CONSULT"}),
    ("reach-out-to", "Seoul reached out to Pyongyang after the launch.", {"KOR>PRK CONSULT"}),
    ("contact", "Tokyo contacted Beijing through diplomatic channels.", {"JPN>CHN CONSULT"}),
    ("contacts-between", "Military contacts between China and the United States resumed.",
     {"CHN>USA CONSULT", "USA>CHN CONSULT"}),
    ("contact-no-actor", "Japan contacted the families of the victims.", set()),
    # "his Chinese counterpart" is Chinese: for "counterpart" the modifier is the referent, not the relatum
    ("met-counterpart", "Kishida met his Chinese counterpart.", {"JPN>CHN CONSULT", "CHN>JPN CONSULT"}),
    ("spoke-with-counterpart", "Lloyd Austin spoke by phone with his Russian counterpart, Sergei Shoigu.",
     {"USA>RUS CONSULT", "RUS>USA CONSULT"}),
    ("call-on-counterpart", "The Japanese foreign minister called on his Chinese counterpart to release the detained employee.",
     {"JPN>CHN REQUEST"}),
]

AGREE: list[Case] = [
    ("ratify", "Russia and North Korea ratified the treaty.", {"RUS>PRK AGREE", "PRK>RUS AGREE"}),
    ("memorandum", "Washington and Tokyo signed a memorandum of understanding on chips.",
     {"USA>JPN AGREE", "JPN>USA AGREE"}),
    ("understanding-with", "Tokyo reached an understanding with Seoul on the issue.", {"JPN>KOR AGREE", "KOR>JPN AGREE"}),
    ("truce", "Seoul and Pyongyang reached a truce.", {"KOR>PRK AGREE", "PRK>KOR AGREE"}),
    ("ratify-alone", "Japan ratified the convention on plastics.", set()),
]

MOBILIZE: list[Case] = [
    # an air-defence identification zone is not territory: entering it is a show of force (gold: MOBILIZE),
    # entering territorial waters or airspace is coercion
    ("enter-adiz", "Two Russian bombers entered Japan's air defense identification zone on Tuesday.", {"RUS>JPN MOBILIZE"}),
    ("enter-adiz-two", "Chinese and Russian bombers entered South Korea's air defence identification zone.",
     {"CHN>KOR MOBILIZE", "RUS>KOR MOBILIZE"}),
    ("fly-through-adiz", "Chinese bombers flew through the Korean air defence identification zone.", {"CHN>KOR MOBILIZE"}),
    ("enter-waters", "Chinese coast guard ships entered Japan's territorial waters.", {"CHN>JPN COERCE"}),
    ("cross-into-airspace", "A Russian plane crossed into South Korean territorial airspace.", {"RUS>KOR COERCE"}),
    ("cross-defectors", "North Korean defectors crossed into China last year.", set()),
    # posturing short of force
    ("sail-into", "Chinese coast guard ships sailed into Japanese waters.", {"CHN>JPN MOBILIZE"}),
    ("alert-against", "North Korea put its troops on high alert against South Korea.", {"PRK>KOR MOBILIZE"}),
    ("buzz", "Chinese jets buzzed a Japanese patrol plane.", {"CHN>JPN MOBILIZE"}),
    ("shadow", "Chinese warships shadowed the US destroyer.", {"CHN>USA MOBILIZE"}),
    ("approach-airspace", "Russian bombers approached Japanese airspace.", {"RUS>JPN MOBILIZE"}),
    ("approach-talks", "Japan approached China about a new hotline.", set()),
    ("show-of-force", "China staged a show of force against Taiwan.", {"CHN>TWN MOBILIZE"}),
    ("buildup-near", "China's military buildup near Taiwan worries Tokyo.", {"CHN>TWN MOBILIZE"}),
    # simulated strikes are drills, not strikes
    ("simulate-strikes", "China simulated strikes on Taiwan during the drills.", {"CHN>TWN MOBILIZE"}),
    ("mock-attacks", "Chinese bombers staged mock attacks on Taiwan.", {"CHN>TWN MOBILIZE"}),
]

COERCE: list[Case] = [
    ("board-vessel", "Chinese coast guard ships boarded a Taiwanese vessel.", {"CHN>TWN COERCE"}),
    ("board-airliner", "Japanese officials boarded a Chinese airliner to Beijing.", set()),
    ("jail", "Russia jailed an American citizen.", {"RUS>USA COERCE"}),
    ("deport", "China deported a Japanese national.", {"CHN>JPN COERCE"}),
    ("interrogate", "Russia interrogated a Japanese diplomat.", {"RUS>JPN COERCE"}),
    ("imprison", "China imprisoned a Taiwanese activist.", {"CHN>TWN COERCE"}),
    # water cannon is coercion; firing at a post is an assault
    ("water-cannon", "The Chinese coast guard fired water cannon at a Taiwanese vessel.", {"CHN>TWN COERCE"}),
    ("fire-at", "North Korean soldiers fired at a South Korean guard post.", {"PRK>KOR ASSAULT"}),
]

ASSAULT: list[Case] = [
    ("torpedo", "North Korea torpedoed a South Korean corvette.", {"PRK>KOR ASSAULT"}),
    ("wound", "North Korean troops wounded a South Korean soldier.", {"PRK>KOR ASSAULT"}),
    ("assault-on", "Russia's assault on Japanese positions began at dawn.", {"RUS>JPN ASSAULT"}),
    ("wound-no-actor", "The storm wounded three fishermen.", set()),
]

PROTEST: list[Case] = [
    # civilian collective protest (PLOVER): against an actor, outside its embassy, or its leader's picture
    ("burn-portrait", "South Korean activists burned a portrait of Kim Jong Un.", {"KOR>PRK PROTEST"}),
    ("burn-own", "Japan burned its old files.", set()),
    ("gather-outside", "South Korean activists gathered outside the Japanese embassy.", {"KOR>JPN PROTEST"}),
    ("protest-outside", "South Korean students held a protest outside the Japanese embassy.", {"KOR>JPN PROTEST"}),
    ("vigil-outside", "Chinese activists held a vigil outside the Japanese consulate.", {"CHN>JPN PROTEST"}),
    ("shout-slogans", "South Korean demonstrators shouted slogans against China.", {"KOR>CHN PROTEST"}),
    # a government protesting is a diplomatic complaint
    ("government-protests", "Japan protested to China over the buoy.", {"JPN>CHN ACCUSE"}),
]

COOPERATE: list[Case] = [
    ("jointly-develop", "Tokyo and Washington will jointly develop an interceptor missile.",
     {"JPN>USA COOPERATE intended", "USA>JPN COOPERATE intended"}),
    ("develop-alone", "Japan will develop a new missile.", set()),
    ("extradite", "Japan extradited a suspect to South Korea.", {"JPN>KOR COOPERATE"}),
    ("swap-currencies", "Japan and Korea swapped currencies.", {"JPN>KOR COOPERATE", "KOR>JPN COOPERATE"}),
    # swapping prisoners is a release on both sides
    ("swap-prisoners", "Moscow swapped prisoners with Washington.", {"RUS>USA RETREAT", "USA>RUS RETREAT"}),
]

AID: list[Case] = [
    ("lend", "The United States lent money to South Korea.", {"USA>KOR AID"}),
    ("extend-credit", "China extended a credit line to Russia.", {"CHN>RUS AID"}),
    ("extend-lead", "China extended its lead over Japan.", set()),
    ("fund", "Washington funded Taiwan's defence.", {"USA>TWN AID"}),
    ("rescue", "Japan rescued North Korean fishermen.", {"JPN>PRK AID"}),
    ("train", "The United States trained Taiwanese troops.", {"USA>TWN AID"}),
    ("grant-asylum", "Japan granted asylum to a North Korean defector.", {"JPN>PRK AID"}),
]

RETREAT: list[Case] = [
    ("return-remains", "North Korea returned the remains of US soldiers.", {"PRK>USA RETREAT"}),
    ("resume-imports", "Beijing resumed imports of Japanese seafood.", {"CHN>JPN RETREAT"}),
    ("resume-talks", "Seoul resumed talks with Tokyo.", {"KOR>JPN CONSULT", "JPN>KOR CONSULT"}),
    ("allow-inspectors", "China allowed Japanese inspectors into the site.", {"CHN>JPN RETREAT"}),
    ("waive-tariffs", "Washington waived tariffs on Japanese cars.", {"USA>JPN RETREAT"}),
    ("pause-controls", "China will pause its export controls on rare earths for the United States.",
     {"CHN>USA RETREAT intended"}),
    ("delay-tariffs", "Washington delayed tariffs on Chinese goods.", {"USA>CHN RETREAT"}),
    ("relax-curbs", "Japan relaxed its curbs on exports to South Korea.", {"JPN>KOR RETREAT"}),
    ("end-ban", "Beijing ended its ban on seafood from Japan.", {"CHN>JPN RETREAT"}),
    ("repeal-sanctions", "Washington repealed sanctions against Russian banks.", {"USA>RUS RETREAT"}),
    ("pause-talks-is-sanction", "China paused its talks with the United States.", {"CHN>USA SANCTION"}),
    ("hand-back", "Russia handed back the Japanese trawler to Japan.", {"RUS>JPN RETREAT"}),
    ("unfreeze-no-actor", "Japan unfroze Iranian assets.", set()),
]

#: Predicate adjectives the parser reads as passive verbs ("was disappointed by"): the passive subject feels it.
PASSIVE_ADJECTIVES: list[Case] = [
    ("disappointed-with", "Seoul was disappointed with Tokyo's decision.", {"KOR>JPN ACCUSE"}),
    ("disappointed-by", "Washington was disappointed by Seoul's move.", {"USA>KOR ACCUSE"}),
    ("opposed-to-said", "Beijing said it was resolutely opposed to the US statement.", {"CHN>USA ACCUSE"}),
    ("opposed-to", "China is firmly opposed to Japan's plan.", {"CHN>JPN ACCUSE"}),
    ("alarmed-by", "Japan was alarmed by North Korea's launch.", {"JPN>PRK ACCUSE"}),
    ("outraged-by", "China was outraged by the Japanese remarks.", {"CHN>JPN ACCUSE"}),
    ("opposed-no-actor", "The treaty is opposed by many lawmakers.", set()),
    ("surprised-no-row", "Seoul was surprised by the visit.", set()),
    # a passive verb without an adjective row is still a passive verb
    ("passive-accused", "Japan was accused by China of spying.", {"CHN>JPN ACCUSE"}),
    ("passive-condemned", "North Korea was condemned by Seoul.", {"KOR>PRK ACCUSE"}),
]

#: Reported claims (``data/lexicons/word_classes.csv``: negative_predicate, negative_noun, speech_verb):
#: the sentence holds no trigger word, so the prefilter must know the claim's words too.
CLAIMS: list[Case] = [
    ("claim-distort", "China said Japan had distorted history.", {"CHN>JPN ACCUSE"}),
    ("claim-flout", "Beijing maintained that Tokyo had flouted international law.", {"CHN>JPN ACCUSE"}),
    ("claim-trample", "Moscow asserted that Seoul had trampled on its interests.", {"RUS>KOR ACCUSE"}),
    ("claim-overreaction", "Seoul said Tokyo's response was an overreaction.", {"KOR>JPN ACCUSE"}),
    ("claim-neutral", "Japan said China would remain its biggest trading partner.", set()),
]

#: Idioms (``data/lexicons/idioms.csv``, :mod:`extraction.events.idioms`): no single word is a trigger.
IDIOMS: list[Case] = [
    ("options-on-table-said", "Washington said all options were on the table in dealing with North Korea.",
     {"USA>PRK THREATEN"}),
    ("options-on-table-after", "All options remain on the table regarding North Korea, the White House said.",
     {"USA>PRK THREATEN"}),
    ("options-on-table-keep", "The United States is keeping all options on the table for Pyongyang.", {"USA>PRK THREATEN"}),
    ("option-under-consideration", "Trump said every option remained under consideration after North Korea's launch.",
     {"USA>PRK THREATEN"}),
    ("nothing-off-table", "Japan said nothing was off the table in its response to China.", {"JPN>CHN THREATEN"}),
    ("options-literal", "The menu options are on the table.", set()),
    ("options-no-other-side", "Trump said every option remained under consideration.", set()),
    ("say-no-to", "China said no to the American proposal.", {"CHN>USA REJECT"}),
    ("say-no-sign", "Seoul said there was no sign of progress.", set()),
]

TABLES: dict[str, list[Case]] = {
    "ACCUSE": ACCUSE,
    "passive adjectives": PASSIVE_ADJECTIVES,
    "claims": CLAIMS,
    "idioms": IDIOMS,
    "REJECT": REJECT,
    "REQUEST": REQUEST,
    "THREATEN": THREATEN,
    "SANCTION": SANCTION,
    "SUPPORT": SUPPORT,
    "CONCEDE": CONCEDE,
    "receive": RECEIVE,
    "CONSULT": CONSULT,
    "AGREE": AGREE,
    "MOBILIZE": MOBILIZE,
    "COERCE": COERCE,
    "ASSAULT": ASSAULT,
    "PROTEST": PROTEST,
    "COOPERATE": COOPERATE,
    "AID": AID,
    "RETREAT": RETREAT,
    "attack": ATTACK,
}
CASES: list[Case] = [case for table in TABLES.values() for case in table]


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


@pytest.mark.parametrize(("text", "expected"), [(t, e) for _, t, e in CASES], ids=[c[0] for c in CASES])
def test_relations(extractor: Extractor, text: str, expected: set[str]) -> None:
    assert extracted_rows(extractor, text, DOC_DATE) == expected_rows(expected)


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("Washington was disappointed by Seoul's move.", "disappointed", ("ADJ", "VERB")),
        ("Japan was accused by China of spying.", "accused", ("ADJ", "VERB")),
        ("China was seriously concerned about the sale.", "concerned", ("ADJ",)),
        ("China condemned the launch.", "condemned", ("VERB",)),
        ("China condemned the launch.", "launch", ("NOUN",)),
        ("China condemned the launch.", "the", ()),
    ],
)
def test_lookup_pos(extractor: Extractor, text: str, word: str, expected: tuple[str, ...]) -> None:
    """A passive participle is looked up as a predicate adjective first, then as a verb."""
    tok = next(t for t in extractor.nlp(text) if t.text == word)
    assert lookup_pos(tok) == expected


@pytest.fixture
def idiom_file(tmp_path, monkeypatch: pytest.MonkeyPatch):
    """An idioms.csv of our own under a data dir of our own; returns a writer for its body."""
    folder = tmp_path / "lexicons"
    folder.mkdir()
    monkeypatch.setenv("RELDASH_DATA_DIR", str(tmp_path))

    def write(body: str):
        (folder / "idioms.csv").write_text("phrase,event_type,target\n" + body, encoding="utf-8")
        return folder / "idioms.csv"

    return write


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("option ... on the table,THREATS,clause\n", "idioms.csv:2: unknown event type 'THREATS'"),
        ("... on the table,THREATEN,clause\n", "idioms.csv:2: a phrase needs words"),
        ("option ... ... table,THREATEN,clause\n", "idioms.csv:2: a phrase needs words"),
        ("say no to,REJECT,\nsay no,REJECT,to\n", "idioms.csv:2: target must be"),
        ("say no to,REJECT,to\nsay no,REJECT,to them\n", "idioms.csv:3: target must be"),
    ],
    ids=["unknown-type", "leading-gap", "double-gap", "empty-target", "two-word-target"],
)
def test_bad_idiom_rows_name_file_and_line(idiom_file, body: str, message: str) -> None:
    path = idiom_file(body)
    with pytest.raises(DataFileError) as info:
        idioms.idioms()
    assert f"{path.parent / message}" in str(info.value)


def test_idiom_file_loads_and_gives_keywords(idiom_file) -> None:
    idiom_file("nothing ... off the table,THREATEN,clause\nsay no to,REJECT,to\n")
    assert [i.phrase for i in idioms.idioms()] == ["nothing ... off the table", "say no to"]
    assert idioms.keywords() == {"nothing", "no"}  # the least common word of each phrase


def test_no_idiom_file_means_no_idioms(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A data folder copied before idioms.csv existed still works."""
    (tmp_path / "lexicons").mkdir()
    monkeypatch.setenv("RELDASH_DATA_DIR", str(tmp_path))
    assert idioms.idioms() == ()
    assert idioms.keywords() == frozenset()


@pytest.mark.parametrize(
    ("text", "phrase", "found"),
    [
        ("All options are on the table.", "option ... on the table", True),
        ("Options of every kind, military included, are on the table.", "option ... on the table", False),
        ("The table is set.", "option ... on the table", False),
        ("China said no to it.", "say no to", True),
    ],
)
def test_a_gap_stands_for_at_most_three_tokens(extractor: Extractor, text: str, phrase: str, found: bool) -> None:
    tokens = list(extractor.nlp(text))
    assert bool(list(idioms._matches(tuple(phrase.split()), tokens))) is found


@pytest.mark.parametrize(
    ("text", "word", "types"),
    [
        ("Both Yoon and Kishida face sceptical publics.", "face", set()),
        ("Tokyo took aim at Beijing's claims.", "took", {"ACCUSE"}),
        ("Japan took the train to Beijing.", "took", set()),
        ("China simulated strikes on Taiwan.", "simulated", {"MOBILIZE"}),
        ("China simulated the weather.", "simulated", set()),
        # reversed rows stay with the rules: the source stands where a target usually does
        ("Moscow said Tokyo would face consequences.", "face", set()),
        ("Seoul's plan drew a protest from Tokyo.", "drew", set()),
        ("China condemned the launch.", "condemned", {"ACCUSE"}),
        # the cue must stand in the trigger's own phrase, not elsewhere in the sentence
        ("Abe called the launch reckless.", "called", {"ACCUSE", "REQUEST"}),
        ("Trump signed what he called a document, capping a historic day.", "called", {"REQUEST"}),
        # a particle verb is another word, with its own rows
        ("Taiwan's president called up Trump.", "called", set()),
    ],
)
def test_learned_candidates_keep_a_cue_rows_sense(extractor: Extractor, text: str, word: str, types: set[str]) -> None:
    """The learned scorer sees a cue row as a candidate only when its cue word is in the trigger's phrase, and no
    reversed row."""
    doc = extractor.nlp(text)
    tok = next(t for t in doc if t.text == word)
    assert {r.event_type for r in trigger_rows(tok, extractor.lexicon)} == types


def test_case_ids_are_unique() -> None:
    ids = [c[0] for c in CASES]
    assert len(ids) == len(set(ids))


def test_every_table_has_siblings_and_a_negative_case() -> None:
    """Each kind is covered by several sentences, and at least one must give no row or another type."""
    for name, table in TABLES.items():
        assert len(table) >= 4, name
        types = {e.split()[1] for _, _, expected in table for e in expected}
        assert any(not expected for _, _, expected in table) or len(types) > 1, name
