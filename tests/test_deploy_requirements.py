"""requirements.txt deploys on Streamlit Community Cloud as it is: torch's CPU build, every other pin from PyPI.

Cloud installs requirements.txt with uv and falls back to pip. The two differ where a package is on two indexes:
pip merges the versions of every index, uv takes a package's versions from the first index that has it, and an
``--extra-index-url`` comes before the default index. PyTorch's CPU index also hosts numpy, typing-extensions,
jinja2 and more at other versions, so naming it as an extra index breaks uv. A ``--find-links`` page is not an
index: uv and pip both add its files to the versions found on PyPI. (uv's docs: "Packages that exist on multiple
indexes" in its pip-compatibility page; its ``--find-links`` help: "in addition to those found in the registry
indexes".)

These tests resolve requirements.txt as Cloud would, with the real pip and uv, against stand-ins served from files
on 127.0.0.1: a "PyPI" holding a CUDA-like torch (no local version, an nvidia-* dependency) beside the pins, and a
"download.pytorch.org/whl/cpu" holding torch's +cpu wheels and decoys (numpy and others at other versions). Only
``https://download.pytorch.org`` (and ``https://pypi.org``, should a later edit name it) is rewritten to the
stand-in; any other URL fails the test before a tool runs, and the tools see a dead proxy for every host but
127.0.0.1, so nothing here reaches the network.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import uv
from packaging.requirements import Requirement
from packaging.version import Version

from tests.fake_index import LoopbackServer, Wheel, build_wheel, quoted, serve, write_simple_index

REQUIREMENTS = Path(__file__).resolve().parents[1] / "requirements.txt"
CLOUD_PYTHONS = ("3.11", "3.12", "3.13")  # what the README tells a teacher to pick on Cloud
PLATFORM_TAG = "manylinux_2_28_x86_64"  # Cloud's machines: Linux x86_64 (pip's name for it)
UV_PLATFORM = "x86_64-manylinux_2_28"  # the same, as uv names it
REMOTE = {"https://download.pytorch.org": "", "https://pypi.org/simple": "/pypi/simple"}
TIMEOUT = 60  # seconds for one pip or uv run; each takes about one here

TORCH_DEPS = ("filelock", "typing-extensions>=4.10.0", "jinja2")
STREAMLIT_DEPS = ("numpy<3,>=1.25", "typing-extensions<5,>=4.10.0", "pillow>=9.2", "packaging>=20", "jinja2")
# On PyPI's stand-in: what the pins pull in (a small, made-up graph with the names both indexes share).
PYPI_DEPS = [
    Wheel("typing_extensions", "4.15.0"),
    Wheel("pillow", "12.0.0"),
    Wheel("packaging", "25.0"),
    Wheel("narwhals", "2.10.0"),
    Wheel("jinja2", "3.1.6", ("MarkupSafe>=2.0",)),
    Wheel("MarkupSafe", "3.0.3"),
    Wheel("filelock", "3.20.0"),
    Wheel("nvidia-cublas-cu12", "12.9.1.4"),
]
# On PyTorch's stand-in besides torch: the kind of packages download.pytorch.org/whl/cpu hosts, at other versions.
PYTORCH_DECOYS = [
    Wheel("numpy", "1.26.4"),
    Wheel("typing_extensions", "4.9.0"),
    Wheel("pillow", "10.2.0"),
    Wheel("jinja2", "3.1.4", ("MarkupSafe>=2.0",)),
    Wheel("MarkupSafe", "2.1.5"),
    Wheel("filelock", "3.13.1"),
]


def runtime_pins(text: str) -> dict[str, Version]:
    """Every ``name==version`` of a requirements file (torch: its public version, which every torch line shares)."""
    pins: dict[str, Version] = {}
    for raw in text.splitlines():
        line = raw.split(" #")[0].strip()
        if not line or line.startswith(("#", "-")):
            continue
        req = Requirement(line)
        (spec,) = req.specifier
        assert spec.operator == "==", f"requirements.txt pins exactly: {line}"
        version = Version(spec.version)
        if req.name == "torch":
            version = Version(version.public)
        assert pins.setdefault(req.name, version) == version, f"two versions of {req.name}"
    return pins


@dataclass
class StandIn:
    server: LoopbackServer
    pins: dict[str, Version]

    @property
    def pypi(self) -> str:
        return f"{self.server.url}/pypi/simple"

    def requirements(self, text: str, directory: Path) -> Path:
        """``text`` with the remote hosts it names pointed at the stand-in; no other URL may remain."""
        for remote, stand_in_path in REMOTE.items():
            text = text.replace(remote, self.server.url + stand_in_path)
        stray = [u for u in re.findall(r"\w+://\S+", text) if not u.startswith(self.server.url)]
        assert not stray, f"requirements name a host this test cannot stand in for: {stray}"
        path = directory / "requirements.txt"
        path.write_text(text)
        return path


@pytest.fixture(scope="module")
def stand_in(tmp_path_factory: pytest.TempPathFactory) -> Iterator[StandIn]:
    pins = runtime_pins(REQUIREMENTS.read_text())
    torch, numpy, streamlit, plotly = (str(pins[name]) for name in ("torch", "numpy", "streamlit", "plotly"))
    assert numpy not in {d.version for d in PYTORCH_DECOYS if d.name == "numpy"}
    tags = [f"cp{v.replace('.', '')}-cp{v.replace('.', '')}-{PLATFORM_TAG}" for v in CLOUD_PYTHONS]
    cuda = 'nvidia-cublas-cu12==12.9.1.4; platform_system == "Linux"'
    pypi = [
        *(Wheel("torch", torch, (*TORCH_DEPS, cuda), tag, ">=3.10") for tag in tags),
        Wheel("numpy", numpy, requires_python=">=3.11"),
        Wheel("streamlit", streamlit, STREAMLIT_DEPS, requires_python=">=3.11"),
        Wheel("plotly", plotly, ("narwhals>=1.15.1", "packaging")),
        Wheel("segno", str(pins["segno"])),
        *PYPI_DEPS,
    ]
    pytorch = [
        *(Wheel("torch", f"{torch}+cpu", TORCH_DEPS, tag, ">=3.10") for tag in tags),
        Wheel("torch", torch, TORCH_DEPS, "cp311-none-macosx_11_0_arm64"),  # macOS builds carry no +cpu there
        *PYTORCH_DECOYS,
    ]
    root = tmp_path_factory.mktemp("indexes")
    files = root / "pypi" / "files"
    pypi_files = [build_wheel(files, w) for w in pypi]
    write_simple_index(root / "pypi" / "simple", pypi_files, lambda p: f"../../files/{quoted(p.name)}")
    cpu = root / "whl" / "cpu"  # download.pytorch.org's layout: pages and files side by side, absolute links
    write_simple_index(cpu, [build_wheel(cpu, w) for w in pytorch], lambda p: f"/whl/cpu/{quoted(p.name)}")
    with serve(root) as server:
        yield StandIn(server, pins)


def tool_env(tmp_path: Path) -> dict[str, str]:
    """No pip or uv settings from this machine; any host but 127.0.0.1 goes to a dead proxy."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "UV_")) and "proxy" not in k.lower()}
    dead = "http://127.0.0.1:9"
    env.update(
        PIP_CONFIG_FILE=os.devnull,  # pip loads no configuration file at all
        UV_CACHE_DIR=str(tmp_path / "uv-cache"),
        UV_PYTHON_DOWNLOADS="never",
        HTTP_PROXY=dead,
        HTTPS_PROXY=dead,
        ALL_PROXY=dead,
        NO_PROXY="127.0.0.1",
    )
    return env


