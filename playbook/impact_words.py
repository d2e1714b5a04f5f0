"""The impact model's vocabulary: regular expressions over lower-cased customer text.

Grouped by signal (see :mod:`playbook.impact_signals`). Emotion words, capitals and
exclamation marks are deliberately absent: they never raise severity.
"""

from __future__ import annotations

from .impact_forms import forms, plural

# A server error by its status code ("a 502", "HTTP 503", "500 errors"), not "500 ms" or "500 rows".
_STATUS_5XX = r"((http|error|status|code|an?|got|getting|returns?|returning|throws?) 5\d\d|5\d\d (errors?|responses?|status|internal|bad gateway|service unavailable|gateway)|5\d\ds)"

# Families shared by several signals (stems inflect: see impact_forms).
_PEOPLE = plural("user", "employee", "staff member", "member", "customer", "client", "agent", "person", "colleague",
                 "worker", "driver", "nurse", "doctor", "clinician", "teacher", "student", "patient", "shopper",
                 "buyer", "seller", "merchant", "cashier", "rep", "technician", "engineer", "manager", "partner",
                 "guest", "visitor", "subscriber", "account", "admin", "seat", "licence", "license") + r"|staff|people|folks"
_PLACES = plural("store", "shop", "site", "location", "branch", "office", "warehouse", "depot", "clinic", "hospital",
                 "restaurant", "outlet", "venue", "school", "campus", "region", "market", "country", "team",
                 "department", "entity", "subsidiary", "franchise", "practice", "hub", "plant", "factory", "lab")
_FAIL = forms("fail", "crash", "error", "error out", "break", "time out", "hang", "reject", "decline", "refuse", "halt",
              "bounce back", "die", "abort", "stall", "freeze up", "lock out", "go down", "drop out")
_WORK = forms("work", "load", "open", "respond", "start", "launch", "connect", "sync", "save", "submit", "process",
              "complete", "go through", "come through", "arrive", "send", "post", "print", "scan", "pay", "charge",
              "run", "render", "display", "show", "upload", "download", "log in", "sign in", "authenticate",
              "publish", "import", "export", "update", "refresh", "deliver", "receive", "reach", "accept", "book",
              "produce", "generate", "create", "build", "calculate", "collect", "fire", "push", "pull", "flow",
              "release", "appear", "populate", "transfer", "go out", "get through", "get sent")

# Words that negate what follows them in the same clause ("no data was lost").
NEGATORS = r"\b(no|not|never|nothing|without|isn't|wasn't|aren't|weren't|hasn't|haven't|doesn't|didn't|don't|won't|nor)\b"

