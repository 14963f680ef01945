"""Turn the compact block descriptions of the data files into StreamField raw data."""

import uuid


def stream_data(blocks: list[dict]) -> list[dict]:
    return [_block(spec) for spec in blocks]


def _block(spec: dict) -> dict:
    kind = spec["type"]
    if kind == "heading":
        value = {"text": spec["text"], "level": spec.get("level", "h2")}
    elif kind == "paragraph":
        value = spec["html"]
    elif kind == "quote":
        value = {"quote": spec["quote"], "author": spec.get("author", ""), "source": ""}
    elif kind == "callout":
        value = {
            "kind": spec.get("kind", "info"),
            "title": spec.get("title", ""),
            "text": spec["html"],
        }
    else:
        raise ValueError(f"Unknown demo block type {kind!r}")
    # Stable ids keep a second run from producing a different revision.
    block_id = str(uuid.uuid5(uuid.NAMESPACE_URL, f"demo:{kind}:{value}"))
    return {"type": kind, "value": value, "id": block_id}
