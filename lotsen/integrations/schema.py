"""The partner API's own answers in the OpenAPI document, beside lotsen.api's shared ones."""

PARTNER_PATH = "/api/v1/partner/"

PARTNER_RESPONSES = {
    "401": "No API key, or an unknown, expired or revoked one.",
    "409": "The person has a referral under way, or is registered by another party.",
    "422": "The Idempotency-Key was used with another request, or the step is refused.",
}


def add_partner_responses(result, generator, request, public):
    """drf-spectacular post-processing hook, run after lotsen.api's (SPECTACULAR_SETTINGS)."""
    reference = {"$ref": "#/components/schemas/Problem"}
    for path, operations in result.get("paths", {}).items():
        if not path.startswith(PARTNER_PATH):
            continue
        for method, operation in operations.items():
            statuses = PARTNER_RESPONSES if method == "post" else {"401": PARTNER_RESPONSES["401"]}
            for status, description in statuses.items():
                operation["responses"].setdefault(
                    status,
                    {
                        "description": description,
                        "content": {"application/problem+json": {"schema": reference}},
                    },
                )
    return result
