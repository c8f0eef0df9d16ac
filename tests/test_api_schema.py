"""schemathesis against /api/openapi.json, in-process, with an admin's token: generated requests
to every operation get no 5xx and no status code the schema does not document."""

from __future__ import annotations

import os
import tempfile

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import status_code_conformance

from newsdesk.app import create_app
from tests.conftest import API_TOKEN

os.environ.setdefault("NEWSDESK_API_TOKEN", API_TOKEN)  # read by create_app below, at import
_folder = tempfile.mkdtemp(prefix="newsdesk-schema-")
app = create_app(f"sqlite:///{_folder}/store.db", run_stages=False)
schema = schemathesis.openapi.from_asgi("/api/openapi.json", app)


@schema.parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_answers_as_its_schema_says(case: schemathesis.Case) -> None:
    case.call_and_validate(
        headers={"Authorization": f"Bearer {API_TOKEN}"},
        checks=[not_a_server_error, status_code_conformance],
    )
