"""Fixed vocabulary of the sandbox dataset: the vendor, its people, its customers and the
everyday support issues the filler tickets are made of.

Everything here is fictional. Domains use the reserved ``.example`` TLD. The filler
texts deliberately avoid the playbook's trigger words ("cancel", "legal", "breach"),
executives and outages, so that only the scenario tickets in
:mod:`sandbox.dataset_scenarios` trip the auto-escalation triggers.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

VENDOR_NAME = "Northbeam"
VENDOR_DOMAIN = "northbeam.example"
SUPPORT_ADDRESS = f"support@{VENDOR_DOMAIN}"
SUPPORT_PHONE = "+14155550100"
API_USER_EMAIL = f"escalation-desk@{VENDOR_DOMAIN}"


@dataclass(frozen=True)
class Person:
    """Someone at the vendor: a Zendesk agent/admin, possibly a Salesforce account owner."""

    key: str
    name: str
    title: str
    github: str | None
    role: str = "agent"  # Zendesk role
    group: str = "support"
    owns_accounts: bool = False

    @property
    def email(self) -> str:
        return f"{email_local_part(self.name)}@{VENDOR_DOMAIN}"


def email_local_part(name: str) -> str:
    """'Tomás Herrera' -> 'tomas.herrera' (ASCII, as mail systems would have it)."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return ".".join(part for part in ascii_name.lower().replace("'", "").split())


STAFF: tuple[Person, ...] = (
    Person("dana", "Dana Whitfield", "Senior CSM", "dwhitfield", group="success", owns_accounts=True),
    Person("lee", "Lee Park", "Support Engineer", "leepark"),
    Person("priya", "Priya Raman", "CS Director", "praman", group="success", owns_accounts=True),
    Person("marcus", "Marcus Obi", "CSM", "marcusobi", group="success", owns_accounts=True),
    Person("sofia", "Sofia Lindqvist", "CSM", "slindqvist", group="success", owns_accounts=True),
    Person("tomas", "Tomás Herrera", "Support Engineer", "therrera"),
    Person("aiko", "Aiko Tanaka", "CS Manager", "atanaka", group="success", owns_accounts=True),
    Person("ben", "Ben Okafor", "Engineering Manager", "bokafor", group="escalations"),
    Person("rachel", "Rachel Kim", "VP Customer Success", "rachelkim", role="admin", group="success"),
    Person("ivan", "Ivan Petrov", "VP Engineering", "ipetrov", group="escalations"),
    Person("grace", "Grace Liu", "CTO", "graceliu", role="admin", group="escalations"),
    Person("morgan", "Morgan Hale", "CEO", "morganhale", role="admin", group="success"),
)
SUPPORT_AGENTS = ("lee", "tomas", "dana", "marcus", "sofia")
CEO_KEY = "morgan"

GROUPS = (
    ("support", "Support"),
    ("success", "Customer Success"),
    ("escalations", "Escalations"),
)


@dataclass(frozen=True)
class Customer:
    """A customer company: a Zendesk organization and a Salesforce Account.

    ``arr``/``health``/``renewal_days``/``owner`` set here are fixed for every seed (the
    scenario accounts); ``None`` lets the seeded generator choose.
    """

    key: str
    name: str
    domain: str
    industry: str
    sf_code: str  # 5 characters making the Salesforce Id unique
    arr: int | None = None
    health: tuple[int, int] | None = None  # (now, a week ago)
    renewal_days: int | None = None
    owner: str | None = None
    segment: str | None = None


