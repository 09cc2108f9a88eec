"""The OpenAPI document's shared parts: problem details on every operation."""

PROBLEM = {
    "type": "object",
    "description": "Problem details (RFC 9457), in the language of Accept-Language.",
    "required": ["type", "title", "status", "detail", "instance"],
    "properties": {
        "type": {"type": "string", "description": "about:blank: the status says it all."},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string"},
        "instance": {"type": "string", "description": "The address that was asked for."},
        "errors": {
            "type": "array",
            "description": "The refused values, one entry per field or query parameter.",
            "items": {
                "type": "object",
                "required": ["field", "detail"],
                "properties": {"field": {"type": "string"}, "detail": {"type": "string"}},
            },
        },
    },
}

# Every operation may answer these; the API never answers 5xx for anything a client sends.
PROBLEM_RESPONSES = {
    "400": "A query parameter or the address is not valid.",
    "404": "Nothing public at this address, or a page beyond the last.",
    "406": "The Accept header asks for a format the API does not give.",
    "429": "Too many requests; try again after Retry-After seconds.",
}


def add_problem_responses(result, generator, request, public):
    """drf-spectacular post-processing hook (SPECTACULAR_SETTINGS)."""
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM
    reference = {"$ref": "#/components/schemas/Problem"}
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for status, description in PROBLEM_RESPONSES.items():
                responses.setdefault(
                    status,
                    {
                        "description": description,
                        "content": {"application/problem+json": {"schema": reference}},
                    },
                )
    return result
