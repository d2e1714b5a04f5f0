"""Customer text made emotion-blind before the linear text model reads it.

The playbook classifies "objectively based on business impact, not volume of customer
emotion": capitals, exclamation marks, anger and frustration, urgency and the customer's own
priority words, threats (to cancel, to sue, to go public) and politeness say how a customer
*feels*, never how much of their business is hit. These lists are written from that idea of
emotion (the playbook's "Do NOT treat every loud complaint as a high-severity escalation",
its Tier triggers "cancel"/"legal"/"go public", its HEARD de-escalation vocabulary), not from
the corpus. What they match is removed, so a shouted ticket and its calm twin give the model
the same words.
"""

from __future__ import annotations

import re

# Anger, frustration and disappointment (the volume of emotion).
EMOTION = (
    r"unacceptabl\w*", r"ridiculous\w*", r"outrage\w*", r"absurd\w*", r"disgrace\w*", r"disgust\w*", r"pathetic\w*",
    r"shameful\w*", r"shocking\w*", r"appall\w*", r"terribl\w*", r"horribl\w*", r"awful\w*", r"dreadful\w*",
    r"worst", r"incompeten\w*", r"amateur\w*", r"useless", r"garbage", r"rubbish", r"trash", r"insane\w*", r"crazy",
    r"furious\w*", r"livid", r"angry", r"angri\w*", r"anger\w*", r"mad", r"irate", r"enrag\w*", r"infuriat\w*",
    r"frustrat\w*", r"annoy\w*", r"irritat\w*", r"upset\w*", r"disappoint\w*", r"dissatisf\w*", r"unhappy",
    r"displeas\w*", r"exasperat\w*", r"fed up", r"sick and tired", r"sick of", r"tired of", r"had enough",
    r"enough is enough", r"beyond a joke", r"a joke", r"a nightmare", r"a disaster", r"a fiasco", r"a mess",
    r"last straw", r"losing (my|our) patience", r"lost (all )?(my|our) patience", r"out of patience",
    r"at (my|our|the end of (my|our)) wits'? end", r"cannot believe", r"can't believe", r"can not believe",
    r"i am speechless", r"not (ok|okay|acceptable|good enough|fine|right)", r"unbelievabl\w*", r"shit\w*",
    r"crap\w*", r"screw (this|you)", r"what the hell", r"wtf", r"omg", r"ugh+", r"argh+", r"seriously",
)

# Intensifiers and swearing inside a sentence about impact ("the site is f***ing down"): the word goes.
INTENSIFIERS = (
    r"honestly", r"frankly", r"absolutely", r"totally", r"utterly", r"extremely", r"incredibly", r"literally",
    r"damn\w*", r"bloody", r"fuck\w*", r"f\*+\w*", r"freaking", r"frigging", r"goddamn\w*", r"hell of a",
)

# Urgency and the customer's own priority: a claim, never evidence (the priority is not an input).
URGENCY = (
    r"urgent\w*", r"asap", r"a s a p", r"immediately", r"right (now|away)", r"this instant", r"at once",
    r"without (further )?delay", r"as soon as (humanly )?possible", r"top priority", r"(highest|high|max\w*) priority",
    r"priority (one|1|p1)", r"p1", r"p0", r"sev ?[1-4]", r"severity (one|1)", r"critical (issue|problem|matter|priority)",
    r"(this|it) is critical", r"mission[ -]critical", r"(fix|sort|solve|resolve|handle) (this|it)( out)?( now| today| asap)?",
    r"(i|we) (need|want|demand|expect|require) (this|it|an? answer|a response|a fix|a call)( now| today| fixed| resolved)?",
    r"(i|we) demand", r"(respond|reply|answer|call (me|us)( back)?) (now|today|asap)", r"do something",
    r"(every|each) (minute|hour|second) counts", r"time is (running out|money)", r"today not tomorrow",
)

