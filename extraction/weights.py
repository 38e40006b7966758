"""Confidence weights, in one place.

A relation's ``confidence`` (0..1) is the product of the confidence of its two actor mentions
and of the weights of the paths that found its roles: a direct object counts more than a
misparsed name after the verb, an actor found through an earlier event less than one in the
sentence. The values were set by hand on the demo corpus; they order evidence, they are not
calibrated probabilities.
"""

from __future__ import annotations

# --------------------------------------------------------------------------- actor mentions
DICTIONARY_PERSON = 1.0  # a full name from people.csv
LEARNED_PERSON = 0.9  # "Japan's Vice Defense Minister Masami Oka"
SURNAME_AFTER_FULL_NAME = 0.9  # "Oka" after "Masami Oka"
SURNAME_ALONE = 0.85  # "Putin" with no full name before, within his period of office
HOME_INSTITUTION = 0.6  # "the foreign ministry" given to its owner or the dateline's country
GROUP_ANAPHOR = 0.85  # "the two sides": times its antecedent's confidence
PRONOUN = 0.8  # "it", "he", "we", "they": times its antecedent's confidence

# --------------------------------------------------------------------------- roles
OBJECT = 0.95  # direct object, attribute or predicate: "Japan protested to China"
TRIGGER_PREPOSITION = 0.85  # the slot's preposition on the trigger: "met with Yoon"
HOLDER_PREPOSITION = 0.75  # the slot's preposition on the verb or noun that holds the trigger
MISPARSED_NAME = 0.8  # a capitalised adverb or dep after the verb: "Kishida met Yoon"
CONDITION_SUBJECT = 0.75  # "would respond harshly if Seoul sent arms"
CLAUSE_SUBJECT = 0.85  # "demanded that Japan ..."
DATIVE = 0.9  # "offered Seoul talks"
DEEP_PREPOSITION = 0.6  # a slot preposition further down a misparsed tree
BETWEEN = 0.9  # "talks between Tokyo and Seoul"
SUBJECT_DEPTH_STEP = 0.1  # a subject inherited n verbs up weighs 1 - 0.1 n
OBJECT_CONTROL = 0.9  # "urged Japan to lift": Japan lifts
ACCUSED_OF = 0.9  # "accused Seoul of locking": Seoul locks
MAIN_CLAUSE_SUBJECT = 0.7  # a conjunct the parse hung on a reported clause takes the main verb's subject
HOSTED_VISIT = 0.9  # "met visiting President Putin": Putin visits the one meeting him
RELATIVE_HEAD = 0.9  # "Japan, which protested ...": the relative clause's head
LEFT_REGION = 0.6  # an actor just left of a verb the parser left without a subject
NOUN_MODIFIER = 0.9  # "China's sanctions", "US arms sales"
NOUN_BY_AGENT = 0.85  # "sanctions by Japan"
MISPARSED_PARTICIPLE = 0.6  # "resumed exercises ending a deal"
SUPPORT_VERB_SUBJECT = 0.85  # "Japan imposed sanctions": the support verb's subject
PREPOSITION_GOVERNOR = 0.8  # "talks with ... held at the request of Tokyo"
PASSIVE_PATIENT = 0.8  # "Russia was hit with sanctions by Japan"
PARTNER = 0.8  # "banned trade with Pyongyang": times the object's weight
INVITATION = 0.7  # "accepted an invitation to visit Pyongyang": times the object's weight
SYMMETRIC_SUBJECTS = 0.9  # "Japan and South Korea agreed": pairs among the subjects
GOVERNING_EVENT = 0.75  # "protested to China and demanded ...": the target of the governing event
CLAIM_ADDRESSEE = 0.8  # "told Li that the detention was unacceptable": Li's side is the accused
REASON_CLAUSE = 0.6  # "threatened sanctions after the US approved the sale": the actor it reacts to
JOINT_ACTION = 0.8  # "China and Russia patrolled jointly": pairs among the subjects of a joint action
EVENT_RECALL = 0.6  # the other side taken from an earlier event ("condemned the drills")
LEARNED = 0.6  # times the learned scorer's probability, for pairs the rules gave no event
SURFACE = 0.5  # roles read from word order where the parse gave the trigger none
IMPLIED_COUNTERPART = 0.5  # the other side implied by the article's established dyad

# --------------------------------------------------------------------------- derived rows
REFUSAL = 0.9  # "denied locking onto": the REJECT row, times the negated event's confidence
CLAIM_TARGET = 0.8  # "said Y's move damaged ...": the accused, in a reported claim