SCOPE_ALL = (
    # (not "no one is unpaid yet": nobody hit; not "nobody is answering our emails": that is about support)
    r"\b(everyone|everybody|nobody|no one|anyone|any of (our|us|them))\b"
    r"(?! (is|was|has been|were|are|will be) (yet |actually |really )?(un\w+|affected|impacted|harmed|hurt|missing|late|short))"
    r"(?!( [\w']+){0,2} (answer|repl|respond|get(ting)? back|pick(s|ing)? up|call(s|ing)? (us )?back|help|look)\w*)",
    r"\bnone of (our|us|the|them)\b",
    r"\ball (of )?(our|the|us|\d[\d,]*|two|three|four|five|eight|nine|twelve) ?\w*",
    r"\bevery (single )?(one|user|employee|member|customer|shopper|store|branch|site|office|page|call|"
    r"transaction|payment|order|request|save|form|region|driver|nurse|entrance|renewal|token|visitor|depot|"
    r"handheld|card|one of)",
    r"\b(whole|entire) (company|business|organi[sz]ation|operation|fleet|platform|team|database|month|org)\b",
    r"\b(company|organi[sz]ation)[- ]wide\b",
    r"\bacross (all|every)\b",
    r"\bnot (a single|one)\b",
    r"\bboth (warehouses|sites|offices|stores|apps)\b",
    r"\bzero (orders|sales|results|payments)\b",
    r"\bin any branch\b",
    rf"\ball (of )?(our |the |my )?({_PEOPLE}|{_PLACES})\b",
    rf"\b(every|each) (single )?({_PEOPLE}|{_PLACES})\b",
    r"\b(site|system|platform|company|org|business|network|fleet|chain|country|nation|state)[- ]?wide\b",
    r"\b(across the (board|company|business|organi[sz]ation|org|group|estate)|globally|everywhere|for all of us|"
    r"all of us|the whole (staff|workforce|org|group|estate|chain|country|firm|office|school|hospital)|"
    r"the entire (staff|workforce|org|group|estate|chain|firm|office|school|hospital|company|team|fleet))\b",
    r"\b(no|not a single|not one|none of (our|the)) (\w+ )?(" + _PEOPLE + "|" + _PLACES + r")\b",
    r"\b100 ?%",
    r"\bno (\w+ )?\w+s (can|could) (be|get) \w+ed\b",
)
SCOPE_FEW = (
    r"\b(some|a few|a handful|a couple|several|few) (of )?(our |the |my )?(users|people|customers|agents|"
    r"employees|staff|orders|payments|records|invoices|calls|print jobs|alerts|emails|skus|items|stops|"
    r"accounts|events|quotes|transactions|of)\b",
    r"\b(one|two|three|a few|\d) (of our |of the )?(users|employees|people|tills|staff)\b",
    r"(?<!no )\bone (in|time in|out of) (every )?(\d+|two|three|four|five|six|ten|twenty|fifty|a hundred)\b", r"\b([1-9]|[12]\d) ?%", r"\b(a quarter|a fifth|a tenth|a fraction)\b",
    r"\b(a few|several|a couple of|couple of) times\b",
)
# The rest of the service still works: a function is broken, the customer is not down.
PARTIAL_SERVICE = (
    r"\b(everything|everyone|everybody|anything) else\b(?![^.;]{0,40}\b(can't|cannot|isn't|doesn't|won't|not|too|also|as well)\b)",
    r"\b(the )?rest of (the |our )?\w+( \([^)]*\))? (works|is fine|is working|are fine)\b",
    r"\bcan still (\w+)\b(?! (not|no))",
    # ... but not the customer's own environment ("our other tools are fine, so it's not our network")
    r"\b(?!(\w+ ){0,2}(tools|systems|software|internet|network|wifi|wi-fi|laptops|computers|browsers|machines|devices) (are|is) )"
    r"(other|existing|the \w+|\w+) (\w+ )?(are|is) (fine|unaffected|working|ok)\b(?! (from|on|off|around|through|with|overtime|late))",
    # (not "cash still works": a manual alternative is a workaround, not part of the service working)
    r"\bunaffected\b", r"(?<!cash )(?<!paper )(?<!phone )(?<!phones )\bstill (work|works|book|books|process|processes|ship|ships|show|shows|complete|"
    r"completes|finds?|open|opens|log in|arrive|arrives)\b", r"\b(works|work) fine\b",
    r"\b(process|processes|ship|ships|book|books|load|loads|open|opens|log in) fine\b",
    r"\b(\w+ )?(payments|cards|users|customers|queries|calls|channels|methods|sites|stores|features|screens|pages|support|"
    r"schedule|phone|chat|visa|mastercard|web|desktop|mobile|ios|android)( \w+)? (still )?(work|works|are fine|are working)\b",
    r"\b(europe|the us|west coast|uk and us)( \w+)* (are|is) (fine|ok|working|unaffected|normal)|\b(europe|the us|west coast|uk and us)( \w+)* work\b",
)
REGION_OR_PART = (
    r"\b(one|our|the|one of our) (?!all\b|every\b|whole\b|entire\b|online\b|main\b|only\b|own\b)[a-z]+ (region|department|entity|warehouse|store|office|datacenter|branch)\b",
    r"\bone (of our |of the )?(regions?|departments?|entit(y|ies)|warehouses?|stores?|offices?|branch(es)?|sites?)\b",
    r"\b(users|staff|customers|people) in [a-z]+\b", r"\b(canadian|australian|east coast|west coast|apac|emea|android)\b",
)
# A workaround the customer cannot use is none ("we can't do it by hand, 300 rooms").
WORKAROUND_NEGATORS = NEGATORS[:-3] + r"|can't|cannot|can not|unable to|couldn't|not able to|impossible to|too \w+ to)\b"
# A workaround for a few only leaves the rest blocked ("we post by hand for the two biggest clients only").
PARTIAL_WORKAROUND = (r"\b(for )?(the )?(most urgent|biggest|largest|top|first|few|two|three|\d+)( [\w-]+){0,3} only\b|"
                      r"\bonly (for )?(the )?(most urgent|biggest|largest|top|a few|two|three|\d+) (ones|clients|customers|orders|cases)\b")
# A question about policy, not an incident: "how do you notify customers of a data breach?"
INQUIRY = (r"\b(how do you|what is your|what are your|do you (encrypt|notify|store|support|offer|have|keep|back up)|questionnaire|"
           r"vendor (review|assessment)|due diligence|rfp|soc ?2|iso ?27001|security review|penetration test report)\b",
           # asking what a planned change would do ("if we downgrade, will any data be lost?")
           r"\bif (we|i) (downgrade|upgrade|cancel|migrate|switch|move|change|close|delete|leave|renew)\b.{0,60}\b(will|would)\b")
