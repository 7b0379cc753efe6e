"""English strings. Keys match zh.py exactly (a test checks)."""

STRINGS: dict[str, str] = {
    # Rules torch enforces, in torch's words, each with a fix.
    "err.positive": "{name} must be a positive integer, got {name}={value}. Use {name} ≥ 1.",
    "err.groups_positive": "groups must be a positive integer, got groups={groups}. Valid groups here: {valid}.",
    "err.groups_divide": (
        "{name} must be divisible by groups: groups={groups} does not divide {name}={channels}. "
        "Valid groups here: {valid}."
    ),
    "err.padding_string": "Invalid padding string '{padding}', should be one of 'same', 'valid' (or a number ≥ 0).",
    "err.same_strided": (
        "padding='same' is not supported for strided convolutions (stride={stride}). "
        "Set stride=1, or use a number for padding."
    ),
    "err.padding_negative": "negative padding is not supported (padding={padding}). Use padding ≥ 0.",
    "err.padding_mode": "padding_mode must be one of {modes}, got padding_mode='{padding_mode}'.",
    "err.causal_padding": (
        "Causal padding already pads dilation·(kernel_size−1) cells on the left; padding={padding} would pad again. "
        "Set padding=0 or turn causal off."
    ),
    "err.length_positive": "The input length must be at least 1, got {length}.",
    "err.reflect_pad": (
        "Padding size should be less than the corresponding input dimension: reflect padding {pad} needs an input "
        "longer than {pad}, got length {length}. Use padding ≤ {max_pad}, or an input of length ≥ {fix}."
    ),
    "err.circular_pad": (
        "Padding value causes wrapping around more than once: circular padding {pad} > input length {length}. "
        "Use an input of length ≥ {fix}, or less padding."
    ),
    "err.kernel_too_big": (
        "Kernel size can't be greater than actual input size: the padded input has {padded} cells but one window "
        "spans dilation·(kernel_size−1)+1 = {dilation}·({kernel_size}−1)+1 = {span}. "
        "Use an input of length ≥ {fix}, more padding, or a smaller kernel_size or dilation."
    ),
    "err.transposed_mode": (
        "Only \"zeros\" padding mode is supported for ConvTranspose1d, got padding_mode='{padding_mode}'."
    ),
    "err.output_padding_negative": "output_padding must be ≥ 0, got {output_padding}.",
    "err.output_padding": (
        "output padding must be smaller than either stride or dilation: output_padding={output_padding}, "
        "stride={stride}, dilation={dilation}. Use output_padding ≤ {max_op}."
    ),
    "err.transposed_too_small": (
        "Output size is too small: input length {length} gives an output length of {out}. "
        "Use an input of length ≥ {fix}, or less padding."
    ),
    "err.input_dims": (
        "Expected 2D (unbatched) or 3D (batched) input to conv1d, but got input of shape {shape}."
    ),
    "err.weight_dims": "Expected a 3-D weight (out_channels, in_channels/groups, kernel_size), got shape {shape}.",
    "err.channels_mismatch": (
        "Given groups={groups}, weight of size {weight_shape}, expected input{input_shape} to have {expected} "
        "channels, but got {got} channels instead. Make in_channels={got}, or give the input {expected} channels "
        "(for data stored as (N, L, C), use x.permute(0, 2, 1))."
    ),
    "err.weight_groups": (
        "weight of size {weight_shape} has {out} output channels, which groups={groups} does not divide."
    ),
    "err.bias_shape": (
        "Given weight of size {weight_shape}, expected bias to be 1-dimensional with {expected} elements, "
        "but got bias of shape {shape} instead."
    ),
    "err.dtype": "Only float32 and float64 are supported, got {dtype}.",
    "err.dtype_mismatch": "Input, weight and bias must share one dtype, got {dtypes}.",
    # The app's own limits (limits.py) and its data: presets, typed text, uploads, torch.
    "err.limit": "{name}={value} is over this app's limit of {max}. Use {name} ≤ {max}.",
    "err.limit_work": (
        "This convolution needs {macs} multiply-adds (N·C_out·L_out·(C_in/groups)·K = {formula}); "
        "this app computes at most {max} per run. Lower {knob} (now {value})."
    ),
    "err.seed": "seed must be a whole number from 0 to {max}, got {seed}.",
    "err.unknown_preset": "Unknown {kind} preset '{name}'. Choose one of: {valid}.",
    "err.typed_empty": "No numbers in {name}. Type numbers separated by ',' (channels by ';', batch items by '|').",
    "err.typed_not_number": "{where}: '{token}' is not a number.",
    "err.typed_not_finite": "{where} is {token}: only finite numbers are allowed (no nan or inf).",
    "err.typed_too_many": (
        "{name} has {count} numbers; typed data holds at most {max}. Use a preset or upload a file instead."
    ),
    "err.typed_ragged": "{where} has {got} numbers but {first} has {expected}: every channel needs the same length.",
    "err.typed_ragged_channels": (
        "{where} has {got} channels but {first} has {expected}: every item needs the same number of channels."
    ),
    "err.upload_too_big": "The file is {size} bytes; uploads are limited to {max} bytes ({max_mb} MB).",
    "err.csv_encoding": "The CSV file is not UTF-8 text. Save it as 'CSV UTF-8' and upload it again.",
    "err.csv_empty": "The CSV file has no rows of numbers (one row per time step, one column per channel).",
    "err.csv_ragged": "CSV row {row} has {got} columns but the first row has {expected}: every row needs one value per channel.",
    "err.csv_not_number": "CSV row {row}, column {column}: '{token}' is not a number.",
    "err.csv_not_finite": "CSV row {row}, column {column} is {token}: only finite numbers are allowed (no nan or inf).",
    "err.csv_invalid": "NumPy could not read this CSV file: {detail}",
    "err.wav_invalid": "This is not a readable WAV file. Upload a .wav file (uncompressed PCM).",
    "err.wav_empty": "The WAV file holds no samples.",
    "err.wav_format": (
        "This WAV file uses format code {code} ({kind}); only uncompressed integer PCM is supported. "
        "Export it as 16-bit PCM WAV."
    ),
    "err.wav_width": "{bits}-bit WAV samples are not supported; use 8, 16, 24 or 32-bit PCM.",
    "err.wav_too_long": (
        "The WAV file has {frames} samples ({seconds} s at {rate} Hz); this app takes at most {max} samples, "
        "{max_seconds} s at this sample rate. Trim it to a shorter clip and upload it again."
    ),
    "err.wav_rate": "The sample rate must be a positive whole number of Hz, got {rate}.",
    "err.signal_shape": "Only a 1-D (L) or 2-D (channels, L) signal can be played, got shape {shape}.",
    "err.signal_not_finite": "The signal contains nan or inf and cannot be played.",
    "err.torch_missing": "PyTorch is not installed here, so the torch check is skipped.",
    "err.torch_failed": "PyTorch raised an error: {error}",
    "err.snippet_too_big": (
        "The code would spell out {count} numbers (at most {max}). Use seeded random data, or a shorter input."
    ),
    "warn.seeded_numpy": (
        "torch not installed: seeded data comes from NumPy and will not match torch.manual_seed. "
        "Install torch to get the same numbers as a notebook."
    ),
    # Figures
    "fig.hover_input": "padded slot %{x}: %{z:.4f}<br>reads input index %{customdata}",
    "fig.output_cell": "output",
    "fig.sum_over": "{count} products, window from padded slot",
    "fig.x_axis": "padded input: the input index each slot reads ([i] = copied from x[i], ∅ = zero padding)",
    "fig.output_row": "y",
    "fig.legend_note": "hatched = padding · dotted arcs = the cell a padding slot copies · orange = kernel taps",
    "fig.position": "output position",
    "fig.play": "Play",
    "fig.pause": "Pause",
    # URL query parameters (conv_viz.url_state): what was ignored and what is used instead.
    "err.url_bad_int": (
        "Ignored {name}=`{value}` in the URL: expected a whole number from {low} to {high}. Using {name}={default}."
    ),
    "err.url_over_limit": (
        "Ignored {name}=`{value}` in the URL: this app allows at most {name}={limit}. Using {name}={default}."
    ),
    "err.url_bad_choice": "Ignored {name}=`{value}` in the URL: expected one of {choices}. Using {name}={default}.",
    "err.url_bad_cell": (
        "Ignored cell=`{value}` in the URL: expected three whole numbers n,o,t (batch item, output channel, "
        "position) with n ≤ {n_max}, o ≤ {o_max}, t ≤ {t_max}. Using cell={default}."
    ),
    "err.url_too_long": (
        "Ignored the typed data {name}=`{value}` in the URL: it is {length} characters long, "
        "and this app reads at most {cap}."
    ),
    "err.url_repeated_key": "The URL gives {name} {count} times; using the last one, {name}=`{value}`.",
    "err.url_unknown_key": "Ignored the unknown URL parameter `{name}`.",
    "err.url_unknown_key_hint": "Ignored the unknown URL parameter `{name}`. Did you mean {hint}?",
    "err.url_unknown_keys_more": "Ignored {count} more unknown URL parameters.",
    # Navigation and playground
    "nav.playground": "Playground",
    "play.title": "Conv1d Lab · Playground",
    "play.caption": (
        "Set any argument of torch.nn.Conv1d, watch the kernel slide over the padded input, and pin any output "
        "cell to read the NumPy sum that made it, next to the value PyTorch computes. PyTorch's Conv1d computes "
        "cross-correlation: the kernel is not flipped."
    ),
    "play.showing_last": "Showing the last configuration that worked, until the rule above is met.",
    "play.numpy_seed": (
        "torch is not installed here: seeded data comes from NumPy and will not match torch.manual_seed."
    ),
    "play.window_note": (
        "The input is long: the animation shows {shown} of {total} output positions around the pinned cell; "
        "the overview below shows the whole signal."
    ),
    "play.sum_title": "How y[{n}, {o}, {t}] is computed",
    "play.zero_pad": "zero padding",
    "play.col_slot": "padded slot",
    "play.col_reads": "reads",
    "play.col_running": "running sum",
    "play.numpy_value": "NumPy (this app)",
    "play.no_torch": "torch is not installed: the cross-check is off; every number here comes from NumPy alone.",
    "play.diff": "|NumPy − torch| = {diff} ({dtype})",
    "ui.pin_n": "batch item n",
    "ui.pin_o": "out channel o",
    "ui.pin_t": "position t",
    "ui.pin_help": "Pin an output cell here, or click a cell in the output row of the animation.",
    "ui.padding_number": "a number",
    "ui.padding_cells": "padding (cells)",
    "ui.causal": "causal",
    "ui.data": "Data",
    "ui.typed": "Type your own numbers",
    "ui.typed_help": (
        "Numbers separated by `,`, channels by `;`, batch items (for x) or output channels (for weight) by `|`. "
        "Shapes follow from what you type; an empty box uses the preset."
    ),
    "ui.upload": "Upload CSV or WAV",
    "ui.upload_help": "CSV: one row per time step, one column per channel. WAV: PCM, each audio channel a channel.",
    "ui.upload_ok": "Loaded x with shape {shape}; it is now the typed x, so the link carries it.",
    "ui.layout_nlc": "My data is (N, L, C)",
    "help.in_channels": "Channels of the input x: its shape is (N, in_channels, L).",
    "help.out_channels": "Channels of the output y: one kernel per output channel.",
    "help.set_by_typed": "Set by the typed data's shape.",
    "help.kernel_size": "Taps per kernel: how many input cells each output reads, per channel.",
    "help.stride": "How far the window moves between output positions.",
    "help.padding": "A number pads both ends; 'same' keeps L_out = L_in (stride 1 only); 'valid' means no padding.",
    "help.padding_mode": "What padded cells read: zeros, a mirror of the input (reflect), the edge value, or a wrap.",
    "help.dilation": "Gap between taps: the window spans dilation·(kernel_size−1)+1 cells.",
    "help.groups": "Split channels into groups that do not see each other. Valid here: {valid}.",
    "help.bias": "Add one learned number per output channel.",
    "help.causal": "Pad dilation·(kernel_size−1) cells on the left only, so no output sees the future.",
    "help.seed": "torch.manual_seed(seed); x = torch.randn(N, C_in, L); conv = nn.Conv1d(...) give these numbers.",
    "help.input": "Where x comes from; 'random' is torch.randn after torch.manual_seed(seed).",
    "help.weights": "Where the weights come from; 'random' is nn.Conv1d's default init after the seeded randn.",
    "help.layout": "Show what happens when data held as (N, L, C) goes into Conv1d, and the permute that fixes it.",
    "preset.random": "random (seeded, as torch)",
    "preset.ramp": "ramp 0, 1, 2, …",
    "preset.ones": "ones",
    "preset.sine": "sine",
    "preset.noisy_sine": "noisy sine",
    "preset.step": "step",
    "preset.chirp": "chirp",
    "preset.multivariate": "multivariate time series",
    "preset.embedding": "token embeddings",
    "preset.moving_average": "moving average",
    "preset.edge": "edge [-1, 0, 1]",
    "preset.gaussian": "Gaussian",
    "preset.identity": "identity (delta)",
    "err.upload_too_many": (
        "The upload has {count} values; up to {max} travel in a shareable link. Trim it, or downsample it."
    ),
    # Tabs
    "tab.tensors": "Tensors",
    "tab.shapes": "Shapes & formulas",
    "tab.code": "PyTorch code",
    "tab.correlation": "Correlation, not convolution",
    "tab.layout": "(N, L, C) layout check",
    "tensors.allclose": "NumPy = torch (allclose)",
    "tensors.not_close": "NumPy ≠ torch",
    "tensors.max_diff": "max |NumPy − torch| = {diff} (tolerance rtol={rtol}, atol={atol})",
    "tensors.inputs": "**Inputs**",
    "tensors.outputs": "**Outputs**",
    "shapes.what": "what",
    "shapes.value": "here",
    "shapes.why": "rule",
    "shapes.params": "parameters",
    "shapes.receptive": "receptive field (cells)",
    "shapes.init": "default init bound",
    "shapes.flatten": "flatten size",
    "shapes.pads": "padding (left + right)",
    "shapes.params_why": "weight + bias elements",
    "shapes.flatten_why": "out_channels · L_out: in_features of a following nn.Linear",
    "shapes.pads_why": "'same' puts an odd extra cell on the right; causal pads the left only",
    "code.caption": "Run this in a notebook: it prints exactly the numbers on this page.",
    "corr.intro": (
        "PyTorch's Conv1d computes **cross-correlation**: the kernel is not flipped. On one channel with no "
        "padding, it equals `np.correlate`; `np.convolve` flips the kernel first."
    ),
    "corr.too_short": "The kernel is longer than the input here: pick a longer input to compare.",
    "corr.verdict": "conv1d = np.correlate: {same} · conv1d = np.convolve: {flipped}",
    "layout.intro": (
        "Time series are often stored as (N, L, C) — Keras and pandas do. Conv1d wants (N, C, L). "
        "Here the data as (N, L, C) has shape {shape}; Conv1d needs {right}."
    ),
    "layout.engine_error": "What this app's engine says (the same rule torch enforces):",
    "layout.torch_error": "The exact error torch raises:",
    "layout.silent": (
        "Here L equals in_channels ({c}), so the wrong layout raises nothing and silently computes the wrong thing. "
        "Check shapes, not just errors."
    ),
    # -- page: transposed --
    # -- page: groups --
    # -- page: matrix --
    # -- page: receptive-field --
    # -- page: gallery --
    # -- page: quiz --
}
