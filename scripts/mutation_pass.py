"""A mutation pass by hand over the rules that matter most in `liaison/view/` and `liaison/dataset/`.

Each mutant deletes or inverts one rule — former bloc members, a bloc as an actor, sub-regions,
month precision, the stale-revision check, the editor check… — runs the tests that should
guard it, and counts it killed when they go red. A surviving mutant is a rule no test holds.
A mutant whose text is no longer in the source is reported as stale, so the list stays honest
as the code moves. The source is restored after every mutant, even on Ctrl-C.

Run: .venv/bin/python scripts/mutation_pass.py [--only SUBSTRING]
Why not mutmut: it mutates every operator of every line (thousands of mutants, hours on two
cores) where the question here is whether each rule a user relies on has a test that fails.
"""

from __future__ import annotations

import argparse
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Mutant:
    name: str
    file: str
    old: str
    new: str
    tests: tuple[str, ...]


QUERY_TESTS = ("tests/test_query.py", "tests/test_filters.py", "tests/test_index.py")
SAVE_TESTS = ("tests/test_changes.py", "tests/test_intake_article.py", "tests/test_files.py")

MUTANTS = (
    Mutant(
        "former bloc members count as members",
        "liaison/view/query.py",
        ' & ds.memberships["status"].ne("former")',
        "",
        QUERY_TESTS,
    ),
    Mutant(
        "a bloc is not an actor of its own meetings",
        "liaison/view/query.py",
        " | index.actors.mask(filters.blocs, index.size)",
        "",
        QUERY_TESTS,
    ),
    Mutant(
        "a sub-region does not select its states",
        "liaison/view/query.py",
        ' | ds.regions["subregion"].isin(filters.regions)',
        "",
        QUERY_TESTS,
    ),
    Mutant(
        "a meeting running into the period is left out",
        "liaison/view/query.py",
        "keep &= index.effective_end >= np.datetime64",
        "keep &= index.start >= np.datetime64",
        QUERY_TESTS,
    ),
    Mutant(
        "the last month of a period stops at its first day",
        "liaison/view/query.py",
        " + pd.offsets.MonthEnd(0)",
        "",
        QUERY_TESTS,
    ),
    Mutant(
        "the text search is case-sensitive",
        "liaison/view/query.py",
        "needle = text.casefold()",
        "needle = text",
        QUERY_TESTS,
    ),
    Mutant(
        "the whole range on offer still filters by date",
        "liaison/view/period.py",
        "    if start == first and end == last:\n        return None, None\n",
        "",
        ("tests/test_period.py", "tests/test_filter_sidebar.py"),
    ),
    Mutant(
        "a save prepared on an older revision overwrites",
        "liaison/dataset/changes.py",
        "        if current != expected_revision:\n            raise StaleRevisionError(expected_revision, current)\n"
        "        return _save_held(",
        "        return _save_held(",
        SAVE_TESTS,
    ),
    Mutant(
        "a save that names no editor is written",
        "liaison/dataset/changes.py",
        "    if not isinstance(editor, Editor):\n        raise NotAnEditorError\n",
        "    return None\n",
        SAVE_TESTS,
    ),
    Mutant(
        "an invalid change is saved",
        "liaison/dataset/changes.py",
        "    problems = _check_held(folder, replacements)\n    if problems:\n        raise DatasetError(problems)\n",
        "",
        SAVE_TESTS,
    ),
    Mutant(
        "an attachment may overwrite a table",
        "liaison/dataset/changes.py",
        '        if path in reserved or path.startswith((HISTORY, ".")) or "/" not in path:',
        "        if False:",
        SAVE_TESTS,
    ),
    Mutant(
        "undo undoes someone else's later save",
        "liaison/dataset/changes.py",
        '        if last["revision"] != current:\n            raise StaleRevisionError(last["revision"], current)\n',
        "",
        SAVE_TESTS,
    ),
    Mutant(
        "a batch writer gives up when someone saved first",
        "liaison/dataset/changes.py",
        "        except (StaleRevisionError, FolderBusyError):\n            continue\n",
        "        except FolderBusyError:\n            continue\n",
        SAVE_TESTS,
    ),
    Mutant(
        "anyone signed in is an editor",
        "liaison/dataset/access.py",
        "        if identity in self.editors or (self.editor_group and self.editor_group in set(groups)):",
        "        if True:",
        ("tests/test_access.py",),
    ),
    Mutant(
        "a journal naming a place outside the folder is replayed",
        "liaison/dataset/files.py",
        '    if not parts or PurePosixPath(relative).is_absolute() or any(part in ("..", "") for part in parts):',
        "    if False:",
        ("tests/test_files.py",),
    ),
    Mutant(
        "a cycle of parents is accepted",
        "liaison/dataset/schema.py",
        "    return problems + _check_parent_cycles(meetings)",
        "    return problems",
        ("tests/test_schema.py", "tests/test_hostile_data.py"),
    ),
    Mutant(
        "a meeting may end before it starts",
        "liaison/dataset/schema.py",
        '    backwards = ~unknown & start.ne("") & end.ne("") & well_formed & end.lt(start)',
        '    backwards = ~unknown & start.ne("") & end.ne("") & well_formed & end.lt(start) & False',
        ("tests/test_schema.py", "tests/test_hostile_data.py"),
    ),
)