class ResolutionError(AssertionError):
    pass


def run(cmd: list[str], tmp_path: Path) -> str:
    proc = subprocess.run(cmd, capture_output=True, text=True, env=tool_env(tmp_path), timeout=TIMEOUT, check=False)
    if proc.returncode != 0:
        raise ResolutionError(f"{Path(cmd[0]).name} could not resolve:\n{proc.stderr[-3000:]}")
    return proc.stdout


def resolve_uv(requirements: Path, python: str, stand_in: StandIn, tmp_path: Path) -> dict[str, tuple[str, str]]:
    """``{name: (version, wheel URL)}`` as uv resolves for ``python`` on Linux x86_64."""
    lock = tmp_path / f"pylock.py{python.replace('.', '')}.toml"
    options = "pip compile --quiet --no-config --no-cache --python-platform " + UV_PLATFORM
    cmd = [uv.find_uv_bin(), *options.split(), str(requirements), "--index-url", stand_in.pypi]
    run([*cmd, "--python", sys.executable, "--python-version", python, "--output-file", str(lock)], tmp_path)
    packages = tomllib.loads(lock.read_text())["packages"]
    return {p["name"]: (p["version"], p["wheels"][0]["url"]) for p in packages}


def resolve_pip(requirements: Path, python: str, stand_in: StandIn, tmp_path: Path) -> dict[str, tuple[str, str]]:
    """``{name: (version, wheel URL)}`` as pip resolves for ``python`` on Linux x86_64 (a dry run)."""
    options = (
        "-m pip install --dry-run --quiet --report - --ignore-installed --no-cache-dir --disable-pip-version-check"
        " --retries 0 --timeout 10 --only-binary :all: --platform " + PLATFORM_TAG
    )
    cmd = [sys.executable, *options.split(), "-r", str(requirements), "--index-url", stand_in.pypi]
    report = run([*cmd, "--python-version", python, "--target", str(tmp_path / "target")], tmp_path)
    return {
        re.sub(r"[-_.]+", "-", i["metadata"]["name"]).lower(): (i["metadata"]["version"], i["download_info"]["url"])
        for i in json.loads(report)["install"]
    }