# Words that make a quoted message an error ("This account has been closed", "Invalid token").
ERROR_MESSAGE = r"\b(closed|suspended|disabled|expired|invalid|denied|unauthori[sz]ed|forbidden|cannot|can't|unable|not|no|exceeded|lost|timeout)\b"
# A sentence about someone else's role is not a signature ("our CEO asked me to ask").
THIRD_PERSON = r"\b(our|my|the|their|his|her|asked|asks|wants|told|said|says|thinks|ask)\b"
# Negates a scope only when right before it: "not down for everyone" (not "no orders for any of our stores").
SCOPE_NEGATOR = r"\b(not|isn't|wasn't)\s+([\w']+\s+){0,2}$"
# The service as a whole is down: these words with a whole-service noun need no explicit scope.
OUTAGE = (r"\b(is|are|went|been|was|goes|completely|totally|fully|entirely|still) (\w+ )?(down|offline|dead|unavailable|"
          r"unreachable|unusable|inaccessible|unresponsive|not responding|not loading|dark)\b|"
          r"\b(outages?|not found|error page|gateway error|bad gateway|internal server error|service unavailable|"
          r"blank (white )?(page|screen)|white screen|" + _STATUS_5XX + r"|nothing (works|is working|loads|will load)|"
          r"(ground|grinding|come|came) to a (halt|standstill)|dead in the water|at a standstill|can't (reach|access|get into|open) (the |your )?(site|app|platform|system|portal|service|website|product))\b")
