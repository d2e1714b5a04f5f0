"""Unit tests of the sandbox's SOQL parser and evaluator (no HTTP)."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from escalation_desk.sandbox.salesforce_soql import SObjectSchema
from escalation_desk.sandbox.soql import Aggregate, BoolOp, Comparison, FieldRef, Not, SoqlError, execute, parse, tokenize

TODAY = date(2026, 11, 26)

CATALOG = {
    "Account": SObjectSchema("Account", {
        "Id": "id", "Name": "string", "ARR__c": "currency", "Renewal_Date__c": "date",
        "Health_Score__c": "double", "Industry": "picklist", "OwnerId": "reference",
        "Is_Strategic__c": "boolean", "Last_Escalation__c": "datetime",
    }, {"Owner": ("User", "OwnerId")}),
    "User": SObjectSchema("User", {"Id": "id", "Name": "string", "Email": "email"}),
}


def account(n: int, name: str, arr: float | None, renewal: str | None, health: float | None,
            industry: str | None, owner: tuple[str, str] | None, strategic: bool = False,
            last: str | None = None) -> dict:
    owner_id = f"005SB00000000{owner[0][0]}{n % 10}AAA" if owner else None
    return {"Id": f"001SB0000000{n:03d}AAA", "Name": name, "ARR__c": arr, "Renewal_Date__c": renewal,
            "Health_Score__c": health, "Industry": industry, "OwnerId": owner_id,
            "Owner": {"Name": owner[0], "Email": owner[1]} if owner else None,
            "Is_Strategic__c": strategic, "Last_Escalation__c": last}


ROWS = [
    account(1, "Acme Corp", 250000, "2027-01-31", 54, "Manufacturing", ("Dana Whitfield", "dana@example.com"),
            True, "2026-11-20T14:05:00Z"),
    account(2, "Globex", 1200000, "2026-12-15", 81, "Energy", ("Lee Park", "lee@example.com")),
    account(3, "initech", 90000.5, None, None, "Software", ("Dana Whitfield", "dana@example.com")),
    account(4, "Umbrella_Co", None, "2026-11-26", 30, None, None),
    account(5, "O'Brien & Sons", 40000, "2026-11-25", 72, "Software", ("Priya Raman", "priya@example.com"),
            False, "2026-11-25T23:30:00+00:00"),
    account(6, "100% Uptime Inc", 15000, "2027-06-01", 90, "Software", ("Lee Park", "lee@example.com")),
]


def run(soql: str):
    return execute(soql, CATALOG, {"Account": ROWS}, today=TODAY)


def names(soql: str) -> list[str]:
    return [r["Name"] for r in run(soql).records]


def error_of(soql: str) -> SoqlError:
    with pytest.raises(SoqlError) as caught:
        run(soql)
    return caught.value


# --------------------------------------------------------------------------- tokenizer and parser

@pytest.mark.parametrize("literal, value", [
    (r"'plain'", "plain"),
    (r"'O\'Brien'", "O'Brien"),
    (r"'a\\b'", "a\\b"),
    (r"'line\nbreak'", "line\nbreak"),
    (r"'tab\there'", "tab\there"),
    (r"'quote\"d'", 'quote"d'),
    (r"'\u00e9t\u00e9'", "été"),
    (r"'100\%'", "100\\%"),  # kept escaped for LIKE
    ("'ünïcödé'", "ünïcödé"),
])
def test_string_literals_and_escapes(literal: str, value: str) -> None:
    token = tokenize(literal)[0]
    assert token.kind == "string"
    assert token.value == value


@pytest.mark.parametrize("text, kind, value", [
    ("42", "number", 42),
    ("-3.5", "number", -3.5),
    ("2027-01-31", "date", date(2027, 1, 31)),
    ("2026-11-20T14:05:00Z", "datetime", datetime(2026, 11, 20, 14, 5, tzinfo=timezone.utc)),
    ("2026-11-20T14:05:00.123+0100", "datetime", None),
    ("select", "keyword", "SELECT"),
    ("ARR__c", "ident", "ARR__c"),
    ("<>", "op", "<>"),
])
def test_tokens(text: str, kind: str, value: object) -> None:
    token = tokenize(text)[0]
    assert token.kind == kind
    if value is not None:
        assert token.value == value


def test_parse_builds_the_tree() -> None:
    query = parse("SELECT Id, Owner.Name, SUM(ARR__c) total FROM Account "
                  "WHERE Id IN ('a','b') AND (ARR__c > 5 OR NOT Name = 'x') "
                  "GROUP BY Id, Owner.Name ORDER BY Name DESC NULLS LAST LIMIT 10 OFFSET 2")
    assert query.select[0] == FieldRef(("Id",), 7)
    assert query.select[1].path == ("Owner", "Name")
    assert isinstance(query.select[2], Aggregate) and query.select[2].alias == "total"
    assert query.sobject == "Account"
    assert isinstance(query.where, BoolOp) and query.where.op == "AND"
    first, second = query.where.operands
    assert isinstance(first, Comparison) and first.op == "IN" and [v.value for v in first.value] == ["a", "b"]
    assert isinstance(second, BoolOp) and second.op == "OR" and isinstance(second.operands[1], Not)
    assert [g.path for g in query.group_by] == [("Id",), ("Owner", "Name")]
    assert query.order_by[0].descending and query.order_by[0].nulls_first is False
    assert (query.limit, query.offset) == (10, 2)
    assert query.is_aggregate and not query.count_only


def test_keywords_and_names_are_case_insensitive() -> None:
    assert names("select name from account where industry = 'SOFTWARE' order by NAME") == [
        "100% Uptime Inc", "initech", "O'Brien & Sons"]


@pytest.mark.parametrize("soql, fragment", [
    ("", "A query string has to be specified"),
    ("SELECT FROM Account", "unexpected token: 'FROM'"),
    ("SELECT Id Account", "unexpected token: 'Account'"),
    ("SELECT Id FROM Account WHERE", "unexpected token: '<EOF>'"),
    ("SELECT Id FROM Account WHERE Name = 'x' AND ARR__c > 1 OR ARR__c < 0", "unexpected token: 'OR'"),
    ("SELECT Id FROM Account WHERE Name = 'unterminated", "unterminated string literal"),
    (r"SELECT Id FROM Account WHERE Name = 'bad\q'", r"Illegal character sequence '\q'"),
    ("SELECT Id FROM Account WHERE Name == 'x'", "unexpected token: '='"),
    ("SELECT Id FROM Account WHERE Name = 'x' LIMIT -1", "unexpected token: '-1'"),
    ("SELECT Id FROM Account WHERE Id IN ()", "unexpected token: ')'"),
    ("SELECT Id FROM Account WHERE Name = \"x\"", "unexpected token: '\"'"),
    ("SELECT Id, COUNT() FROM Account", "COUNT() and other fields cannot be selected together"),
    ("SELECT Id FROM Account WHERE Id IN (SELECT AccountId FROM Contact)", "semi-joins"),
    ("SELECT Id, (SELECT Id FROM Contacts) FROM Account", "sub-queries"),
    ("SELECT toLabel(Industry) FROM Account", "unsupported function"),
    ("SELECT Id FROM Account HAVING COUNT(Id) > 1", "unexpected token: 'HAVING'"),
    ("SELECT Id FROM Account ORDER BY", "unexpected token: '<EOF>'"),
    ("SELECT Id FROM Account WHERE Renewal_Date__c = 2027-13-45", "no viable alternative"),
    ("SELECT Id FROM Account LIMIT 5 extra", "unexpected token: 'extra'"),
])
def test_malformed_queries(soql: str, fragment: str) -> None:
    error = error_of(soql)
    assert error.error_code == "MALFORMED_QUERY"
    assert fragment in error.message


def test_error_message_points_at_the_column_like_salesforce() -> None:
    error = error_of("SELECT Id FROM Account WHERE")
    assert error.message == "\nSELECT Id FROM Account WHERE\n                            ^\n" \
                            "ERROR at Row:1:Column:29\nunexpected token: '<EOF>'"
    assert error.as_body() == [{"message": error.message, "errorCode": "MALFORMED_QUERY"}]


@pytest.mark.parametrize("soql, code, fragment", [
    ("SELECT Foo FROM Account", "INVALID_FIELD", "No such column 'Foo' on entity 'Account'"),
    ("SELECT Owner.Phone FROM Account", "INVALID_FIELD", "No such column 'Phone' on entity 'User'"),
    ("SELECT Manager.Name FROM Account", "INVALID_FIELD", "Didn't understand relationship 'Manager'"),
    ("SELECT Id FROM Opportunity", "INVALID_TYPE", "sObject type 'Opportunity' is not supported"),
    ("SELECT Id FROM Account WHERE Bogus__c = 1", "INVALID_FIELD", "No such column 'Bogus__c'"),
    ("SELECT Id FROM Account WHERE ARR__c = '5'", "INVALID_FIELD", "must be of type double and should not be"),
    ("SELECT Id FROM Account WHERE Name = 5", "INVALID_FIELD", "must be of type string and should be enclosed"),
    ("SELECT Id FROM Account WHERE Renewal_Date__c > '2027-01-01'", "INVALID_FIELD", "must be of type date"),
    ("SELECT Id FROM Account WHERE Last_Escalation__c > 2026-01-01", "INVALID_FIELD", "must be of type datetime"),
    ("SELECT Id FROM Account WHERE Is_Strategic__c = 'true'", "INVALID_FIELD", "must be of type boolean"),
    ("SELECT Id FROM Account WHERE ARR__c LIKE '1%'", "INVALID_FIELD", "invalid operator on field ARR__c: LIKE"),
    ("SELECT Id FROM Account WHERE Id = 'not-an-id'", "INVALID_QUERY_FILTER_OPERATOR", "invalid ID field: not-an-id"),
    ("SELECT Id FROM Account WHERE Id IN ('001SB0000000001AAA', 'x')", "INVALID_QUERY_FILTER_OPERATOR",
     "invalid ID field: x"),
    ("SELECT Id FROM Account WHERE ARR__c > NULL", "MALFORMED_QUERY", "invalid operator on null"),
    ("SELECT Name, SUM(ARR__c) FROM Account", "MALFORMED_QUERY", "Field must be grouped or aggregated: Name"),
    ("SELECT SUM(Name) FROM Account", "INVALID_FIELD", "does not support aggregate operator SUM"),
    ("SELECT ARR__c, COUNT(Id) FROM Account GROUP BY ARR__c", "INVALID_FIELD", "can not be grouped"),
    ("SELECT Industry FROM Account GROUP BY Industry ORDER BY Name", "MALFORMED_QUERY",
     "Ordered field must be grouped or aggregated: Name"),
    ("SELECT Name FROM Account ORDER BY COUNT(Id)", "MALFORMED_QUERY", "Ordered field must be grouped"),
])
def test_schema_and_type_errors(soql: str, code: str, fragment: str) -> None:
    error = error_of(soql)
    assert error.error_code == code
    assert fragment in error.message


# --------------------------------------------------------------------------- evaluation

def test_records_are_shaped_like_salesforce() -> None:
    result = run("SELECT Id, Name, ARR__c, Renewal_Date__c, Owner.Name, Owner.Email FROM Account "
                 "WHERE Name = 'acme corp'")
    assert result.total_size == 1
    assert result.records == [{
        "attributes": {"type": "Account", "url": "/services/data/v59.0/sobjects/Account/001SB0000000001AAA"},
        "Id": "001SB0000000001AAA", "Name": "Acme Corp", "ARR__c": 250000.0, "Renewal_Date__c": "2027-01-31",
        "Owner": {"attributes": {"type": "User", "url": "/services/data/v59.0/sobjects/User/005SB00000000D1AAA"},
                  "Name": "Dana Whitfield", "Email": "dana@example.com"},
    }]


def test_null_relationship_is_null_and_fields_keep_select_order() -> None:
    record = run("SELECT Owner.Name, Name, Health_Score__c FROM Account WHERE Name = 'Umbrella_Co'").records[0]
    assert list(record) == ["attributes", "Owner", "Name", "Health_Score__c"]
    assert record["Owner"] is None and record["Health_Score__c"] == 30.0


@pytest.mark.parametrize("where, expected", [
    ("ARR__c > 100000", ["Acme Corp", "Globex"]),
    ("ARR__c >= 250000", ["Acme Corp", "Globex"]),
    ("ARR__c < 40000", ["100% Uptime Inc"]),
    ("ARR__c <= 40000", ["100% Uptime Inc", "O'Brien & Sons"]),
    ("ARR__c = 90000.5", ["initech"]),
    ("ARR__c = NULL", ["Umbrella_Co"]),
    ("ARR__c != NULL", ["100% Uptime Inc", "Acme Corp", "Globex", "initech", "O'Brien & Sons"]),
    ("Industry != 'Software'", ["Acme Corp", "Globex", "Umbrella_Co"]),  # NULLs match !=
    ("Industry <> 'software'", ["Acme Corp", "Globex", "Umbrella_Co"]),
    ("Industry IN ('energy', 'Manufacturing')", ["Acme Corp", "Globex"]),
    ("Industry NOT IN ('Software')", ["Acme Corp", "Globex", "Umbrella_Co"]),
    ("Industry IN ('Software', NULL)", ["100% Uptime Inc", "initech", "O'Brien & Sons", "Umbrella_Co"]),
    ("Name LIKE 'ac%'", ["Acme Corp"]),
    ("Name LIKE '%co%'", ["Acme Corp", "Umbrella_Co"]),
    (r"Name LIKE '%\_%'", ["Umbrella_Co"]),
    ("Name LIKE 'initec_'", ["initech"]),
    (r"Name LIKE '100\%%'", ["100% Uptime Inc"]),
    ("Name = 'O\\'Brien & Sons'", ["O'Brien & Sons"]),
    ("NOT Name LIKE '%o%'", ["100% Uptime Inc", "initech"]),
    ("Renewal_Date__c < 2026-12-01", ["O'Brien & Sons", "Umbrella_Co"]),
    ("Renewal_Date__c = TODAY", ["Umbrella_Co"]),
    ("Renewal_Date__c = YESTERDAY", ["O'Brien & Sons"]),
    ("Renewal_Date__c = NEXT_N_DAYS:30", ["Globex"]),
    ("Renewal_Date__c > NEXT_90_DAYS", ["100% Uptime Inc"]),
    ("Renewal_Date__c < NEXT_N_DAYS:90", ["O'Brien & Sons", "Umbrella_Co"]),
    ("Renewal_Date__c = LAST_N_DAYS:7", ["O'Brien & Sons", "Umbrella_Co"]),
    ("Last_Escalation__c > 2026-11-21T00:00:00Z", ["O'Brien & Sons"]),
    ("Last_Escalation__c = YESTERDAY", ["O'Brien & Sons"]),
    ("Is_Strategic__c = TRUE", ["Acme Corp"]),
    ("Is_Strategic__c = false", ["100% Uptime Inc", "Globex", "initech", "O'Brien & Sons", "Umbrella_Co"]),
    ("Owner.Name = 'Lee Park'", ["100% Uptime Inc", "Globex"]),
    ("Owner.Email LIKE 'dana@%'", ["Acme Corp", "initech"]),
    ("(ARR__c > 100000 OR Industry = 'Software') AND Health_Score__c < 80", ["Acme Corp", "O'Brien & Sons"]),
    ("ARR__c > 100000 AND (Health_Score__c > 80 OR Name = 'Acme Corp')", ["Acme Corp", "Globex"]),
    ("NOT (Industry = 'Software' OR Industry = NULL)", ["Acme Corp", "Globex"]),
    ("Health_Score__c = 54 AND ARR__c = 250000 AND Industry = 'Manufacturing'", ["Acme Corp"]),
    ("Id = '001SB0000000002'", ["Globex"]),  # a 15-character Id matches its 18-character form
    ("Id IN ('001SB0000000003AAA', '001SB0000000004AAA')", ["initech", "Umbrella_Co"]),
    ("OwnerId = NULL", ["Umbrella_Co"]),
])
def test_where_clauses(where: str, expected: list[str]) -> None:
    assert sorted(names(f"SELECT Name FROM Account WHERE {where}"), key=str.casefold) == \
        sorted(expected, key=str.casefold)


@pytest.mark.parametrize("order, expected", [
    ("Name", ["100% Uptime Inc", "Acme Corp", "Globex", "initech", "O'Brien & Sons", "Umbrella_Co"]),
    ("ARR__c DESC", ["Globex", "Acme Corp", "initech", "O'Brien & Sons", "100% Uptime Inc", "Umbrella_Co"]),
    ("ARR__c", ["Umbrella_Co", "100% Uptime Inc", "O'Brien & Sons", "initech", "Acme Corp", "Globex"]),
    ("ARR__c ASC NULLS LAST", ["100% Uptime Inc", "O'Brien & Sons", "initech", "Acme Corp", "Globex",
                               "Umbrella_Co"]),
    ("ARR__c DESC NULLS FIRST", ["Umbrella_Co", "Globex", "Acme Corp", "initech", "O'Brien & Sons",
                                 "100% Uptime Inc"]),
    ("Industry, Name DESC", ["Umbrella_Co", "Globex", "Acme Corp", "O'Brien & Sons", "initech",
                             "100% Uptime Inc"]),
    ("Owner.Name DESC, Name", ["O'Brien & Sons", "100% Uptime Inc", "Globex", "Acme Corp", "initech",
                               "Umbrella_Co"]),
])
def test_order_by(order: str, expected: list[str]) -> None:
    assert names(f"SELECT Name FROM Account ORDER BY {order}") == expected


def test_limit_and_offset() -> None:
    assert names("SELECT Name FROM Account ORDER BY Name LIMIT 2") == ["100% Uptime Inc", "Acme Corp"]
    assert names("SELECT Name FROM Account ORDER BY Name LIMIT 2 OFFSET 2") == ["Globex", "initech"]
    assert names("SELECT Name FROM Account ORDER BY Name LIMIT 0") == []


def test_count_star_answers_total_size_only() -> None:
    result = run("SELECT COUNT() FROM Account WHERE Industry = 'Software'")
    assert (result.total_size, result.records) == (3, [])
    assert run("SELECT COUNT() FROM Account LIMIT 2").total_size == 2


def test_aggregates_without_group_by() -> None:
    result = run("SELECT SUM(ARR__c), COUNT(Id), COUNT(ARR__c) withArr, AVG(Health_Score__c), "
                 "MIN(Renewal_Date__c), MAX(ARR__c), COUNT_DISTINCT(Industry) FROM Account")
    assert result.total_size == 1
    assert result.records == [{"attributes": {"type": "AggregateResult"}, "expr0": 1595000.5, "expr1": 6,
                               "withArr": 5, "expr2": pytest.approx(65.4), "expr3": "2026-11-25",
                               "expr4": 1200000.0, "expr5": 3}]


def test_aggregate_over_no_rows_is_one_row_of_nulls() -> None:
    assert run("SELECT SUM(ARR__c), COUNT(Id) FROM Account WHERE Name = 'nobody'").records == [
        {"attributes": {"type": "AggregateResult"}, "expr0": None, "expr1": 0}]


def test_group_by_with_order_by_aggregate() -> None:
    result = run("SELECT Industry, SUM(ARR__c) total, COUNT(Id) FROM Account WHERE Industry != NULL "
                 "GROUP BY Industry ORDER BY SUM(ARR__c) DESC LIMIT 2")
    assert result.records == [
        {"attributes": {"type": "AggregateResult"}, "Industry": "Energy", "total": 1200000.0, "expr0": 1},
        {"attributes": {"type": "AggregateResult"}, "Industry": "Manufacturing", "total": 250000.0, "expr0": 1},
    ]


def test_group_by_relationship_field() -> None:
    result = run("SELECT Owner.Name, COUNT(Id) FROM Account GROUP BY Owner.Name ORDER BY Owner.Name")
    assert [(r["Name"], r["expr0"]) for r in result.records] == [
        (None, 1), ("Dana Whitfield", 2), ("Lee Park", 2), ("Priya Raman", 1)]


def test_query_other_object_and_api_version_in_urls() -> None:
    users = [{"Id": "005SB0000000001AAA", "Name": "Dana Whitfield", "Email": "dana@example.com"}]
    result = execute("SELECT Name FROM User", CATALOG, {"User": users}, today=TODAY, api_version="61.0")
    assert result.records[0]["attributes"]["url"] == "/services/data/v61.0/sobjects/User/005SB0000000001AAA"


def test_duplicate_selected_field_appears_once() -> None:
    record = run("SELECT Name, name FROM Account WHERE Name = 'Globex'").records[0]
    assert list(record) == ["attributes", "Name"]