RESOLVERS = {"uv": resolve_uv, "pip": resolve_pip}


def what_cloud_would_get_wrong(resolved: dict[str, tuple[str, str]], stand_in: StandIn) -> list[str]:
    """Empty when torch is the +cpu wheel from PyTorch and every other pin is PyPI's file at its version."""
    url = stand_in.server.url
    wrong = []
    torch_version, torch_url = resolved.get("torch", ("missing", ""))
    cpu = f"{stand_in.pins['torch']}+cpu"
    if torch_version != cpu or not torch_url.startswith(f"{url}/whl/cpu/"):
        wrong.append(f"torch {torch_version} from {torch_url}, not {cpu} from PyTorch's CPU wheels")
    wrong += [f"{name} (CUDA) is installed" for name in resolved if name.startswith("nvidia-")]
    for name, pin in stand_in.pins.items():
        if name != "torch" and resolved.get(name, ("missing",))[0] != str(pin):
            wrong.append(f"{name} {resolved.get(name, ('missing',))[0]}, not the pinned {pin}")
    wrong += [
        f"{name} {version} comes from {where}, not PyPI"
        for name, (version, where) in resolved.items()
        if name != "torch" and not where.startswith(f"{url}/pypi/")
    ]
    return wrong


# uv is what Cloud runs: every Python; pip (its fallback, the slower to start) picks wheels by the same tags: the ends.
CASES = [("uv", python) for python in CLOUD_PYTHONS] + [("pip", CLOUD_PYTHONS[0]), ("pip", CLOUD_PYTHONS[-1])]


@pytest.mark.parametrize(("tool", "python"), CASES)
def test_requirements_resolve_to_cpu_torch_and_pypi_pins(
    tool: str, python: str, stand_in: StandIn, tmp_path: Path
) -> None:
    requirements = stand_in.requirements(REQUIREMENTS.read_text(), tmp_path)
    resolved = RESOLVERS[tool](requirements, python, stand_in, tmp_path)
    assert what_cloud_would_get_wrong(resolved, stand_in) == [], resolved


# The stand-in has to tell a requirements file that uv gets wrong from one it gets right: each form here is one
# a later edit could plausibly make, and Cloud's uv would install CUDA torch or fail on it.
MISTAKES = {
    "torch from PyPI": "torch=={v}\n",
    "the CPU index as an extra index": "--extra-index-url https://download.pytorch.org/whl/cpu\ntorch=={v}+cpu\n",
    "the CPU index as the index": (
        "--index-url https://download.pytorch.org/whl/cpu\n--extra-index-url https://pypi.org/simple\ntorch=={v}+cpu\n"
    ),
}


@pytest.mark.parametrize("mistake", sorted(MISTAKES))
def test_stand_in_catches_what_uv_gets_wrong(mistake: str, stand_in: StandIn, tmp_path: Path) -> None:
    others = "".join(f"{name}=={pin}\n" for name, pin in stand_in.pins.items() if name != "torch")
    text = MISTAKES[mistake].format(v=stand_in.pins["torch"]) + others
    try:
        resolved = resolve_uv(stand_in.requirements(text, tmp_path), CLOUD_PYTHONS[0], stand_in, tmp_path)
    except ResolutionError:
        return
    assert what_cloud_would_get_wrong(resolved, stand_in) != [], resolved
