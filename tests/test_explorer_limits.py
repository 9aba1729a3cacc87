"""Nothing the page or a file sends makes the explorer read, draw or run more than it shows:
CSV reading stops at the row limit, imported states are finite and shallow, uploads are
bounded, and the sliders widen to show the settings that run."""

import datetime
import io
import json

import pytest

from dnn_course.explorer import Explorer, Settings, from_json, read_csv, to_json
from dnn_course.explorer.limits import UPLOAD_MB
from dnn_course.explorer.session import Session
from dnn_course.explorer.settings import MAX_M

GOOD = "x1,x2,label\n0.1,0.2,1\n-0.3,0.4,0\n0.5,-0.6,1\n-0.7,-0.8,0\n0.9,1.0,1\n"


class EndlessRows(io.TextIOBase):
    """A CSV stream of ``rows`` rows that counts how many lines were taken from it."""

    def __init__(self, rows):
        self.rows, self.taken = rows, 0

    def readable(self):
        return True

    def readline(self, size=-1):
        self.taken += 1
        if self.taken == 1:
            return "x1,x2,label\n"
        return f"{self.taken % 7 * 0.1},{self.taken % 5 * 0.1},{self.taken % 2}\n" \
            if self.taken <= self.rows + 1 else ""

    def read(self, size=-1):
        return "".join(iter(self.readline, ""))


def test_reading_a_huge_csv_stops_at_the_row_limit():
    stream = EndlessRows(1_500_000)
    with pytest.raises(ValueError, match=f"more than {MAX_M} data rows; the explorer takes at "
                                         f"most m = {MAX_M} points"):
        read_csv(stream)
    assert stream.taken <= MAX_M + 2  # the header, the rows it keeps, one too many


def test_a_huge_csv_file_is_refused_by_path(tmp_path):
    path = tmp_path / "big.csv"
    path.write_text("x1,x2,label\n" + "0.5,0.25,1\n" * (MAX_M + 1))
    with pytest.raises(ValueError, match=f"more than {MAX_M} data rows"):
        read_csv(path)


def test_csv_text_in_a_str_is_read_as_text_and_its_bom_removed():
    X, Y = read_csv(GOOD)
    assert X.shape == (2, 5) and Y.tolist() == [[1, 0, 1, 0, 1]]
    X2, _ = read_csv("\ufeff" + GOOD.replace("\n", "\r\n"))
    assert (X2 == X).all()
    with pytest.raises(FileNotFoundError, match="no CSV file at points.csv .*give a str with "
                                                "its line breaks"):
        read_csv("points.csv")


def _state(**changes):
    session = Session(Settings(m=60))
    session.step(3)
    document = json.loads(to_json(session))
    document.update(changes)
    return document


@pytest.mark.parametrize("constant, message", [
    ("Infinity", "holds Infinity; every number in it must be finite"),
    ("-Infinity", "holds -Infinity; every number in it must be finite"),
    ("NaN", "holds NaN; every number in it must be finite"),
    ("1e400", "holds 1e400, too large for a float"),
])
def test_infinity_or_nan_in_an_imported_history_is_refused(constant, message):
    text = json.dumps(_state(costs=["X", 0.5, 0.4]))
    with pytest.raises(ValueError, match=message):
        from_json(text.replace('"X"', constant))


def test_deep_nesting_is_a_value_error():
    text = json.dumps(_state(costs=["X", 0.5, 0.4])).replace('"X"', "[" * 50_000 + "]" * 50_000)
    with pytest.raises(ValueError, match="nested too deeply"):
        from_json(text)


def test_a_huge_integer_is_refused_before_conversion():
    text = json.dumps(_state()).replace('"seed": 1', '"seed": ' + "9" * 5000)
    with pytest.raises(ValueError, match="an integer of 5000 digits"):
        from_json(text)


def test_the_controls_widen_to_show_imported_settings():
    document = _state()
    document["settings"].update(m=3000, noise=1.5, steps_per_tick=1000, test_fraction=0.05)
    ex = Explorer.from_json(json.dumps(document), figures="inline")
    shown = {name: ex.controls[name].value for name in ("m", "noise", "steps_per_tick",
                                                       "test_fraction")}
    assert shown == {name: getattr(ex.settings, name) for name in shown}
    assert shown == {"m": 3000, "noise": 1.5, "steps_per_tick": 1000, "test_fraction": 0.05}


def test_an_upload_over_the_limit_is_refused_with_a_message():
    ex = Explorer(Settings(m=60), figures="inline")
    upload = ex.controls["upload_csv"]
    assert f"{UPLOAD_MB} MB" in upload.description
    content = (GOOD + "0.5,0.25,1\n" * 900_000).encode()  # about 10 MB
    upload.value = ({"name": "big.csv", "type": "text/csv", "size": len(content),
                     "content": memoryview(content), "last_modified": datetime.datetime.now()},)
    size = f"{len(content) / 2**20:.1f}"
    assert f"big.csv is {size} MB; the explorer takes files up to {UPLOAD_MB} MB" in \
        ex.controls["message"].value
    assert ex.settings.dataset == "circle" and upload.value == ()


def test_huge_coordinates_are_named_not_blamed_on_the_learning_rate():
    with pytest.raises(ValueError, match=r"X holds values up to 1e\+12: .*scale the features"):
        read_csv(GOOD.replace("0.9,1.0,1", "1e12,1.0,1"))
