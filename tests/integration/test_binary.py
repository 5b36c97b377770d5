"""The shipped binary itself: which Kafka client it carries and what it needs from the machine.

sluice links librdkafka statically (Debian's source package, built by scripts/deps), so a machine needs only
bookworm's shared libraries, and no older librdkafka.so on the machine can take its place at run time.
"""

from __future__ import annotations

import re
import subprocess

from sluice_process import SLUICE

# The librdkafka scripts/deps builds; CMakeLists.txt refuses anything older.
LIBRDKAFKA_VERSION = "2.14.2"


def test_version_names_the_librdkafka_it_links():
    out = subprocess.run([str(SLUICE), "--version"], capture_output=True, text=True, check=True).stdout
    assert re.fullmatch(r"sluice \d+\.\d+\.\d+ \(librdkafka " + re.escape(LIBRDKAFKA_VERSION) + r"\)\n", out), out


def test_librdkafka_is_linked_statically_and_the_rest_are_system_libraries():
    ldd = subprocess.run(["ldd", str(SLUICE)], capture_output=True, text=True, check=True).stdout
    assert "librdkafka" not in ldd, ldd
    assert "not found" not in ldd, ldd
    for line in ldd.splitlines():
        m = re.search(r"=> (\S+)", line)
        if m:
            # Debian's own shared libraries, nothing from a cache, a venv or a build folder.
            assert m.group(1).startswith(("/lib/", "/usr/lib/")), line
    # librdkafka's code is inside the binary: it defines the client's entry points itself.
    nm = subprocess.run(["nm", "--defined-only", str(SLUICE)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^[0-9a-f]+ T rd_kafka_new$", nm, re.M), "rd_kafka_new is not defined in the binary"
