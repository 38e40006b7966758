"""The whole pipeline on short texts: sentence -> event mention rows, for every phenomenon the extractor handles.

Each case is a short text (one to three sentences, written for these tests)
and the exact set of relations expected from it, written as
``"SRC>TGT TYPE [neg] [intended|hypothetical]"``. An empty set means the text
must give no row.
"""

from __future__ import annotations

import pytest

from extraction.documents import Document
from extraction.pipeline import Extractor
from tests.extraction.rows import expected_rows, extracted_rows

DOC_DATE = "2023-03-22"  # a Wednesday

CASES: list[tuple[str, str, set[str]]] = [
    # --- CONSULT: meetings both ways, visits visitor -> host, calls, hosts
    ("meet", "Japanese Prime Minister Fumio Kishida met South Korean President Yoon Suk Yeol in Tokyo on Thursday.",
     {"KOR>JPN CONSULT"}),  # a meeting in one side's capital is the other side's visit
    ("meet-nowhere", "Japanese Prime Minister Fumio Kishida met South Korean President Yoon Suk Yeol on Thursday.",
     {"JPN>KOR CONSULT", "KOR>JPN CONSULT"}),
    ("meet-third-place", "Japanese Prime Minister Fumio Kishida met South Korean President Yoon Suk Yeol in Washington.",
     {"JPN>KOR CONSULT", "KOR>JPN CONSULT"}),
    ("meet-with", "Chinese Foreign Minister Wang Yi met with Sergei Lavrov in Moscow.",
     {"CHN>RUS CONSULT"}),
    ("visit", "Xi Jinping arrived in Moscow on Monday and later visited Russia's Far Eastern port of Vladivostok.",
     {"CHN>RUS CONSULT"}),
    ("visit-host", "Vladimir Putin visited Pyongyang in June, his first trip to North Korea in 24 years.",
     {"RUS>PRK CONSULT"}),
    ("visit-noun", "Pelosi's visit to Taiwan angered Beijing.",
     {"USA>TWN CONSULT"}),
    ("hosted", "Tokyo hosted the South Korean president for a two-day summit.",
     {"KOR>JPN CONSULT"}),
    ("talks-with", "Washington held talks with Beijing on trade.",
     {"USA>CHN CONSULT", "CHN>USA CONSULT"}),
    ("talks-between", "Talks between Japan and Russia on a peace treaty have stalled for years.",
     {"JPN>RUS CONSULT", "RUS>JPN CONSULT"}),
    ("phone", "Biden spoke with Xi by phone for nearly two hours.",
     {"USA>CHN CONSULT", "CHN>USA CONSULT"}),
    ("coordinated-meet", "The leaders of Japan and South Korea met on the sidelines of the summit.",
     {"JPN>KOR CONSULT", "KOR>JPN CONSULT"}),
    ("trilateral", "US, Japanese and South Korean envoys held a trilateral meeting in Jakarta.",
     {"USA>JPN CONSULT", "JPN>USA CONSULT", "USA>KOR CONSULT", "KOR>USA CONSULT", "JPN>KOR CONSULT",
      "KOR>JPN CONSULT"}),
    # --- AGREE
    ("agree-coord", "Japan and South Korea agreed to resume regular security talks.",
     {"JPN>KOR AGREE", "KOR>JPN AGREE"}),
    ("sign-with", "Russia signed a mutual defense treaty with North Korea.",
     {"RUS>PRK AGREE", "PRK>RUS AGREE"}),
    ("offer", "Seoul offered Pyongyang food and medical supplies.",
     {"KOR>PRK AGREE"}),
    ("deal-with", "China struck a trade deal with the United States in January.",
     {"CHN>USA AGREE", "USA>CHN AGREE"}),
    # --- SUPPORT
    ("praise", "Trump praised Kim Jong Un after the summit.",
     {"USA>PRK SUPPORT"}),
    ("back", "Moscow backed Beijing's position on Taiwan.",
     {"RUS>CHN SUPPORT"}),
    ("welcome", "Taipei welcomed the Japanese decision to donate vaccines.",
     {"TWN>JPN SUPPORT"}),
    # --- CONCEDE
    ("apologize", "Japan apologized to South Korea for its wartime actions.",
     {"JPN>KOR CONCEDE"}),
    ("pardon", "South Korea pardoned a Japanese fisherman held for illegal fishing.",
     {"KOR>JPN CONCEDE"}),
    # --- COOPERATE
    ("exercises-coord", "The US and South Korea resumed large-scale joint military exercises last month.",
     {"USA>KOR COOPERATE", "KOR>USA COOPERATE"}),
    ("drills-with", "Russia held naval drills with China in the East China Sea.",
     {"RUS>CHN COOPERATE", "CHN>RUS COOPERATE"}),
    # an intended joint activity is one side's intention until both act: one direction
    ("share-intel", "Tokyo will share real-time missile warning data with Seoul.",
     {"JPN>KOR COOPERATE intended"}),
    ("cooperation-with", "South Korea will expand cooperation with Japan on supply chains.",
     {"KOR>JPN COOPERATE intended"}),
    ("cooperation-asserted", "South Korea expanded its cooperation with Japan on supply chains.",
     {"KOR>JPN COOPERATE", "JPN>KOR COOPERATE"}),
    # --- AID
    ("arms-sales", "The State Department approved arms sales to Taiwan worth $1.1 billion.",
     {"USA>TWN AID"}),
    ("sell", "Washington will sell F-16 fighter jets to Taipei.",
     {"USA>TWN AID intended"}),
    ("supply", "North Korea supplied Russia with artillery shells, according to the White House.",
     {"PRK>RUS AID"}),
    ("donate", "Japan donated 1.24 million vaccine doses to Taiwan in June.",
     {"JPN>TWN AID"}),
    # --- RETREAT
    ("release", "North Korea released three detained Americans ahead of the summit.",
     {"PRK>USA RETREAT"}),
    ("lift", "Japan lifted export restrictions on South Korea in March.",
     {"JPN>KOR RETREAT"}),
    ("withdraw", "China withdrew its coast guard ships from Japanese waters.",
     {"CHN>JPN RETREAT"}),
    # --- REQUEST
    ("urge", "Beijing urged Washington to stop provoking.",
     {"CHN>USA REQUEST"}),
    ("call-on", "Seoul called on Pyongyang to return to dialogue.",
     {"KOR>PRK REQUEST"}),
    ("demand", "China demanded that Japan halt the release of treated water.",
     {"CHN>JPN REQUEST"}),
    # --- ACCUSE
    ("accuse", "Tokyo accused the South Korean destroyer of locking its fire-control radar on a Japanese patrol plane.",
     {"JPN>KOR ACCUSE", "KOR>JPN COERCE"}),
    ("condemn", "The United States condemned North Korea's latest missile launch.",
     {"USA>PRK ACCUSE"}),
    ("criticize-three", "The US, Japan and South Korea met in Washington. The three criticized China's coercion.",
     {"JPN>USA CONSULT", "KOR>USA CONSULT", "JPN>KOR CONSULT",
      "KOR>JPN CONSULT", "USA>CHN ACCUSE", "JPN>CHN ACCUSE", "KOR>CHN ACCUSE"}),
    ("summon", "Seoul summoned the Japanese ambassador to protest the textbook decision.",
     {"KOR>JPN ACCUSE"}),
    ("passive-accuse", "North Korea was accused by the United States of supplying weapons to Russia.",
     {"USA>PRK ACCUSE", "PRK>RUS AID"}),
    # --- REJECT
    ("reject", "Pyongyang rejected Seoul's offer of economic aid.",
     {"PRK>KOR REJECT"}),
    ("veto", "China vetoed the American proposal.",
     {"CHN>USA REJECT"}),
    ("refuse", "North Korea refused to meet South Korean officials.",
     {"PRK>KOR CONSULT neg", "KOR>PRK CONSULT neg", "PRK>KOR REJECT"}),
    # --- THREATEN
    ("threaten", "Kim Yo Jong threatened Seoul with retaliation over the leaflets.",
     {"PRK>KOR THREATEN"}),
    ("warn", "Putin warned South Korea against supplying weapons to Ukraine.",
     {"RUS>KOR THREATEN"}),
    # --- PROTEST
    ("rally", "South Korean activists rallied outside the Japanese embassy in Seoul.",
     {"KOR>JPN PROTEST"}),
    ("boycott", "Chinese consumers boycotted South Korean cosmetics.",
     {"CHN>KOR PROTEST"}),
    # --- SANCTION
    ("sanctions-on", "The United States imposed new sanctions on Russia.",
     {"USA>RUS SANCTION"}),
    ("sanction-verb", "Beijing sanctioned Lockheed Martin and Pelosi, escalating its row with Washington.",
     {"CHN>USA SANCTION"}),
    ("ban", "China banned imports of Japanese seafood.",
     {"CHN>JPN SANCTION"}),
    ("tariffs", "Washington raised tariffs on Chinese goods to 25 percent.",
     {"USA>CHN SANCTION"}),
    ("suspend-talks", "Russia suspended peace treaty talks with Japan.",
     {"RUS>JPN SANCTION"}),
    ("passive-sanction", "Russia was hit with sanctions by Japan and South Korea.",
     {"JPN>RUS SANCTION", "KOR>RUS SANCTION"}),
    # --- MOBILIZE
    ("drills-around", "The PLA staged large-scale drills around Taiwan.",
     {"CHN>TWN MOBILIZE"}),
    ("deploy", "The US deployed an aircraft carrier to waters near the Korean Peninsula.",
     set()),
    ("missile-over", "North Korea fired a ballistic missile over Japan on Tuesday.",
     {"PRK>JPN MOBILIZE"}),
    # --- COERCE
    ("detain", "China detained a Japanese national on espionage charges.",
     {"CHN>JPN COERCE"}),
    ("seize", "The Japan Coast Guard seized a Taiwanese fishing boat.",
     {"JPN>TWN COERCE"}),
    ("drones", "North Korean drones intruded into South Korean airspace.",
     {"PRK>KOR COERCE"}),
    # --- ASSAULT
    ("fire-at", "North Korean troops fired at a South Korean guard post.",
     {"PRK>KOR ASSAULT"}),
    ("shoot-down", "The US military shot down a Chinese balloon off South Carolina.",
     {"USA>CHN ASSAULT"}),
    # --- negation and modality
    ("did-not", "Japan's Masami Oka and South Korea's Sin Beom-cheol met on Monday. Oka and Sin did not discuss "
     "the intelligence pact.",
     {"JPN>KOR CONSULT neg", "KOR>JPN CONSULT neg", "JPN>KOR CONSULT", "KOR>JPN CONSULT"}),
    ("denied", "Seoul denied locking its radar onto the Japanese aircraft.",
     {"KOR>JPN COERCE neg", "KOR>JPN REJECT"}),
    ("intends", "Seoul intends to normalize the intelligence pact with Tokyo.",
     {"KOR>JPN AGREE"}),
    ("plans", "Biden plans to visit Japan next month.",
     {"USA>JPN AGREE"}),
    # conditional measures are threats made now; the condition itself is no event
    ("would-if", "Washington would impose sanctions on Beijing if it invaded Taiwan.",
     {"USA>CHN THREATEN hypothetical"}),
    ("would-if-strike", "Seoul would strike the North's launch sites if Pyongyang attacked.",
     {"KOR>PRK THREATEN hypothetical"}),
    ("unless-expel", "Tokyo would expel Russian diplomats unless Moscow released the fishermen.",
     {"JPN>RUS THREATEN hypothetical"}),
    # suggestions and possibilities are not events
    ("should-talk", "Washington should talk to Moscow.", set()),
    ("could-invade", "Analysts say China could invade Taiwan within a decade.", set()),
    ("urged-content", "Washington urged Moscow to withdraw its troops from Ukraine's border with Russia.",
     {"USA>RUS REQUEST"}),
    # --- metonymy, people by name, surnames, anaphora, reported speech
    ("capitals", "Beijing criticized Tokyo.",
     {"CHN>JPN ACCUSE"}),
    ("surname", "Japan's Vice Defense Minister Masami Oka flew to Seoul. Oka met Sin Beom-cheol, South Korea's "
     "vice defense minister.",
     {"JPN>KOR CONSULT"}),  # the meeting belongs to Oka's visit
    ("kim-alone", "North Korean leader Kim Jong Un hosted Vladimir Putin. Kim praised Russia.",
     {"RUS>PRK CONSULT", "PRK>RUS SUPPORT"}),
    ("two-sides", "Japanese and Chinese diplomats gathered in Beijing. The two sides held talks for three hours.",
     {"JPN>CHN CONSULT", "CHN>JPN CONSULT"}),
    ("it-pronoun", "Seoul said it would share intelligence with Tokyo.",
     {"KOR>JPN AGREE"}),
    ("reported-speech", 'South Korean minister Park Jin spoke after the meeting. He said: "We agreed to deepen '
     'cooperation with Japan."',
     {"KOR>JPN AGREE", "JPN>KOR AGREE"}),
    # --- dateline home actor, event nouns that refer back, evaluative verbs, phrasal triggers
    ("home-dateline", "SEOUL, March 20 — The foreign ministry summoned the Japanese ambassador on Monday.",
     {"KOR>JPN ACCUSE"}),
    ("event-coref", "China staged large-scale drills around Taiwan on Monday. Taipei condemned the drills.",
     {"CHN>TWN MOBILIZE", "TWN>CHN ACCUSE"}),
    ("describe-as", "Tokyo described Beijing's decision as a grave violation of international law.",
     {"JPN>CHN ACCUSE"}),
    ("concern", "Japan expressed serious concern about China's military activity near its islands.",
     {"JPN>CHN ACCUSE"}),
    ("pay-price", "Washington warned that Pyongyang would pay a price for any arms deal with Moscow.",
     {"USA>PRK THREATEN"}),
    ("duty", "Washington imposed a 25 percent duty on Chinese steel.",
     {"USA>CHN SANCTION"}),
    ("oppose", "Beijing firmly opposed the US arms sale to Taiwan.",
     {"CHN>USA ACCUSE", "USA>TWN AID"}),
    ("break-off", "Russia broke off peace treaty negotiations with Japan.",
     {"RUS>JPN SANCTION"}),
    ("trade-with", "Taipei banned all trade with Pyongyang.", {"TWN>PRK SANCTION"}),
    ("invitation", "Xi accepted an invitation to visit Pyongyang.", {"CHN>PRK AGREE", "CHN>PRK CONSULT intended"}),
    ("vote-for", "Washington imposed new sanctions on North Korea. China voted for the measure.",
     {"USA>PRK SANCTION", "CHN>PRK SANCTION"}),
    ("open-fire", "South Korea's coast guard opened fire on Chinese fishing boats.", {"KOR>CHN ASSAULT"}),
    ("should", "Tokyo said Beijing must release the detained Japanese national.",
     {"JPN>CHN REQUEST"}),
    ("conditional-threat", "Moscow would respond harshly if Seoul sent weapons to Kyiv, Putin warned.",
     {"RUS>KOR THREATEN hypothetical"}),
    ("propose-that", "Wang Yi proposed that Pyongyang freeze its nuclear tests.", {"CHN>PRK REQUEST"}),
    ("place", "A North Korean ballistic missile flew over Hokkaido on Tuesday.", {"PRK>JPN MOBILIZE"}),
    ("they", "Japanese and South Korean officials gathered in Seoul on Monday. They condemned North Korea.",
     {"JPN>PRK ACCUSE", "KOR>PRK ACCUSE"}),
    ("negative-claim", "Beijing said the American statement sent a wrong signal to separatists.", {"CHN>USA ACCUSE"}),
    ("negative-claim-event", "Washington sold F-16 jets to Taiwan. Beijing said the sale damaged China's sovereignty.",
     {"USA>TWN AID", "CHN>USA ACCUSE"}),
    ("visit-coref", "An American delegation met Lai in Taipei on Monday. Beijing said it firmly opposed the visit.",
     {"USA>TWN CONSULT", "CHN>USA ACCUSE"}),
    # --- references: coordinated groups, group nouns, titled people, quoted "we"
    ("group-coordination", "South Korea and the United States announced a joint deployment. China's foreign ministry "
     "urged both governments to abandon it.", {"CHN>KOR REQUEST", "CHN>USA REQUEST"}),
    ("group-adjective", "Japan and South Korea held talks in Seoul. The two Asian neighbours agreed to restore a hotline.",
     {"JPN>KOR CONSULT", "JPN>KOR AGREE", "KOR>JPN AGREE"}),
    ("group-bare", "Washington and Tokyo staged drills near Okinawa. On Monday Beijing condemned the allies.",
     {"USA>JPN COOPERATE", "JPN>USA COOPERATE", "CHN>USA ACCUSE", "CHN>JPN ACCUSE"}),
    ("group-three", "Leaders of Japan, South Korea and the United States met at Camp David. The three countries "
     "condemned North Korea.",
     {"JPN>KOR CONSULT", "KOR>JPN CONSULT", "JPN>USA CONSULT", "USA>JPN CONSULT", "KOR>USA CONSULT", "USA>KOR CONSULT",
      "JPN>PRK ACCUSE", "KOR>PRK ACCUSE", "USA>PRK ACCUSE"}),
    ("titled-he", "The US secretary of state arrived in Seoul on Monday. He criticised North Korea's missile tests.",
     {"USA>KOR CONSULT", "USA>PRK ACCUSE"}),
    ("quoted-we", '"We demand that Tokyo withdraw the remarks," the Chinese foreign ministry spokesman said.',
     {"CHN>JPN REQUEST"}),
    # --- text forms: odd spaces, capitals, collective actors, compound adjectives
    ("no-break-space", "The United\u00a0States condemned North\u00a0Korea.", {"USA>PRK ACCUSE"}),
    ("thin-space", "Tokyo\u2009protested to\u202fBeijing.", {"JPN>CHN ACCUSE"}),
    ("all-caps", "NORTH KOREA FIRES MISSILE TOWARD JAPAN", {"PRK>JPN MOBILIZE"}),
    ("all-caps-line", "JAPAN CONDEMNS CHINA\n\nThe statement followed the drills.", {"JPN>CHN ACCUSE"}),
    ("two-koreas", "The two Koreas held military talks at Panmunjom.", {"PRK>KOR CONSULT", "KOR>PRK CONSULT"}),
    ("north-and-south", "North and South Korea agreed to reopen the liaison office.",
     {"PRK>KOR AGREE", "KOR>PRK AGREE"}),
    ("sino-prefix", "Sino-Russian naval drills began on Tuesday.", {"CHN>RUS COOPERATE", "RUS>CHN COOPERATE"}),
    ("hyphen-dyad", "US-China talks resumed in Geneva.", {"USA>CHN CONSULT", "CHN>USA CONSULT"}),
    ("en-dash-dyad", "The Japan\u2013South Korea summit was held in Tokyo.", {"KOR>JPN CONSULT"}),
    ("us-treasury", "The U.S. Treasury sanctioned three North Korean banks.", {"USA>PRK SANCTION"}),
    # --- the holder of a plan; joint activities aimed at others
    ("plan-to", "Seoul approved a plan to send food aid to North Korea.", {"KOR>PRK AID intended"}),
    ("no-plan", "Japan had no plan to sanction Russia.", {"JPN>RUS SANCTION neg intended"}),
    ("no-intention", "Tokyo had no intention of meeting Seoul.",
     {"JPN>KOR CONSULT neg intended"}),
    ("joint-drill-target", "China and Russia held joint drills near Japan.",
     {"CHN>RUS COOPERATE", "RUS>CHN COOPERATE", "CHN>JPN MOBILIZE", "RUS>JPN MOBILIZE"}),
    ("joint-drill-own-territory", "Washington and Tokyo staged drills near Okinawa.",
     {"USA>JPN COOPERATE", "JPN>USA COOPERATE"}),
    # --- the other side implied by the article's main dyad, where the sentence names one side only
    ("implied-target", "China and South Korea held talks on the missile shield. Chinese officials met South "
     "Korea's ambassador. Beijing and Seoul signed a trade deal. Seoul has complained of unfair treatment "
     "of its companies.",
     {"CHN>KOR CONSULT", "KOR>CHN CONSULT", "CHN>KOR AGREE", "KOR>CHN AGREE", "KOR>CHN ACCUSE"}),
    ("implied-not-when-others-named", "China and South Korea held talks on the missile shield. Chinese officials met "
     "South Korea's ambassador. Beijing and Seoul signed a trade deal. Seoul complained to the United Nations about "
     "Japan.",
     {"CHN>KOR CONSULT", "KOR>CHN CONSULT", "CHN>KOR AGREE", "KOR>CHN AGREE", "KOR>JPN ACCUSE"}),
    ("implied-needs-a-main-dyad", "Seoul has complained of unfair treatment of its companies.", set()),
    # --- misparsed conjuncts, people "from" a country, group nouns after the previous sentence
    ("conjunct-main-subject", "China's foreign ministry said the same day that the deployment would damage regional "
     "security and urged Japan to abandon it.", {"CHN>JPN REQUEST"}),
    ("officials-from", "South Korea and North Korea exchanged letters. Officials from the two sides met at Panmunjom.",
     {"KOR>PRK CONSULT", "PRK>KOR CONSULT"}),
    ("group-previous-sentence", "Two Chinese bombers and two Russian bombers were spotted over the Sea of Japan. Tokyo lodged "
     "protests with both governments.", {"JPN>CHN ACCUSE", "JPN>RUS ACCUSE"}),
    ("fly-a-drill", "American F-35 jets flew a joint drill with Japanese fighters.",
     {"USA>JPN COOPERATE", "JPN>USA COOPERATE"}),
    # --- briefing transcripts: the speaker of a labelled paragraph; "we" is the speaker's side
    ("transcript-we", "AFP: An American delegation met Lai in Taipei today. What is your response?\n\nMao Ning: We "
     "urge the US to stop official contact with Taiwan.", {"USA>TWN CONSULT", "CHN>USA REQUEST"}),
    ("transcript-needs", "Reporter: What is your view?\n\nMao Ning: The position is clear. The US needs to exercise "
     "prudence on Taiwan.", {"CHN>USA REQUEST"}),
    ("quoted-we-owner", "\"We strongly oppose this,\" said Chinese foreign ministry spokesman Wang Wenbin of the "
     "Japanese statement.", {"CHN>JPN ACCUSE"}),  # "we" is China's; what it opposes is Japan's
    ("titled-not-affairs", "Japan's envoy met Taiwan affairs officials. He criticised China's drills.",
     {"JPN>TWN CONSULT", "TWN>JPN CONSULT", "JPN>CHN ACCUSE"}),
    ("passive-participle", "Alex Azar, the US health secretary, visited Taiwan on Sunday. It was a trip condemned by "
     "China.", {"USA>TWN CONSULT", "CHN>USA ACCUSE"}),
    ("the-three-leaders-of", "Xi Jinping, Vladimir Putin and Kim Jong Un watched the parade. Trump accused the three "
     "leaders of conspiring against the United States.",
     {"USA>CHN ACCUSE", "USA>RUS ACCUSE", "USA>PRK ACCUSE"}),
    ("owned-decision", "Washington sold missiles to Taiwan. China welcomed the decision of the government of Nauru.",
     {"USA>TWN AID"}),
    # --- travel advisories are sanctions; tourists travelling are no state visit
    ("advisory-refrain", "China advised its citizens to refrain from traveling to Japan.", {"CHN>JPN SANCTION"}),
    ("advisory-avoid", "Beijing told Chinese tourists to avoid travel to Japan.", {"CHN>JPN SANCTION"}),
    ("advisory-visit", "China advised its citizens to avoid visiting Japan.", {"CHN>JPN SANCTION"}),
    ("tourists-visit", "Chinese tourists visited Japan in record numbers.", set()),
    # --- naming is not a phone call
    ("called-naming", "Beijing and Moscow both called the patrol routine.", set()),
    # --- no relation: co-mentions, geography, non-actors
    ("no-event", "Japan and China are the largest economies in Asia.", set()),
    ("geography", "The tanker sailed from the South China Sea to the Sea of Japan.", set()),
    ("strait", "Tensions in the Taiwan Strait worry Japanese exporters.", set()),
    ("washington-state", "Washington state exports apples to Japan.", set()),
    ("peninsula", "Peace on the Korean Peninsula remains elusive, Chinese analysts say.", set()),
    # --- working with, coordination, lawsuits
    ("work-with", "Japan will work with the United States to respond to the launch.",
     {"JPN>USA COOPERATE intended"}),  # one side's intention, not yet mutual
    ("working-with", "Japan is working with South Korea on a joint statement.",
     {"JPN>KOR COOPERATE", "KOR>JPN COOPERATE"}),
    ("confirmed-coordination", "Japan confirmed close coordination with the United States.",
     {"JPN>USA COOPERATE", "USA>JPN COOPERATE"}),
    ("purpose-clause-preposition", "South Korea has been working to repair relations with Beijing.", set()),
    ("lawsuit", "China filed a lawsuit against the United States at the WTO.", {"CHN>USA ACCUSE"}),
    ("legal-action", "Seoul took legal action against Tokyo over the export curbs.", {"KOR>JPN ACCUSE"}),
    ("action-not-legal", "Japan took action against Chinese smugglers.", set()),
    # --- the target of the governing event: "protested to China and demanded ...", "summoned ..., demanding ..."
    ("summoned-demanding", "Seoul summoned the Japanese ambassador, demanding an apology.",
     {"KOR>JPN ACCUSE", "KOR>JPN REQUEST"}),
    ("protested-and-demanded", "Japan protested to China and demanded the immediate release of the detainee.",
     {"JPN>CHN ACCUSE", "JPN>CHN REQUEST"}),
    ("condemned-and-vowed", "China condemned the US sanctions and vowed to retaliate.",
     {"CHN>USA ACCUSE", "CHN>USA THREATEN intended"}),
    ("met-and-demanded", "China met Russia and demanded an end to the sanctions.",
     {"CHN>RUS CONSULT", "RUS>CHN CONSULT", "CHN>RUS REQUEST"}),
    ("met-and-criticized", "China met Russia and criticized the sanctions.",  # criticised something else
     {"CHN>RUS CONSULT", "RUS>CHN CONSULT"}),
    ("calling-x-a-y", "North Korea cancelled talks with Seoul, calling the drills a provocation.",
     {"PRK>KOR REJECT"}),  # "calling" is no request here
    # --- an event noun's agent is the one a reaction to it is aimed at
    ("opposes-sale-by", "China strongly opposes the arms sale to Taiwan by the United States.",
     {"CHN>USA ACCUSE", "USA>TWN AID"}),
    ("welcomed-decision-by", "Japan welcomed the decision by South Korea to end the dispute.", {"JPN>KOR SUPPORT"}),
    # --- relative clauses: the pronoun stands for its head; actors inside stay inside
    ("who-held-talks", "Kishida, who had held talks with Biden the week before, met Yoon in Seoul.",
     {"JPN>USA CONSULT", "USA>JPN CONSULT", "JPN>KOR CONSULT"}),
    ("who-visited", "Putin, who had visited Pyongyang in June, criticised Washington on Friday.",
     {"RUS>PRK CONSULT", "RUS>USA ACCUSE"}),
    ("closed-relative-then-verb", "Yoon, who met Kishida in Tokyo last month, will travel to Washington.",
     {"KOR>JPN CONSULT", "KOR>USA CONSULT intended"}),
    ("whom", "Lai, whom Beijing has condemned, thanked Tokyo for its support.", {"TWN>JPN SUPPORT"}),
    # --- negated by a negative subject or object, "no longer", or a verb of holding back
    ("neither-nor", "Neither Washington nor Tokyo criticised Moscow.", {"USA>RUS ACCUSE neg", "JPN>RUS ACCUSE neg"}),
    ("no-subject", "No deals were signed between China and Russia during the visit.",
     {"CHN>RUS AGREE neg", "RUS>CHN AGREE neg"}),
    ("no-longer", "The United States no longer supports Taiwan's bid.", {"USA>TWN SUPPORT neg"}),
    ("backed-away", "Japan backed away from scrapping the pact with South Korea.", {"JPN>KOR SANCTION neg"}),
    ("hold-off", "Trump said he would hold off on new tariffs against China.", {"USA>CHN SANCTION neg intended"}),
    # --- a particle verb is its own word: "call up" is a phone call, "call in" a summons, "call on" a request
    ("called-up", "Taiwan's president called up Donald Trump on Tuesday.", {"TWN>USA CONSULT", "USA>TWN CONSULT"}),
    ("rang-up", "Kishida rang up President Yoon Suk Yeol on Friday.", {"JPN>KOR CONSULT", "KOR>JPN CONSULT"}),
    ("called-in-envoy", "Seoul called in the Russian ambassador on Monday.", {"KOR>RUS ACCUSE"}),
    ("called-in-envoy-possessive", "The Japanese foreign ministry called in China's ambassador on Friday.",
     {"JPN>CHN ACCUSE"}),
    ("called-on", "Tokyo called on Beijing to release the detained employee.", {"JPN>CHN REQUEST"}),
    # --- a noun with examples stands for them: "countries such as", "partners including", "nations like"
    ("such-as", "Japan confirmed close coordination with countries such as the United States and South Korea.",
     {"JPN>USA COOPERATE", "JPN>KOR COOPERATE", "USA>JPN COOPERATE", "KOR>JPN COOPERATE"}),
    ("including", "Tokyo held talks with partners including Washington and Seoul.",
     {"JPN>USA CONSULT", "JPN>KOR CONSULT", "USA>JPN CONSULT", "KOR>JPN CONSULT"}),
    ("like", "China exchanged views with nations like Russia.", {"CHN>RUS CONSULT", "RUS>CHN CONSULT"}),
    ("such-as-object", "Seoul condemned neighbours such as Japan and China.", {"KOR>JPN ACCUSE", "KOR>CHN ACCUSE"}),
    # --- an unowned ministry is the dateline's country's, a bare "the ministry" the one named last
    ("ministry-colon-dateline", "BEIJING: The ministry urged the United States to lift its chip curbs.",
     {"CHN>USA REQUEST"}),
    ("ministry-of-agency-dateline", "TOKYO (Kyodo) — The Ministry of Foreign Affairs protested to China on Monday.",
     {"JPN>CHN ACCUSE"}),
    ("ministry-title-case-dateline", "Tokyo, March 22 (Jiji Press)--The ministry condemned Russia.", {"JPN>RUS ACCUSE"}),
    ("ministry-named-before", "South Korea's foreign ministry summoned the Japanese ambassador. The ministry also "
     "demanded that Tokyo withdraw the textbooks.", {"KOR>JPN ACCUSE", "KOR>JPN REQUEST"}),
    # --- what someone is invited or allowed to do has not happened: the invitation is the event
    ("invited-to-visit", "Xi also invited Putin to visit China later this year.", {"CHN>RUS AGREE"}),
    ("invited-to-visit-capital", "Kim Jong Un invited Moon Jae-in to visit Pyongyang.", {"PRK>KOR AGREE"}),
    ("allowed-to-reopen", "Beijing allowed Seoul to hold talks with Pyongyang.", set()),
    # --- stopping talks is the sanction, not a meeting; "its talks with Japan" are the subject's, Japan the partner
    ("halt-to-talks", "Russia announced a halt to its talks with Japan.", {"RUS>JPN SANCTION"}),
    ("suspension-of-talks", "China announced the suspension of talks with the United States on climate.",
     {"CHN>USA SANCTION"}),
    ("suspended-its-talks", "Russia suspended its talks with Japan.", {"RUS>JPN SANCTION"}),
    ("lifted-its-curbs", "Japan lifted its curbs on exports to South Korea.", {"JPN>KOR RETREAT"}),
    # --- telling someone that something is unfair or unacceptable accuses its owner, else the one told
    ("told-unfair-owner", "Xi Jinping told Joe Biden that Washington's export controls were unfair.",
     {"CHN>USA ACCUSE"}),
    ("told-unacceptable-addressee", "Kishida told Li Qiang that the detention was unacceptable.", {"JPN>CHN ACCUSE"}),
    ("told-illegal", "Wang Yi told Blinken that US sanctions were illegal.", {"CHN>USA ACCUSE"}),
    ("told-mistake", "Putin told Kishida that the sanctions were a mistake.", {"RUS>JPN ACCUSE"}),
    ("told-useful", "Moon told Abe that the talks were useful.", set()),
    # --- a reaction is aimed at the subject of the clause it reacts to ("after", "when", "as", "because")
    ("threatened-after", "In July 2018, China threatened sanctions against Raytheon after the United States sold "
     "108 tanks to Taiwan.", {"CHN>USA THREATEN", "USA>TWN AID"}),
    ("protested-when", "Japan protested when Chinese ships entered its waters.", {"JPN>CHN ACCUSE", "CHN>JPN COERCE"}),
    ("regret-as", "South Korea expressed deep regret as Japan went ahead with the release.", {"KOR>JPN ACCUSE"}),
    ("reaction-with-target", "Seoul condemned Pyongyang after the United States announced new drills.",
     {"KOR>PRK ACCUSE"}),
    # --- "the president", "the prime minister", "the leader": the person last named with that office
    ("the-president", "Kishida met Chinese President Xi Jinping on Friday. Later the president urged Japan to "
     "handle the water issue properly.", {"JPN>CHN CONSULT", "CHN>JPN CONSULT", "CHN>JPN REQUEST"}),
    ("the-president-as-target", "President Donald Trump met Kim Jong Un in Singapore. Kim later mocked the president "
     "as a dotard.", {"USA>PRK CONSULT", "PRK>USA CONSULT", "PRK>USA ACCUSE"}),
    ("the-leader", "Donald Trump met Kim Jong Un. Afterwards the leader praised the United States.",
     {"USA>PRK CONSULT", "PRK>USA CONSULT", "PRK>USA SUPPORT"}),
    ("the-vice-president-is-no-anaphor", "Moon Jae-in met Kim Jong Un. The vice president of the United States "
     "criticised Pyongyang.", {"KOR>PRK CONSULT", "PRK>KOR CONSULT", "USA>PRK ACCUSE"}),
    # --- "X said it was ..." speaks of X; "It was a trip ..." of the situation
    ("said-it-was", "Japan said it was deeply disappointed with Seoul's decision.", {"JPN>KOR ACCUSE"}),
    ("told-reporters-it-was", "Seoul told reporters it was willing to meet Pyongyang.", {"KOR>PRK CONSULT"}),
    ("it-was-situation", "It was a trip condemned by China.", set()),
    # --- "X told / notified / warned Y that it ...": "it" is the one telling, not the one told
    ("notified-that-it", "Pyongyang notified Japan's coast guard that it would launch a satellite next week. Tokyo "
     "condemned the launch.", {"JPN>PRK ACCUSE"}),
    ("told-ambassador-that-it", "Moscow told Tokyo's ambassador that it would expel two Japanese diplomats.",
     {"RUS>JPN SANCTION intended"}),
    ("told-that-it-opposed", "China told Japan's ambassador that it strongly opposed the visit by Taiwan's president.",
     {"CHN>TWN ACCUSE"}),
    # --- not ruling out a sanction or force is a threat; not ruling out help is no event; ruling out denies
    ("did-not-rule-out-sanctions", "Japan did not rule out sanctions against Russia.", {"JPN>RUS THREATEN hypothetical"}),
    ("has-not-ruled-out-tariffs", "Washington has not ruled out new tariffs on Chinese goods.",
     {"USA>CHN THREATEN hypothetical"}),
    ("not-ruling-out-supplies", "Moscow is not ruling out supplying arms to Pyongyang.", set()),
    ("ruled-out-sanctions", "Seoul ruled out sanctions on Japan.", {"KOR>JPN SANCTION neg"}),
    # --- a meeting, cooperation or aid someone promises or announces is the promise (PLOVER AGREE), made when
    # it is said; a bare future, a hope or a refusal is not
    ("plans-joint-drills", "Seoul plans to hold joint drills with Washington.", {"KOR>USA AGREE"}),
    ("pledged-aid", "Seoul pledged to send food aid to Pyongyang.", {"KOR>PRK AGREE"}),
    ("said-would-host", "Beijing said it would host a summit with Tokyo in Chengdu.", {"CHN>JPN AGREE"}),
    ("pledged-cooperation", "Putin pledged cooperation with Kim Jong Un.", {"RUS>PRK AGREE"}),
    ("vowed-cooperation", "Beijing vowed closer cooperation with Moscow.", {"CHN>RUS AGREE"}),
    ("offered-aid", "Tokyo offered aid to Taipei after the earthquake.", {"JPN>TWN AGREE"}),
    ("announced-aid-is-aid", "Seoul announced humanitarian aid to Pyongyang.", {"KOR>PRK AID"}),
    ("committed-to-working", "Seoul committed to working with Tokyo on supply chains.", {"KOR>JPN AGREE"}),
    ("visit-in-after-clause", "Washington and Beijing plan to resume military contacts that China cut after Pelosi "
     "visited Taiwan.", {"CHN>USA SANCTION", "USA>TWN CONSULT"}),
    ("pledged-during-talks", "South Korea pledged during talks with the United States to buy more American gas.",
     {"KOR>USA CONSULT", "USA>KOR CONSULT"}),
    ("will-visit", "Kishida will visit Washington next month.", {"JPN>USA CONSULT intended"}),
    ("hopes-to-meet", "Seoul hopes to meet Tokyo soon.", {"KOR>JPN CONSULT intended"}),
    ("hoped-to-hold-talks", "Seoul hoped to hold talks with Tokyo.", {"KOR>JPN CONSULT intended"}),
    ("will-not-visit", "Kishida will not visit Washington.", {"JPN>USA CONSULT neg intended"}),
    ("did-not-pledge", "Seoul did not pledge to send aid to Pyongyang.", {"KOR>PRK AID neg intended"}),
    # --- saying another side is responsible, or bore the responsibility, blames it; "will bear" threatens
    ("is-responsible", "Seoul said the North is entirely responsible for all the consequences.", {"KOR>PRK ACCUSE"}),
    ("bore-responsibility", "Seoul said Pyongyang bore full responsibility for the consequences.",
     {"KOR>PRK ACCUSE"}),
    ("will-bear-consequences", "Beijing said Tokyo would bear all the consequences.", {"CHN>JPN THREATEN"}),
    ("own-responsibility", "Washington said it was responsible for the security of its allies.", set()),
    # --- a threat is aimed at the subject of its condition
    ("consequences-if", "Trump warned on Wednesday of very severe consequences if Putin did not agree to stop the "
     "war.", {"USA>RUS THREATEN hypothetical"}),
    ("warned-would-resume-if", "Pyongyang warned that it would resume the balloon launches if Seoul continued its "
     "broadcasts.", {"PRK>KOR THREATEN"}),
    ("retaliation-if", "Moscow threatened retaliation if Tokyo joined the sanctions.", {"RUS>JPN THREATEN hypothetical"}),
    ("response-unless", "Beijing warned of a strong response unless Washington cancelled the sale.",
     {"CHN>USA THREATEN hypothetical"}),
    ("necessary-measures-if", "China said it would take necessary measures if Japan kept interfering.",
     {"CHN>JPN THREATEN hypothetical"}),
    ("protest-if-is-no-threat", "Japan would protest if China entered its waters.", set()),
    # --- "barred / discouraged X from V-ing": X would do it (citizens travelling are no state visit)
    ("discouraged-citizens-from", "China issued an advisory discouraging its citizens from traveling to Japan.", set()),
    ("warned-tourists-from", "Beijing warned Chinese tourists from visiting Japan.", set()),
    # --- "met / welcomed / talks with visiting X": X is the visitor, the one meeting the host
    ("met-visiting", "Xi Jinping met visiting Russian President Vladimir Putin.", {"RUS>CHN CONSULT"}),
    ("as-he-met-visiting", "Kishida spoke as he met visiting South Korean President Yoon Suk Yeol in Tokyo.",
     {"KOR>JPN CONSULT"}),
    ("talks-with-visiting", "Kishida held talks with visiting Chinese Foreign Minister Wang Yi.", {"CHN>JPN CONSULT"}),
    ("welcomed-visiting", "Biden welcomed visiting Japanese Prime Minister Fumio Kishida to the White House.",
     {"JPN>USA CONSULT"}),
    ("while-visiting", "Kishida met Biden while visiting Washington.", {"JPN>USA CONSULT", "USA>JPN CONSULT"}),
    # --- "X joined Y to / in V-ing": both do it
    ("joined-to-accuse", "The United States joined South Korea to accuse North Korea of hacking.",
     {"USA>KOR COOPERATE", "KOR>USA COOPERATE", "USA>PRK ACCUSE", "KOR>PRK ACCUSE"}),
    ("joined-in-condemning", "Japan joined the United States in condemning the launch by North Korea.",
     {"JPN>USA COOPERATE", "USA>JPN COOPERATE", "JPN>PRK ACCUSE", "USA>PRK ACCUSE"}),
    ("joined-to-criticise", "Tokyo joined Washington to criticise Beijing.",
     {"JPN>USA COOPERATE", "USA>JPN COOPERATE", "JPN>CHN ACCUSE", "USA>CHN ACCUSE"}),
    # --- what one responds or reacts to is another's act, not the responder's
    ("respond-to-sales", "China warned the United States that it would respond firmly to any further arms sales to "
     "Taiwan.", {"CHN>USA THREATEN"}),
    ("react-to-sales", "Beijing said it would react strongly to arms sales to Taiwan.", set()),
    ("answer-to-drills", "Pyongyang answered with missile launches to the allied drills near Seoul.", set()),
    # --- a complaint made in the same breath as a demand or warning is aimed at the same side
    ("dissatisfied-urged", "A spokeswoman said China was strongly dissatisfied, urged Seoul to rein in its coast "
     "guard and warned against excessive force.", {"CHN>KOR ACCUSE", "CHN>KOR REQUEST"}),
    ("disappointed-demanded", "Japan said it was deeply disappointed and demanded that Seoul reverse the ruling.",
     {"JPN>KOR ACCUSE", "JPN>KOR REQUEST"}),
    ("outraged-warned", "Moscow said it was outraged and warned Tokyo of retaliation.",
     {"RUS>JPN ACCUSE", "RUS>JPN THREATEN"}),
    ("opposed-asked", "China said it firmly opposed the move and asked Seoul to explain.",
     {"CHN>KOR ACCUSE", "CHN>KOR REQUEST"}),
    ("opposed-praised", "Tokyo said it opposed the plan and praised Seoul's restraint.", {"JPN>KOR SUPPORT"}),
    # --- a passive mutual event's parties stand after "between" or "among"
    ("held-between", "Talks were held between Seoul and Tokyo on Monday.", {"KOR>JPN CONSULT", "JPN>KOR CONSULT"}),
    ("reached-between", "An agreement was reached between Washington and Beijing.",
     {"USA>CHN AGREE", "CHN>USA AGREE"}),
    ("signed-between", "Several accords were signed between Moscow and Pyongyang.", {"RUS>PRK AGREE", "PRK>RUS AGREE"}),
    ("held-among", "A summit was held among the leaders of Japan, China and South Korea.",
     {"JPN>CHN CONSULT", "CHN>JPN CONSULT", "JPN>KOR CONSULT", "KOR>JPN CONSULT", "CHN>KOR CONSULT",
      "KOR>CHN CONSULT"}),
    # --- a demonym for a nation's people is no state: plural, counted, or bare after a preposition
    ("many-koreans", "Many South Koreans visited Japan last year.", set()),
    ("thousands-of-japanese", "Thousands of Japanese visited Taiwan.", set()),
    ("bare-chinese", "The advisory may reduce the willingness of Chinese to visit Japan.", set()),
    ("airlines", "Several Chinese airlines offered refunds on tickets to Japan.", set()),
    ("the-chinese-state", "The Chinese criticised Japan on Monday.", {"CHN>JPN ACCUSE"}),
    ("the-americans-state", "The Americans rejected North Korea's proposal.", {"USA>PRK REJECT"}),
    # --- a word that cues a sense must be in the trigger's own phrase, not elsewhere in the sentence
    ("cue-in-phrase", "Moon Jae-in called Kim Jong Un a trustworthy partner.", {"KOR>PRK SUPPORT"}),
    ("cue-elsewhere", "Donald Trump signed what he called a comprehensive document with Kim Jong Un, capping a "
     "historic day.", {"USA>PRK AGREE", "PRK>USA AGREE"}),
    ("history", "The Korean War ended in an armistice, not a peace treaty.", set()),
    ("background", "Russia, like China, borders North Korea and shares a long history with the Korean people.",
     set()),
]


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor()


