"""Opaque keyset cursors, the ``{"items", "next_cursor"}`` body and the ``Link`` header."""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Callable
from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from flask import request

from quotesvc.api import fastjson
from quotesvc.errors import InvalidInput
from quotesvc.store.records import Page, Sort

DEFAULT_PAGE_SIZE = 50
MAX_ID = 2**31 - 1

#: The type of the sort value a cursor carries, by sort key: a forged cursor must not
#: reach the database with a string where a number goes.
VALUE_TYPES: dict[str, type | tuple[type, ...]] = {
    "id": int, "quote_count": int, "confidence": (int, float), "name": str, "published_at": datetime,
}


def parse_sort(value: str) -> Sort:
    """Turn ``-published_at`` into ``Sort("published_at", descending=True)``."""
    return Sort(key=value.lstrip("-"), descending=value.startswith("-"))


def encode_cursor(sort: Sort, after: tuple) -> str:
    """Encode the position after a page, and the sort it belongs to, as an opaque token."""
    value, last_id = after
    if isinstance(value, datetime):
        value = {"dt": value.isoformat()}
    raw = json.dumps([sort.key, sort.descending, value, last_id], separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(token: str | None, sort: Sort) -> tuple | None:
    """Return the (value, id) position of ``token``; 422 if it is not one of ours for this sort."""
    if token is None:
        return None
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        key, descending, value, last_id = json.loads(raw)
        if isinstance(value, dict):
            value = datetime.fromisoformat(value["dt"])
        if (not isinstance(last_id, int) or isinstance(last_id, bool) or not 0 <= last_id <= MAX_ID
                or not isinstance(value, VALUE_TYPES.get(key, ())) or isinstance(value, bool)
                or (isinstance(value, datetime) and value.tzinfo is not None)
                or (isinstance(value, int) and abs(value) > MAX_ID)):
            raise ValueError("malformed position")
    except (ValueError, TypeError, KeyError, binascii.Error):
        raise InvalidInput("not a cursor this service issued", field="cursor") from None
    if (key, descending) != (sort.key, sort.descending):
        raise InvalidInput("the cursor belongs to another sort order", field="cursor")
    return value, last_id


def respond(page: Page, sort: Sort, dump: Callable[[Any], dict]):
    """Return one page as a JSON response and its ``Link`` header (for a flask-smorest view).

    ``dump`` turns one item into its dict (a ``quotesvc.api.fastjson`` function): the
    response is built here, so flask-smorest does not dump it again with the schema.
    """
    cursor = encode_cursor(sort, page.after) if page.after is not None else None
    headers = {}
    if cursor is not None:
        args = [(k, v) for k, v in request.args.items(multi=True) if k != "cursor"] + [("cursor", cursor)]
        headers["Link"] = f'<{request.base_url}?{urlencode(args)}>; rel="next"'
    return fastjson.respond({"items": [dump(item) for item in page.items], "next_cursor": cursor}), headers


def page_size(args: dict) -> int:
    """Return the page size asked for, or the default."""
    return args.get("page_size") or DEFAULT_PAGE_SIZE
