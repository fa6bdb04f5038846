"""Print the supported-ops table, or write it into docs/runtime.md:

    python -m simulator.model.ops              # print the markdown table
    python -m simulator.model.ops --write      # refresh it in docs/runtime.md (between the markers)
"""

from __future__ import annotations

import sys

from simulator import REPO_ROOT
from simulator.model.ops import markdown_table

BEGIN, END = "<!-- ops-table:begin (python -m simulator.model.ops --write) -->", "<!-- ops-table:end -->"
DOC = REPO_ROOT / "docs" / "runtime.md"


def with_table(text: str) -> str:
    """`text` with the table between the markers replaced by the current one."""
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    return text[:start] + "\n" + markdown_table() + text[end:]


def main(argv: list[str]) -> int:
    if argv == ["--write"]:
        DOC.write_text(with_table(DOC.read_text()))
        print(f"wrote the supported-ops table into {DOC}")
        return 0
    if argv:
        print(__doc__, file=sys.stderr)
        return 2
    print(markdown_table(), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