def _run(extractor: Extractor, text: str, date: str = DOC_DATE):
    return list(extractor.extract([Document("t", "", date, "", text, "test")]))


@pytest.mark.parametrize(("text", "expected"), [(t, e) for _, t, e in CASES], ids=[c[0] for c in CASES])
def test_relations(extractor: Extractor, text: str, expected: set[str]) -> None:
    assert extracted_rows(extractor, text, DOC_DATE) == expected_rows(expected)


def test_case_table_covers_every_type() -> None:
    from extraction.schema import EVENT_TYPES

    seen = {etype for _, _, expected in CASES for etype, *_ in [(e.split()[1],) for e in expected]}
    assert seen >= set(EVENT_TYPES)
    assert len(CASES) >= 60
    assert sum(1 for _, _, e in CASES if not e) >= 8


DATE_CASES = [
    ("Kishida met Yoon on March 16.", "2023-03-16", "day"),
    ("Kishida met Yoon on Thursday.", "2023-03-16", "day"),
    ("Kishida met Yoon last month.", "2023-02-01", "month"),
    ("Japan accused South Korea of a radar lock-on in December 2018.", "2018-12-01", "month"),
    ("Pyongyang accused Seoul in August of sending leaflets.", "2022-08-01", "month"),
    ("Russia and China held drills together in 2019.", "2019-01-01", "year"),
    ("Kishida met Yoon yesterday.", "2023-03-21", "day"),
    ("Kishida met Yoon.", "2023-03-22", "doc"),
    ("At last week's talks, Japan and South Korea agreed to restore trade ties.", "2023-03-01", "month"),
    ("The forum opened on March 6, 2023. Kishida met Yoon the previous day.", "2023-03-05", "day"),
    ("SEOUL, March 22 — Kishida met Yoon on Thursday.", "2023-03-16", "day"),
    ("Kishida met Yoon on Wednesday last week.", "2023-03-15", "day"),
    ("The forum opened on March 16. A day earlier, Kishida had met Yoon.", "2023-03-15", "day"),
    ("Kishida met Yoon on March 16. That afternoon, Japan lifted export curbs on South Korea.", "2023-03-16", "day"),
    ("Xi met Putin on Tuesday, his first meeting with a foreign leader since 2019.", "2023-03-21", "day"),
    ("Kishida met Yoon on March 16.\n\nJapan later lifted export curbs on South Korea.", "2023-03-16", "day"),
    # a future or intended verb reads a weekday or month forward (DOC_DATE is a Wednesday in March)
    ("Kishida and Yoon will hold talks on Monday.", "2023-03-27", "day"),
    ("Kishida will visit Seoul in January.", "2024-01-01", "month"),
    ("Kishida met Yoon in December.", "2022-12-01", "month"),
    # the date of the trigger's own clause, not of another noun or clause
    ("Two days after the summit on March 3, Japan protested to China on Thursday.", "2023-03-16", "day"),
    ("Japan lifted the 2019 restrictions on South Korea on Thursday.", "2023-03-16", "day"),
    # an undated sentence: the paragraph's time, not a past-perfect background
    ("Kishida met Yoon on Thursday. In 2019 Tokyo had restricted exports. Yoon praised Japan.", "2023-03-16", "day"),
]


@pytest.mark.parametrize(("text", "event_date", "precision"), DATE_CASES)
def test_event_dates(extractor: Extractor, text: str, event_date: str, precision: str) -> None:
    date = "2022-09-11" if "August" in text else DOC_DATE
    rows = _run(extractor, text, date)
    assert rows, "expected at least one relation"
    assert {(r.event_date, r.date_precision) for r in rows} == {(event_date, precision)}
