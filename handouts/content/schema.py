"""The JSON Schema of a content file, generated from the model; editors use it to complete and check
fields as the author types. Regenerate with `python -m handouts.content.schema` (a test fails when it is stale)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from handouts.content.model import REFERENCES_FILE, Edition

SCHEMA_FILE = "edition.schema.json"   # in content/, beside the topic folders
MODELINE = f"# yaml-language-server: $schema=../{SCHEMA_FILE}"


def schema_text() -> str:
    schema = Edition.model_json_schema()
    # or a file of the topic's folder exported by a reference manager (read by the loader, not by the model)
    schema["properties"]["references"] = {"anyOf": [schema["properties"]["references"], {
        "type": "object", "additionalProperties": False, "required": ["file"],
        "description": "the references of a CSL-JSON (.json), BibTeX (.bib) or RIS (.ris) file of the topic's folder",
        "properties": {"file": {"type": "string", "pattern": REFERENCES_FILE}}}]}
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "One language edition of a handout topic (content/<topic>/<language>.yaml)"
    return json.dumps(schema, indent=1, ensure_ascii=False, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    target = Path(argv[0] if argv else sys.argv[1] if len(sys.argv) > 1 else "content") / SCHEMA_FILE
    target.write_text(schema_text(), encoding="utf-8")
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
