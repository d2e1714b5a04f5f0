"""The playbook's default rules as read-only records: what ``Playbook()`` holds, for the
commands that need nothing else and find no configuration file (`esc check FILE`), so they
never load pydantic. Written by ``python -m escalation_desk.playbook.frozen``; do not edit
(tests/core/test_core_default_playbook.py fails while it differs from the models' defaults).
"""

from datetime import date, time, timedelta  # noqa: F401

from .frozen import ImpactRecord, PlaybookRecord, Record, RolesRecord, TierDutyRecord  # noqa: F401

PLAYBOOK = PlaybookRecord(  # Playbook
    severities={
        'SEV-1': Record(  # SeverityRule
            name='Critical',
            definition='Complete service outage, data loss/breach, or business-stopping issue',
            ack=timedelta(seconds=900.0),
            action_plan=timedelta(seconds=3600.0),
            update_every=timedelta(seconds=3600.0),
            update_clock='calendar',
            update_cadence_text='hourly, around the clock',
            leaders=('VP CS', 'VP Engineering', 'CTO'),
            leaders_within=timedelta(seconds=900.0),
            owner_at_least='Director',
            example="Customer's production environment is down, their end-users are affected",
            warn_fraction=0.25,
            warn_at_least=timedelta(seconds=900.0),
            warn_before=None,
        ),
        'SEV-2': Record(  # SeverityRule
            name='High',
            definition='Major functionality degraded, significant workflow blocked, or customer executive escalated',
            ack=timedelta(seconds=3600.0),
            action_plan=timedelta(seconds=14400.0),
            update_every=timedelta(seconds=14400.0),
            update_clock='business',
            update_cadence_text='every 4 business hours',
            leaders=('CS Director', 'Engineering Manager'),
            leaders_within=timedelta(seconds=7200.0),
            owner_at_least='Senior CSM',
            example='Key integration broken, data sync delayed by 12+ hours',
            warn_fraction=0.25,
            warn_at_least=timedelta(seconds=0.0),
            warn_before=None,
        ),
        'SEV-3': Record(  # SeverityRule
            name='Medium',
            definition='Functionality partially impacted, workaround available but painful',
            ack=timedelta(seconds=14400.0),
            action_plan=timedelta(seconds=86400.0),
            update_every=timedelta(seconds=86400.0),
            update_clock='calendar',
            update_cadence_text='daily',
            leaders=('CSM Manager',),
            leaders_within=timedelta(seconds=86400.0),
            owner_at_least='CSM',
            example='Report exports failing intermittently, manual workaround exists',
            warn_fraction=0.25,
            warn_at_least=timedelta(seconds=0.0),
            warn_before=None,
        ),
        'SEV-4': Record(  # SeverityRule
            name='Low',
            definition='Minor issue, cosmetic problem, or feature gap; no significant business impact',
            ack=timedelta(seconds=86400.0),
            action_plan=timedelta(seconds=604800.0),
            update_every=timedelta(seconds=302400.0),
            update_clock='calendar',
            update_cadence_text='twice weekly',
            leaders=(),
            leaders_within=timedelta(seconds=0.0),
            owner_at_least='Support Agent',
            example='UI bug in non-critical workflow, minor data formatting issue',
            warn_fraction=0.25,
            warn_at_least=timedelta(seconds=0.0),
            warn_before=None,
        ),
    },
    business_hours=Record(  # BusinessHours
        timezone='America/New_York',
        days=('mon', 'tue', 'wed', 'thu', 'fri'),
        open=time(9, 0, 0),
        close=time(17, 0, 0),
        holidays='US',
        subdivision=None,
        extra_holidays=(),
    ),
    roles=RolesRecord(  # Roles
        levels=('Support Agent', 'CSM', 'Senior CSM', 'CS Manager', 'Director', 'VP', 'C-level'),
        same_as={
            'CSM Manager': 'CS Manager',
            'Engineering Manager': 'CS Manager',
            'CS Director': 'Director',
            'Director CS': 'Director',
            'VP CS': 'VP',
            'VP Engineering': 'VP',
            'CTO': 'C-level',
            'CRO': 'C-level',
            'CEO': 'C-level',
        },
        aliases={
            'vp customer success': 'VP CS',
            'vp, customer success': 'VP CS',
            'vp of customer success': 'VP CS',
            'vp eng': 'VP Engineering',
            'vp of engineering': 'VP Engineering',
            'vp, engineering': 'VP Engineering',
            'chief technology officer': 'CTO',
            'director cs': 'CS Director',
            'director of customer success': 'CS Director',
            'customer success director': 'CS Director',
            'eng manager': 'Engineering Manager',
            'engineering lead': 'Engineering Manager',
            'cs manager': 'CSM Manager',
            'customer success manager lead': 'CSM Manager',
        },
    ),
    people=(),
    triggers=Record(  # TriggerRules
        keywords={
            'cancel': 2,
            'legal': 2,
            'breach': 2,
        },
        repeat_tickets=3,
        repeat_window_days=7,
        repeat_tier=2,
        exec_to_ceo_tier=3,
        ceo_addresses=('ceo@',),
        customer_exec_titles=('CEO', 'CFO', 'CTO', 'COO', 'CIO', 'CRO', 'VP', 'Chief', 'President', 'Founder'),
        social_channels=('twitter', 'facebook', 'instagram', 'linkedin', 'any_channel'),
        social_tier=2,
        health_drop_points=30,
        health_drop_tier=2,
        arr_share_percent=1.0,
        arr_share_tier=4,
        legal_compliance_tier=3,
        public_exposure_tier=3,
        top_accounts=10,
        top_account_at_risk_tier=4,
        legal_action_media_breach_tier=4,
    ),
    tiers={
        2: TierDutyRecord(  # TierDuty
            notify=('CS Manager / Senior CSM', 'Engineering Lead'),
            within=timedelta(seconds=7200.0),
        ),
        3: TierDutyRecord(  # TierDuty
            notify=('Director CS / VP CS', 'VP Engineering'),
            within=timedelta(seconds=3600.0),
        ),
        4: TierDutyRecord(  # TierDuty
            notify=('CRO / CEO', 'CTO'),
            within=timedelta(seconds=1800.0),
        ),
    },
    executive=Record(  # ExecutiveRules
        arr_at_risk=100000,
        renewal_window_days=90,
        followup_within=timedelta(seconds=86400.0),
        written_followup_within=timedelta(seconds=14400.0),
        open_without_target=timedelta(seconds=172800.0),
        repeat_window=timedelta(seconds=2592000.0),
        check_within=timedelta(seconds=172800.0),
    ),
    recovery=(
        Record(  # Milestone
            key='week_1',
            name='Week 1: Immediate stabilization',
            after=timedelta(seconds=604800.0),
        ),
        Record(  # Milestone
            key='weeks_2_4',
            name='Weeks 2–4: Increased attention',
            after=timedelta(seconds=2419200.0),
        ),
        Record(  # Milestone
            key='month_2',
            name='Month 2: Trust rebuilding',
            after=timedelta(seconds=5184000.0),
        ),
        Record(  # Milestone
            key='month_3',
            name='Month 3: Validation',
            after=timedelta(seconds=7776000.0),
        ),
        Record(  # Milestone
            key='month_6',
            name='Month 6: Full recovery check',
            after=timedelta(seconds=15724800.0),
        ),
    ),
    impact_rules=(
        Record(  # ImpactRule
            impact='outage',
            severity='SEV-1',
            phrases=(),
            tags=('outage', 'sev1', 'production_down'),
        ),
        Record(  # ImpactRule
            impact='data loss or breach',
            severity='SEV-1',
            phrases=(),
            tags=('data_loss', 'security', 'breach', 'security_incident'),
        ),
        Record(  # ImpactRule
            impact='blocked workflow',
            severity='SEV-2',
            phrases=(),
            tags=('blocker', 'integration_down'),
        ),
        Record(  # ImpactRule
            impact='degraded',
            severity='SEV-3',
            phrases=(),
            tags=('degraded', 'performance'),
        ),
        Record(  # ImpactRule
            impact='cosmetic',
            severity='SEV-4',
            phrases=(),
            tags=('cosmetic', 'feature_request', 'how_to'),
        ),
    ),
    impact=ImpactRecord(  # ImpactSettings
        questions=(
            Record(  # ImpactQuestion
                id='down_for_everyone',
                text='Is the service down, or a business-stopping function (sign-in, payments, checkout, payroll, dispatch) failing, for everyone at the customer?',
            ),
            Record(  # ImpactQuestion
                id='data_lost_or_exposed',
                text='Was data lost, or exposed to someone who should not see it (another customer, wrong recipients, unrecognised access, ransomware)?',
            ),
            Record(  # ImpactQuestion
                id='workflow_blocked',
                text='Is a key workflow blocked or a major function failing (an integration broken, a sync 12+ hours late, one region or department down)?',
            ),
            Record(  # ImpactQuestion
                id='workaround',
                text='Is there a workaround, even a painful one (retry, by hand, another screen)?',
            ),
            Record(  # ImpactQuestion
                id='partially_impacted',
                text='Is functionality partly impacted (intermittent, slow, delayed, failing for some users)?',
            ),
            Record(  # ImpactQuestion
                id='customer_executive',
                text='Has a customer executive (C-level, VP, president, founder) escalated personally?',
            ),
        ),
        matrix=(
            Record(  # MatrixRow
                when={
                    'down_for_everyone': True,
                },
                severity='SEV-1',
                rule='complete service outage or business-stopping',
            ),
            Record(  # MatrixRow
                when={
                    'data_lost_or_exposed': True,
                },
                severity='SEV-1',
                rule='data loss or breach',
            ),
            Record(  # MatrixRow
                when={
                    'workflow_blocked': True,
                    'workaround': False,
                },
                severity='SEV-2',
                rule='significant workflow blocked',
            ),
            Record(  # MatrixRow
                when={
                    'customer_executive': True,
                },
                severity='SEV-2',
                rule='customer executive personally escalated',
            ),
            Record(  # MatrixRow
                when={
                    'workflow_blocked': True,
                },
                severity='SEV-3',
                rule='workaround available but painful',
            ),
            Record(  # MatrixRow
                when={
                    'partially_impacted': True,
                },
                severity='SEV-3',
                rule='functionality partially impacted',
            ),
            Record(  # MatrixRow
                when={},
                severity='SEV-4',
                rule='minor, cosmetic or feature gap',
            ),
        ),
        text_model=Record(  # TextModelSettings
            enabled=True,
            raise_at=0.4,
            max_raise=3,
        ),
    ),
    lints=Record(  # LintRules
        as_errors=(),
        off=(),
        owner_max_open=5,
        owner_weights={
            'SEV-1': 4.0,
            'SEV-2': 2.0,
            'SEV-3': 1.0,
            'SEV-4': 0.5,
        },
        systemic_count=3,
        systemic_window_days=90,
        credit_words=('credit', 'discount', 'refund', 'free month', 'waive'),
    ),
)
