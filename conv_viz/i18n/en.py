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
    "err.input_dims": ("Expected 2D (unbatched) or 3D (batched) input to conv1d, but got input of shape {shape}."),
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
    "err.arg_type": (
        "{name} must be an integer, as torch takes it: a Python or NumPy int (stride, padding and dilation also "
        "take a tuple of one); got {name}={value} ({type}). Write it as a whole number, e.g. {name}=1."
    ),
    "err.arg_length": (
        "{name} takes one value for a 1-D convolution, or a tuple of one; got {count}: {name}={value}. "
        "Keep one value, e.g. {name}=1 or {name}=(1,)."
    ),
    "err.arg_int64": (
        "{name}={value} does not fit in a 64-bit integer, the range torch reads it into "
        "(−9223372036854775808 to 9223372036854775807). Use a smaller {name}."
    ),
    "err.arg_int32": (
        "ConvTranspose1d keeps {name} in a 32-bit integer: {name}={value} is over {max}, where torch refuses it "
        "or wraps it round. Use {name} ≤ {max}."
    ),
    "err.too_big": (
        "This convolution would hold {needed} bytes (padded input and output), more than this machine's "
        "{memory} bytes of memory. Use less padding, a shorter input or fewer channels."
    ),
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
    "err.overflow": (
        "{name} overflows {dtype}: a value beyond ±{max} becomes inf, and nothing after it can be shown. "
        "Type smaller numbers."
    ),
    "err.overflow_float32": (
        "{name} overflows float32: a value beyond ±{max} becomes inf, and nothing after it can be shown. "
        "Type smaller numbers, or choose dtype float64 (up to ±1.8e308)."
    ),
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
    "eq.more": "… {hidden} more …",
    "eq.more_terms": "{count} more terms",
    "eq.bias": "(bias)",
    "eq.engine": "(engine: {value})",
    "groups.col_max_diff": "max |NumPy − torch|",
    "fig.sum_over": "{count} products over padded slots {slots}",
    "fig.x_axis": "padded input: the input index each slot reads ([i] = copied from x[i], ∅ = zero padding)",
    "fig.output_row": "y",
    "fig.legend_note": "corner strokes = padding · dotted arcs = the cell a padding slot copies · orange boxes = kernel taps · black box = the output being computed",
    "fig.outputs_centred": "each y[t] sits under the centre of its window",
    "fig.outputs_causal": "causal: y[t] sits under its window's last tap, x[t·stride]; no output sees the future",
    "fig.title_pinned": "pinned: {cell}",
    "fig.title_animation": "animation: {cell}",
    "fig.pinned_label": "pinned",
    "fig.position": "output position",
    "fig.play": "Play",
    "fig.pause": "Pause",
    "fig.overview": "Whole signal · shaded = animated window",
    "fig.input_index": "input index (outputs drawn where their window starts)",
    "fig.input_index_causal": "input index (causal: outputs drawn at their window's last tap, the newest input read)",
    # URL query parameters (conv_viz.server.url_state): what was ignored and what is used instead.
    "err.url_bad_int": (
        "Ignored {name}=“{value}” in the URL: expected a whole number from {low} to {high}. Using {name}={default}."
    ),
    "err.url_over_limit": (
        "Ignored {name}=“{value}” in the URL: this app allows at most {name}={limit}. Using {name}={default}."
    ),
    "err.url_bad_choice": "Ignored {name}=“{value}” in the URL: expected one of {choices}. Using {name}={default}.",
    "err.url_bad_cell": (
        "Ignored cell=“{value}” in the URL: expected three whole numbers n,o,t (batch item, output channel, "
        "position) with n ≤ {n_max}, o ≤ {o_max}, t ≤ {t_max}. Using cell={default}."
    ),
    "err.url_too_long": (
        "Ignored the typed data {name}=“{value}” in the URL: it is {length} characters long, "
        "and this app reads at most {cap}."
    ),
    "err.url_repeated_key": "The URL gives {name} {count} times; using the last one, {name}=“{value}”.",
    "err.url_unknown_key": "Ignored the unknown URL parameter “{name}”.",
    "err.url_unknown_key_hint": "Ignored the unknown URL parameter “{name}”. Did you mean {hint}?",
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
    "play.causal_note": (
        "causal is not an argument of the layer: the app first pads the left side only, `{pad}` "
        "(dilation·(kernel_size−1) cells), then runs this layer with padding=0."
    ),
    "play.numpy_seed": (
        "torch is not installed here: seeded data comes from NumPy and will not match torch.manual_seed."
    ),
    "play.window_note": (
        "The input is long: the animation shows {shown} of {total} output positions around the pinned cell; "
        "the overview below shows the whole signal."
    ),
    "play.sum_title": "How the pinned cell y[{n}, {o}, {t}] is computed",
    "play.zero_pad": "zero padding",
    "play.col_slot": "padded slot",
    "play.col_reads": "reads",
    "play.col_running": "running sum",
    "play.more_terms": (
        "… {hidden} more terms are not listed … The last row is term {count}: its running sum adds up every term. "
        "Every x and w is in the Export tab's CSV files."
    ),
    "play.numpy_value": "NumPy (this app)",
    "play.chart_failed": (
        "The animation could not load its drawing library (plotly.js). Reload the page; if it still does not"
        " appear, tell whoever runs this app that its own files are not being served."
    ),
    "play.no_torch": "torch is not installed: the cross-check is off; every number here comes from NumPy alone.",
    "play.diff": "|NumPy − torch| = {diff} ({dtype})",
    "ui.pin_n": "batch item n",
    "ui.pin_o": "out channel o",
    "ui.pin_t": "position t",
    "ui.pin_help": "Pin an output cell here, or click a cell in the output row of the animation.",
    "ui.padding_number": "a number",
    "ui.padding_cells": "padding (cells)",
    "ui.causal": "causal",
    "ui.present": "Presentation mode",
    "ui.present_exit": "Leave presentation mode",
    "help.present": "Big cells and type, no sidebar, one animation: for a projector. Kept in the link.",
    "ui.phone_layout": "Phone layout",
    "help.phone_layout": (
        "Fewer, larger cells in the animation and its key as text under it, for a screen about 400 px wide. "
        "On by itself in a phone's browser."
    ),
    "share.button": "Share with the room",
    "share.scan": "Scan with a phone's camera: the same view opens, without presentation mode.",
    "share.alt": "QR code of this view's link",
    "share.link": "Or type the link:",
    "share.too_long": (
        "This link is {chars} characters, too long for a QR code a phone reads across a room. Share the link "
        "itself, or the typed numbers as a file: the Export tab's CSV or NPY, opened with the sidebar's upload."
    ),
    "share.local": (
        "This link names this computer ({host}): students' phones cannot open it. Start the app where they "
        "can reach it (its network address) and share from there."
    ),
    "share.no_url": "The browser did not tell this page its address: copy the link from the address bar.",
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
    "help.set_by_typed_w": (
        "Set by the typed weights: shape {shape} is (out_channels, in_channels/groups, kernel_size). "
        "Clear the typed weight to choose again."
    ),
    "ui.weights_typed": "typed below: shape {shape}",
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
    "tab.export": "Export",
    # Links the app writes (conv_viz.server.url_state.write): data too long for a link, text the app refused.
    "link.kept": (
        "Typed {name} is too long for a link: {chars} characters, and a link holds at most {max}. This server keeps "
        "it, and the link names it {kept}. The link reopens this view on this server while {name} is among the "
        "last {count} texts kept."
    ),
    "link.kept_file": (
        "To keep x, or open it on another server: download it as a CSV (below) and upload it there "
        "(Upload CSV or WAV, on the Playground)."
    ),
    "link.kept_copy": "To keep {name}, or open it on another server: copy the text from its box.",
    "link.csv": "x as CSV (for the upload)",
    "link.refused": (
        "The link keeps the last {name} the app accepted: the {name} typed now is refused (the message on the page "
        "says why)."
    ),
    "link.refused_none": "The link leaves {name} out until the app accepts it (the message on the page says why).",
    "err.url_kept_missing": (
        "This link's typed {name} ({kept}) is not on this server: typed data too long for a link stays on the "
        "server it was typed on, and only the most recent texts are kept. Showing the page without it: type or "
        "upload it again."
    ),
    "export.link": "The link to this exact view (every setting, typed data and the pinned cell):",
    "export.html": "Animation (HTML, plays offline)",
    "export.tensors": "Tensors (CSV + NPY, zip)",
    "export.torch_code": "PyTorch code (.py)",
    "export.numpy_code": "NumPy code (.py)",
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
    "code.cudnn": (
        "On a GPU the last digits may differ: cuDNN may pick a non-deterministic algorithm for the same convolution. "
        "`torch.backends.cudnn.deterministic = True` with `torch.backends.cudnn.benchmark = False` makes runs repeat; "
        "this page and its check run on the CPU."
    ),
    "corr.intro": (
        "PyTorch's Conv1d computes **cross-correlation**: the kernel is not flipped. On one channel with no "
        "padding, it equals `np.correlate`; `np.convolve` flips the kernel first."
    ),
    "corr.too_short": "The kernel is longer than the input here: pick a longer input to compare.",
    "corr.verdict": "conv1d = np.correlate: {same} · conv1d = np.convolve: {flipped}",
    "corr.yes": "yes",
    "corr.no": "no",
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
    # -- playground: sound (audio presets, the Listen tab, uploads kept on the server) --
    "preset.rhythm": "rhythm (clicks on a beat)",
    "tab.listen": "Listen",
    "listen.rate": "sample rate (Hz)",
    "listen.rate_help": (
        "How many values play per second. The presets are made for 8,000 Hz; an uploaded WAV sets its own rate. "
        "A higher rate plays faster and higher."
    ),
    "listen.hint.moving_average": (
        "**Moving average**: each output is the mean of its window, a low-pass filter. "
        "Listen for the hiss going away while the tone stays (try the noisy sine)."
    ),
    "listen.hint.gaussian": (
        "**Gaussian**: a gentler smoother than the moving average. Listen for the hiss fading while the tone stays."
    ),
    "listen.hint.edge": (
        "**Edge [-1, 0, 1]**: x[t+1] − x[t−1], large where the signal jumps. Listen for the clicks: "
        "the hum fades and the clicks stay (try the rhythm); on the chirp, the high end gets louder."
    ),
    "listen.hint.identity": "**Identity**: y is x, shifted by the padding. Input and output should sound the same.",
    "listen.hint.random": (
        "**Random weights**: each output channel is a random filter from nn.Conv1d's init, mixing the input "
        "channels. Listen to how differently each one colours the sound."
    ),
    "listen.hint.typed": (
        "**Your weights**: the filter you typed. Equal taps smooth the sound; taps of alternating sign keep "
        "the fast changes."
    ),
    "listen.normalised": (
        "Each clip is normalised on its own to a peak of {peak} (its gain is shown above the player), so compare "
        "how they sound, not how loud: an edge kernel's quiet output is made louder, a large sum softer."
    ),
    "listen.too_short": (
        "x has {length} samples: {seconds} s at {rate} Hz, too short to hear. Set length to {need} "
        "({need_seconds} s at this rate), or start one of the demos below."
    ),
    "listen.too_short_rate": (
        "x has {length} samples: {seconds} s at {rate} Hz, too short to hear, and even the longest input ({max}) "
        "lasts only {max_seconds} s at this rate. Lower the sample rate, or start one of the demos below."
    ),
    "listen.demos": "Demos: one channel in and out, padding='same', one second at 8,000 Hz.",
    "listen.demo_hiss": "Noisy tone + moving average",
    "listen.demo_clicks": "Rhythm + edge",
    "listen.demo_sweep": "Chirp + moving average",
    "listen.inputs": "**Input** x[{n}, c] · {seconds} s at {rate} Hz",
    "listen.outputs": "**Output** y[{n}, o] · the engine's, the whole signal",
    "listen.hold": (
        "stride={stride} keeps one window in {stride}: each output value is held for {stride} samples, "
        "so y lasts as long as x."
    ),
    "listen.clip": "{name} · peak {peak} · gain ×{gain}",
    "listen.alt": "{name}, {seconds} seconds of audio",
    "listen.more": "Showing the first {shown} of {count} {name}.",
    "upload.in_use": (
        "x is your upload: {channels} channel(s) × {length} samples ({seconds} s at {rate} Hz). It is too long "
        "for a link, so this server keeps it and the link names it upload={upload}. The link works on this server "
        "while the upload is among the last {count} kept."
    ),
    "upload.drop": "Use the preset instead",
    "err.upload_missing": (
        "This link's upload (upload={upload}) is not on this server: uploads stay on the server they were sent to, "
        "and only the last {count} are kept. Showing the input preset instead; upload the file again to use it."
    ),
    "err.url_bad_upload": (
        "Ignored upload=“{value}” in the URL: an upload is named by 16 hexadecimal digits (0–9, a–f). "
        "Using the input preset."
    ),
    # -- page: transposed --
    "nav.transposed": "ConvTranspose1d",
    "transposed.title": "Conv1d Lab · ConvTranspose1d",
    "transposed.caption": (
        "nn.ConvTranspose1d runs Conv1d's arithmetic backwards: every input value drops a scaled copy of the kernel "
        "into the output, and where copies overlap they add up. It is the gradient of a Conv1d with respect to its "
        "input — not its inverse."
    ),
    "err.transposed_padding": (
        "ConvTranspose1d takes a number for padding, got padding='{padding}' (torch: conv_transpose1d() argument "
        "'padding' must be tuple of ints). Choose 'a number' for padding; 'valid' is padding=0."
    ),
    "err.transposed_work": (
        "This transposed convolution needs {macs} multiply-adds (N·C_in·L_in·(C_out/groups)·K = {formula}); "
        "this app computes at most {max} per run. Use a shorter input, fewer channels or a smaller kernel."
    ),
    "help.t_in_channels": "Channels of the input x: its shape is (N, in_channels, L_in).",
    "help.t_out_channels": "Channels of the output y: each input channel spreads a kernel into each output channel of its group.",
    "help.t_stride": "How far apart the kernel copies of neighbouring input cells land in the output (an upsampling factor).",
    "help.t_padding": "ConvTranspose1d takes a number only: it crops that many cells from each end of the output.",
    "help.output_padding": (
        "Extra cells on the right of the output, to pick one of the input lengths Conv1d maps to the same length. "
        "Must be < max(stride, dilation); allowed here: 0 … {max}."
    ),
    "help.t_padding_mode": "ConvTranspose1d supports 'zeros' only; the other modes show torch's rule.",
    "transposed.typed_w": (
        "The typed weight is read as nn.ConvTranspose1d stores it: (in_channels, out_channels / groups, "
        "kernel_size), with '|' between input channels."
    ),
    "transposed.pin_i": "input position i",
    "transposed.pin_help": "Pick the batch item and output channel to draw, and the input position the animation opens on.",
    "transposed.scatter_title": "Scatter-add: every input cell drops a scaled kernel",
    "transposed.scatter_caption": (
        "Row i: input position i (summed over its group's input channels) times the kernel, placed at "
        "i·stride + k·dilation − padding = i·{s} + k·{d} − {p}. Grey ✂ columns are cropped by padding={p}; "
        "output_padding={op} adds cells on the right. The running sum adds the rows so far; the last row is "
        "the engine's y. Press Play, or drag the slider."
    ),
    "transposed.window_note": "The input is long: the figure draws {shown} of its {total} positions around i.",
    "tfig.hover_cell": "output t = %{customdata}: %{z:.4f}",
    "tfig.hover_sum": "sum so far at t = %{customdata}: %{z:.4f}",
    "tfig.hover_y": "y at t = %{customdata}: %{z:.4f}",
    "tfig.title": "i = {i}: x[{n}, :, {i}] drops a scaled kernel on output cells {first} … {last}",
    "tfig.title_cropped": (
        "i = {i}: x[{n}, :, {i}] drops a scaled kernel on cells {first} … {last} ({lost} cropped by padding)"
    ),
    "tfig.x_axis": "output position t (✂ = computed, then cropped by padding)",
    "tfig.sum_row": "Σ rows so far",
    "tfig.position": "input position",
    "tfig.hover_count": "output t = %{x}: %{z} writes",
    "tfig.count_axis": "output position t",
    "tfig.count_row": "writes",
    "tfig.round_axis": "position",
    "transposed.overlap_title": "Overlaps: how many (i, k) pairs write each output cell",
    "transposed.even": "Away from the edges every output cell receives **{count}** writes: even, so no checkerboard. {reason}",
    "transposed.uneven": (
        "Away from the edges the writes per cell repeat **{pattern}** with period stride={s}: uneven, the "
        "checkerboard artefact of transposed convolutions. {reason}"
    ),
    "transposed.reason_divides": "kernel_size={k} is a multiple of stride={s}, so the taps cover every phase equally.",
    "transposed.reason_not_multiple": "kernel_size={k} is not a multiple of stride={s}, so some phases get one tap more.",
    "transposed.reason_dilation": (
        "dilation={d} shares a factor with stride={s}, so the taps land on only some phases."
    ),
    "transposed.strip_note": "Showing the first {shown} of {total} output cells; the pattern repeats.",
    "transposed.tab_lengths": "Output length & output_padding",
    "transposed.tab_gradient": "= the gradient of Conv1d",
    "transposed.tab_inverse": "≠ the inverse of Conv1d",
    "transposed.tab_torch": "NumPy vs torch",
    "transposed.preimage_one": (
        "`Conv1d(kernel_size={k}, stride={s}, padding={p}, dilation={d})` maps only the input length **{lengths}** "
        "to the output length {length}: with stride={s} the floor in its formula forgets nothing, so only "
        "`output_padding=0` returns a length that Conv1d maps back to {length}."
    ),
    "transposed.preimage": (
        "`Conv1d(kernel_size={k}, stride={s}, padding={p}, dilation={d})` maps each of the {count} input lengths "
        "**{lengths}** to the same output length {length}: the floor in its formula forgets the remainder. "
        "ConvTranspose1d has to return one of them, and `output_padding` picks which."
    ),
    "transposed.current": "◀ this page",
    "transposed.col_length": "ConvTranspose1d L_out",
    "transposed.col_back": "Conv1d maps it back to",
    "transposed.col_match": "one of the lengths above",
    "transposed.op_rule": (
        "torch's rule: output_padding < max(stride, dilation) = max({s}, {d}), so 0 … {max}. A value ≥ stride "
        "(possible when dilation > stride) gives a length Conv1d no longer maps back to L_in."
    ),
    "transposed.weight_intro": (
        "**Weight shapes.** ConvTranspose1d stores its weight the other way round from Conv1d — and the same tensor "
        "fits the Conv1d with in and out swapped, the one whose gradient it computes:"
    ),
    "transposed.col_module": "module",
    "transposed.col_layout": "layout",
    "transposed.same_tensor": "the same shape as ConvTranspose1d's: one tensor, both directions",
    "transposed.grad_intro": (
        "Take the Conv1d with the same weight and in/out swapped, an input z and a gradient g arriving at its "
        "output (this page's x). Backpropagation sends ∂/∂z Σ conv1d(z)·g back to z — and that is exactly "
        "conv_transpose1d(g). It does not depend on z at all: the map is linear."
    ),
    "transposed.grad_padded": (
        "output_padding={op} ≥ stride: conv1d(z) has {conv} positions, not {length}; the gradient of the extra "
        "ones is 0, so g is padded with zeros."
    ),
    "transposed.grad_inner": (
        "Why “transpose”: ⟨conv1d(z), g⟩ = **{lhs}** and ⟨z, conv_transpose1d(g)⟩ = **{rhs}** — the defining "
        "property of the transposed matrix."
    ),
    "transposed.grad_ok": "conv_transpose1d(g) = z.grad (allclose)",
    "transposed.grad_bad": "conv_transpose1d(g) ≠ z.grad",
    "transposed.snippet": "Check it in a notebook, on random tensors of this page's shapes:",
    "transposed.grad_diff": "max |engine − torch autograd| = {diff} ({dtype})",
    "transposed.inverse_intro": (
        "Going down and back up: z is the input preset '{preset}' drawn at the output's shape; conv1d shrinks it, "
        "conv_transpose1d brings the shape back."
    ),
    "transposed.inverse_not": (
        "The shape comes back, {shape}, the values do not: max |conv_transpose1d(conv1d(z)) − z| = **{diff}**. "
        "The transpose is not the inverse."
    ),
    "transposed.inverse_equal": (
        "Here the values come back too (max difference {diff}, shape {shape}): this kernel is a pure shift. "
        "In general the transpose is not the inverse — try other weights."
    ),
    "transposed.inverse_padding": "The way back uses output_padding={op}, the one that returns z's length.",
    # -- page: groups --
    "nav.groups": "Groups",
    "groups.title": "Conv1d Lab · groups",
    "groups.caption": (
        "From groups=1 to depthwise: which input channels feed which output channels, what each groups value costs, "
        "and a depthwise-separable block next to the full Conv1d it replaces. Every number is computed by the "
        "NumPy engine and checked against torch."
    ),
    "groups.every_title": "Every valid groups for in_channels={c}, out_channels={o}",
    "groups.split": (
        "**groups splits the channels into independent convolutions**: with groups=g the {c} input and {o} output "
        "channels are cut into g groups, and each output channel reads only the input channels of its own group. "
        "groups must divide both counts; here that is groups = {valid}."
    ),
    "groups.depthwise_yes": (
        "**groups = in_channels = {c} with out_channels = {k}·{c} = {o} is a depthwise convolution**: every input "
        "channel gets its own {k} filter(s), and no two channels mix."
    ),
    "groups.depthwise_no": (
        "Depthwise needs out_channels to be a multiple of in_channels = {c}; {o} is not, so groups={c} is not "
        "available here. The separable block below builds its own depthwise layer."
    ),
    "groups.diagram_caption": "Input channels on top, output channels below. Each band is one group, joining the inputs it reads to the outputs it writes; hover a band for its channel numbers.",
    "groups.kind_full": "full",
    "groups.kind_grouped": "grouped",
    "groups.kind_depthwise": "depthwise",
    "groups.current": "◀ sidebar",
    "groups.col_kind": "kind",
    "groups.col_params": "parameters",
    "groups.col_macs": "multiply-adds",
    "groups.col_reads": "inputs per output channel",
    "groups.col_layer": "layer",
    "groups.col_out": "output shape",
    "groups.table_note": (
        "Parameters = weight + bias elements. Multiply-adds of one forward pass on N={n}, L_in={length}: "
        "N·C_out·L_out·(C_in/groups)·K."
    ),
    "groups.matrix_title": "groups={g}, cell by cell",
    "groups.matrix_caption": (
        "Row o is an output channel, column c an input channel. A filled cell is a kernel the weight holds: w[o, j] "
        "is row j of output o's {per} input row(s), so the weight has shape {shape}. Empty cells are pairs that "
        "never meet."
    ),
    "groups.sep_title": "Depthwise-separable vs full",
    "groups.sep_intro": (
        "A depthwise-separable block filters each channel on its own (depthwise: groups = in_channels), then mixes "
        "the channels with a 1-tap convolution (pointwise). It maps the same input shape to the same output shape "
        "as one full Conv1d, and is a different function; with many channels it needs far fewer weights — the "
        "counts below say how many here."
    ),
    "groups.multiplier": "depth multiplier M",
    "help.multiplier": "Filters per input channel in the depthwise layer: Conv1d(C, C·M, k, groups=C). At most {top} here.",
    "groups.typed_w": (
        "The typed weight and bias belong to a single Conv1d, so this page does not use them: each layer takes its "
        "weights from the seeded init or the weight preset. They stay in the link for the other pages."
    ),
    "ui.upload_playground_only": (
        "Your long upload is used on the Playground only (it is kept there); this page takes x from the preset."
    ),
    "help.typed_w_unused": "Not used on this page: each layer here draws its own weights (the other pages use them).",
    "groups.layer_depthwise": "depthwise",
    "groups.layer_pointwise": "pointwise",
    "groups.layer_full": "full Conv1d",
    "groups.layer_grouped": "sidebar's Conv1d",
    "groups.sep_verdict": (
        "Both give y of shape {shape}. Separable: **{sep_p}** parameters and **{sep_m}** multiply-adds; "
        "full: **{full_p}** and **{full_m}** — {ratio_p}× the parameters and {ratio_m}× the work."
    ),
    "groups.independent_ok": (
        "groups={g} really is {g} independent convolutions: the engine run on each group's slice of the channels "
        "and weights, one group at a time, then concatenated, gives the same output (max difference {diff})."
    ),
    "groups.independent_bad": (
        "groups={g} run as {g} separate convolutions differs from the grouped output by {diff}: an engine bug."
    ),
    "groups.outputs": "Output tensors",
    "groups.snippet": "Run these lines in a notebook to draw the same numbers (the layers are built in this order):",
    "gfig.band": "group {g}: inputs {a}–{b} → outputs {c}–{d}",
    "gfig.matrix_hover": "output %{y} reads input %{x}",
    "gfig.matrix_x": "input channel c",
    "gfig.matrix_y": "output channel o",
    # -- page: matrix --
    "nav.matrix": "Matrix view",
    "matrix.title": "Conv1d Lab · Convolution as a matrix",
    "matrix.caption": (
        "The same Conv1d as the playground, written three more ways: one big matrix T with vec(y) = T·vec(x) + b, "
        "im2col (unfold) followed by one matrix product per group, and — for kernel_size=1 — an nn.Linear applied "
        "at every position. Each is computed here on the whole batch and checked against the engine and torch."
    ),
    "matrix.nnz": "{nnz} non-zero entries ({density}% of T)",
    "matrix.pin_help": "The pinned output cell y[n, o, t]: its row of T is outlined, its window is the outlined column of the unfolded input.",
    "matrix.tab_matrix": "Toeplitz matrix T",
    "matrix.tab_unfold": "unfold / im2col",
    "matrix.tab_linear": "kernel_size=1 = Linear",
    "matrix.col_check": "comparison",
    "matrix.col_diff": "max |difference|",
    "matrix.check.matrix.vs_engine": "T·vec(x) + b  vs  engine conv1d",
    "matrix.check.matrix.vs_torch": "T·vec(x) + b  vs  torch nn.Conv1d",
    "matrix.check.matrix.vs_jacobian": "T  vs  torch's Jacobian ∂vec(y)/∂vec(x) (item 0)",
    "matrix.check.unfold.vs_engine": "W·cols + b (NumPy)  vs  engine conv1d",
    "matrix.check.unfold.torch_tensor": "torch x_padded.unfold(-1, span, stride) GEMM  vs  engine",
    "matrix.check.unfold.torch_f": "torch F.unfold on (N, C, 1, L) GEMM  vs  engine",
    "matrix.check.linear.vs_engine": "Linear at every position (NumPy)  vs  engine conv1d",
    "matrix.check.linear.torch_allclose": "torch: nn.Linear(x.transpose(1, 2)).transpose(1, 2)  vs  nn.Conv1d(x)",
    "matrix.check.linear.torch_vs_engine": "torch nn.Linear at every position  vs  engine",
    "matrix.tolerance": "allclose uses the {dtype} tolerances rtol={rtol}, atol={atol}; every product covers the whole batch.",
    "matrix.t_intro": (
        "Row `o·L_out + t` of T is output cell y[o, t] (L_out = {l_out}); column `c·L_in + i` is input cell x[c, i] "
        "(L_in = {l_in}). Each row holds the kernel w[o] laid over its window, so the band moves right by `stride` "
        "columns per row and `dilation` leaves gaps between taps; with groups, an output only has columns in its "
        "group's input channels (blocks). Zero padding reads nothing, so those taps drop out of T; reflect, "
        "replicate and circular padding copy an input cell, so that tap's weight **adds** into the copied cell's column."
        " T does not depend on x: the same T serves every batch item."
    ),
    "matrix.t_window": (
        "T is {rows} × {cols}: drawn are rows {r0}–{r1} and columns {c0}–{c1} around the pinned cell's row. "
        "The products and checks below use all of T."
    ),
    "matrix.t_legend": (
        "Blank = no entry (zero). Each coloured cell is a weight; its label names the tap(s) k, hover shows "
        "w[o,c,k] — two taps in one cell are a padding copy adding into that column. Grey lines separate channels."
    ),
    "matrix.row_title": "**Row {r} of T is y[{n}, {o}, {t}]** — the row times vec(x[{n}]), plus the bias:",
    "matrix.no_jacobian": "T has more than {max} entries: the Jacobian check (one backward pass per row) is skipped.",
    "matrix.unfold_intro": (
        "im2col: column t of the unfolded input is output t's window — row `c·K + k` (K = {k}) holds padded slot "
        "`t·stride + k·dilation` of input channel c, read through the same window map the engine uses. The weight "
        "reshaped to (C_out/groups, C_in/groups·K) times that matrix gives the output; with groups = {groups} there "
        "is one such product per group (shown: the pinned cell's group)."
    ),
    "matrix.unfold_window": (
        "The column matrix is {rows} × {cols}: at most {shown} rows and columns are drawn (around the pinned cell); "
        "the check below uses all of it."
    ),
    "matrix.cols_title": "unfolded input of item {n}, group {group}: cols {shape} (outlined: the pinned window)",
    "matrix.w_title": "weight of group {group} reshaped: W {shape}",
    "matrix.y_title": "W · cols + b = y[{n}] of group {group} {shape}",
    "matrix.cols_hover": "window t={t}, channel {c}, tap k={k}: padded slot {slot} reads {reads}",
    "matrix.code_caption": "The same in torch, on random data: run it and it prints True twice.",
    "matrix.linear_intro": (
        "With kernel_size=1 each output position reads one input position: y[:, :, t] = W · x[:, :, t] + b, the "
        "same W at every t. That is exactly `nn.Linear(in_channels, out_channels)` applied to x with channels last."
    ),
    "matrix.set_k1": "Set kernel_size = 1 (padding 0, stride 1, groups 1)",
    "matrix.k_now": "Now kernel_size = {k}: each output reads a window of {k} positions, so one Linear per position is not enough.",
    "matrix.linear_w": "nn.Linear weight = conv.weight[:, :, 0] (block-diagonal over groups) {shape}",
    "matrix.linear_at": "Position t = {t} of item {n}: the Linear reads column {slot} of the padded input and writes y[{n}, :, {t}].",
    "matrix.linear_note": (
        "With padding, stride or groups the equality still holds: pad first, take every stride-th position, and make "
        "the Linear's weight block-diagonal over the groups — the code above does exactly what this configuration needs."
    ),
    "fig.matrix_title": "T: rows = outputs y[o, t], columns = inputs x[c, i]",
    "fig.matrix_cols": "column c·L_in + i (input x[c, i], L_in = {l_in})",
    "fig.matrix_rows": "row o·L_out + t (output y[o, t], L_out = {l_out})",
    "err.matrix_too_big": (
        "T would hold {terms} taps per item (C_out·L_out·C_in/groups·K = {formula}); this page builds at most {max}. "
        "Use a shorter input (now length={length}), fewer channels or a smaller kernel_size."
    ),
    # -- page: receptive-field --
    "nav.receptive_field": "Receptive field",
    "rf.title": "Conv1d Lab · A stack of layers",
    "rf.caption": (
        "Write a model as a stack of layers: see every output shape, exactly where (and why) a stack breaks, which "
        "input lengths make it fit, and which input cells any output depends on — each checked by running the "
        "same stack in torch."
    ),
    "rf.stack": "Stack",
    "rf.preset_example": "Example: two convolutions and a pool",
    "rf.preset_tcn": "Dilated causal TCN (WaveNet style)",
    "rf.preset_tutorial": "Tutorial CNN as written (max_pool2d)",
    "rf.preset_tutorial_1d": "Tutorial CNN with MaxPool1d",
    "rf.box": "Layers, separated by ;",
    "rf.box_help": "For example conv:1,8,7;relu;maxpool:2;flatten;linear:880,140. Ctrl+Enter applies. The grammar is below.",
    "rf.grammar": "How to write a stack",
    "rf.grammar_text": (
        "One layer per `;` (or line): `name:values`. Values go in torch's own argument order, or by name "
        "(`key=value`).\n\n"
        "- `conv:in,out,kernel` — `nn.Conv1d`; options `stride` (`s`), `padding` (`p`: a number, `same`, `valid`), "
        "`dilation` (`d`), `groups` (`g`), `bias=false`, `padding_mode` (`zeros`, `reflect`, `replicate`, "
        "`circular`), and the flag `causal`: `F.pad(x, (dilation·(kernel_size−1), 0))` before a Conv1d with "
        "padding=0, so L_out = L_in and no output sees the future.\n"
        "- `relu` — `nn.ReLU()`\n"
        "- `maxpool:k` — `nn.MaxPool1d(k)`; `stride` (default k), `padding`, `dilation`\n"
        "- `avgpool:k` — `nn.AvgPool1d(k)`; `stride` (default k), `padding`\n"
        "- `maxpool2d:k` — `F.max_pool2d(x, k)`: on an (N, C, L) tensor it pools C **and** L\n"
        "- `flatten` — `nn.Flatten()`: (N, C, L) → (N, C·L)\n"
        "- `linear:in,out` — `nn.Linear`; `bias=false`\n\n"
        "Example: `conv:1,8,7;relu;maxpool:2;conv:8,18,7,dilation=2;relu;flatten;linear:1260,10`"
    ),
    "rf.input": "Input (1, in_channels, L)",
    "rf.seed_help": "torch.manual_seed(seed); x = torch.randn(1, in_channels, L); then the layers, built in order.",
    "rf.choose": "Receptive field of …",
    "rf.layer": "layer",
    "rf.cell_o": "channel o",
    "rf.cell_t": "position t",
    "rf.all": "all",
    "rf.breaks": "✗ breaks here",
    "rf.not_reached": "not reached",
    "rf.col_layer": "layer (as written)",
    "rf.col_shape": "output shape",
    "rf.col_torch_shape": "torch's shape",
    "rf.col_params": "parameters",
    "rf.col_rf": "receptive field",
    "rf.col_jump": "jump",
    "rf.table_caption": (
        "{params} parameters in all; one forward pass is {macs} multiply-adds. Receptive field: input positions one "
        "output cell spans (rf += (span − 1)·jump); jump: input positions between neighbouring output cells "
        "(the product of the strides). After flatten there is no length axis; a Linear sees every position."
    ),
    "rf.numeric_skipped": (
        "The shapes and receptive fields above are exact (whole-number arithmetic, no tensor is made). The numeric "
        "part (torch's run of the stack, the dependency sets and the input-cell figure) is skipped:"
    ),
    "rf.runs": "The stack runs: output {shape}. It runs for input lengths L = {lengths}.",
    "rf.break_title": "The stack breaks at layer {layer}",
    "rf.fits": "Input lengths L that make the whole stack run: **{lengths}**.",
    "rf.fits_stuck": (
        "No input length L from 1 to {max} gets past layer {layer}: what breaks there does not depend on L. "
        "Change the layers instead."
    ),
    "rf.fits_none": (
        "No input length L from 1 to {max} makes the whole stack run: the lengths that get past layer {layer} "
        "break at a later layer."
    ),
    "rf.torch_says": "torch, running the same stack, raises at layer {layer} {same}:",
    "rf.torch_runs": "torch runs the same stack (seeded weights, random input) and gets the same shape at every layer {same}.",
    "rf.rf_title": "What output [{o}, {t}] of layer {layer} depends on",
    "rf.depends": (
        "**It depends on {cells} input cells**: {channels} of {total} channels, positions {span} ({width} wide). "
        "Receptive field by the formula: {rf}, jump {jump} — near the edges fewer input cells are read, because "
        "the windows read padding there."
    ),
    "rf.window": "The input is long: drawn are input positions {lo}–{hi} of {length}, around the chosen cell.",
    "rf.tower_caption": (
        "One row per tensor, input at the bottom; each cell sits at the centre of the input positions it sees and is "
        "jump positions wide. Orange: the chosen cell depends on it (darker = more channels); hatched: padding "
        "(orange when a window reads it). Click any cell to choose it."
    ),
    "rf.autograd": (
        "torch autograd: ∂ output / ∂x is non-zero on **{count}** input cells — the same set as above {same} "
        "(float64, weights |w| + 0.05 and input |x| + 0.1 so no path cancels or is cut by ReLU; each max pool "
        "replaced by the sum over its windows). Dots in the map above mark those cells."
    ),
    "rf.autograd_max": (
        "With torch's real max pools the gradient reaches {count} of those cells {ok}: a max passes gradient only to "
        "the largest value of each window, so it is a subset."
    ),
    "rf.code": "PyTorch code",
    "rf.code_caption": "Paste into a notebook: it prints each layer's output shape, or raises where the table says it breaks.",
    "fig.rf_cell": "{label} · position {p}: {count} of {channels} channels read",
    "fig.rf_pad": "{label} · padding slot {p}: read {read}",
    "fig.rf_legend_cell": "not read",
    "fig.rf_legend_read": "read by the chosen cell",
    "fig.rf_legend_pad": "padding",
    "fig.rf_legend_pad_read": "padding, read",
    "fig.rf_x": "input position (each layer's cells drawn at the centre of what they see)",
    "fig.rf_input_hover": "x[0, {c}, {i}]",
    "fig.rf_grad": "torch autograd ≠ 0",
    "fig.rf_input_x": "input position i",
    "fig.rf_input_y": "channel c",
    "err.stack_empty": "The stack is empty. Write layers separated by ';', for example {example}.",
    "err.stack_too_long": "The stack is {length} characters long; this page reads at most {max}.",
    "err.stack_too_many_layers": "The stack has {count} layers; this page builds at most {max}. Remove some layers.",
    "err.stack_unknown_layer": "Character {pos}: unknown layer '{name}'. Layers: {names}.",
    "err.stack_unknown_layer_hint": "Character {pos}: unknown layer '{name}'. Did you mean '{hint}'? Layers: {names}.",
    "err.stack_empty_value": "Character {pos}: an empty value in {layer}. Remove the extra ','; {layer} takes {signature}, e.g. {example}.",
    "err.stack_too_many": (
        "Character {pos}: too many values for {layer}, which takes {count} without a name ({signature}). "
        "Give the rest by name, e.g. stride=2."
    ),
    "err.stack_unknown_option": "Character {pos}: {layer} has no argument '{name}'. Its arguments: {options}.",
    "err.stack_repeated_option": "Character {pos}: {name} is given twice in {layer}. Give it once.",
    "err.stack_bad_int": "Character {pos}: {name}={value} in {layer} must be a whole number from {low} to {high}.",
    "err.stack_bad_choice": "Character {pos}: {name}={value} in {layer} must be one of {choices}.",
    "err.stack_ceil_mode": (
        "Character {pos}: ceil_mode=True is not modelled here; this page uses torch's default ceil_mode=False "
        "(the length rounds down). Remove ceil_mode."
    ),
    "err.stack_missing": "Character {pos}: {layer} needs {missing}. It takes {signature}, e.g. {example}.",
    "err.stack_linear_big": (
        "Character {pos}: this Linear has {count} weights; this page builds at most {max}. "
        "Make the flattened size smaller first (more pooling or stride)."
    ),
    "err.stack_channels": (
        "Given groups={groups}, weight of size {weight}, expected input{shape} to have {expected} channels, "
        "but got {got} channels instead. Fix: give this Conv1d in_channels={got}, or make the layer before it "
        "output {expected} channels."
    ),
    "err.stack_kernel": (
        "Calculated padded input size per channel: ({padded}). Kernel size: ({span}). Kernel size can't be greater "
        "than actual input size. One window spans dilation·(kernel_size−1)+1 = {dilation}·({kernel_size}−1)+1 = "
        "{span} cells: use a longer input, more padding, or a smaller kernel_size or dilation."
    ),
    "err.stack_reflect_pad": (
        "Argument #4: Padding size should be less than the corresponding input dimension, but got: padding "
        "({left}, {right}) at dimension {dim} of input {shape}. Reflect padding needs padding ≤ {max_pad} here, "
        "or a longer input."
    ),
    "err.stack_circular_pad": (
        "Padding value causes wrapping around more than once. Circular padding ({left}, {right}) needs an input "
        "of length ≥ {need}, got {length}."
    ),
    "err.stack_maxpool_padding": (
        "max_pool1d() padding should be at most half of kernel size, but got padding={padding} and "
        "kernel_size={kernel_size}. Use padding ≤ {max_pad}."
    ),
    "err.stack_avgpool_padding": (
        "pad should be at most half of effective kernel size, but got pad={padding}, kernel_size={kernel_size} "
        "and dilation=1. Use padding ≤ {max_pad}."
    ),
    "err.stack_maxpool_small": (
        "max_pool1d() Invalid computed output size: {out}. The input is shorter than one pooling window: use a "
        "longer input, a smaller kernel_size, or padding."
    ),
    "err.stack_avgpool_small": (
        "Given input size: ({c}x1x{length}). Calculated output size: ({c}x1x{out}). Output size is too small. "
        "The input is shorter than one pooling window: use a longer input or a smaller kernel_size."
    ),
    "err.stack_pool2d_rank": (
        "non-empty 3D or 4D (batch mode) tensor expected for input. max_pool2d needs a 3-D tensor here, and after "
        "flatten the tensor is 2-D."
    ),
    "err.stack_pool2d_small": (
        "Given input size: ({a}x{b}x{c}). Calculated output size: ({a}x{b2}x{c2}). Output size is too small. "
        "max_pool2d pools the channel axis too: {b} channels or {c} positions is less than kernel_size."
    ),
    "err.stack_linear": (
        "mat1 and mat2 shapes cannot be multiplied ({rows}x{last} and {in_features}x{out_features}). "
        "Fix: this Linear needs in_features={last} (linear:{last},{out_features}), or an input length that "
        "gives {in_features} features."
    ),
    "err.stack_linear_one": (
        "mat1 and mat2 shapes cannot be multiplied ({rows}x{last} and {in_features}x{out_features}). "
        "Fix: this Linear needs in_features={last} (linear:{last},{out_features}), or an input length that "
        "gives {in_features} feature."
    ),
    "err.stack_note_pool2d": (
        "Why the channels do not match: F.max_pool2d treats an (N, C, L) tensor as one (C, L) image, so it pools "
        "over the channels as well as the length (layer {layers}). For a 1-D signal use maxpool (nn.MaxPool1d)."
    ),
    "err.stack_note_pool1d_fits": "With maxpool (nn.MaxPool1d) in place of each maxpool2d, the stack runs for L = {lengths}.",
    "err.stack_note_pool1d_none": (
        "With maxpool (nn.MaxPool1d) in place of each maxpool2d, no input length from 1 to {max} makes the stack "
        "run either: look at the next break."
    ),
    "err.stack_note_flatten": "Flatten (layer {layer}) turns ({c}, {l}) into {c}·{l} = {features} features.",
    "err.stack_note_flatten_one": "Flatten (layer {layer}) turns ({c}, {l}) into {c}·{l} = {features} feature.",
    "err.stack_note_flatten_need": (
        "{expected} = {c}·{need}: the Linear was written for {need} positions after layer {layer}, and this input "
        "gives {l}."
    ),
    "err.stack_values": (
        "The largest tensor in this pass, ({shape}) in row {layer} of the table, holds {values} values; this page computes "
        "tensors of at most {max}. Use a shorter input (now L={length}) or fewer channels for the numbers."
    ),
    "err.stack_work": (
        "One pass through this stack takes {macs} operations (multiply-adds, pooling reads, activations); "
        "this page computes at most {max}. "
        "Use a shorter input (now L={length}) or smaller layers."
    ),
    # -- page: gallery --
    "nav.gallery": "Tutorial gallery",
    "gallery.title": "Conv1d Lab · Tutorial gallery",
    "gallery.caption": (
        "The Conv1d examples that widely read PyTorch tutorials teach with, replayed now: every shape and number "
        "below was just computed by this app's NumPy engine and checked against PyTorch. Open an example to compute "
        "it; each one opens in the app with its configuration loaded."
    ),
    "gallery.no_torch": (
        "torch is not installed here: the numbers come from the NumPy engine alone, the torch checks show —, and "
        "seeded data comes from NumPy, so it will not match torch.manual_seed."
    ),
    "gallery.code": "**The tutorial's code**",
    "gallery.shapes": "**Shapes**",
    "gallery.checks": "**Checked just now**",
    "gallery.numbers": "**Numbers** (4 decimals, as torch prints)",
    "gallery.sum": "**The first output, term by term**",
    "gallery.formula": "**Output length, with these numbers**",
    "gallery.snippet": (
        "**Run this to get exactly these numbers** (the app's seed convention: `torch.manual_seed`, then "
        "`torch.randn`, then the layer)"
    ),
    "gallery.engine_error": "What this app's engine says:",
    "gallery.torch_error": "What torch raises for the same call:",
    "gallery.trace": "**Shapes through the model**, for the shortest input that fits",
    "gallery.trace_layer": "layer",
    "gallery.trace_written": "as written (F.max_pool2d)",
    "gallery.trace_fixed": "with F.max_pool1d",
    "gallery.open_playground": "Open in the Playground",
    "gallery.open_transposed": "Open in ConvTranspose1d",
    "gallery.open_receptive": "Open in Receptive field",
    "gallery.open_axis": "Open the H axis as a Conv1d in the Playground",
    "gallery.capped": (
        "The link opens a batch of {batch} (this app's limit) instead of {n}. Samples are independent, so every "
        "shape per sample is the same; the seeded numbers differ from the ones above."
    ),
    "gallery.link_error": "The link loads this input and weight into the Playground, which shows the same rule.",
    "gallery.fact.shape": "Output shape: tutorial `{tutorial}` · engine `{engine}` · torch `{torch}`",
    "gallery.fact.allclose": "All {count} output values: NumPy engine = torch (max difference {diff}, {dtype})",
    "gallery.fact.first_value": "`{cell} = {sum} = {value}` (torch: {torch})",
    "gallery.fact.hand_sum": "`{expr}` = {value}, the same as y[0, 0, 0] = {engine} (torch: {torch})",
    "gallery.fact.per_channel": "`{formula}` holds for all {count} outputs (max difference {diff})",
    "gallery.fact.independent": (
        "Each of the {count} samples on its own, `conv(x[n:n+1])` for n = 0 … {last}, gives its row of the batched "
        "output: samples never mix"
    ),
    "gallery.fact.constant": (
        "On ones every window reads the same numbers, so every output is sum(weight) + bias = {sum} + {bias} = {value}"
    ),
    "gallery.fact.params": "`weight {weight}` and `bias {bias}`: {count} parameters",
    "gallery.fact.expects": "The layer expects {expected} input channel(s), x has {got}: calling it raises",
    "gallery.fact.pool2d": (
        "`F.max_pool2d` reads the 3-D tensor `{before}` as (C, H, W) and halves its channel axis too: `{after}`. "
        "The next Conv1d then gets the wrong number of channels"
    ),
    "gallery.fact.view_folds": (
        "A longer input such as L = {length} runs too, silently: `x.view(-1, {flat})` folds the extra positions "
        "into the batch, and the model returns `{out}`, not `{want}`. `nn.Flatten()` followed by fc1 raises instead "
        "(the Receptive field page's `flatten`)."
    ),
    "gallery.fact.fit": (
        "With `F.max_pool1d`, `x.view(-1, {flat})` and fc1 fit for input lengths L = {first} … {last}; "
        "the output is `{out}`"
    ),
    "gallery.fact.conv2d_rows": (
        "All {count} values of the Conv2d, built here as sums of Conv1d's (one per kernel row), equal torch's "
        "nn.Conv2d (max difference {diff}, {dtype})"
    ),
    "gallery.fact.ambiguous": (
        "The strided Conv1d maps inputs of length {lengths} all to length {out}: going back, the length is ambiguous"
    ),
    "gallery.fact.transposed": "output_padding={op}: `up(down(x))` has shape `{engine}` (torch `{torch}`)",
    "gallery.fact.transposed_back": (
        "output_padding={op}: `up(down(x))` has shape `{engine}` (torch `{torch}`), the input's length again"
    ),
    "gallery.fact.torch_trace": "torch runs both versions layer by layer: the same shapes, and the same break",
    "err.trace_pool": "Output size is too small: pooling {shape} with kernel_size={k} leaves no cells.",
    "err.trace_view": "shape '[-1, {size}]' is invalid for input of size {total}.",
    "err.trace_linear": "mat1 and mat2 shapes cannot be multiplied ({rows}x{got} and {size}x{out}).",
    "gallery.ex1.title": "F.conv1d on a ramp: 0.8, 1.4, …, 8.6",
    "gallery.ex1.note": (
        "The classic first example: the ramp 0 … 15 and the kernel [0.1, 0.2, 0.3], no bias. Each output is one "
        "window times the kernel, summed; the kernel is not flipped (a cross-correlation)."
    ),
    "gallery.ex2.title": "Seed 666: two channels, checked by hand",
    "gallery.ex2.note": (
        "After `torch.manual_seed(666)` these are the tutorial's exact numbers. The first output is the first window "
        "of both input channels times the first kernel, summed: `sum(x[0, :, 0:3] * weight[0])`."
    ),
    "gallery.ex3.title": "nn.Conv1d(2, 3, 5) on (4, 2, 6): one dot product per input channel",
    "gallery.ex3.note": (
        "With stride 1 and no padding, each output adds one dot product per input channel, plus the bias; the samples "
        "of the batch are computed independently."
    ),
    "gallery.ex4.title": "PyTorch docs: nn.Conv1d(16, 33, 3, stride=2) on (20, 16, 50)",
    "gallery.ex4.note": (
        "The output shape needs only the length formula: the batch passes straight through and out_channels "
        "replaces in_channels."
    ),
    "gallery.ex5.title": "nn.Conv1d(18, 35, 5, stride=2) on (22, 18, 52)",
    "gallery.ex5.note": "A longer kernel with the same stride: the last window that fits decides L_out.",
    "gallery.ex6.title": "nn.Conv1d(42, 12, kernel_size=3, stride=2, padding=3) on (42, 42, 105)",
    "gallery.ex6.note": "padding=3 adds three zeros at each end before the windows slide, so more windows fit.",
    "gallery.ex7.title": "nn.Conv1d(42, 12, kernel_size=3, stride=2) on (42, 42, 102)",
    "gallery.ex7.note": "The same layer without padding: the floor in the formula drops a last, incomplete step.",
    "gallery.ex8.title": "nn.Conv1d(20, 37, 5, stride=2) on (24, 20, 54)",
    "gallery.ex8.note": "Input samples past the last window that fits are never read.",
    "gallery.ex9.title": "nn.Conv1d(1, 1, 3) on 2, 4, …, 20",
    "gallery.ex9.note": (
        "Ten inputs and a kernel of 3 give eight outputs. The weights are PyTorch's random default init, seeded so "
        "the numbers are reproducible."
    ),
    "gallery.ex10.title": "nn.Conv1d(1, 1, 3) on ones: the shapes of weight and bias",
    "gallery.ex10.note": (
        "weight is (out_channels, in_channels / groups, kernel_size) and bias is (out_channels,). On a constant "
        "input every output is the same number."
    ),
    "gallery.ex11.title": "nn.Conv1d(1, 1, 3) on ones(2, 2, 7): the channel error",
    "gallery.ex11.note": (
        "The tutorial only prints the parameters. Calling the layer would fail: dimension 1 of x holds its channels, "
        "and the layer was built for one. Fix: nn.Conv1d(2, 1, 3), or an input of shape (2, 1, 7)."
    ),
    "gallery.ex12.title": "A tutorial CNN: where the stack breaks",
    "gallery.ex12.note": (
        "An image CNN adapted to 1-D signals. F.max_pool2d on a 3-D tensor pools the channel axis too, so the second "
        "Conv1d gets the wrong number of channels. With F.max_pool1d the shapes work, and only a few input lengths "
        "give `x.view(-1, 18 * 7 * 7)` one row per signal; some longer ones still run, with the wrong batch size."
    ),
    "gallery.ex13.title": "nn.Conv2d(8, 14, (3, 2), stride=(2, 1)) on (5, 8, 10, 5): the same formula per axis",
    "gallery.ex13.note": (
        "Conv2d applies the 1-D length formula to each spatial axis with that axis's kernel size and stride. Its "
        "values are sums of Conv1d's: output row i adds one Conv1d per kernel row. The same random numbers (NumPy, "
        "seed 0) go to the engine and to torch."
    ),
    "gallery.ex14.title": "ConvTranspose1d and why output_padding exists",
    "gallery.ex14.note": (
        "A strided Conv1d maps several input lengths to one output length, so ConvTranspose1d cannot know which "
        "length to return; output_padding adds cells on one side to choose. The transposed layer's weights are "
        "drawn with NumPy (seed 0) and given to both the engine and torch."
    ),
    # -- page: quiz --
    "nav.quiz": "Quiz",
    "quiz.title": "Conv1d Lab · Quiz",
    "quiz.caption": (
        "Predict, then check: output lengths, single output values, weight shapes, valid groups and receptive "
        "fields. Every question is drawn from its number (the link keeps it), always valid, and answered by the "
        "same engine the other pages use."
    ),
    "quiz.number": "Question {seed}",
    "quiz.kind.length": "output length",
    "quiz.kind.value": "one output value",
    "quiz.kind.weight_shape": "weight shape",
    "quiz.kind.groups": "valid groups",
    "quiz.kind.receptive_field": "receptive field",
    "quiz.q.length": "What is the output length L_out?",
    "quiz.q.value": "What is y[0, {o}, {t}]? The numbers are small integers: add them up by hand. Within 0.0001 counts.",
    "quiz.q.weight_shape": "What is `conv.weight.shape`?",
    "quiz.q.groups": "Which values of groups does `nn.Conv1d({cin}, {cout}, …)` accept? List them all.",
    "quiz.q.receptive_field": (
        "How many input samples does one output of the last layer span (its receptive field, counting any gaps "
        "that dilation leaves)?"
    ),
    "quiz.format.length": "a whole number, e.g. 12",
    "quiz.format.value": "a number, e.g. -3 or 2.5",
    "quiz.format.weight_shape": "a shape, e.g. (8, 3, 5)",
    "quiz.format.groups": "numbers separated by commas, e.g. 1, 2, 4",
    "quiz.format.receptive_field": "a whole number, e.g. 7",
    "quiz.answer": "Your answer",
    "quiz.answer_help": (
        "Type a number, a shape like (8, 3, 5) or torch.Size([8, 3, 5]), or a list like 1, 2, 4. Spaces, brackets "
        "and full-width characters are fine. Press Enter or Check."
    ),
    "quiz.check": "Check",
    "quiz.next": "Next question",
    "quiz.same_kind": "Another: {kind}",
    "quiz.reset": "Reset score",
    "quiz.score.answered": "answered",
    "quiz.score.correct": "correct",
    "quiz.score.streak": "streak",
    "quiz.score.best": "best streak",
    "quiz.score_note": "The score is kept for this session only; the first check of each question counts.",
    "quiz.right": "Right: {given}.",
    "quiz.wrong": "Not quite: you answered {given}, the answer is {expected}.",
    "quiz.worked": "**Worked answer, with this question's numbers**",
    "quiz.open_playground": "See it in the Playground",
    "quiz.open_groups": "See it on the Groups page",
    "quiz.open_receptive": "See it on the Receptive field page",
    "quiz.explain.window": (
        "Output position t = {t} starts at input position t·stride = {t}·{stride} = {start} and reads kernel_size = {k} "
        "cells: input positions {first} … {last}."
    ),
    "quiz.explain.window_padded": (
        "padding={pad} adds {pad} zero(s) at each end first. Output position t = {t} starts at padded position "
        "t·stride = {t}·{stride} = {start} and reads kernel_size = {k} cells: padded positions {first} … {last}, which are "
        "input positions {first_in} … {last_in}; a position outside x reads 0 (pad)."
    ),
    "quiz.explain.same": (
        "padding='same' pads {left} cell(s) on the left and {right} on the right, so at stride 1 L_out = L_in."
    ),
    "quiz.explain.weight_shape": (
        "Each output channel has one kernel per input channel of its group: groups={groups} splits the {cin} input "
        "channels into groups of {per}."
    ),
    "quiz.explain.groups": (
        "Each group takes in_channels / groups inputs and makes out_channels / groups outputs, so groups must "
        "divide both channel counts."
    ),
    "quiz.explain.depthwise": (
        "groups = in_channels = {cin} is a depthwise convolution: every input channel gets its own kernels."
    ),
    "quiz.explain.rf": (
        "jump is the product of the strides below a layer: one step of its kernel moves that many input samples. "
        "The engine confirms it: impulses at input samples {first} … {last} reach output 0, {r} samples."
    ),
    "quiz.explain.rf_gaps": (
        "jump is the product of the strides below a layer: one step of its kernel moves that many input samples. "
        "The engine confirms the span: impulses at input samples {first} … {last} reach output 0, a span of {r}; "
        "only {count} of them are actually read, dilation skips the rest."
    ),
    "quiz.hint.pad_once": "Looks like the padding was counted once; the formula adds it on both sides.",
    "quiz.hint.no_dilation": "Looks like dilation was left out: a dilated window spans dilation·(kernel_size − 1) + 1 samples.",
    "quiz.hint.no_plus_one": "Looks like the + 1 was left out: the first window fits before any step is taken.",
    "quiz.hint.ceil": "Looks like the division was rounded up; torch rounds down (a window must fit completely).",
    "quiz.hint.flipped": (
        "That is the value with the kernel flipped, a textbook convolution. torch's Conv1d does not flip the kernel "
        "(it is a cross-correlation)."
    ),
    "quiz.hint.no_bias": "That is the sum without the bias: add b[o].",
    "quiz.hint.groups_ignored": "groups divides the input channels each kernel sees: the middle size is in_channels / groups.",
    "quiz.hint.transposed_order": (
        "That is ConvTranspose1d's order (in_channels, out_channels / groups, kernel_size); Conv1d puts out_channels first."
    ),
    "quiz.hint.rf_no_stride": "The strides below a layer multiply its reach: each of its kernel steps moves jump samples.",
    "quiz.hint.rf_no_dilation": "Dilation stretches each kernel: it spans dilation·(kernel_size − 1) + 1 samples.",
    "quiz.hint.rf_sum_kernels": "Adding kernel sizes counts the shared sample of neighbouring layers twice: add kernel_size − 1 per layer, plus 1.",
    "quiz.hint.groups_extra": "{wrong} does not divide both channel counts.",
    "quiz.hint.groups_missing": "Some valid values are missing: {missing}.",
    "err.quiz_empty": "Type an answer first.",
    "err.quiz_bad_int": "Type a whole number, like 12.",
    "err.quiz_bad_number": "Type a number, like -3 or 2.5.",
    "err.quiz_bad_shape": "Type a shape of three whole numbers, like (8, 3, 5).",
    "err.quiz_bad_groups": "Type whole numbers of at least 1, separated by commas, like 1, 2, 4.",
    "err.quiz_too_long": "Answers are at most {max} characters long.",
    # Keyboard access (conv_viz/pages/access.py): names a screen reader reads; the keyboard player of an animation.
    "a11y.scroll_code": "Code, scrolls sideways: use the arrow keys",
    "a11y.scroll_formula": "Formula, scrolls sideways: use the arrow keys",
    "a11y.scroll_table": "Table, scrolls: use the arrow keys",
    "a11y.keys_group": "Animation controls (keyboard)",
    "a11y.frame": "Frame",
    "a11y.col_in_use": "in use",
    # The backward page (/backward): gradients as sums, checked by autograd, and a kernel that learns.
    "gallery.open_backward": "Train its first layer: gradients and SGD on the Backward page",
    "quiz.kind.gradient": "a gradient",
    "quiz.q.gradient_db": (
        "After y = conv(x) and y.sum().backward(), what is conv.bias.grad[{a}]? Small integers: work it out by hand. "
        "Within 0.0001 counts."
    ),
    "quiz.q.gradient_dw": (
        "After y = conv(x) and y.sum().backward(), what is conv.weight.grad[{a}, {b}, {c}]? Small integers: work it "
        "out by hand. Within 0.0001 counts."
    ),
    "quiz.q.gradient_dx": (
        "After y = conv(x) and y.sum().backward(), what is x.grad[{a}, {b}, {c}]? Small integers: work it out by "
        "hand. Within 0.0001 counts."
    ),
    "quiz.format.gradient": "a number, e.g. -3 or 2.5",
    "quiz.open_backward": "See it on the Backward page",
    "quiz.explain.gradient_db": (
        "L = y.sum(), so every dL/dy is 1. The bias is added to each of the channel's {n} outputs: "
        "dL/db = Σₜ dL/dy = {n}."
    ),
    "quiz.explain.gradient_dw": (
        "L = y.sum(), so every dL/dy is 1: dL/dw[o, c, {k}] adds up every input tap {k} read, "
        "x_pad[t·{s} + {k}·{d}] for each output t."
    ),
    "quiz.explain.gradient_dx": (
        "L = y.sum(), so every dL/dy is 1: dL/dx[0, c, {i}] adds up every weight that multiplied x[{i}] in some window."
    ),
    "nav.backward": "Backward",
    "err.url_bad_triple": (
        "Ignored {name}=“{value}” in the URL: expected three whole numbers {names}, at most {maxima}. "
        "Using {name}={default}."
    ),
    "err.url_bad_float": (
        "Ignored {name}=“{value}” in the URL: expected a decimal number from {low} to {high} (like 0.1 or 1e-3). "
        "Using {name}={default}."
    ),
    "err.limit_train": (
        "This training run needs {work} multiply-adds ({steps} steps × 3 passes × {macs} per pass); this app "
        "computes at most {max} per run. Use fewer steps, a shorter input or a smaller layer."
    ),
    "err.train_knobs": "SGD needs a learning rate > 0 and 0 ≤ momentum < 1, got lr={lr}, momentum={momentum}.",
    "back.title": "Backward: the gradients of Conv1d",
    "back.caption": (
        "What loss.backward() computes for a Conv1d, as sums you can read, each number next to torch.autograd's; "
        "then a kernel that learns by gradient descent."
    ),
    "back.loss_header": "Loss",
    "back.loss": "loss",
    "back.loss_sum": "y.sum()",
    "back.loss_mse": "F.mse_loss(y, target)",
    "back.target": "target",
    "back.target_help": (
        "The mean squared error's target, and the kernel the training below learns: a filter's output on x "
        "(the kernel it should find), or a signal no kernel makes exactly."
    ),
    "back.target_moving_average": "moving-average filter",
    "back.target_edge": "edge filter",
    "back.target_gaussian": "Gaussian filter",
    "back.target_random": "random kernel",
    "back.target_sine": "sine signal",
    "back.target_step": "step signal",
    "back.loss_line_sum": "Loss: L = y.sum() = **{value}**",
    "back.loss_line_mse": "Loss: L = F.mse_loss(y, target) = mean((y − target)²) = **{value}**, target = {target}",
    "back.grads_title": "The four gradients",
    "back.grads_caption": (
        "Left: NumPy (conv_viz.core.backward). Right: torch.autograd on nn.Conv1d with the same numbers, "
        "after loss.backward(). A cell passes when |NumPy − torch| ≤ atol + rtol·Σ|terms|."
    ),
    "back.tab_dy": "dL/dy",
    "back.tab_dw": "dL/dw",
    "back.tab_db": "dL/db",
    "back.tab_dx": "dL/dx",
    "back.explain_dy_sum": "L = Σ y, so every output's gradient is 1: dL/dy = ones, the shape of y.",
    "back.explain_dy_mse": "L = mean((y − target)²), so dL/dy = 2·(y − target) / numel(y).",
    "back.explain_dw": (
        "dL/dw[o, c, k] = Σₙ Σₜ dL/dy[n, o, t] · x_pad[n, c, t·stride + k·dilation]: every window that tap k "
        "touched, weighted by the gradient of the output it made."
    ),
    "back.explain_db": (
        "dL/db[o] = Σₙ Σₜ dL/dy[n, o, t]: the bias is added to every output of its channel. "
        "With y.sum() that is the number of outputs per channel, N·L_out."
    ),
    "back.explain_dx": (
        "dL/dx[n, c, i] = Σ over every (o, t, k) whose window read a slot holding x[i] of dL/dy[n, o, t]·w[o, c, k]; "
        "a reflect, replicate or circular pad that copied x[i] sends its share back to x[i]."
    ),
    "back.no_bias": "bias=False: the layer has no bias, so there is no dL/db.",
    "back.close": "NumPy = torch.autograd (allclose)",
    "back.not_close": "NumPy ≠ torch.autograd",
    "back.diff": "largest |NumPy − autograd| = {diff} ({dtype}; rtol {rtol}, atol {atol})",
    "back.w_title": "One weight's gradient, term by term",
    "back.w_help": (
        "Pin dL/dw[o, c, k]. Its terms are the forward windows read backwards: tap k read slot "
        "t·{s} + k·{d} at every output t."
    ),
    "back.w_fig": (
        "Top: the padded input channel {channel} (orange: the slots tap k read). Bottom: dL/dy of each output. "
        "Each line is one term dL/dy[t]·x_pad[slot]."
    ),
    "back.terms": "Every term ({count})",
    "back.col_slot": "padded slot",
    "back.col_reads": "reads",
    "back.col_via": "via",
    "back.col_product": "product",
    "back.col_running": "running sum",
    "back.via_own": "its own slot",
    "back.via_pad": "a padded copy",
    "back.x_title": "One input's gradient, term by term",
    "back.x_help": "Pin dL/dx[n, c, i]: every output window that read x[i] sends back dL/dy · the weight it used.",
    "back.x_fig": (
        "Top: the padded input (orange: slots holding x[i]). Bottom: dL/dy, summed over the output channels x[i] "
        "feeds. Lines: the terms; red arrows: a padded copy's gradient folding back onto x[i]."
    ),
    "back.folded": (
        "Padded slots {slots} are copies of x[{i}] ({mode} padding): their gradient folds back onto x[{i}], "
        "the rows marked “a padded copy” below."
    ),
    "back.not_folded": "No padded slot copies this cell ({mode} padding): its gradient is its own slot's alone.",
    "back.identity_title": "dL/dx is a transposed convolution",
    "back.identity_intro": (
        "The same stride, padding, dilation and groups, the same weight, run as ConvTranspose1d on dL/dy:"
    ),
    "back.identity_fold": (
        "{mode} padding (or uneven or causal padding) is not a crop: the call runs with padding=0 over the "
        "whole padded input, then each pad's gradient is added onto the cell it copied."
    ),
    "back.identity_ok": "conv_transpose1d(dL/dy, w) = dL/dx",
    "back.identity_bad": "conv_transpose1d(dL/dy, w) ≠ dL/dx",
    "back.identity_diff": "largest |conv_transpose1d − backward| = {diff} ({dtype})",
    "back.identity_torch": "the same call in torch (F.conv_transpose1d): largest difference {diff}",
    "back.to_transposed": "ConvTranspose1d, step by step",
    "back.train_title": "A kernel that learns",
    "back.train_caption": (
        "The layer above starts from its weights (seeded: PyTorch's default init) and learns the target by SGD on "
        "F.mse_loss(conv(x), target). NumPy takes each step; torch.optim.SGD takes the same steps beside it."
    ),
    "back.lr": "learning rate",
    "back.lr_help": "torch.optim.SGD's lr: each step moves every weight by −lr·gradient.",
    "back.steps": "steps",
    "back.momentum": "momentum",
    "back.momentum_help": "0: plain SGD. torch's rule: buf = momentum·buf + grad; w −= lr·buf.",
    "back.critical": (
        "The loss's curvature (its Hessian's largest eigenvalue) is λ = {lam}. Gradient descent converges while "
        "lr·λ < 2·(1 + momentum), so here lr < **{critical}**; now lr = {lr}, momentum = {m}."
    ),
    "back.diverged": (
        "Diverged: the loss grew a trillion-fold by step {step}, so training stopped before numbers overflow. "
        "lr = {lr} is above the critical {critical}: each step multiplies the error along the steepest "
        "direction by |1 − lr·λ| = {factor} > 1 instead of shrinking it. Lower the learning rate."
    ),
    "back.signal_target": (
        "The target is a signal, not a filter's output: no kernel makes it exactly, so the loss settles above 0 "
        "at the best kernel of this shape."
    ),
    "back.sgd_ok": "NumPy's steps = torch.optim.SGD's",
    "back.sgd_bad": "NumPy's steps ≠ torch.optim.SGD's",
    "back.sgd_diff": (
        "largest difference over the run, relative to max(1, |value|): loss {loss}, weights {weight} "
        "({dtype}; tolerance {tol})"
    ),
    "back.steps_table": "Loss per step, NumPy and torch ({count} steps)",
    "back.col_step": "step",
    "back.col_wdiff": "max |Δweight| after it",
    "bfig.hover_slot": "padded slot %{x}: %{text}<br>copies input %{customdata}",
    "bfig.hover_dy": "dL/dy at t = %{customdata}: %{text}",
    "bfig.slot_axis": "padded input slot ([i] = copy of x[i], ∅ = zero)",
    "bfig.dy_row": "dL/dy",
    "bfig.x_row": "x_pad",
    "bfig.now": "now",
    "bfig.kernel": "w[{o},{c},:]",
    "bfig.loss": "loss",
    "bfig.target": "target kernel",
    "bfig.step_axis": "steps taken",
    "bfig.loss_axis": "MSE loss (log scale)",
    "bfig.tap_axis": "tap k",
    "bfig.after_steps": "after steps: ",
}