WHOLE_SERVICE = (
    r"\b(production( environment)?|platform|whole (site|shop|platform|app)|website|site|shop|service|portal|"
    r"app|system|everything|the business|operation|tenant url|web ?app|application|software|product|instance|"
    r"environment|workspace|servers?)\b",
)
CRITICAL_FUNCTION = {
    "sign-in": r"\b(log ?in(to)?|sign ?in(to)?|signing in|logging in|sign-in|sso|password|locked out|authenticat\w*|login page|"
               r"log(s|ged)? (in|on)|logon|sign(s|ed)? (in|on)|sign-on|single sign|2fa|mfa|two[- ]factor|one-time code|"
               r"verification codes?|access (the|our|your) (app|platform|system|portal|account|site|tool))\b",
    "payments": r"\b(payments?|card|pay us|transactions?|refunds|checkout|check out|tills?|point of sale|orders?|"
                r"(sell|book|order|buy) anything|ordering|renewal|charg(e|es|ed|ing)|purchas(e|es|ed|ing)|billing|pos|terminals?|"
                r"card readers?|basket|cart|bookings?|reservations?|invoic(e|es|ing) (customers|clients)|"
                r"take (money|orders|bookings)|taking (money|orders|bookings))\b",
    "payroll": r"\b(payroll|wages?|(get|got|getting|be|been|being|were|was|weren't|wasn't|not) paid|payslips?|pay ?slips?|salar(y|ies)|pay ?runs?|pay ?checks?|pay cheques?|"
               r"direct deposits?|net pay)\b",
    "dispatch": r"\b(dispatch\w*|drivers?|routes|routing engine|deliver(y|ies)|scanners?|picking|shipping|fleet|vehicles?|"
                r"couriers?|shipments?|fulfil+ment|pick lists?|handhelds?|trucks|vans|collections)\b",
    "telephony": r"\b(calls|call cent(re|er)s?|contact cent(re|er)|softphones?|phones?|dial+ers?|ivr|telephony|voicemail)\b",
    "saving": r"\b(save|saves|saving|saved|submit|submits|submitting|submitted|submissions?)\b",
    "booking": r"\b(book|booking) (an? |the |any )?(appointments?|tables?|rooms?|slots?|visits?|classes|patients?)\b",
    "clinical": r"\b(patient (records?|charts?|files?|notes)|medical records?|clinical (records?|notes|system)|ehr|emr)\b",
}
KEY_FUNCTION = {
    "api": r"\b(api|apis|endpoints?|graphql|webhooks?|sdk|oauth|rest calls?)\b",
    "integrations": r"\b(integrations?|connectors?|sync\w*|upload\w*|zaps?|import\w*|export\w*|feeds?|cdc|stream|salesforce|hubspot|"
                    r"slack|quickbooks|xero|shopify|netsuite|sap|zapier|erp|crm|plug-?ins?|add-ons?|pipelines?|etl|sftp|"
                    r"edi|replication|mirror\w*)\b",
    "notifications": r"\b(notifications?|reminders?|sms|e-?mails?|alerts?|invites?|invitations?|text messages|texts|push)\b",
    "search": r"\bsearch\w*\b",
    "reporting": r"\b(reports?|reporting|dashboards?|analytics|metrics|kpis?|insights)\b",
    "data": r"\b(data|records?|invoices?|documents?|files?|attachments?|spreadsheets?)\b",
}
HARD_FAILURE = (
    r"\b(can't|cannot|can not|unable to|couldn't|could not)\b",
    r"\b(is|are|went|been|was|goes) (\w+ )?(down|offline|dead|unavailable|unreachable|unusable)\b",
    r"\b(down|offline|outage|unreachable|unavailable|unusable|standstill)\b", r"\bblank\b(?! line| space| field)",
    r"\b(fail|fails|failed|failing|failure|errors?|errors out|declined|rejects?|rejected|aborted|broken|crash\w*|"
    r"hangs|stuck|spins|frozen|stopped|stops|stalled|disconnected|timed out|times out)\b",
    r"\b(not|never|no longer|doesn't|don't|won't|isn't|aren't|hasn't|haven't|didn't) (\w+ )?(load|loads|loading|"
    r"work|working|arrive|arriving|arrives|receiving|received|firing|sent|going out|gone through|go through|"
    r"synced|pushed|imported|publish|reaching|reached|apply|accepting|validating|generating|generated|showing|"
    r"flow|succeeded|turning|being|open|opens|connect|assigning|counting|updated|saving)\b",
    r"\bnothing (loads|works|saves|comes through|arrives|has gone out|is being)\b",
    r"\b(no|zero) (orders|routes|payments|sales|contacts|results|emails)\b",
    r"\bnot a single\b", r"\bhas not\b", r"\bnone of\b.*\b(receiving|working|paid)\b",
    r"\b(nobody|no one|none of [\w ]{1,20}?|not one \w+) (\w+ ){0,3}(can|could|is able|are able|has been able|have been able|has|have|were|was|apply|publish|"
    r"publishes|work|load|sync|arrive|reach|go out)\b",
    r"\b(not found|error page|gateway error|service unavailable|something went wrong|sent back to the login)\b",
    r"\b(gives|gave|giving|returns|returned|throws|threw|gets|got|getting) (an? |the |this |that )?(error |message )?quoted\b",
    rf"\b{_FAIL}\b",
    # (not "she hasn't logged in since she left": a person's habit, not a failure)
    rf"(?<!she )(?<!he )\b(not|never|no longer|doesn't|don't|won't|isn't|aren't|hasn't|haven't|didn't|wouldn't|will not|does not|do not|"
    rf"refuses? to|stopped|stops|ceased) ((been|be|even|fully|properly|actually|yet) )?{_WORK}\b",
    r"\b(inaccessible|unresponsive|not responding|dead|bricked|kaput|" + _STATUS_5XX + r"|bad gateway|internal server error|"
    r"white screen|nothing happens|does nothing|goes nowhere|out of action|out of service|out of order|locked out|"
    r"shut out|kicked out|no access|lost access|access denied|permission denied|forbidden|(is|are) gone)\b",
)
INTERMITTENT = (
    r"\b(sometimes|occasionally|intermittent\w*|now and then|every so often|once in a while|from time to time|"
    r"random\w*|sporadic\w*|every few|every couple of|every other (day|time|week|hour|run|sync|attempt|try|night|morning|order|call|print|login|page)s?|some (days|mornings|evenings|nights|weeks|(mon|tues|wednes|thurs|fri|satur|sun)days)|on and off|"
    r"more often|not always|usually|a few times|few times a day|times a (day|week)|twice a week|"
    r"once a day|half the time|every few tries)\b",
    r"(?<!no )\bone (in|time in|out of) (every )?(\d+|two|three|four|five|six|ten|twenty|fifty|a hundred)\b", r"\b\d+ in \d+\b", r"\bmaybe (one|once|1|twice)\b",
    r"\b(flak(y|iness)|hit and miss|hit or miss|unreliabl[ey]|inconsistent(ly)?|patchy|spotty|comes and goes|"
    r"off and on|at times|once or twice|now and again|here and there|every now and then|(a few|several|some) times|"
    r"(twice|three times|once) (a|an|per|this) (day|week|hour|month)|more and more often|periodically|"
    r"unpredictabl[ey]|erratic(ally)?|glitch\w*|blips?)\b",
)
SLOW = (
    r"\blatency\b[^.;]{0,40}\b(above|over|more than|\d+ ?(ms|seconds))\b",
    r"\b(slow\w*(?! (reply|replies|response|responses|answer|support|to (reply|respond|answer)))|sluggish|takes? (about |up to )?(ages|forever|\d+|a minute|minutes)|taking|lag\w*|"
    r"\d+ ?(seconds|secs|minutes|mins) (to (load|open|save|respond|run|finish|complete|appear|come|sync|process|print|"
    r"export|import|generate|search|log|sign|show|send|arrive|refresh|go)|per|instead)|eventually|does load|do arrive|still arrive|"
    r"they finish|they do show|get through the day|get in eventually)\b",
    r"\b(crawl\w*|snail|molasses|painfully slow|takes? (an age|longer|too long|much longer)|long (load|wait)\w*|"
    r"degraded|performance (issue|problem|drop)s?|timeouts? (at|during|in) (peak|busy)|"
    r"(seconds|minutes) to (load|open|save|respond)|spinning (for|wheel))\b",
)
_AMOUNT = r"(?P<n>\d+|a|one|two|three|several|few|couple of)[- ](?P<u>hours?|days?|minutes?|mins?)"
DELAY = (
    _AMOUNT + r"\b[^.]{0,25}\b(late|behind|delay\w*|lag\w*|old|after)\b",
    r"\b(delayed|late|behind|lagging)\b[^.]{0,25}\b" + _AMOUNT + r"\b",
    r"\b(haven't|hasn't|not)\b[^.]{0,40}\b(in|for) (more than )?" + _AMOUNT + r"\b",
)
_DAY = r"(yesterday|last (night|week|month|friday|monday|tuesday|wednesday|thursday)|the weekend|(mon|tues|wednes|thurs|fri|satur|sun)day|\d+(st|nd|rd|th))"
_LONG = (r"((1[2-9]|[2-9]\d|\d{3,}|twelve|fifteen|sixteen|eighteen|twenty|thirty|forty|fifty) hours|"
         r"(\d+|two|three|four|five|six|seven|a few|several|many|a couple of) (days|weeks)|a (day|week|whole day|full day))")
