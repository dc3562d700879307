"""``tidings watch`` that kills itself (SIGKILL) at one named checkpoint of a batch: the fault
injection of the kill -9 tests in test_live.py. Usage: python _crashing_watch.py POINT WATCH-ARGS..."""
import os
import signal
import sys

from tidings.live import publish


def _kill_at(point: str):
    def checkpoint(name: str) -> None:
        if name == point:
            os.kill(os.getpid(), signal.SIGKILL)

    return checkpoint


if __name__ == "__main__":
    publish.checkpoint = _kill_at(sys.argv[1])
    from tidings.cli.main import main

    sys.argv = ["tidings", "watch", *sys.argv[2:]]
    main()
