"""The impact questions and the playbook's severity matrix, as configurable data.

One matrix serves everybody: the impact model answers the questions from what the customer
wrote (:mod:`playbook.impact`), the sidebar's Escalate form asks a person the same questions
(index.json carries both), and the first matching row decides. Configure under ``[impact]``
in ``escalations.toml``; the last row must have an empty ``when`` (the default level).
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .lookups import ImpactLookups

SEVERITY_LEVELS = ("SEV-1", "SEV-2", "SEV-3", "SEV-4")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ImpactQuestion(_Strict):
    id: str
    text: str


class MatrixRow(_Strict):
    """``when`` maps question ids to the answer the row needs; every named answer must match."""

    when: dict[str, bool] = Field(default_factory=dict)
    severity: str
    rule: str = ""          # the playbook's words for this row, quoted in the Timeline

    @model_validator(mode="after")
    def _level(self) -> "MatrixRow":
        if self.severity not in SEVERITY_LEVELS:
            raise ValueError(f"severity {self.severity!r} must be one of {', '.join(SEVERITY_LEVELS)}")
        return self


def _questions() -> tuple[ImpactQuestion, ...]:
    return (
        ImpactQuestion(id="down_for_everyone", text="Is the service down, or a business-stopping function "
                       "(sign-in, payments, checkout, payroll, dispatch) failing, for everyone at the customer?"),
        ImpactQuestion(id="data_lost_or_exposed", text="Was data lost, or exposed to someone who should not see "
                       "it (another customer, wrong recipients, unrecognised access, ransomware)?"),
        ImpactQuestion(id="workflow_blocked", text="Is a key workflow blocked or a major function failing "
                       "(an integration broken, a sync 12+ hours late, one region or department down)?"),
        ImpactQuestion(id="workaround", text="Is there a workaround, even a painful one (retry, by hand, "
                       "another screen)?"),
        ImpactQuestion(id="partially_impacted", text="Is functionality partly impacted (intermittent, slow, "
                       "delayed, failing for some users)?"),
        ImpactQuestion(id="customer_executive", text="Has a customer executive (C-level, VP, president, "
                       "founder) escalated personally?"),
    )


def _matrix() -> tuple[MatrixRow, ...]:
    return (
        MatrixRow(when={"down_for_everyone": True}, severity="SEV-1", rule="complete service outage or business-stopping"),
        MatrixRow(when={"data_lost_or_exposed": True}, severity="SEV-1", rule="data loss or breach"),
        MatrixRow(when={"workflow_blocked": True, "workaround": False}, severity="SEV-2",
                  rule="significant workflow blocked"),
        MatrixRow(when={"customer_executive": True}, severity="SEV-2", rule="customer executive personally escalated"),
        MatrixRow(when={"workflow_blocked": True}, severity="SEV-3", rule="workaround available but painful"),
        MatrixRow(when={"partially_impacted": True}, severity="SEV-3", rule="functionality partially impacted"),
        MatrixRow(when={}, severity="SEV-4", rule="minor, cosmetic or feature gap"),
    )


class TextModelSettings(_Strict):
    """The linear text model's second reading (:mod:`playbook.impact_linear`): it may only raise
    the rules' level, by at most ``max_raise`` levels, when its probability reaches ``raise_at``;
    a raised level is a proposal for a person to confirm. Defaults chosen by 5-fold
    cross-validation on the corpus's tuning part (bench/cv_severity_linear.py: the lowest summed
    cost over the rules in-sample and the rules as they were before each field batch)."""

    enabled: bool = True
    raise_at: float = Field(default=0.4, ge=0.0, le=1.0)
    max_raise: int = Field(default=3, ge=0, le=3)


class ImpactSettings(ImpactLookups, _Strict):
    questions: tuple[ImpactQuestion, ...] = Field(default_factory=_questions)
    matrix: tuple[MatrixRow, ...] = Field(default_factory=_matrix)
    text_model: TextModelSettings = Field(default_factory=TextModelSettings)

    @model_validator(mode="after")
    def _consistent(self) -> "ImpactSettings":
        ids = {q.id for q in self.questions}
        for number, row in enumerate(self.matrix, 1):
            unknown = sorted(set(row.when) - ids)
            if unknown:
                raise ValueError(f"impact.matrix row {number} names unknown question(s) {', '.join(unknown)}; "
                                 f"the questions are {', '.join(sorted(ids))}")
        if not self.matrix or self.matrix[-1].when:
            raise ValueError("impact.matrix: the last row must have an empty `when` (the level when nothing matches)")
        return self
    # decide(answers): playbook.lookups.ImpactLookups