# Threats: to leave, to sue, to go public, to go over someone's head (Tier triggers, not impact).
THREATS = (
    r"(cancel\w*|terminat\w*|not renew\w*|won't renew\w*|will not renew\w*) (our|the|my|this) "
    r"(contract|subscription|account|renewal|plan|deal|licen[cs]es?|agreement|relationship|business)",
    r"(cancel\w*|terminat\w*) (with|on) you", r"not (be )?renewing", r"(leave|leaving|drop|dropping|ditch\w*) you",
    r"(take|taking|move|moving) (our|my) (business|money|account) (elsewhere|to \w+)",
    r"(switch\w*|mov\w*|go\w*) (to|with) (a |another |your )?(competitor|vendor|provider|supplier|alternative)\w*",
    r"(a |your |our )competitors?", r"(looking|look|shopping) (at|for) (other|another|alternative) \w+",
    r"lawyers?", r"attorneys?", r"solicitors?", r"legal (action|team|counsel|department|steps)", r"litigation",
    r"(sue|suing|sued)( you)?", r"(see|take) you (to|in) court", r"small claims",
    r"go(ing)? public", r"(go\w*|talk\w*|speak\w*) to the (press|media)", r"journalists?", r"social media",
    r"(twitter|linkedin|facebook|reddit)", r"(bad|negative|scathing|one[- ]star|1[- ]star) reviews?", r"review sites?",
    r"trustpilot", r"capterra", r"(tell|warn) (everyone|everybody|other \w+|the world)",
    r"(escalat\w*|go\w*|going) (this )?(to|over) (your|the) (ceo|boss|manager|head|management|leadership)",
    r"(speak|talk) to (your|a) (manager|supervisor|boss|ceo)", r"over your head",
    r"if (this|it) (isn't|is not|doesn't get|does not get|is not|isnt) (fixed|resolved|sorted)( by (end of )?\w+)?",
    r"(consider\w*|reconsider\w*|review\w*|rethink\w*) (our|the) (relationship|partnership|contract|options)",
)

# Politeness and calm: a calm tone must not lower a level either. Thanks are a clause of their
# own ("Thanks for looking into this"); greetings, sign-offs and "please" are single words.
THANKS = (
    r"thanks?( you)?", r"many thanks", r"(i|we) (really )?appreciate", r"(i )?hope (you are|you're|all is) (well|good)",
    r"sorry to (bother|trouble)", r"when you (get|have) a (moment|minute|chance)", r"no (rush|hurry|pressure)",
    r"whenever (you can|convenient)",
)
COURTESY = (
    r"please", r"pls", r"plz", r"kindly", r"cheers", r"(kind |best |warm )?regards", r"sincerely",
    r"(hi|hello|hey|dear)( there| all| team| folks| support)?", r"if (possible|you can)", r"fyi",
)


def _words(patterns: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w'])(?:" + "|".join(patterns) + r")(?![\w'])")


# A clause that says any of these says nothing about impact, so all of it goes.
_FEELING = _words((*EMOTION, *URGENCY, *THREATS, *THANKS))
_FILLER = _words((*INTENSIFIERS, *COURTESY))
_SENTENCE = re.compile(r"[.;:!?]+(?=\s|$)|[!?]+|\n|\s-+\s")
_CLAUSE = re.compile(r",|\b(?:and|but|which|because|although|though|while|whereas|yet)\b")
_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_APOSTROPHE = re.compile("[\u2019\u2018`\u00b4]")
_MARKS = re.compile(r"[\u00a1\u00bf*_~]+")


def plain(text: str) -> str:
    """Case folded (capitals say nothing), one kind of apostrophe, emphasis marks dropped."""
    return _MARKS.sub(" ", _APOSTROPHE.sub("'", text.casefold()))


def clauses(text: str) -> list[list[str]]:
    """The words of each clause that is about something other than feelings, in order (numbers
    as ``#``). Sentences end at ``.;:!?`` (a run of ``!!!`` is one end) and new lines; clauses at
    commas and connectives. A clause with an emotion, urgency, threat or thanks phrase is dropped
    whole; intensifiers, swearing, greetings and "please" are dropped as words."""
    out = []
    for sentence in _SENTENCE.split(plain(text)):
        feeling = [m.span() for m in _FEELING.finditer(sentence)]     # "sick and tired" spans clauses
        start = 0
        for end in [m.start() for m in _CLAUSE.finditer(sentence)] + [len(sentence)]:
            clause, begun, start = sentence[start:end], start, end
            if any(a < end and b > begun for a, b in feeling):
                continue
            words = [w for w in map(_word, _TOKEN.findall(_FILLER.sub(" ", _CLAUSE.sub(" ", clause)))) if w]
            if words:
                out.append(words)
    return out


def _word(token: str) -> str:
    token = token.replace("'", "")
    return "#" if any(c.isdigit() for c in token) else token