CUSTOMERS: tuple[Customer, ...] = (
    Customer("acme", "Acme Corp", "acme-corp.example", "Technology", "AbCdE",
             arr=2_400_000, health=(58, 64), renewal_days=45, owner="dana", segment="enterprise"),
    Customer("bluebird", "Bluebird Logistics", "bluebird-logistics.example", "Transportation", "BlUeB",
             arr=640_000, health=(66, 71), owner="marcus", segment="enterprise"),
    Customer("lakeshore", "Lakeshore Credit Union", "lakeshore-cu.example", "Banking", "LkShR",
             arr=380_000, health=(41, 78), renewal_days=75, owner="sofia", segment="mid_market"),
    Customer("pinecrest", "Pinecrest Health", "pinecrest-health.example", "Healthcare", "PnCrT",
             arr=910_000, health=(81, 83), owner="aiko", segment="enterprise"),
    Customer("meridian", "Meridian Insurance", "meridian-insurance.example", "Insurance", "MrDnI",
             arr=520_000, health=(62, 69), renewal_days=60, owner="marcus", segment="enterprise"),
    Customer("halcyon", "Halcyon Games", "halcyon-games.example", "Media", "HlCyN",
             arr=36_000, health=(74, 76), owner="sofia", segment="smb"),
    Customer("tidewater", "Tidewater Energy", "tidewater-energy.example", "Energy", "TdWtR",
             arr=455_000, health=(70, 72), owner="aiko", segment="mid_market"),
    Customer("silverline", "Silverline Telecom", "silverline-telecom.example", "Communications", "SlVrL",
             arr=780_000, health=(55, 60), renewal_days=30, owner="priya", segment="enterprise"),
    Customer("vertex", "Vertex Analytics", "vertex-analytics.example", "Technology", "VrTxA",
             arr=290_000, health=(68, 70), owner="dana", segment="mid_market"),
    Customer("orbital", "Orbital Freight", "orbital-freight.example", "Transportation", "OrBtF",
             arr=150_000, owner="marcus", segment="mid_market"),
    Customer("willow", "Willow Education", "willow-edu.example", "Education", "WlLwE",
             arr=120_000, owner="sofia", segment="mid_market"),
    Customer("zephyr", "Zephyr Airlines", "zephyr-air.example", "Transportation", "ZpHyR",
             arr=1_300_000, health=(72, 75), owner="priya", segment="enterprise"),
    Customer("cobalt", "Cobalt Security", "cobalt-security.example", "Technology", "CbLtS", segment="mid_market"),
    Customer("driftwood", "Driftwood Hotels", "driftwood-hotels.example", "Hospitality", "DrFtW"),
    Customer("evergreen", "Evergreen Property Group", "evergreen-property.example", "Real Estate", "EvGrN"),
    Customer("foxglove", "Foxglove Pharma", "foxglove-pharma.example", "Healthcare", "FxGlV"),
    Customer("granite", "Granite Construction Co", "granite-construction.example", "Construction", "GrNtC"),
    Customer("harborview", "Harborview Retail", "harborview-retail.example", "Retail", "HrBvW"),
    Customer("quartz", "Quartz Dental Group", "quartz-dental.example", "Healthcare", "QrTzD"),
    Customer("brightpath", "Brightpath Schools", "brightpath-schools.example", "Education", "BrTpH"),
    Customer("kestrel", "Kestrel Manufacturing", "kestrel-mfg.example", "Manufacturing", "KsTrL"),
    Customer("juniper", "Juniper Media", "juniper-media.example", "Media", "JnPrM"),
    Customer("ironbark", "Ironbark Mining", "ironbark-mining.example", "Mining", "IrNbK"),
    Customer("summit", "Summit Outdoor Co", "summit-outdoor.example", "Retail", "SmMtO"),
)
# The generator keeps every random ARR below this, so Acme stays clearly the biggest.
RANDOM_ARR_RANGE = (24_000, 900_000)

