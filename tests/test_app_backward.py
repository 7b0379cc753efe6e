"""The /backward page in Streamlit's AppTest: every section renders, the numbers are autograd's, hostile links warn."""

from __future__ import annotations

import re

import numpy as np
import pytest
import torch

from tests.app_pages import all_green, numbers_of, open_clean, open_page, text_of

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def _autograd_default() -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """The page's default view in torch: seed 0, x = randn(1, 2, 12), nn.Conv1d(2, 2, 3), y.sum().backward()."""
    torch.manual_seed(0)
    x = torch.randn(1, 2, 12, dtype=torch.float32).double().requires_grad_(True)
    conv = torch.nn.Conv1d(2, 2, 3).double()
    conv(x).sum().backward()
    assert conv.weight.grad is not None
    assert conv.bias.grad is not None
    assert x.grad is not None
    return conv.weight.grad, conv.bias.grad, x.grad


def _block(at: object, name: str) -> str:
    found = [b for b in numbers_of(at) if b.startswith(f"{name}(")]
    assert found, name
    return found[0]


def _values(block: str) -> list[float]:
    return [float(v) for v in re.findall(r"-?\d+\.\d{4}", block)]


def test_default_view_shows_autograds_gradients() -> None:
    at = open_clean("backward")
    dw, db, dx = _autograd_default()
    text = text_of(at)
    assert "L = y.sum() = **-0.9105**" in text
    for name, tensor in (("dw", dw), ("db", db), ("dx", dx)):
        expected = np.round(tensor.numpy().ravel(), 4)
        for side in ("numpy", "autograd"):
            np.testing.assert_allclose(_values(_block(at, f"{name}_{side}")), expected, atol=1.1e-4)
    assert len(all_green(at)) >= 6  # dy, dw, db, dx, the identity, SGD
    assert len(at.get("plotly_chart")) == 3  # the two pinned cells and the training


def test_pinned_weight_cell_sums_to_autograd() -> None:
    at = open_page("backward", wcell="1,1,2", xcell="0,1,11")
    assert not at.exception
    dw, _, dx = _autograd_default()
    text = "\n".join(numbers_of(at))
    assert "dL/dw[1,1,2] = " in text
    total = re.search(r"dL/dw\[1,1,2\] =[\s\S]*?= (-?\d+\.\d{4})", text)
    assert total is not None
    assert float(total.group(1)) == pytest.approx(float(dw[1, 1, 2]), abs=1e-4)
    total = re.search(r"dL/dx\[0,1,11\] =[\s\S]*?= (-?\d+\.\d{4})", text)
    assert total is not None
    assert float(total.group(1)) == pytest.approx(float(dx[0, 1, 11]), abs=1e-4)


def test_reflect_padding_folds_and_matches() -> None:
    at = open_clean("backward", padding="2", padding_mode="reflect", xcell="0,0,1", loss="mse", target="edge")
    text = text_of(at)
    assert "are copies of x[1] (reflect padding)" in text
    assert "F.mse_loss(y, target)" in text
    all_green(at)


def test_large_learning_rate_says_why_it_diverges() -> None:
    at = open_page("backward", lr="5", steps="100")
    assert not at.exception
    errors = [e.value for e in at.error]
    assert any("Diverged" in e and "critical" in e for e in errors), errors
    all_green(at)  # torch took the same steps and agrees
    assert "nan" not in text_of(at)
    assert "inf" not in " ".join(numbers_of(at))


@pytest.mark.parametrize(
    ("query", "key"),
    [
        ({"lr": "nan"}, "lr"),
        ({"lr": "inf"}, "lr"),
        ({"lr": "0"}, "lr"),
        ({"lr": "1e999"}, "lr"),
        ({"lr": "0x10"}, "lr"),
        ({"momentum": "1.5"}, "momentum"),
        ({"momentum": "-0.1"}, "momentum"),
        ({"steps": "100000"}, "steps"),
        ({"steps": "-3"}, "steps"),
        ({"loss": "<script>alert(1)</script>"}, "loss"),
        ({"target": "../../etc/passwd"}, "target"),
        ({"wcell": "9,9,9,9"}, "wcell"),
        ({"xcell": "0,0,99999999"}, "xcell"),
    ],
)
def test_hostile_keys_fall_back_with_a_warning(query: dict[str, str], key: str) -> None:
    at = open_page("backward", **query)
    assert not at.exception
    warnings = [w.value for w in at.warning]
    assert any(f"Ignored {key}=" in w for w in warnings), warnings
    assert "<script>" not in " ".join(m.value for m in at.markdown)


def test_training_over_the_work_limit_is_refused_and_the_rest_renders() -> None:
    at = open_page("backward", kernel_size="9", length="2000", steps="500")
    assert not at.exception
    errors = [e.value for e in at.error]
    assert any("107,568,000" in e for e in errors), errors  # 500 steps × 3 passes × 71,712 MACs
    assert _block(at, "dw_autograd")


def test_chinese() -> None:
    at = open_page("backward", lang="zh")
    assert not at.exception
    assert at.title[0].value.startswith("反向传播")
    assert "四个梯度" in text_of(at)


def test_gallery_links_the_tutorial_that_trains() -> None:
    """The tutorial CNN (#12) is the gallery's network that gets trained: its first layer opens here, and trains."""
    from urllib.parse import parse_qs

    at = open_page("gallery")
    at.session_state["gallery_12"] = True
    at.run()
    assert not at.exception
    found = [e.proto for e in at.get("page_link") if e.proto.page.endswith("backward")]
    assert len(found) == 1
    query = {k: v[-1] for k, v in parse_qs(found[0].query_string).items()}
    assert query["in_channels"] == "1"
    assert query["out_channels"] == "8"
    assert query["kernel_size"] == "7"
    assert query["loss"] == "mse"
    target = open_clean("backward", **query)
    all_green(target)


def test_float32_view_matches_autograd_in_float32() -> None:
    at = open_clean("backward", dtype="float32", loss="mse", stride="2", padding="1", padding_mode="circular")
    assert "float32" in text_of(at)
    assert len(all_green(at)) >= 6


def test_page_and_training_import_no_sympy() -> None:
    """torch.optim's first Optimizer imports torch._dynamo and sympy (~60 MB): the page must not construct one."""
    import subprocess
    import sys

    from tests.app_pages import REPO_ROOT

    probe = (
        "import sys\nimport conv_viz.pages.preload\nfrom tests.app_pages import open_page\n"
        "at = open_page('backward', momentum='0.9', steps='20')\nassert not at.exception\n"
        "print(sorted(m for m in ('sympy', 'torch._dynamo') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", probe], cwd=REPO_ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip().splitlines()[-1] == "[]"


@pytest.mark.usefixtures("fresh_caches")
def test_training_beyond_its_limit_runs_no_step(monkeypatch: pytest.MonkeyPatch) -> None:
    """Refused before the work: neither NumPy's SGD nor torch's steps start for a run over MAX_TRAIN_WORK."""
    from conv_viz import reference
    from conv_viz.core import train

    reference.warm_up()  # its one SGD step runs now, before the traps

    def trap(*args: object, **kwargs: object) -> None:
        raise AssertionError("a training step ran for a run the limits refuse")

    monkeypatch.setattr(train, "sgd", trap)
    monkeypatch.setattr(reference, "torch_train", trap)
    at = open_page("backward", kernel_size="9", length="1000", steps="200", loss="mse")
    assert not at.exception
    assert any("steps × 3 passes" in e.value for e in at.error)
