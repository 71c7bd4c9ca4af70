"""The synthetic events layer of the benchmarks (scripts/synthetic_events.py) is what the app reads and clusters."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
from gdelt_rows import layer_events

from liaison.feed.cache import build, layer_stamp
from liaison.feed.candidates import INPUT_COLUMNS
from liaison.feed.events import LAYER, layer_dir, read_events, write_part

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"


def _synthetic_events():
    spec = importlib.util.spec_from_file_location("synthetic_events", SCRIPTS / "synthetic_events.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_synthetic_layer_reads_back_in_the_layer_types_and_clusters(tmp_path: Path) -> None:
    synthetic = _synthetic_events()
    assert synthetic.COLUMNS == INPUT_COLUMNS and synthetic.LAYER == LAYER
    folder = synthetic.write_layer(5_000, tmp_path)
    stamp = layer_stamp(tmp_path)
    assert folder == tmp_path / LAYER and len(stamp) > 5, "one part per year"
    events = read_events(tmp_path, INPUT_COLUMNS)
    assert len(events) == 5_000
    write_part(layer_dir(tmp_path / "imported"), "t.export", layer_events({}))
    imported = read_events(tmp_path / "imported", INPUT_COLUMNS)
    assert {name: str(kind) for name, kind in events.dtypes.items()} == {
        name: str(kind) for name, kind in imported.dtypes.items()
    }, "the same types as a layer written by an import"
    built = build(tmp_path)
    assert 0 < len(built.candidates) < 5_000
    assert built.candidates["rows"].sum() == int(
        np.isin(events["event_base_code"].astype(str), ["040", "042", "043", "044", "045", "046"]).sum()
    )
    synthetic.write_layer(5_000, tmp_path)
    assert layer_stamp(tmp_path) == stamp, "a complete layer of that size is kept"
