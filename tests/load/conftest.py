"""Nothing here is collected by pytest: importing Locust monkey-patches the standard library for gevent.

The load test runs as its own program (``python -m tests.load.class_of_40``); ``tests/e2e/test_class_of_40.py``
starts it in a subprocess. Without this, ``--doctest-modules`` would import these modules into the test workers.
"""

collect_ignore_glob = ["*.py"]
