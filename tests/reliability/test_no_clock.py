"""Outputs do not depend on the time: every clock a function could read is set to 1970 in one
run and to 2100 in the other, and the pipeline's output must be the same bytes."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests import golden, kpt, pipeline

# Sets every clock of the standard library to one instant, then runs a function's main.
FROZEN = """
import sys, time, datetime
instant = float(sys.argv[2])
time.time = lambda: instant
time.time_ns = lambda: int(instant * 1e9)
time.localtime = lambda secs=None: time.gmtime(instant if secs is None else secs)
_gmtime = time.gmtime
time.gmtime = lambda secs=None: _gmtime(instant if secs is None else secs)
_strftime = time.strftime
time.strftime = lambda fmt, t=None: _strftime(fmt, time.gmtime() if t is None else t)
time.ctime = lambda secs=None: time.asctime(time.gmtime(secs))
real, utc = datetime.datetime, datetime.timezone.utc
class FrozenDateTime(real):
    @classmethod
    def now(cls, tz=None):
        return real.fromtimestamp(instant, tz or utc).replace(tzinfo=tz)
    @classmethod
    def utcnow(cls):
        return real.fromtimestamp(instant, utc).replace(tzinfo=None)
    @classmethod
    def today(cls):
        return cls.utcnow()
class FrozenDate(datetime.date):
    @classmethod
    def today(cls):
        return FrozenDateTime.utcnow().date()
datetime.datetime, datetime.date = FrozenDateTime, FrozenDate
import importlib
module = importlib.import_module(sys.argv[1])
sys.argv = sys.argv[:1]
module.main()
"""
INSTANTS = {"1970": 86400.0, "2100": 4102444800.0}
EXAMPLES = [e for e in golden.examples() if golden.expected_exit_code(e) == 0]


def frozen_at(instant: float):
    def runner(name, resource_list):
        done = subprocess.run(
            [sys.executable, "-c", FROZEN, pipeline.MODULES[name], str(instant)],
            input=resource_list.encode(),
            capture_output=True,
            env=kpt.env(),
        )
        assert not done.stderr, done.stderr.decode()
        return done.stdout.decode(), done.returncode

    return runner


def test_the_frozen_clock_is_what_a_function_would_read():
    probe = FROZEN.replace("module = importlib.import_module(sys.argv[1])\nsys.argv = sys.argv[:1]\nmodule.main()", "")
    probe += "from datetime import datetime, date\nprint(int(time.time()), datetime.now().year, date.today().year, time.strftime('%Y'))\n"
    done = subprocess.run([sys.executable, "-c", probe, "-", str(INSTANTS["2100"])], capture_output=True, text=True)
    assert done.stdout.split() == ["4102444800", "2100", "2100", "2100"], done.stderr


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.name for e in EXAMPLES])
def test_the_output_is_the_same_in_1970_and_in_2100(example):
    outputs = [pipeline.run_pipeline(example, runner=frozen_at(instant)) for instant in INSTANTS.values()]
    assert outputs[0] == outputs[1]
    assert outputs[0][-1][2] == 0
