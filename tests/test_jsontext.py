"""jsontext.indented prints what json.dumps(ensure_ascii=False, indent=N) prints, byte for byte."""
import json
import random

import pytest

from generator.jsontext import _halve_indentation, indented

_CASES = [
    {}, [], {"a": []}, {"a": {}}, [[[[[]]]]], {"diep": [{"x": [{"y": [{"z": [1, 2, {"w": None}]}]}]}]},
    {"tekst": "regel\nregel\ttab \"aanhalingstekens\" \\ / é € 😀 \u2028 \u00a0 \x01 \x7f"},
    {"getal": 10**18, "negatief": -5, "waar": True, "onwaar": False, "niets": None},
    {"drijvend": 1e-05}, {"drijvend": 0.1}, {"drijvend": 2.5e20}, [1e-07, 3.0],
    {"groot": 10**30}, {1: "sleutel die geen tekst is"}, {"half": "\ud800"},
    ("tupel", ["lijst"]), {"  spaties  ": "  binnen  ", "\n": "\n  \n"},
]


@pytest.mark.parametrize("indent", [1, 2])
@pytest.mark.parametrize("data", _CASES, ids=range(len(_CASES)))
def test_indented_prints_as_json_dumps(data, indent):
    assert indented(data, indent) == json.dumps(data, ensure_ascii=False, indent=indent)


def test_indented_prints_as_json_dumps_on_random_nesting():
    rng = random.Random(7)
    alphabet = ["a", " ", "  ", "\n", "\"", "\\", "é", "{", "[", "]", "}", ",", ":", "0"]

    def value(depth):
        roll = rng.random()
        if depth > 5 or roll < 0.3:
            return rng.choice([None, True, 3, -12, "".join(rng.choices(alphabet, k=rng.randint(0, 8)))])
        if roll < 0.65:
            return [value(depth + 1) for _ in range(rng.randint(0, 4))]
        return {"".join(rng.choices(alphabet, k=rng.randint(0, 5))): value(depth + 1) for _ in range(rng.randint(0, 4))}

    for _ in range(2000):
        data = value(0)
        assert indented(data) == json.dumps(data, ensure_ascii=False, indent=1)


def test_halving_keeps_spaces_inside_strings():
    assert _halve_indentation(b'{\n    "a  b": "\\n    "\n}') == b'{\n  "a  b": "\\n    "\n}'

