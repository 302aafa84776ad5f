"""Property-based run of the served OpenAPI document through schemathesis, in process.

Bounded (a fixed number of derandomised examples per operation, no time limits): every
response must be no 5xx, carry a documented status and content type, and match its schema.
"""

from __future__ import annotations

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import content_type_conformance, not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

from tests.conftest import NURSES

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


def test_every_operation_answers_within_its_documented_contract(app, client, canned_extract):
    # schemathesis' own pytest plugin does not run under pytest 9; driving hypothesis here does.
    client.post("/api/v1/articles", json={"text": NURSES, "source": "bbc", "published_at": "2024-03-01"})
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 12

    for operation in operations:
        @given(case=operation.as_strategy())
        @settings(max_examples=25, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def answers(case):
            case.call_and_validate(checks=CHECKS)

        answers()
