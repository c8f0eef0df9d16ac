"""schemathesis against /api/openapi.json, in-process, with an admin account's API token (so the
desk and comment operations run as a reader with a desk would): generated requests to every
operation get no 5xx and no status code the schema does not document."""

from __future__ import annotations

import tempfile

import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import status_code_conformance

from newsdesk import accounts
from newsdesk.app import create_app
from newsdesk.model.accounts import Role
from newsdesk.store import open_store

_folder = tempfile.mkdtemp(prefix="newsdesk-schema-")
_url = f"sqlite:///{_folder}/store.db"
_store = open_store(_url)
_admin = accounts.create_user(_store, "schema", "a long passphrase", Role.ADMIN)
TOKEN = accounts.create_api_token(_store, _admin, "schemathesis")[1]
_store.close()
app = create_app(_url, run_stages=False)
schema = schemathesis.openapi.from_asgi("/api/openapi.json", app)


@schema.parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_answers_as_its_schema_says(case: schemathesis.Case) -> None:
    case.call_and_validate(
        headers={"Authorization": f"Bearer {TOKEN}"},
        checks=[not_a_server_error, status_code_conformance],
    )