FIRST_NAMES = (
    "Jordan", "Avery", "Riley", "Casey", "Morgan", "Taylor", "Jamie", "Quinn", "Rowan", "Elliot",
    "Harper", "Noah", "Olivia", "Liam", "Emma", "Mateo", "Amara", "Yusuf", "Chloé", "Ines",
    "Kenji", "Freya", "Arjun", "Leila", "Nikolai", "Zara", "Owen", "Maya", "Felix", "Nadia",
)
LAST_NAMES = (
    "Ellis", "Brooks", "Nguyen", "Castillo", "Fischer", "Mensah", "Kowalski", "Haddad", "Sato",
    "O'Neill", "Moreau", "Adeyemi", "Larsen", "Patel", "Rossi", "Novak", "Ibrahim", "Costa",
    "Bennett", "Schmidt", "Reyes", "Campbell", "Mbeki", "Lindholm", "Varga", "Duarte",
)
EXEC_TITLES = ("CEO", "CFO", "CTO", "COO", "VP Operations", "VP Engineering")
CONTACT_TITLES = (
    "IT Manager", "Operations Lead", "Support Admin", "Data Analyst", "Finance Manager",
    "Developer", "Project Manager", "Systems Administrator",
)
SOCIAL_HANDLES = (
    "skyline_dev", "datadan", "opsqueen", "the_real_kim", "lucas_builds", "pm_priyanka",
    "coffee_and_code", "nina_reports", "ben_ships_it", "cloudwatcher", "sara_the_admin", "dev_ahmed",
)

# ticket custom fields (id, title, type)
FIELD_CATEGORY = 360001
FIELD_AFFECTED_USERS = 360002
FIELD_ENVIRONMENT = 360003
TICKET_FIELDS = (
    (FIELD_CATEGORY, "Category", "tagger",
     ("integration", "performance", "reporting", "access", "billing", "data", "ui",
      "notifications", "api", "mobile", "security")),
    (FIELD_AFFECTED_USERS, "Affected users", "integer", ()),
    (FIELD_ENVIRONMENT, "Environment", "tagger", ("production", "sandbox")),
)


@dataclass(frozen=True)
class Issue:
    """An everyday support issue the filler tickets are drawn from."""

    key: str
    category: str
    type: str
    subjects: tuple[str, ...]
    descriptions: tuple[str, ...]
    replies: tuple[str, ...]
    followups: tuple[str, ...]
    notes: tuple[str, ...]