DELAY_LONG = (
    rf"\b{_LONG} since the last (successful|good|complete) \w+",
    rf"\b(haven't|hasn't|not|no|nothing|none|stopped|never)\b[^.]{{0,60}}\bsince {_DAY}\b",
    rf"\b(for|over|in|since|that's|that is|now|been|it's been|it has been|about|almost|nearly|more than)( the (last|past))? "
    rf"(more than |over |almost |nearly |about )?{_LONG}\b",
    rf"\b{_LONG} (behind|late|out of date|old|stale|of (data|orders|transactions))\b",
    r"\bday (two|three|four|five|\d)\b", r"\bfor days\b",
)
DELAY_SHORT = (
    r"\b(late|delayed|delays?|lagging|behind schedule|out of date|stale|not (yet )?(up to date|current))\b",
    r"\b(instead of|rather than|not at|not by|supposed to (arrive|come|run) at) \d{1,2}(:\d\d ?(am|pm)?| ?(am|pm))",
)
WORKAROUND = (
    r"\b(workaround|work around|by hand|manually|manual|in the meantime|as a backup|instead(?! of)|saved view|"
    r"(we|i|they|staff|people|agents|users)( [\w']+){1,5} instead of|"
    r"one by one|one at a time|in batches|split (them|the files|into)|resend|re-send|re-run|rerun|re-save|"
    r"re-enter|retype|type them|copy (the|them)|reload|refresh\w*|restart it|"
    r"(we|i|they|staff|agents|our team) (now |then |just |have to |manually |still )?(correct|fix|check|merge|add|attach|"
    r"resize|re-?run|export|download|phone|call|email|copy|paste|type|key|redo|rebuild|re-?create|re-?send|move|edit|adjust|"
    r"patch|shrink|split|reprint|re-?print|reconcile)( \w+)? (it|them|those|these|the \w+|each|every|by|in|on|from|to)|"
    r"call back|(call|calling|phone|phoning|ring|ringing|text|texting) (the |our |each )?(patients|customers|clients|drivers|"
    r"guests|members|parents|students|staff)|replays?|re-?play\w*|catch(es)? up|catching up|your retry)\b",
    r"\b(retry|retries|retrying|try again|tried again|second attempt|second time|second try)\b",
    r"\b((use|using|via|through|switch(ed)? to|from|on|in) the (web|browser|website|desktop|mobile)( app| version| site)?|web version|rebuild|from scratch|and that works|then it imports|then they go|they print|it syncs)\b",
    r"\b(work-?around|" + forms("work around") + r"|stopgap|stop-gap|temporary fix|for now|re-?connect\w*|fixes it|we('ve| have)? (been|are|'re) (having to|forced to|doing|using|"
    r"entering|typing|keying|copying|pasting|sending|running|checking)|"
    r"(we have to|we had to|having to|we need to|we must) (manually |now )?(do|enter|type|key|copy|paste|re\w+|send|phone|"
    r"call|check|fix|correct|process|handle|create|build|update|fill|write|upload|email)|by phone|"
    r"over the phone|on paper|pen and paper|spreadsheet|excel|copy(ing)? and past(e|ing)|double[- ]entry|"
    r"re-?key\w*|re-?upload\w*|re-?submit\w*|re-?try\w*|"
    r"a second (time|go|attempt)|another (browser|device|computer|laptop|screen|tab)|incognito|other browser|"
    r"(it|that|this) works (on|in|from|if|when|via)|works if|works when|succeeds? (on|after|the second)|"
    r"(cash|paper|pen and paper|phones?|manual \w+|offline mode|the old \w+) (\w+ )?(still )?(works|is working|is fine|as a fallback)|"
    r"eventually (works|goes through|succeeds)|split\w* (it|them|the \w+)( up)? into|can still [\w ]{1,30}\bby\b|"
    r"(\d+|two|three|four|five|more|extra|several) (clicks|steps|screens|pages) instead of)\b",
)
NO_WORKAROUND = (
    r"\b(no workaround|no way to|no other way|there is no|there's no|isn't possible|not possible|isn't sustainable|"
    r"doesn't help|don't help|no manual|not something we)\b",
    r"\b(nothing (we|i) (try|tried|do|did) (works|helps|helped|worked)|tried everything|(retry|retrying|restarting|"
    r"refreshing|rebooting|reinstalling|clearing the cache)( \w+){0,3} (doesn't|does not|didn't|did not|won't) (help|work|fix)|"
    r"no alternative|no fallback|no backup|no other (option|route|means)|can't work around|cannot work around|"
    r"completely blocked|totally blocked|fully blocked|blocked entirely)\b",
)
# Something works wrongly (SEV-3 evidence: partial impact, never a blocked workflow on its own).
DEFECT = (
    r"(?<!password )\bresets?\b(?! (my |your |the |their )?password)",
    r"\b(freez\w*|drops?|dropped|bounce\w*|skips?|skipped|duplicat\w*|forgets|expir\w*|logged out|"
    r"logs (them |me |us )?out|jumps?|misses|missing|spam|off by|ignor\w*|doesn't recogni[sz]e|don't always|"
    r"won't (preview|open|show)|don't show|doesn't show|not showing|an hour late|out an hour)\b",
    r"\bwrong (?!colou?r|icon|size|blue|green|red|orange|yellow|purple|grey|gray|black|white|shade|logo|label|"
    r"placeholder|font|timezone label|greeting|order)\w+",
    # money in the wrong amount: "paid every employee ten times their salary", "charged twice"
    r"\b(paid|charged|billed|debited|credited|refunded|invoiced) (\w+ ){0,5}(twice|double|triple|ten times|\d+ ?x|\d+ times|"
    r"too much|too little|the wrong amount)|\b(overpa\w+|underpa\w+|overcharg\w+|undercharg\w+|double[- ](charg|debit|bill|pa)\w*)|"
    r"\bdecimal (point|place) (problem|error|issue|bug|shift)|\bzeroed\b|\bprices? (of |to |at )?(0|zero|£0|\$0|€0)(\.00)?\b|"
    r"\bwrong (prices|amounts|totals|balances|rates|tax)\b",
    r"\b(only (the first )?\d+ (of|are|were|get|got)|stops? after \d+|stop at \d+)\b",
)
DATA_NOUNS = (r"(data|records?|files?|invoices?|tickets?|projects?|transactions?|entries|results|history|archive|"
              r"attachments?|contacts|timesheets?|rows|tables?|workspace|ledger|appointment book|everything|"
              r"customer records)")