# The PostgreSQL store's own rules, guarded by the tests both stores share and the database's own.
DATABASE = "liaison/dataset/database.py"
STORE_TESTS = ("tests/test_stores.py", "tests/test_database.py", "tests/test_page_database.py")
MUTANTS += (
    Mutant(
        "the database saves on a stale revision",
        DATABASE,
        """            if current.revision != expected_revision:
                raise StaleRevisionError(expected_revision, current.revision)
            return self._save_held(""",
        """            return self._save_held(""",
        STORE_TESTS,
    ),
    Mutant(
        "the database saves without an editor",
        DATABASE,
        """        refuse_anonymous(editor)
        refuse_unknown(replacements)""",
        """        refuse_unknown(replacements)""",
        STORE_TESTS,
    ),
    Mutant(
        "the database saves an invalid change",
        DATABASE,
        "        problems = check_against(current.frames, current.problems, replacements)",
        "        problems = []",
        STORE_TESTS,
    ),
    Mutant(
        "database writers do not queue on the state row",
        DATABASE,
        ".where(STATE.c.id == 1).with_for_update()",
        ".where(STATE.c.id == 1)",
        STORE_TESTS,
    ),
    Mutant(
        "a busy database is not named as busy",
        DATABASE,
        '                if getattr(error.orig, "sqlstate", None) == LOCK_NOT_AVAILABLE:',
        "                if False:",
        STORE_TESTS,
    ),
    Mutant(
        "undo reaches back past a copy",
        "liaison/dataset/changes.py",
        "    saves = [entry for entry in entries[copied + 1 :]",
        "    saves = [entry for entry in entries",
        STORE_TESTS,
    ),
)


def run(mutant: Mutant) -> str:
    """killed, survived or stale, with the source put back whatever happens."""
    path = REPO / mutant.file
    original = path.read_text(encoding="utf-8")
    if original.count(mutant.old) != 1:
        return "stale"
    try:
        path.write_text(original.replace(mutant.old, mutant.new), encoding="utf-8")
        command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", "-m", "not browser"]
        result = subprocess.run([*command, *mutant.tests], cwd=REPO, capture_output=True, check=False)
    finally:
        path.write_text(original, encoding="utf-8")
    return "survived" if result.returncode == 0 else "killed"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="", help="run the mutants whose name contains this")
    args = parser.parse_args()
    # A `timeout` or a CI cancel sends SIGTERM: exit through the `finally` that puts the source back.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    chosen = [mutant for mutant in MUTANTS if args.only in mutant.name]
    outcomes: dict[str, int] = {"killed": 0, "survived": 0, "stale": 0}
    for mutant in chosen:
        started = time.monotonic()
        outcome = run(mutant)
        outcomes[outcome] += 1
        print(f"{outcome:<9} {time.monotonic() - started:5.1f} s  {mutant.file}: {mutant.name}", flush=True)
    killed, survived, stale = outcomes["killed"], outcomes["survived"], outcomes["stale"]
    print(f"{len(chosen)} mutants: {killed} killed, {survived} survived, {stale} stale")
    return 1 if outcomes["survived"] or outcomes["stale"] else 0


if __name__ == "__main__":
    sys.exit(main())