_REPLY_OK = "Thanks {first}, that did the trick. You can close this one."
ISSUES: tuple[Issue, ...] = (
    Issue("sso_second_domain", "access", "question",
          ("How do we enable SAML SSO for a second domain?", "SSO for our subsidiary's domain"),
          ("Hi, we acquired a small company and want their staff on our SSO as well. Their email domain is different. Is that possible on our plan?",
           "Hello, can we add a second email domain to our SAML configuration without breaking logins for everyone else?"),
          ("Hi {first}, yes: add the domain under Admin > Security > Domains, verify it with the DNS record shown there, then tick it in the SAML settings. Existing sessions are not affected.",),
          ("The DNS record verified, but the checkbox is greyed out for us.", _REPLY_OK),
          ("Domain verification can take up to an hour to propagate to the SAML screen.",)),
    Issue("password_reset_mail", "access", "incident",
          ("Password reset emails not arriving", "Reset link never shows up"),
          ("Several of our users say the password reset email never arrives, not even in spam. Can you check on your side?",
           "One of our admins requested a password reset three times this morning and nothing came through."),
          ("Hi {first}, our mail logs show the messages were deferred by your mail gateway. Could you allowlist no-reply@northbeam.example?",),
          ("Our IT team added the allowlist entry; still waiting to hear back from the users.", _REPLY_OK),
          ("Mail logs: 451 deferrals from their gateway, nothing wrong on our side.",)),
    Issue("dashboard_filter_reset", "reporting", "incident",
          ("Dashboard filter resets after refresh", "Saved filters keep disappearing"),
          ("Every time we refresh the revenue dashboard the region filter goes back to 'All'. It is a bit annoying for the team.",
           "The filters on our shared dashboard reset whenever someone reloads the page."),
          ("Hi {first}, thanks for the report. I could reproduce it with shared dashboards; as a workaround, saving the filter as a view keeps it.",),
          ("The saved view works, thanks. Will there be a proper fix?", _REPLY_OK),
          ("Known issue with shared dashboards, fix scheduled for the next release.",)),
    Issue("export_date_format", "reporting", "question",
          ("Date format in exported spreadsheets", "Exports use US date format"),
          ("Our exports show dates as MM/DD/YYYY. Our finance team needs DD/MM/YYYY. Is there a setting?",
           "Can the spreadsheet export use ISO dates instead of the US format?"),
          ("Hi {first}, the export follows the workspace locale; change it under Settings > Regional and the next export will use it.",),
          (_REPLY_OK,), ("Locale setting, nothing to fix.",)),
    Issue("webhook_retries", "integration", "question",
          ("Webhook retries - how many and how often?", "Question about webhook delivery retries"),
          ("Our endpoint was down for maintenance last night. How many times do you retry a webhook, and over what period?",
           "If our webhook receiver returns a 503, when do you try again?"),
          ("Hi {first}, we retry up to 8 times with exponential backoff over about 24 hours, and you can replay deliveries from the webhook log.",),
          ("Great, that is what we needed to know.",), ("Docs link sent.",)),
    Issue("api_rate_limits", "api", "question",
          ("What are the API rate limits on our plan?", "Hitting 429s from the API"),
          ("We are building a nightly job against your API. What are the rate limits for our plan?",
           "Our integration gets occasional 429 responses. What is the limit and how should we back off?"),
          ("Hi {first}, your plan allows 700 requests per minute; honour the Retry-After header and you will be fine.",),
          ("Thanks, we added backoff and the errors are gone.", _REPLY_OK), ("Plan limit 700 rpm.",)),
    Issue("slack_duplicates", "notifications", "incident",
          ("Slack notifications arriving twice", "Duplicate alerts in our Slack channel"),
          ("Since Tuesday every alert shows up twice in our #ops Slack channel.",
           "We get each notification two times in Slack. Did something change?"),
          ("Hi {first}, it looks like the Slack app was installed twice in your workspace. Removing the older installation should fix it.",),
          ("Removed the old one, looks good now.", _REPLY_OK), ("Two app installs on their Slack workspace.",)),
    Issue("invoice_po_number", "billing", "task",
          ("Need a copy of the October invoice with PO number", "Invoice needs our purchase order number"),
          ("Our accounts payable team needs the October invoice reissued with PO 4471-B on it.",
           "Could you add our purchase order number to the latest invoice?"),
          ("Hi {first}, I have asked our billing team to reissue it; you will receive it by email within two business days.",),
          ("Received, thank you!",), ("Billing ticket raised for the reissue.",)),
    Issue("add_seats", "billing", "task",
          ("Add 15 seats to our subscription", "Request for additional licences"),
          ("We are onboarding a new team next month and need 15 more seats. What is the process?",
           "Please add ten more licences to our account from the first of the month."),
          ("Hi {first}, I have passed this to your account manager, who will send an updated order form.",),
          ("Signed and returned.",), ("Seat expansion, looped in the CSM.",)),
    Issue("mobile_logout", "mobile", "incident",
          ("Mobile app logs out every few hours", "Android app keeps signing us out"),
          ("Our field team says the Android app logs them out several times a day.",
           "The iOS app asks for the password again every few hours."),
          ("Hi {first}, the session length on mobile follows your SSO policy; your identity provider issues 4-hour tokens. Extending it there will help.",),
          ("We extended the token lifetime, fewer complaints so far.", _REPLY_OK), ("Short IdP token lifetime.",)),
    Issue("slow_search", "performance", "incident",
          ("Search is slow for large projects", "Project search takes 20+ seconds"),
          ("Searching inside our largest project takes around 20 seconds. Smaller projects are fine.",
           "Search has become slow for us in the last few days, mainly in the archive project."),
          ("Hi {first}, we rebuilt the search index for that project; it should be back to normal speed.",),
          ("Much faster now, thanks.", _REPLY_OK), ("Reindexed their archive project.",)),
    Issue("csv_import_accents", "data", "incident",
          ("CSV import skips rows with accents", "Import drops rows containing é and ü"),
          ("When we import our contact list, rows with accented names are skipped.",
           "Our CSV import ignores every row with a special character in the name column."),
          ("Hi {first}, the file is saved as Windows-1252; exporting it as UTF-8 CSV fixes the import.",),
          ("Re-exported as UTF-8 and everything imported.", _REPLY_OK), ("Encoding issue on the customer file.",)),
    Issue("timezone_display", "ui", "incident",
          ("Timestamps shown in UTC instead of local time", "Wrong timezone in activity feed"),
          ("The activity feed shows times in UTC although my profile is set to Europe/Berlin.",
           "All timestamps in the audit screen are two hours off for our team."),
          ("Hi {first}, thanks, this is a bug in the activity feed; engineering has a fix in review.",),
          ("Any update on the fix?", _REPLY_OK), ("Bug filed: activity feed ignores profile timezone.",)),
    Issue("dark_mode_request", "ui", "question",
          ("Feature request: dark mode", "Any plans for a dark theme?"),
          ("Several of our analysts work late and would love a dark mode. Is it on the roadmap?",
           "Is a dark theme planned? Our team keeps asking."),
          ("Hi {first}, it is on the roadmap for next quarter; I have added your vote to the request.",),
          ("Thanks for passing it on.",), ("Added vote to the feature request.",)),
    Issue("admin_audit_log", "access", "question",
          ("Where can we see the audit log of admin changes?", "Audit trail for permission changes"),
          ("Our auditors want to see who changed user permissions last quarter. Where do we find that?",
           "Is there a log of changes made by administrators?"),
          ("Hi {first}, go to Admin > Audit log; you can filter by actor and export to CSV.",),
          ("Found it, thanks.", _REPLY_OK), ("Pointed them to the audit log export.",)),
    Issue("api_pagination_dupes", "api", "incident",
          ("Pagination returns duplicate records", "Duplicates when paging through /records"),
          ("When paging through the records endpoint with offset paging, some records appear twice.",
           "Our sync job sees duplicate records across pages of the API."),
          ("Hi {first}, offset paging can shift while records change; the cursor parameter avoids that. Docs attached.",),
          ("Switched to cursors, duplicates gone.", _REPLY_OK), ("Recommend cursor pagination.",)),
    Issue("email_templates", "notifications", "question",
          ("Customising notification email templates", "Can we brand the notification emails?"),
          ("Can we put our logo and colours on the emails your system sends to our users?",
           "We would like to change the wording of the invitation email."),
          ("Hi {first}, yes, under Settings > Branding you can upload a logo and edit the templates.",),
          ("Perfect, thank you.",), ("Branding settings.",)),
    Issue("sandbox_refresh", "data", "task",
          ("Please refresh our sandbox from production", "Sandbox copy request"),
          ("Could you refresh our sandbox environment with a copy of production data before our training next week?",
           "We need the sandbox reset to match production for UAT."),
          ("Hi {first}, the refresh is scheduled for tonight at 22:00 UTC; the sandbox will be read-only for about an hour.",),
          ("Refresh looks complete, thanks.",), ("Scheduled the sandbox copy.",)),
)

SOCIAL_POSTS = (
    ("Is there a way to export dashboards as PDF?", "question"),
    ("Shoutout to the support team, fixed my problem in ten minutes!", "question"),
    ("Any status page for today's slowness?", "question"),
    ("Would love a dark mode in the app, please.", "question"),
    ("How do I invite a colleague to my workspace?", "question"),
)
SOCIAL_REPLY = "Thanks for reaching out! We have sent you a direct message with the details."