DATA_LOST = (
    r"\b(after|since) (the |your |last night's |yesterday's )?(migration|update|upgrade|import|sync|release|merge|deploy\w*)\b"
    r"[^.;]{0,60}\b(missing|gone|empty|disappeared|lost|vanished|wiped)\b",
    r"\b(we|i) (have )?lost (all|every|our|the|months|years|weeks)\b|\bhas been lost\b|\bhave been lost\b",
    r"\b(all (of )?)?[\w']+s (have |has |had |were |was |got )?(all )?(just )?(disappeared|vanished|wiped|erased|"
    r"gone missing|been (deleted|wiped|erased|lost|removed|overwritten|purged))\b",
    rf"\b{DATA_NOUNS}\b[^.;]{{0,60}}\b(gone(?! (back|on|up|through|out|over|down|into|to|from|by|well|ahead|quiet|wrong|live|missing))|deleted|disappeared|vanished|wiped|lost|purged|removed|truncated|"
    rf"corrupted|(is|are|was|were|shows?|showing) (now |completely |totally |suddenly )?(empty|blank)(?! (for|on|in) (some|a few|one|certain))|not there|no longer there|(?<!still )missing)\b",
    rf"\b(lost|deleted|wiped|purged|truncated|removed)\b[^.;]{{0,40}}\b{DATA_NOUNS}\b",
    r"\b(data loss|lost data|opens as an empty file|nothing in the trash|not in the recycle bin|were the only copies)\b",
    rf"\b{DATA_NOUNS}\b[^.;]{{0,60}}\b(erased|overwritten|overwrote|destroyed|zeroed|blanked|cleared|reset to (zero|blank|empty)|"
    r"no longer (exist|exists|show up|appear)|can't be (found|recovered|restored)|cannot be (found|recovered|restored)|"
    r"unrecoverable|irrecoverable|permanently)\b",
    rf"\b(erased|overwrote|overwritten|destroyed|wiped out|lost all|lost every|lost our|lost the|lost months|lost years)\b"
    rf"[^.;]{{0,40}}\b{DATA_NOUNS}\b",
    r"\b(no backup|restore from (a )?backup|need (a|the) restore|roll(ed)? back the (data|database)|can't recover|"
    r"cannot recover|unable to recover|gone for good|gone forever|months of work|years of (data|history|records))\b",
)
EXPOSURE = (
    r"\b(another|other|different|someone else's|a different)\b( [\w-]+){0,2} (company|companies|company's|"
    r"customers?|customers'|organi[sz]ations?|organi[sz]ation's|tenants?|practice|clients?|client's|businesses|"
    r"schools?|school's|firms?|firm's|district's|clinic's|hospital's|agenc(y|ies)|agency's|account's|"
    r"shoppers'?|students?|children's|donors'?|users'|employees?)\b",
    r"\b(wrong recipients?|wrong people|external (mailing )?list|entire (database|contact list)|instead of our internal)\b",
    r"\b(wrong|external|outside|public|unintended|full partner|partner) (\w+ )?(mailing list|list|segment|recipients|audience|"
    r"addresses|contacts|people|parties|distribution)\b",
    r"\binstead of (the|our) (internal|staff|own|intended|right)\b",
    r"\b(a|an|some) (\w+ ){0,2}(company|firm|school|practice|business|organi[sz]ation|agency|clinic|customer|tenant) "
    r"(we|that we|i|which we) (don't|do not|have never|never|didn't) (work|deal|know)",
    r"\b((data|security|privacy) breach|breach of (our |your )?(data|security|privacy)|leak\w*|compromised|hack\w*|"
    r"ransom\w*|\.locked|phishing|verify (their|your|his|her) (card|account|identity|password|details)|exfiltrat\w*|stolen|"
    r"what was (taken|stolen|accessed|copied)|paste ?site|dark web|for sale online|(files|drives|servers|laptops) (are |were |got )?encrypted)\b",
    r"\b(unauthori[sz]ed|unrecogni[sz]ed|do not recogni[sz]e|don't recogni[sz]e|not one of ours?|stranger|someone who is not|"
    r"no staff|without us|not ours)\b",
    r"\b(former (employee|staff member|colleague|contractor)s?|ex-employees?|ex-staff|someone who (left|no longer works)|"
    r"(we |was |were |been )let go|(deactivated|deleted|removed|disabled) (users?|accounts?)|(accounts|users|people) (we|that we|which we) "
    r"(deactivated|deleted|removed|disabled|let go)|no longer works? (here|for us))\b[^.;]{0,80}\b(log(s|ged|ging)? in(to)?|"
    r"sign(s|ed|ing)? in(to)?|getting in|access(es|ed|ing)?|download\w*|view\w*|see (everything|all)|"
    r"exported|still (has|had|have) access|can still|could still|still able)\b",
    r"\b(logged in|signed in|accessed|downloaded|exported) (\w+ ){0,6}(as|by|from) (a |an |our )?(former|ex-)\b",
    r"\b(secret|api key|credentials|password|tokens?)s?\b[^.;]{0,70}\b(plain text|public|exposed|anyone|everyone)\b",
    r"\b(exposed|exposes|exposure|anyone with the (url|link|address)|anyone on the internet|"
    r"visible to (anyone|everyone|the public|outsiders|the world)|publicly (visible|accessible|available)|"
    r"without (logging in|signing in|authenticat\w*|a password|credentials|any login))\b",
    r"\b(malware|virus|trojan|intru(der|sion)|break-?in|breached(?! (our|the|your|its|this|their) (contract|sla|agreement|terms|commitments?|obligations?))|attacker|ddos|brute[- ]force|account takeover|"
    r"taken over|hijack\w*|impersonat\w*|suspicious (login|sign-?in|access|activity)|logins? from (an? )?(unknown|foreign|strange)|"
    r"(someone|somebody|an unknown (person|user|party)) (has |had )?(got|gotten|gained|accessed|logged|downloaded|viewed)|"
    r"(personal|confidential|private|medical|salary|bank|card) (data|information|details|records) (of|from|belonging to) (another|other|someone))\b",
    r"\b(anyone|everyone|the public|strangers|outsiders|anybody) (can |could )?(download|see|view|read|open|access)\b",
    r"\b(while|when|even when|without being) (logged out|signed out|not logged in|not signed in)\b",
    r"\b(changed|reset|deleted|accessed|exported|downloaded) (\w+ ){0,5}(none|not) by (the |their )?(owners?|us|them|the user)\b",
    r"\b(never requested|can be abused|could be abused|be exploited|exploit\w*|takeover)\b",
    r"\b(see|seeing|sees|view|viewing|shows?|showing|receiv\w*|getting|gets) (the |their )?(\w+ )?(data|records|details|"
    r"invoices|files|orders|names|emails|messages|documents|statements|results|payslips) (of|for|from|belonging to) "
    r"(another|other|a different|someone else|strangers)\b",
    r"\b(each other's|one another's|someone else's|another (person|user|customer|patient|member|employee)'s|other people's) "
    r"(\w+ )?(data|records|details|invoices|files|orders|names|emails|messages|documents|statements|results|payslips|"
    r"information|addresses|salaries|grades|photos|history|conversations)\b",
    r"\b(mixed up|mixed|crossed|swapped) (\w+ )?(accounts|data|records|tenants|customers|profiles)\b",
    r"\b(can|could) (see|view|read|open|download|access)\b[^.;]{0,40}\b(other|another|someone else's|other people's|"
    r"each other's|their competitors?'?|every(one|body)'s)\b",
    r"\b(sent|emailed|mailed|delivered|shared|published|visible|shown|displayed) (\w+ ){0,4}(to|for) (the wrong|the whole|"
    r"everyone|all (our|of our|the) (customers|clients|contacts|subscribers)|the public|strangers|external)\b",
)
COSMETIC = (
    r"\b(typo|spelling|spelled|grammar|colou?rs?|fonts?|icons?|logo|align\w*|misaligned|overlaps?|spacing|"
    r"blurry|pixelated|layout|label|labelled|labeled|tooltip|placeholder|looks? (odd|weird|different|cleaner|nicer)|"
    r"purely visual|cosmetic|ugly|hideous|off-centre|off-center|scrollbar|avatar|badge|spinner|theme|"
    r"capitals|casing|decimal places|formatting|formatted|(date|number|time|currency|phone|address) formats?|"
    r"(wrong|odd|weird|inconsistent|strange) format|wording|translation|footer|header|emoji|dropdown arrow|"
    r"documentation|docs|help article)\b",
    r"\b(broken link|dead link|link (is )?broken|links? (to|goes to|points to|opens) (a |an |the )?(404|wrong|old|outdated)|"
    r"404 page|getting started guide|ux|placement|position(ed)?|corner)\b",
    r"\b(cosmetic(ally)?|visual(ly)?|aesthetic|look(s)? (a bit |slightly |really )?(off|wrong|strange|funny|broken)|"
    r"truncated (text|label|name|title)|(text|label|title|name)s? (is |are )?cut off|wrapping|indent\w*|margins?|padding|pixels?|"
    r"misspel\w*|capitali[sz]\w*|lower-?case|upper-?case|punctuation|rounding|dark mode|light mode|"
    r"screenshots?|thumbnails?|images? (is|are|look)|styling|css|hover|animation|tab order|sort order|"
    r"(bigger|smaller|larger|tiny) (button|font|text|icon|logo|image|print)s?|(button|font|text|icon|logo|image)s? (\w+ )?(bigger|smaller|larger)|"
    r"(it's|it is|they're|they are|is|are) (so |really |too )?(tiny|too small|too big)|too (small|big|large|narrow|wide) to (see|read|click)|"
    r"(font|text|button|icon) size)\b",
)
FEATURE_OR_QUESTION = (
    r"\b(feature request|feature gap|would be (nice|great|handy)|it'd be great|would love|we'd love|"
    r"we'd like to|any plans|on your roadmap|is that planned|wish list|suggestion|could we|can we|can i|"
    r"is there a way|is there a setting|is it possible|would it be possible|how do i|how can i|how to|"
    r"what's the difference|an option|option for|could you add|could there be|could the|could they|"
    r"show me how|just feedback|small improvement|request:|can't find|cannot find|not sure where)\b",
    r"\b(by design|is (that|this|it) intended|intended behaviou?r|expected behaviou?r|just checking|just want(ed)? to check|"
    r"working as designed|add it|(still|there is still|there's still) no (way|option|ability|support)|"
    r"every other (system|vendor|tool|product|app|platform) (does|has|supports|offers|can))\b",
    r"\b(enhancement|nice to have|nice-to-have|would help|it would be (useful|good|helpful|better)|feature|"
    r"please add|could you (make|let|allow)|can you (add|make|let|allow)|do you (support|offer|have)|does it support|"
    r"is it supported|roadmap|in the future|one day|quick question|question about|wondering|curious|"
    r"where (do|can) i|what does|what is the|how does|how would|any way to|a way to)\b",
)
MINOR = (
    r"\b(minor|small thing|not important|not urgent|not a big deal|not a disaster|can live with it|"
    r"nothing more|just letting you know|just a|no big deal|annoyance|works fine|still work|still works)\b",
    r"\b(none of (this|these|it) (stops|blocks|prevents|affects)|doesn't stop|does not stop|(everything|it) (else )?works as expected)\b",
    r"\b(trivial|niggle|nitpick|nit|low priority|whenever you (can|get a chance|have time)|no rush|no hurry|not blocking|"
    r"doesn't block|does not block|not affecting|doesn't affect|does not affect|no (real |business )?impact|"
    r"slightly|a little|a bit annoying|mildly|inconvenien\w*|irritat\w*|fyi|heads up)\b",
)
# A customer executive: job titles (profile or signature) and first-person claims.
EXEC_TITLE = (
    r"\b(ceo|cfo|coo|cto|cio|ciso|cmo|cro|cpo|chief [a-z]+ officer|chief executive|vice president|"
    r"(s|e)?vp|president|founder|co-founder|chairman|chairwoman|chair|managing partner|managing director|"
    r"general manager|owner)\b"
)
# Roles that contain an executive word but are not executives ("Product Owner").
_ROLE_OWNER = r"(product|process|data|account|system|service|app|application|budget|project|content|record|platform) owner"
NOT_EXEC_TITLE = r"\b(assistant|account executive|associate|to the|office of|" + _ROLE_OWNER + r")\b"
EXEC_CLAIM = (
    r"\b(i am|i'm|as) (the )?(ceo|cfo|coo|cto|cio|president|founder|chairman|owner|chief [a-z]+ officer)\b",
    r"\bi (founded|own) (this|the|our) (company|business)\b",
    r"\b(escalating (this )?(personally|myself|on behalf)|i'm escalating|i am escalating|raising this myself|"
    r"following up myself|personal escalation|formal escalation from me|writing personally|writing to you directly)\b",
)
