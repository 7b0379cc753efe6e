"""简体中文字符串。键与 en.py 完全一致（有测试检查）。技术名称保持 torch 的拼写。"""

STRINGS: dict[str, str] = {
    "err.positive": "{name} 必须是正整数，当前 {name}={value}。请使用 {name} ≥ 1。",
    "err.groups_positive": "groups 必须是正整数，当前 groups={groups}。此处可用的 groups：{valid}。",
    "err.groups_divide": "{name} 必须能被 groups 整除：groups={groups} 不能整除 {name}={channels}。此处可用的 groups：{valid}。",
    "err.padding_string": "padding 字符串 '{padding}' 无效，只能是 'same'、'valid'（或 ≥ 0 的整数）。",
    "err.same_strided": "padding='same' 不支持步长大于 1 的卷积（stride={stride}）。请设 stride=1，或把 padding 设为整数。",
    "err.padding_negative": "不支持负的 padding（padding={padding}）。请使用 padding ≥ 0。",
    "err.padding_mode": "padding_mode 只能是 {modes} 之一，当前 padding_mode='{padding_mode}'。",
    "err.causal_padding": (
        "因果填充已在左侧填充 dilation·(kernel_size−1) 个单元；padding={padding} 会再填充一次。"
        "请设 padding=0，或关闭因果填充。"
    ),
    "err.length_positive": "输入长度至少为 1，当前为 {length}。",
    "err.reflect_pad": (
        "填充大小必须小于对应的输入维度：reflect 填充 {pad} 要求输入长度大于 {pad}，当前长度为 {length}。"
        "请使用 padding ≤ {max_pad}，或长度 ≥ {fix} 的输入。"
    ),
    "err.circular_pad": (
        "填充值会导致循环绕回超过一次：circular 填充 {pad} > 输入长度 {length}。请使用长度 ≥ {fix} 的输入，或减小填充。"
    ),
    "err.kernel_too_big": (
        "卷积核不能大于实际输入：填充后的输入有 {padded} 个单元，但一个窗口覆盖 "
        "dilation·(kernel_size−1)+1 = {dilation}·({kernel_size}−1)+1 = {span} 个单元。"
        "请使用长度 ≥ {fix} 的输入、增大填充，或减小 kernel_size 或 dilation。"
    ),
    "err.transposed_mode": "ConvTranspose1d 只支持 \"zeros\" 填充模式，当前 padding_mode='{padding_mode}'。",
    "err.output_padding_negative": "output_padding 必须 ≥ 0，当前为 {output_padding}。",
    "err.output_padding": (
        "output_padding 必须小于 stride 或 dilation 之一：output_padding={output_padding}，"
        "stride={stride}，dilation={dilation}。请使用 output_padding ≤ {max_op}。"
    ),
    "err.transposed_too_small": "输出太小：输入长度 {length} 得到的输出长度为 {out}。请使用长度 ≥ {fix} 的输入，或减小 padding。",
    "err.input_dims": "conv1d 需要 2 维（无批次）或 3 维（有批次）的输入，当前输入形状为 {shape}。",
    "err.weight_dims": "weight 需要是 3 维 (out_channels, in_channels/groups, kernel_size)，当前形状为 {shape}。",
    "err.channels_mismatch": (
        "groups={groups}、weight 形状为 {weight_shape} 时，输入 {input_shape} 应有 {expected} 个通道，"
        "实际却有 {got} 个。请设 in_channels={got}，或让输入有 {expected} 个通道"
        "（数据按 (N, L, C) 存放时，用 x.permute(0, 2, 1)）。"
    ),
    "err.weight_groups": "形状为 {weight_shape} 的 weight 有 {out} 个输出通道，不能被 groups={groups} 整除。",
    "err.bias_shape": "weight 形状为 {weight_shape} 时，bias 应是含 {expected} 个元素的一维张量，实际形状为 {shape}。",
    "err.dtype": "只支持 float32 和 float64，当前为 {dtype}。",
    "err.dtype_mismatch": "输入、weight 和 bias 的 dtype 必须一致，当前为 {dtypes}。",
    "err.arg_type": (
        "{name} 必须是整数，与 torch 的要求一致：Python 或 NumPy 的 int（stride、padding 和 dilation 也可以是只含一个整数的元组）；"
        "当前 {name}={value}（{type}）。请写成整数，例如 {name}=1。"
    ),
    "err.arg_length": (
        "一维卷积的 {name} 只能有一个值（或只含一个值的元组）；当前有 {count} 个：{name}={value}。"
        "请只保留一个值，例如 {name}=1 或 {name}=(1,)。"
    ),
    "err.arg_int64": (
        "{name}={value} 超出了 64 位整数的范围（−9223372036854775808 到 9223372036854775807），"
        "torch 无法读取。请使用更小的 {name}。"
    ),
    "err.arg_int32": (
        "ConvTranspose1d 用 32 位整数保存 {name}：{name}={value} 超过了 {max}，torch 会拒绝或使其溢出回绕。"
        "请使用 {name} ≤ {max}。"
    ),
    "err.too_big": (
        "这次卷积需要 {needed} 字节（填充后的输入和输出），超过了本机的 {memory} 字节内存。"
        "请减少填充、缩短输入或减少通道数。"
    ),
    # 本应用自身的限制（limits.py）与数据：预设、手动输入、上传文件、torch。
    "err.limit": "{name}={value} 超出了本应用的上限 {max}。请使用 {name} ≤ {max}。",
    "err.limit_work": (
        "这次卷积需要 {macs} 次乘加（N·C_out·L_out·(C_in/groups)·K = {formula}），"
        "本应用每次最多计算 {max} 次。请减小 {knob}（当前为 {value}）。"
    ),
    "err.seed": "seed 必须是 0 到 {max} 之间的整数，当前为 {seed}。",
    "err.unknown_preset": "未知的 {kind} 预设 '{name}'。可选：{valid}。",
    "err.typed_empty": "{name} 中没有数字。数字之间用 ',' 分隔（通道之间用 ';'，批次样本之间用 '|'）。",
    "err.typed_not_number": "{where}：'{token}' 不是数字。",
    "err.typed_not_finite": "{where} 是 {token}：只允许有限的数字（不能是 nan 或 inf）。",
    "err.overflow": "{name} 超出了 {dtype} 的范围：绝对值超过 {max} 的数会变成 inf，之后的结果都无法显示。请输入更小的数字。",
    "err.overflow_float32": (
        "{name} 超出了 float32 的范围：绝对值超过 {max} 的数会变成 inf，之后的结果都无法显示。"
        "请输入更小的数字，或把 dtype 改为 float64（可到 ±1.8e308）。"
    ),
    "err.typed_too_many": "{name} 有 {count} 个数字，手动输入最多 {max} 个。请改用预设或上传文件。",
    "err.typed_ragged": "{where} 有 {got} 个数字，而 {first} 有 {expected} 个：每个通道的长度必须相同。",
    "err.typed_ragged_channels": "{where} 有 {got} 个通道，而 {first} 有 {expected} 个：每个样本的通道数必须相同。",
    "err.upload_too_big": "文件大小为 {size} 字节，上传上限为 {max} 字节（{max_mb} MB）。",
    "err.csv_encoding": "该 CSV 文件不是 UTF-8 文本。请另存为“CSV UTF-8”后重新上传。",
    "err.csv_empty": "该 CSV 文件中没有数字行（每行一个时间步，每列一个通道）。",
    "err.csv_ragged": "CSV 第 {row} 行有 {got} 列，而第一行有 {expected} 列：每行都需要为每个通道提供一个值。",
    "err.csv_not_number": "CSV 第 {row} 行第 {column} 列：'{token}' 不是数字。",
    "err.csv_not_finite": "CSV 第 {row} 行第 {column} 列是 {token}：只允许有限的数字（不能是 nan 或 inf）。",
    "err.csv_invalid": "NumPy 无法读取该 CSV 文件：{detail}",
    "err.wav_invalid": "无法读取该 WAV 文件。请上传未压缩 PCM 格式的 .wav 文件。",
    "err.wav_empty": "该 WAV 文件中没有采样。",
    "err.wav_format": "该 WAV 文件的格式代码为 {code}（{kind}），只支持未压缩的整数 PCM。请导出为 16 位 PCM WAV。",
    "err.wav_width": "不支持 {bits} 位的 WAV 采样，请使用 8、16、24 或 32 位 PCM。",
    "err.wav_too_long": (
        "该 WAV 文件有 {frames} 个采样（{rate} Hz 下为 {seconds} 秒）；本应用最多接受 {max} 个采样，"
        "在此采样率下即 {max_seconds} 秒。请剪成更短的片段后重新上传。"
    ),
    "err.wav_rate": "采样率必须是正整数（Hz），当前为 {rate}。",
    "err.signal_shape": "只能播放一维 (L) 或二维 (channels, L) 的信号，当前形状为 {shape}。",
    "err.signal_not_finite": "信号中含有 nan 或 inf，无法播放。",
    "err.torch_missing": "此处未安装 PyTorch，因此跳过与 torch 的核对。",
    "err.torch_failed": "PyTorch 报错：{error}",
    "err.snippet_too_big": "代码需要逐个写出 {count} 个数字（最多 {max} 个）。请改用带 seed 的随机数据，或更短的输入。",
    "warn.seeded_numpy": (
        "未安装 torch：带 seed 的随机数据由 NumPy 生成，与 torch.manual_seed 的结果不同。"
        "安装 torch 后即可得到与 notebook 相同的数字。"
    ),
    # 图
    "fig.hover_input": "填充后位置 %{x}：%{z:.4f}<br>读取输入下标 %{customdata}",
    "fig.output_cell": "输出",
    "eq.more": "… 另有 {hidden} 项 …",
    "eq.more_terms": "另有 {count} 项",
    "eq.bias": "（偏置 bias）",
    "eq.engine": "（引擎：{value}）",
    "groups.col_max_diff": "最大 |NumPy − torch|",
    "fig.sum_over": "{count} 个乘积，窗口为填充后位置 {slots}",
    "fig.x_axis": "填充后的输入：每个位置读取的输入下标（[i] = 复制自 x[i]，∅ = 零填充）",
    "fig.output_row": "输出 y",
    "fig.legend_note": "角上斜线 = 填充 · 虚线弧 = 填充位置复制的单元 · 橙色框 = 卷积核的抽头 · 黑框 = 正在计算的输出",
    "fig.outputs_centred": "每个 y[t] 位于其窗口正中的下方",
    "fig.outputs_causal": "因果（causal）：y[t] 位于窗口最后一个抽头 x[t·stride] 下方；没有输出能看到未来",
    "fig.title_pinned": "已固定：{cell}",
    "fig.title_animation": "动画：{cell}",
    "fig.pinned_label": "已固定",
    "fig.position": "输出位置",
    "fig.play": "播放",
    "fig.pause": "暂停",
    "fig.overview": "整段信号 · 阴影 = 动画窗口",
    "fig.input_index": "输入下标（输出画在其窗口起点处）",
    "fig.input_index_causal": "输入下标（causal：输出画在其窗口最后一个抽头处，即它读到的最新输入）",
    # URL 查询参数（conv_viz.server.url_state）：忽略了什么，改用什么。
    "err.url_bad_int": "已忽略 URL 中的 {name}=“{value}”：应为 {low} 到 {high} 之间的整数。改用 {name}={default}。",
    "err.url_over_limit": "已忽略 URL 中的 {name}=“{value}”：本应用最多允许 {name}={limit}。改用 {name}={default}。",
    "err.url_bad_choice": "已忽略 URL 中的 {name}=“{value}”：应为 {choices} 之一。改用 {name}={default}。",
    "err.url_bad_cell": (
        "已忽略 URL 中的 cell=“{value}”：应为三个整数 n,o,t（批次中的样本、输出通道、位置），"
        "且 n ≤ {n_max}、o ≤ {o_max}、t ≤ {t_max}。改用 cell={default}。"
    ),
    "err.url_too_long": "已忽略 URL 中输入的数据 {name}=“{value}”：长度为 {length} 个字符，本应用最多读取 {cap} 个。",
    "err.url_repeated_key": "URL 中 {name} 出现了 {count} 次，使用最后一个值 {name}=“{value}”。",
    "err.url_unknown_key": "已忽略未知的 URL 参数 “{name}”。",
    "err.url_unknown_key_hint": "已忽略未知的 URL 参数 “{name}”。你是不是想用 {hint}？",
    "err.url_unknown_keys_more": "另有 {count} 个未知的 URL 参数已被忽略。",
    # 导航与演练场
    "nav.playground": "演练场",
    "play.title": "Conv1d 实验室 · 演练场",
    "play.caption": (
        "设置 torch.nn.Conv1d 的任意参数，观察卷积核在填充后的输入上滑动；固定任一输出单元，"
        "即可看到产生它的 NumPy 求和过程，并与 PyTorch 算出的值对照。PyTorch 的 Conv1d 计算的是互相关：卷积核不翻转。"
    ),
    "play.showing_last": "在满足上面的规则之前，这里显示最后一个有效的配置。",
    "play.causal_note": "causal 不是这一层的参数：应用先只在左侧填充 `{pad}`（dilation·(kernel_size−1) 个格子），再以 padding=0 运行这一层。",
    "play.numpy_seed": "此处未安装 torch：带种子的数据来自 NumPy，与 torch.manual_seed 的结果不同。",
    "play.window_note": "输入较长：动画只显示固定单元附近的 {shown} 个输出位置（共 {total} 个）；下方概览图显示整个信号。",
    "play.sum_title": "已固定的单元 y[{n}, {o}, {t}] 是怎样算出来的",
    "play.zero_pad": "零填充",
    "play.col_slot": "填充后位置",
    "play.col_reads": "读取",
    "play.col_running": "累加和",
    "play.more_terms": "… 另有 {hidden} 项未列出 … 最后一行是第 {count} 项：它的累加和包含了每一项。所有 x 和 w 都在「导出」标签页的 CSV 文件里。",
    "play.numpy_value": "NumPy（本应用）",
    "play.chart_failed": "动画无法加载它的绘图库（plotly.js）。请刷新页面；如果仍然没有出现，请告诉运行这个应用的人：应用自己的文件没有被提供。",
    "play.no_torch": "未安装 torch：交叉核对已关闭；这里的每个数字都只来自 NumPy。",
    "play.diff": "|NumPy − torch| = {diff}（{dtype}，差值）",
    "ui.pin_n": "批次样本 n",
    "ui.pin_o": "输出通道 o",
    "ui.pin_t": "位置 t",
    "ui.pin_help": "在这里固定一个输出单元，或点击动画输出行中的单元。",
    "ui.padding_number": "整数",
    "ui.padding_cells": "填充（单元数）",
    "ui.causal": "因果",
    "ui.present": "演示模式",
    "ui.present_exit": "退出演示模式",
    "help.present": "大单元格、大字号、隐藏侧边栏、只显示一个动画：适合投影。链接会保留此设置。",
    "ui.phone_layout": "手机布局",
    "help.phone_layout": "动画中单元格更少、字更大，图例以文字放在动画下方，适合约 400 像素宽的屏幕。在手机浏览器中自动开启。",
    "share.button": "分享给全班",
    "share.scan": "用手机相机扫码：打开同一视图（不含演示模式）。",
    "share.alt": "本视图链接的二维码",
    "share.link": "或输入链接：",
    "share.too_long": (
        "这个链接有 {chars} 个字符，太长，手机隔着教室读不出二维码。请直接分享链接，"
        "或把输入的数字存成文件：用“导出”标签页的 CSV 或 NPY，再在侧边栏上传。"
    ),
    "share.local": "这个链接指向本机（{host}）：学生的手机打不开。请在学生能访问的地址（网络地址）上运行应用，再从那里分享。",
    "share.no_url": "浏览器没有告诉本页它的地址：请从地址栏复制链接。",
    "ui.data": "数据",
    "ui.typed": "输入你自己的数字",
    "ui.typed_help": "数字用 `,` 分隔，通道用 `;` 分隔，批次样本（x）或输出通道（weight）用 `|` 分隔。形状由输入内容推断；留空则使用预设。",
    "ui.upload": "上传 CSV 或 WAV",
    "ui.upload_help": "CSV：每行一个时间步，每列一个通道。WAV：PCM 格式，每个声道作为一个通道。",
    "ui.upload_ok": "已载入形状为 {shape} 的 x；它现在是手动输入的 x，链接会携带它。",
    "ui.layout_nlc": "我的数据是 (N, L, C)",
    "help.in_channels": "输入 x 的通道数：x 的形状为 (N, in_channels, L)。",
    "help.out_channels": "输出 y 的通道数：每个输出通道一个卷积核。",
    "help.set_by_typed": "由手动输入数据的形状决定。",
    "help.set_by_typed_w": (
        "由手动输入的权重决定：形状 {shape} 即 (out_channels, in_channels/groups, kernel_size)。清空手动输入的权重即可重新选择。"
    ),
    "ui.weights_typed": "下方手动输入：形状 {shape}",
    "help.kernel_size": "每个卷积核的抽头数：每个输出在每个通道上读取多少个输入单元。",
    "help.stride": "相邻输出位置之间窗口移动的距离。",
    "help.padding": "整数表示两端各填充该数量；'same' 使 L_out = L_in（仅限 stride 1）；'valid' 表示不填充。",
    "help.padding_mode": "填充单元读取什么：零、输入的镜像（reflect）、边缘值（replicate）或循环（circular）。",
    "help.dilation": "抽头之间的间隔：窗口覆盖 dilation·(kernel_size−1)+1 个单元。",
    "help.groups": "把通道分成互不可见的组。此处可用：{valid}。",
    "help.bias": "为每个输出通道加上一个可学习的数。",
    "help.causal": "只在左侧填充 dilation·(kernel_size−1) 个单元，使任何输出都看不到未来。",
    "help.seed": "torch.manual_seed(seed); x = torch.randn(N, C_in, L); conv = nn.Conv1d(...) 得到的就是这些数。",
    "help.input": "x 的来源；'随机' 是 torch.manual_seed(seed) 之后的 torch.randn。",
    "help.weights": "权重的来源；'随机' 是在带种子的 randn 之后 nn.Conv1d 的默认初始化。",
    "help.layout": "演示按 (N, L, C) 存放的数据直接送入 Conv1d 会怎样，以及用 permute 修正的方法。",
    "preset.random": "随机（带种子，与 torch 一致）",
    "preset.ramp": "斜坡 0, 1, 2, …",
    "preset.ones": "全 1",
    "preset.sine": "正弦",
    "preset.noisy_sine": "带噪声的正弦",
    "preset.step": "阶跃",
    "preset.chirp": "啁啾（频率递增）",
    "preset.multivariate": "多变量时间序列",
    "preset.embedding": "词向量序列",
    "preset.moving_average": "滑动平均",
    "preset.edge": "边缘检测 [-1, 0, 1]",
    "preset.gaussian": "高斯",
    "preset.identity": "恒等（单位脉冲）",
    "err.upload_too_many": "上传的数据有 {count} 个值；可分享的链接最多携带 {max} 个。请截短或降采样。",
    # 标签页
    "tab.tensors": "张量",
    "tab.shapes": "形状与公式",
    "tab.code": "PyTorch 代码",
    "tab.correlation": "是互相关，不是卷积",
    "tab.layout": "(N, L, C) 布局检查",
    "tab.export": "导出",
    # 应用写出的链接（conv_viz.server.url_state.write）：链接放不下的数据、应用拒绝的文本。
    "link.kept": (
        "输入的 {name} 太长，链接放不下：共 {chars} 个字符，而一个链接最多 {max} 个。本服务器保存了它，"
        "链接用 {kept} 指代它。只要 {name} 仍在最近保存的 {count} 段文本之中，此链接在本服务器上就能重新打开这个视图。"
    ),
    "link.kept_file": "若要保存 x，或在其他服务器上打开：把它下载为 CSV（见下方），再在那里上传（演练场页的“上传 CSV 或 WAV”）。",
    "link.kept_copy": "若要保存 {name}，或在其他服务器上打开：从它的输入框中复制文本。",
    "link.csv": "x 的 CSV 文件（用于上传）",
    "link.refused": "链接保留应用最后接受的 {name}：现在输入的 {name} 未被接受（原因见页面上的提示）。",
    "link.refused_none": "在应用接受 {name} 之前，链接不包含它（原因见页面上的提示）。",
    "err.url_kept_missing": (
        "此链接中输入的 {name}（{kept}）不在本服务器上：链接放不下的输入数据只保存在输入它的服务器上，"
        "且只保留最近的若干段。现在显示不含它的页面：请重新输入或上传。"
    ),
    "export.link": "指向当前视图的链接（包含所有设置、手动输入的数据和固定的单元）：",
    "export.html": "动画（HTML，可离线播放）",
    "export.tensors": "张量（CSV + NPY，zip 压缩包）",
    "export.torch_code": "PyTorch 代码（.py）",
    "export.numpy_code": "NumPy 代码（.py）",
    "tensors.allclose": "NumPy = torch（allclose，一致）",
    "tensors.not_close": "NumPy ≠ torch（不一致）",
    "tensors.max_diff": "最大 |NumPy − torch| = {diff}（容差 rtol={rtol}，atol={atol}）",
    "tensors.inputs": "**输入**",
    "tensors.outputs": "**输出**",
    "shapes.what": "项目",
    "shapes.value": "当前值",
    "shapes.why": "规则",
    "shapes.params": "参数量",
    "shapes.receptive": "感受野（单元）",
    "shapes.init": "默认初始化范围",
    "shapes.flatten": "展平后的大小",
    "shapes.pads": "填充（左 + 右）",
    "shapes.params_why": "weight 与 bias 的元素个数",
    "shapes.flatten_why": "out_channels · L_out：后接 nn.Linear 时的 in_features",
    "shapes.pads_why": "'same' 把多出的一个单元放在右侧；因果填充只填左侧",
    "code.caption": "在笔记本中运行这段代码：它打印的数字与本页完全相同。",
    "code.cudnn": (
        "在 GPU 上最后几位数字可能不同：对同一个卷积，cuDNN 可能选用非确定性的算法。"
        "设置 `torch.backends.cudnn.deterministic = True` 和 `torch.backends.cudnn.benchmark = False` 可让结果可重复；"
        "本页及其校验都在 CPU 上运行。"
    ),
    "corr.intro": "PyTorch 的 Conv1d 计算的是**互相关**：卷积核不翻转。单通道、无填充时，它等于 `np.correlate`；`np.convolve` 会先翻转卷积核。",
    "corr.too_short": "此处卷积核比输入还长：请选更长的输入再比较。",
    "corr.verdict": "conv1d 等于 np.correlate：{same} · conv1d 等于 np.convolve：{flipped}",
    "corr.yes": "是",
    "corr.no": "否",
    "layout.intro": "时间序列常按 (N, L, C) 存放（Keras 和 pandas 都是如此），而 Conv1d 需要 (N, C, L)。这里按 (N, L, C) 存放的数据形状为 {shape}；Conv1d 需要 {right}。",
    "layout.engine_error": "本应用的引擎给出的信息（与 torch 执行的规则相同）：",
    "layout.torch_error": "torch 抛出的原始错误：",
    "layout.silent": "此处 L 恰好等于 in_channels（{c}），错误的布局不会报错，却会悄悄算出错误的结果。请检查形状，而不只是看有没有报错。",
    # -- playground: sound (audio presets, the Listen tab, uploads kept on the server) --
    "preset.rhythm": "节奏（按拍的咔嗒声）",
    "tab.listen": "试听",
    "listen.rate": "采样率（Hz）",
    "listen.rate_help": "每秒播放多少个值。预设按 8,000 Hz 设计；上传的 WAV 使用它自己的采样率。采样率越高，播放越快、音调越高。",
    "listen.hint.moving_average": (
        "**滑动平均**：每个输出是其窗口内的均值，相当于低通滤波器。听嘶嘶的噪声消失，而音调保留（试试带噪声的正弦）。"
    ),
    "listen.hint.gaussian": "**高斯**：比滑动平均更温和的平滑。听噪声渐弱，音调保留。",
    "listen.hint.edge": (
        "**边缘检测 [-1, 0, 1]**：x[t+1] − x[t−1]，信号跳变处数值大。听咔嗒声：嗡嗡声变弱，咔嗒声保留"
        "（试试节奏）；在啁啾上，高频部分变响。"
    ),
    "listen.hint.identity": "**恒等**：y 就是 x，只按填充平移。输入和输出听起来应当一样。",
    "listen.hint.random": (
        "**随机权重**：每个输出通道都是 nn.Conv1d 初始化得到的随机滤波器，混合各输入通道。听听它们给声音带来的不同音色。"
    ),
    "listen.hint.typed": "**你输入的权重**：你输入的滤波器。各抽头相等会平滑声音；正负交替的抽头保留快速变化。",
    "listen.normalised": (
        "每段音频各自归一化到峰值 {peak}（增益写在播放器上方），所以比较的是听起来如何，而不是音量："
        "边缘检测的微弱输出会被放大，很大的和会被缩小。"
    ),
    "listen.too_short": "x 只有 {length} 个采样点：在 {rate} Hz 下仅 {seconds} 秒，太短，听不出来。把 length 设为 {need}（在此采样率下为 {need_seconds} 秒），或点击下面的示例。",
    "listen.too_short_rate": (
        "x 只有 {length} 个采样点：在 {rate} Hz 下仅 {seconds} 秒，太短，听不出来；在此采样率下即使最长的输入（{max}）"
        "也只有 {max_seconds} 秒。请降低采样率，或点击下面的示例。"
    ),
    "listen.demos": "示例：单通道输入和输出，padding='same'，8,000 Hz 下一秒。",
    "listen.demo_hiss": "带噪声的音调 + 滑动平均",
    "listen.demo_clicks": "节奏 + 边缘检测",
    "listen.demo_sweep": "啁啾 + 滑动平均",
    "listen.inputs": "**输入** x[{n}, c] · {rate} Hz 下 {seconds} 秒",
    "listen.outputs": "**输出** y[{n}, o] · 由引擎计算，完整信号",
    "listen.hold": "stride={stride} 每 {stride} 个窗口保留一个：每个输出值保持 {stride} 个采样点，使 y 与 x 一样长。",
    "listen.clip": "{name} · 峰值 {peak} · 增益 ×{gain}",
    "listen.alt": "{name}，{seconds} 秒音频",
    "listen.more": "只显示 {count} 个 {name} 中的前 {shown} 个。",
    "upload.in_use": (
        "x 是你上传的文件：{channels} 个通道 × {length} 个采样点（{rate} Hz 下 {seconds} 秒）。它太长，链接放不下，"
        "所以由本服务器保存，链接用 upload={upload} 指代它。只要它仍在最近保存的 {count} 个上传之中，此链接在本服务器上就有效。"
    ),
    "upload.drop": "改用预设",
    "err.upload_missing": (
        "此链接中的上传（upload={upload}）不在本服务器上：上传只保存在接收它的服务器上，且只保留最近的 {count} 个。"
        "现在改为显示输入预设；如需使用，请重新上传该文件。"
    ),
    "err.url_bad_upload": "已忽略 URL 中的 upload=“{value}”：上传以 16 位十六进制数字（0–9、a–f）命名。改用输入预设。",
    # -- page: transposed --
    "nav.transposed": "ConvTranspose1d 转置卷积",
    "transposed.title": "Conv1d 实验室 · ConvTranspose1d",
    "transposed.caption": (
        "nn.ConvTranspose1d 把 Conv1d 的运算反过来：每个输入值把一份按比例缩放的卷积核放进输出，"
        "重叠的地方相加。它是 Conv1d 对其输入的梯度，而不是它的逆运算。"
    ),
    "err.transposed_padding": (
        "ConvTranspose1d 的 padding 只能是整数，当前 padding='{padding}'（torch：conv_transpose1d() 的参数 "
        "'padding' 必须是整数元组）。请把 padding 选为“整数”；'valid' 就是 padding=0。"
    ),
    "err.transposed_work": (
        "这次转置卷积需要 {macs} 次乘加（N·C_in·L_in·(C_out/groups)·K = {formula}），"
        "本应用每次最多计算 {max} 次。请缩短输入、减少通道或减小卷积核。"
    ),
    "help.t_in_channels": "输入 x 的通道数：其形状为 (N, in_channels, L_in)。",
    "help.t_out_channels": "输出 y 的通道数：每个输入通道向同组的每个输出通道铺开一份卷积核。",
    "help.t_stride": "相邻输入单元的卷积核副本在输出中相隔多远（即上采样倍数）。",
    "help.t_padding": "ConvTranspose1d 只接受整数：从输出两端各裁掉这么多个单元。",
    "help.output_padding": (
        "在输出右侧额外增加的单元数，用来在 Conv1d 映射到同一长度的多个输入长度中选出一个。"
        "必须小于 max(stride, dilation)；此处可用 0 … {max}。"
    ),
    "help.t_padding_mode": "ConvTranspose1d 只支持 'zeros'；选其他模式会显示 torch 的规则。",
    "transposed.typed_w": (
        "手动输入的 weight 按 nn.ConvTranspose1d 的存储方式读取：(in_channels, out_channels / groups, "
        "kernel_size)，输入通道之间用 '|' 分隔。"
    ),
    "transposed.pin_i": "输入位置 i",
    "transposed.pin_help": "选择要绘制的批次样本和输出通道，以及动画开始时的输入位置。",
    "transposed.scatter_title": "散射相加：每个输入单元放下一份缩放后的卷积核",
    "transposed.scatter_caption": (
        "第 i 行：输入位置 i（对其所在组的输入通道求和）乘以卷积核，放在 "
        "i·stride + k·dilation − padding = i·{s} + k·{d} − {p} 处。灰色 ✂ 列被 padding={p} 裁掉；"
        "output_padding={op} 在右侧增加单元。“累计和”一行把目前为止的各行相加；最后一行是引擎算出的 y。"
        "点击播放，或拖动滑块。"
    ),
    "transposed.window_note": "输入较长：图中只绘制 i 附近的 {shown} 个位置（共 {total} 个）。",
    "tfig.hover_cell": "输出 t = %{customdata}：%{z:.4f}",
    "tfig.hover_sum": "t = %{customdata} 处的累计和：%{z:.4f}",
    "tfig.hover_y": "t = %{customdata} 处的 y：%{z:.4f}",
    "tfig.title": "i = {i}：x[{n}, :, {i}] 把缩放后的卷积核放到输出单元 {first} … {last}",
    "tfig.title_cropped": "i = {i}：x[{n}, :, {i}] 把缩放后的卷积核放到单元 {first} … {last}（其中 {lost} 个被 padding 裁掉）",
    "tfig.x_axis": "输出位置 t（✂ = 算出后又被 padding 裁掉）",
    "tfig.sum_row": "各行累计和",
    "tfig.position": "输入位置",
    "tfig.hover_count": "输出 t = %{x}：写入 %{z} 次",
    "tfig.count_axis": "输出位置 t",
    "tfig.count_row": "写入次数",
    "tfig.round_axis": "位置",
    "transposed.overlap_title": "重叠：每个输出单元被多少个 (i, k) 对写入",
    "transposed.even": "远离边缘处，每个输出单元都被写入 **{count}** 次：均匀，因此没有棋盘格。{reason}",
    "transposed.uneven": (
        "远离边缘处，每个单元的写入次数按 **{pattern}** 以 stride={s} 为周期重复：不均匀，"
        "这就是转置卷积的棋盘格伪影。{reason}"
    ),
    "transposed.reason_divides": "kernel_size={k} 是 stride={s} 的整数倍，各相位分到的抽头一样多。",
    "transposed.reason_not_multiple": "kernel_size={k} 不是 stride={s} 的整数倍，有些相位多分到一个抽头。",
    "transposed.reason_dilation": "dilation={d} 与 stride={s} 有公因数，抽头只落在部分相位上。",
    "transposed.strip_note": "只显示 {total} 个输出单元中的前 {shown} 个；图案会重复。",
    "transposed.tab_lengths": "输出长度与 output_padding",
    "transposed.tab_gradient": "= Conv1d 的梯度",
    "transposed.tab_inverse": "≠ Conv1d 的逆",
    "transposed.tab_torch": "NumPy 与 torch 对比",
    "transposed.preimage_one": (
        "`Conv1d(kernel_size={k}, stride={s}, padding={p}, dilation={d})` 只把输入长度 **{lengths}** "
        "映射到输出长度 {length}：stride={s} 时公式里的向下取整不丢掉任何余数，只有 `output_padding=0` "
        "得到的长度能被 Conv1d 映射回 {length}。"
    ),
    "transposed.preimage": (
        "`Conv1d(kernel_size={k}, stride={s}, padding={p}, dilation={d})` 把 {count} 个输入长度 "
        "**{lengths}** 都映射到同一个输出长度 {length}：公式里的向下取整丢掉了余数。"
        "ConvTranspose1d 只能返回其中一个，由 `output_padding` 决定是哪一个。"
    ),
    "transposed.current": "◀ 本页",
    "transposed.col_length": "ConvTranspose1d 的 L_out",
    "transposed.col_back": "Conv1d 映射回的长度",
    "transposed.col_match": "是否属于上面的长度",
    "transposed.op_rule": (
        "torch 的规则：output_padding < max(stride, dilation) = max({s}, {d})，即 0 … {max}。"
        "取值 ≥ stride（dilation > stride 时允许）得到的长度，Conv1d 不再映射回 L_in。"
    ),
    "transposed.weight_intro": (
        "**weight 形状。** ConvTranspose1d 存储 weight 的方向与 Conv1d 相反——而同一个张量恰好适用于"
        "输入输出通道互换的那个 Conv1d，也就是它所计算梯度的那个 Conv1d："
    ),
    "transposed.col_module": "模块",
    "transposed.col_layout": "各维含义",
    "transposed.same_tensor": "与 ConvTranspose1d 的形状相同：同一个张量，两个方向都能用",
    "transposed.grad_intro": (
        "取 weight 相同、输入输出通道互换的 Conv1d，给它一个输入 z，以及到达其输出的梯度 g（即本页的 x）。"
        "反向传播传回 z 的是 ∂/∂z Σ conv1d(z)·g——它正好等于 conv_transpose1d(g)，而且与 z 完全无关：这是线性映射。"
    ),
    "transposed.grad_padded": (
        "output_padding={op} ≥ stride：conv1d(z) 有 {conv} 个位置，而不是 {length} 个；多出的位置梯度为 0，"
        "因此在 g 后面补零。"
    ),
    "transposed.grad_inner": (
        "为什么叫“转置”：⟨conv1d(z), g⟩ = **{lhs}**，⟨z, conv_transpose1d(g)⟩ = **{rhs}**——这正是转置矩阵的定义。"
    ),
    "transposed.grad_ok": "conv_transpose1d(g) = z.grad（allclose，数值一致）",
    "transposed.grad_bad": "conv_transpose1d(g) ≠ z.grad（数值不一致）",
    "transposed.snippet": "在笔记本中用与本页形状相同的随机张量验证：",
    "transposed.grad_diff": "max |引擎 − torch autograd| = {diff}（{dtype}）",
    "transposed.inverse_intro": (
        "先卷下去再转置回来：z 是按输出形状生成的输入预设“{preset}”；conv1d 把它变短，conv_transpose1d 把形状还原。"
    ),
    "transposed.inverse_not": (
        "形状回来了，{shape}，数值却没有：max |conv_transpose1d(conv1d(z)) − z| = **{diff}**。转置不是逆运算。"
    ),
    "transposed.inverse_equal": (
        "这里数值也回来了（最大差 {diff}，形状 {shape}）：这个卷积核只是平移。一般情况下转置不是逆运算——换别的权重试试。"
    ),
    "transposed.inverse_padding": "回来的那一步用 output_padding={op}，它让长度恢复为 z 的长度。",
    # -- page: groups --
    "nav.groups": "分组 groups",
    "groups.title": "Conv1d 实验室 · groups",
    "groups.caption": (
        "从 groups=1 到深度卷积（depthwise）：哪些输入通道连到哪些输出通道、每个 groups 取值的代价，"
        "以及深度可分离卷积与它所替代的完整 Conv1d 的对比。所有数字都由 NumPy 引擎计算，并与 torch 核对。"
    ),
    "groups.every_title": "in_channels={c}、out_channels={o} 时所有可用的 groups",
    "groups.split": (
        "**groups 把通道拆成互不相干的几个卷积**：groups=g 时，{c} 个输入通道和 {o} 个输出通道各被分成 g 组，"
        "每个输出通道只读取本组的输入通道。groups 必须同时整除两者；这里可用 groups = {valid}。"
    ),
    "groups.depthwise_yes": (
        "**groups = in_channels = {c} 且 out_channels = {k}·{c} = {o} 时就是深度卷积（depthwise）**："
        "每个输入通道有自己的 {k} 个滤波器，通道之间互不混合。"
    ),
    "groups.depthwise_no": (
        "深度卷积要求 out_channels 是 in_channels = {c} 的整数倍；{o} 不是，所以这里不能取 groups={c}。"
        "下面的可分离卷积会自己构造一个深度卷积层。"
    ),
    "groups.diagram_caption": "上排是输入通道，下排是输出通道。每条色带是一组，把它读取的输入连到它写入的输出；把鼠标移到色带上可查看通道编号。",
    "groups.kind_full": "完整",
    "groups.kind_grouped": "分组",
    "groups.kind_depthwise": "深度",
    "groups.current": "◀ 侧栏",
    "groups.col_kind": "类型",
    "groups.col_params": "参数量",
    "groups.col_macs": "乘加次数",
    "groups.col_reads": "每个输出通道读取的输入数",
    "groups.col_layer": "层",
    "groups.col_out": "输出形状",
    "groups.table_note": "参数量 = weight 与 bias 的元素个数。乘加次数按 N={n}、L_in={length} 的一次前向计算：N·C_out·L_out·(C_in/groups)·K。",
    "groups.matrix_title": "groups={g} 的逐格连接",
    "groups.matrix_caption": (
        "第 o 行是输出通道，第 c 列是输入通道。有颜色的格子是 weight 中的一个卷积核：w[o, j] 是输出 o 的 "
        "{per} 行输入中的第 j 行，所以 weight 的形状为 {shape}。空白格表示这两个通道不相连。"
    ),
    "groups.sep_title": "深度可分离卷积与完整卷积",
    "groups.sep_intro": (
        "深度可分离块先让每个通道各自滤波（depthwise：groups = in_channels），再用单抽头卷积混合通道（pointwise）。"
        "它与一个完整 Conv1d 的输入、输出形状相同，但它是另一个函数；通道多时它的权重少得多——下表给出这里的具体数量。"
    ),
    "groups.multiplier": "深度乘数 M",
    "help.multiplier": "深度卷积层中每个输入通道的滤波器个数：Conv1d(C, C·M, k, groups=C)。这里最大为 {top}。",
    "groups.typed_w": (
        "手动输入的 weight 和 bias 只属于一个 Conv1d，本页不使用它们：每一层的权重来自带种子的初始化或权重预设。"
        "它们仍保留在链接中，供其他页面使用。"
    ),
    "ui.upload_playground_only": "你上传的长信号只在演练场中使用（在那里保留）；本页的 x 来自预设。",
    "help.typed_w_unused": "本页不使用：这里每一层都自己抽取权重（其他页面会使用它们）。",
    "groups.layer_depthwise": "深度卷积",
    "groups.layer_pointwise": "逐点卷积",
    "groups.layer_full": "完整 Conv1d",
    "groups.layer_grouped": "侧栏中的 Conv1d",
    "groups.sep_verdict": (
        "两者输出 y 的形状都是 {shape}。可分离：**{sep_p}** 个参数、**{sep_m}** 次乘加；"
        "完整：**{full_p}** 个参数、**{full_m}** 次乘加——参数量是 {ratio_p} 倍，计算量是 {ratio_m} 倍。"
    ),
    "groups.independent_ok": (
        "groups={g} 确实是 {g} 个独立的卷积：用引擎对每组的通道与权重切片逐组计算再拼接，"
        "得到相同的输出（最大差 {diff}）。"
    ),
    "groups.independent_bad": "把 groups={g} 拆成 {g} 个独立卷积后，与分组输出相差 {diff}：这是引擎的错误。",
    "groups.outputs": "输出张量",
    "groups.snippet": "在笔记本中运行这几行即可得到相同的数字（各层按此顺序构造）：",
    "gfig.band": "第 {g} 组：输入 {a}–{b} → 输出 {c}–{d}",
    "gfig.matrix_hover": "输出 %{y} 读取输入 %{x}",
    "gfig.matrix_x": "输入通道 c",
    "gfig.matrix_y": "输出通道 o",
    # -- page: matrix --
    "nav.matrix": "矩阵视角",
    "matrix.title": "Conv1d Lab · 把卷积写成矩阵",
    "matrix.caption": (
        "与演练场相同的 Conv1d，另外三种写法：一个大矩阵 T，使 vec(y) = T·vec(x) + b；im2col（unfold）后每组做一次矩阵乘法；"
        "以及 kernel_size=1 时，在每个位置上应用同一个 nn.Linear。每种写法都在整个批次上计算，并与引擎和 torch 核对。"
    ),
    "matrix.nnz": "{nnz} 个非零元素（占 T 的 {density}%）",
    "matrix.pin_help": "固定的输出单元 y[n, o, t]：它在 T 中的那一行带边框，它的窗口是展开后输入中带边框的那一列。",
    "matrix.tab_matrix": "Toeplitz 矩阵 T",
    "matrix.tab_unfold": "unfold / im2col 展开",
    "matrix.tab_linear": "kernel_size=1 即 Linear",
    "matrix.col_check": "对比",
    "matrix.col_diff": "最大 |差值|",
    "matrix.check.matrix.vs_engine": "T·vec(x) + b  对比  引擎 conv1d",
    "matrix.check.matrix.vs_torch": "T·vec(x) + b  对比  torch nn.Conv1d",
    "matrix.check.matrix.vs_jacobian": "T  对比  torch 的雅可比矩阵 ∂vec(y)/∂vec(x)（第 0 个样本）",
    "matrix.check.unfold.vs_engine": "W·cols + b（NumPy）  对比  引擎 conv1d",
    "matrix.check.unfold.torch_tensor": "torch x_padded.unfold(-1, span, stride) 矩阵乘法  对比  引擎",
    "matrix.check.unfold.torch_f": "torch 在 (N, C, 1, L) 上用 F.unfold 的矩阵乘法  对比  引擎",
    "matrix.check.linear.vs_engine": "逐位置的 Linear（NumPy）  对比  引擎 conv1d",
    "matrix.check.linear.torch_allclose": "torch：nn.Linear(x.transpose(1, 2)).transpose(1, 2)  对比  nn.Conv1d(x)",
    "matrix.check.linear.torch_vs_engine": "torch 逐位置的 nn.Linear  对比  引擎",
    "matrix.tolerance": "allclose 使用 {dtype} 的容差 rtol={rtol}、atol={atol}；每个乘积都覆盖整个批次。",
    "matrix.t_intro": (
        "T 的第 `o·L_out + t` 行对应输出单元 y[o, t]（L_out = {l_out}）；第 `c·L_in + i` 列对应输入单元 x[c, i]"
        "（L_in = {l_in}）。每一行都是把卷积核 w[o] 铺在它的窗口上，所以每往下一行，带状区域右移 `stride` 列，"
        "`dilation` 在抽头之间留出空隙；有 groups 时，一个输出只在本组输入通道的列上有值（分块结构）。"
        "零填充什么也不读，这些抽头从 T 中消失；reflect、replicate 和 circular 填充复制某个输入单元，"
        "所以该抽头的权重会**累加**到被复制单元的那一列上。"
        "T 与 x 无关：同一个 T 适用于批次中的每个样本。"
    ),
    "matrix.t_window": (
        "T 的大小为 {rows} × {cols}：图中画出固定单元所在行附近的第 {r0}–{r1} 行、第 {c0}–{c1} 列。"
        "下方的乘积和核对使用整个 T。"
    ),
    "matrix.t_legend": (
        "空白 = 没有元素（为零）。每个着色单元是一个权重，标签写出抽头 k，悬停显示 w[o,c,k]；"
        "一个单元里有两个抽头，说明填充复制的值累加到了这一列。灰线分隔各个通道。"
    ),
    "matrix.row_title": "**T 的第 {r} 行就是 y[{n}, {o}, {t}]**：这一行乘以 vec(x[{n}])，再加上偏置：",
    "matrix.no_jacobian": "T 超过 {max} 个元素：跳过雅可比矩阵核对（每一行都需要一次反向传播）。",
    "matrix.unfold_intro": (
        "im2col：展开后输入的第 t 列就是输出 t 的窗口——第 `c·K + k` 行（K = {k}）存放输入通道 c 的填充位置 "
        "`t·stride + k·dilation`，通过引擎所用的同一张窗口映射读取。把权重重排成 (C_out/groups, C_in/groups·K) "
        "再乘以这个矩阵，就得到输出；groups = {groups} 时每组各做一次乘法（图中为固定单元所在的组）。"
    ),
    "matrix.unfold_window": "列矩阵大小为 {rows} × {cols}：最多画出 {shown} 行和 {shown} 列（围绕固定单元）；下方核对使用完整矩阵。",
    "matrix.cols_title": "样本 {n}、第 {group} 组的展开输入：cols {shape}（带边框的是固定单元的窗口）",
    "matrix.w_title": "第 {group} 组重排后的权重：W {shape}",
    "matrix.y_title": "W · cols + b = 第 {group} 组的 y[{n}] {shape}",
    "matrix.cols_hover": "窗口 t={t}，通道 {c}，抽头 k={k}：填充位置 {slot} 读取 {reads}",
    "matrix.code_caption": "在 torch 中的同一做法（随机数据）：运行后会打印两次 True。",
    "matrix.linear_intro": (
        "kernel_size=1 时，每个输出位置只读取一个输入位置：y[:, :, t] = W · x[:, :, t] + b，每个 t 用同一个 W。"
        "这正是把 `nn.Linear(in_channels, out_channels)` 作用在通道放到最后一维的 x 上。"
    ),
    "matrix.set_k1": "设为 kernel_size = 1（padding 0、stride 1、groups 1）",
    "matrix.k_now": "当前 kernel_size = {k}：每个输出读取 {k} 个位置的窗口，每个位置一个 Linear 不够用。",
    "matrix.linear_w": "nn.Linear 的权重 = conv.weight[:, :, 0]（按组分块对角）{shape}",
    "matrix.linear_at": "样本 {n} 的位置 t = {t}：Linear 读取填充后输入的第 {slot} 列，写入 y[{n}, :, {t}]。",
    "matrix.linear_note": (
        "有 padding、stride 或 groups 时等式依然成立：先填充，每隔 stride 取一个位置，并让 Linear 的权重按组分块对角——"
        "上面的代码正是按当前配置这样做的。"
    ),
    "fig.matrix_title": "T：行 = 输出 y[o, t]，列 = 输入 x[c, i]",
    "fig.matrix_cols": "第 c·L_in + i 列（输入 x[c, i]，L_in = {l_in}）",
    "fig.matrix_rows": "第 o·L_out + t 行（输出 y[o, t]，L_out = {l_out}）",
    "err.matrix_too_big": (
        "T 每个样本将包含 {terms} 个抽头（C_out·L_out·C_in/groups·K = {formula}）；本页最多构建 {max} 个。"
        "请使用更短的输入（当前 length={length}）、更少的通道或更小的 kernel_size。"
    ),
    # -- page: receptive-field --
    "nav.receptive_field": "感受野",
    "rf.title": "Conv1d Lab · 层的堆叠",
    "rf.caption": (
        "把模型写成一串层：查看每一层的输出形状、堆叠在哪里以及为什么出错、哪些输入长度能让它跑通，"
        "以及任意一个输出依赖哪些输入单元——每一项都用 torch 运行同一个堆叠来核对。"
    ),
    "rf.stack": "堆叠",
    "rf.preset_example": "示例：两个卷积加一个池化",
    "rf.preset_tcn": "膨胀因果 TCN（WaveNet 风格）",
    "rf.preset_tutorial": "教程 CNN 原样（max_pool2d）",
    "rf.preset_tutorial_1d": "教程 CNN 改用 MaxPool1d",
    "rf.box": "各层，用 ; 分隔",
    "rf.box_help": "例如 conv:1,8,7;relu;maxpool:2;flatten;linear:880,140。按 Ctrl+Enter 生效。写法见下方。",
    "rf.grammar": "怎样写一个堆叠",
    "rf.grammar_text": (
        "每个 `;`（或每行）一层：`名称:取值`。取值按 torch 自己的参数顺序给出，或按名字给出（`key=value`）。\n\n"
        "- `conv:in,out,kernel` —— `nn.Conv1d`；选项 `stride`（`s`）、`padding`（`p`：整数、`same`、`valid`）、"
        "`dilation`（`d`）、`groups`（`g`）、`bias=false`、`padding_mode`（`zeros`、`reflect`、`replicate`、"
        "`circular`），以及标志 `causal`：先 `F.pad(x, (dilation·(kernel_size−1), 0))`，再用 padding=0 的 Conv1d，"
        "因此 L_out = L_in，且没有输出能看到未来。\n"
        "- `relu` —— `nn.ReLU()`\n"
        "- `maxpool:k` —— `nn.MaxPool1d(k)`；`stride`（默认为 k）、`padding`、`dilation`\n"
        "- `avgpool:k` —— `nn.AvgPool1d(k)`；`stride`（默认为 k）、`padding`\n"
        "- `maxpool2d:k` —— `F.max_pool2d(x, k)`：对 (N, C, L) 张量，它同时在 C **和** L 上池化\n"
        "- `flatten` —— `nn.Flatten()`：(N, C, L) → (N, C·L)\n"
        "- `linear:in,out` —— `nn.Linear`；`bias=false`\n\n"
        "示例：`conv:1,8,7;relu;maxpool:2;conv:8,18,7,dilation=2;relu;flatten;linear:1260,10`"
    ),
    "rf.input": "输入 (1, in_channels, L)",
    "rf.seed_help": "torch.manual_seed(seed)；x = torch.randn(1, in_channels, L)；然后按顺序构建各层。",
    "rf.choose": "查看感受野：",
    "rf.layer": "层",
    "rf.cell_o": "通道 o",
    "rf.cell_t": "位置 t",
    "rf.all": "全部",
    "rf.breaks": "✗ 在这里出错",
    "rf.not_reached": "未执行到",
    "rf.col_layer": "层（原样）",
    "rf.col_shape": "输出形状",
    "rf.col_torch_shape": "torch 的形状",
    "rf.col_params": "参数量",
    "rf.col_rf": "感受野",
    "rf.col_jump": "跳距",
    "rf.table_caption": (
        "共 {params} 个参数；一次前向传播需要 {macs} 次乘加。感受野：一个输出单元覆盖的输入位置数"
        "（rf += (span − 1)·jump）；跳距：相邻输出单元在输入上相隔的位置数（各层 stride 之积）。"
        "flatten 之后不再有长度轴；Linear 能看到所有位置。"
    ),
    "rf.numeric_skipped": "上面的形状和感受野是精确的（整数运算，不创建任何张量）。数值部分（torch 逐层运行、依赖集合和输入单元格图）已跳过：",
    "rf.runs": "堆叠可以运行：输出 {shape}。输入长度 L = {lengths} 时都能运行。",
    "rf.break_title": "堆叠在第 {layer} 层出错",
    "rf.fits": "能让整个堆叠运行的输入长度 L：**{lengths}**。",
    "rf.fits_stuck": "从 1 到 {max} 的任何输入长度 L 都过不了第 {layer} 层：那里的错误与 L 无关。请修改层的设置。",
    "rf.fits_none": "从 1 到 {max} 的任何输入长度 L 都不能让整个堆叠运行：能通过第 {layer} 层的长度会在后面的层出错。",
    "rf.torch_says": "torch 运行同一个堆叠，在第 {layer} 层报错 {same}：",
    "rf.torch_runs": "torch 运行同一个堆叠（带种子的权重、随机输入），每一层的形状都相同 {same}。",
    "rf.rf_title": "第 {layer} 层的输出 [{o}, {t}] 依赖什么",
    "rf.depends": (
        "**它依赖 {cells} 个输入单元**：{total} 个通道中的 {channels} 个，位置 {span}（宽 {width}）。"
        "按公式的感受野：{rf}，跳距 {jump}——靠近边缘时读取的输入单元更少，因为窗口在那里读的是填充。"
    ),
    "rf.window": "输入很长：图中画出所选单元附近的输入位置 {lo}–{hi}（共 {length} 个）。",
    "rf.tower_caption": (
        "每个张量一行，输入在最下方；每个单元画在它所看到的输入位置的中心，宽度为跳距。"
        "橙色：所选单元依赖它（越深 = 涉及的通道越多）；斜线：填充（被窗口读取时为橙色）。点击任意单元即可选中它。"
    ),
    "rf.autograd": (
        "torch 自动求导：∂ 输出 / ∂x 在 **{count}** 个输入单元上非零——与上面的集合相同 {same}"
        "（float64，权重取 |w| + 0.05、输入取 |x| + 0.1，使任何路径都不会相互抵消或被 ReLU 截断；"
        "每个最大池化换成对其窗口求和）。上图中的圆点标出了这些单元。"
    ),
    "rf.autograd_max": "使用 torch 真正的最大池化时，梯度只到达其中 {count} 个单元 {ok}：最大值只把梯度传给每个窗口中的最大元素，所以是子集。",
    "rf.code": "PyTorch 代码",
    "rf.code_caption": "粘贴到笔记本中运行：它会打印每一层的输出形状，或在表格标出的那一层报错。",
    "fig.rf_cell": "{label} · 位置 {p}：读取了 {channels} 个通道中的 {count} 个",
    "fig.rf_pad": "{label} · 填充位置 {p}：被读取 {read}",
    "fig.rf_legend_cell": "未读取",
    "fig.rf_legend_read": "被所选单元读取",
    "fig.rf_legend_pad": "填充",
    "fig.rf_legend_pad_read": "填充，被读取",
    "fig.rf_x": "输入位置（每层的单元画在它所看到的范围的中心）",
    "fig.rf_input_hover": "输入 x[0, {c}, {i}]",
    "fig.rf_grad": "torch 自动求导 ≠ 0",
    "fig.rf_input_x": "输入位置 i",
    "fig.rf_input_y": "通道 c",
    "err.stack_empty": "堆叠是空的。请写出用 ';' 分隔的各层，例如 {example}。",
    "err.stack_too_long": "堆叠文本长 {length} 个字符；本页最多读取 {max} 个。",
    "err.stack_too_many_layers": "堆叠有 {count} 层；本页最多构建 {max} 层。请删去一些层。",
    "err.stack_unknown_layer": "第 {pos} 个字符：未知的层 '{name}'。可用的层：{names}。",
    "err.stack_unknown_layer_hint": "第 {pos} 个字符：未知的层 '{name}'。你是想写 '{hint}' 吗？可用的层：{names}。",
    "err.stack_empty_value": "第 {pos} 个字符：{layer} 中有一个空值。请删去多余的 ','；{layer} 接受 {signature}，例如 {example}。",
    "err.stack_too_many": "第 {pos} 个字符：{layer} 的无名取值太多，它只接受 {count} 个（{signature}）。其余的请按名字给出，例如 stride=2。",
    "err.stack_unknown_option": "第 {pos} 个字符：{layer} 没有参数 '{name}'。它的参数：{options}。",
    "err.stack_repeated_option": "第 {pos} 个字符：{layer} 中的 {name} 给了两次。请只给一次。",
    "err.stack_bad_int": "第 {pos} 个字符：{layer} 中的 {name}={value} 必须是 {low} 到 {high} 之间的整数。",
    "err.stack_bad_choice": "第 {pos} 个字符：{layer} 中的 {name}={value} 必须是 {choices} 之一。",
    "err.stack_ceil_mode": "第 {pos} 个字符：本页不模拟 ceil_mode=True，使用 torch 的默认值 ceil_mode=False（长度向下取整）。请删去 ceil_mode。",
    "err.stack_missing": "第 {pos} 个字符：{layer} 缺少 {missing}。它接受 {signature}，例如 {example}。",
    "err.stack_linear_big": "第 {pos} 个字符：这个 Linear 有 {count} 个权重；本页最多构建 {max} 个。请先让展平后的尺寸变小（更多池化或更大的 stride）。",
    "err.stack_channels": (
        "Given groups={groups}, weight of size {weight}, expected input{shape} to have {expected} channels, "
        "but got {got} channels instead.（groups={groups}、weight 形状为 {weight} 时，输入 {shape} 应有 {expected} 个通道，"
        "实际却有 {got} 个。）修正：把这个 Conv1d 的 in_channels 设为 {got}，或让前一层输出 {expected} 个通道。"
    ),
    "err.stack_kernel": (
        "Calculated padded input size per channel: ({padded}). Kernel size: ({span}). Kernel size can't be greater "
        "than actual input size.（卷积核不能大于实际输入）。一个窗口覆盖 dilation·(kernel_size−1)+1 = "
        "{dilation}·({kernel_size}−1)+1 = {span} 个单元：请使用更长的输入、更多填充，或更小的 kernel_size 或 dilation。"
    ),
    "err.stack_reflect_pad": (
        "Argument #4: Padding size should be less than the corresponding input dimension, but got: padding "
        "({left}, {right}) at dimension {dim} of input {shape}.（填充必须小于对应的输入维度）。"
        "这里 reflect 填充需要 padding ≤ {max_pad}，或更长的输入。"
    ),
    "err.stack_circular_pad": (
        "Padding value causes wrapping around more than once.（填充会导致循环绕回超过一次）。"
        "circular 填充 ({left}, {right}) 需要长度 ≥ {need} 的输入，当前为 {length}。"
    ),
    "err.stack_maxpool_padding": (
        "max_pool1d() padding should be at most half of kernel size, but got padding={padding} and "
        "kernel_size={kernel_size}.（padding 最多为 kernel_size 的一半）。请使用 padding ≤ {max_pad}。"
    ),
    "err.stack_avgpool_padding": (
        "pad should be at most half of effective kernel size, but got pad={padding}, kernel_size={kernel_size} "
        "and dilation=1.（padding 最多为卷积核的一半）。请使用 padding ≤ {max_pad}。"
    ),
    "err.stack_maxpool_small": (
        "max_pool1d() Invalid computed output size: {out}.（计算出的输出长度无效）。输入比一个池化窗口还短："
        "请使用更长的输入、更小的 kernel_size，或加填充。"
    ),
    "err.stack_avgpool_small": (
        "Given input size: ({c}x1x{length}). Calculated output size: ({c}x1x{out}). Output size is too small."
        "（输出太小）。输入比一个池化窗口还短：请使用更长的输入或更小的 kernel_size。"
    ),
    "err.stack_pool2d_rank": (
        "non-empty 3D or 4D (batch mode) tensor expected for input.（需要非空的 3 维或 4 维张量）。"
        "max_pool2d 在这里需要 3 维张量，而 flatten 之后张量是 2 维的。"
    ),
    "err.stack_pool2d_small": (
        "Given input size: ({a}x{b}x{c}). Calculated output size: ({a}x{b2}x{c2}). Output size is too small."
        "（输出太小）。max_pool2d 也在通道轴上池化：{b} 个通道或 {c} 个位置少于 kernel_size。"
    ),
    "err.stack_linear": (
        "mat1 and mat2 shapes cannot be multiplied ({rows}x{last} and {in_features}x{out_features}).（两个矩阵的形状无法相乘）。"
        "修正：这个 Linear 需要 in_features={last}（linear:{last},{out_features}），或者换一个能得到 {in_features} 个特征的输入长度。"
    ),
    "err.stack_linear_one": (  # Chinese has no plural: the same text as err.stack_linear
        "mat1 and mat2 shapes cannot be multiplied ({rows}x{last} and {in_features}x{out_features}).（两个矩阵的形状无法相乘）。"
        "修正：这个 Linear 需要 in_features={last}（linear:{last},{out_features}），或者换一个能得到 {in_features} 个特征的输入长度。"
    ),
    "err.stack_note_pool2d": (
        "通道数为什么对不上：F.max_pool2d 把 (N, C, L) 张量当作一张 (C, L) 图像，所以它既在长度上也在通道上池化"
        "（第 {layers} 层）。一维信号请用 maxpool（nn.MaxPool1d）。"
    ),
    "err.stack_note_pool1d_fits": "若把每个 maxpool2d 换成 maxpool（nn.MaxPool1d），堆叠在 L = {lengths} 时可以运行。",
    "err.stack_note_pool1d_none": "即使把每个 maxpool2d 换成 maxpool（nn.MaxPool1d），从 1 到 {max} 的任何输入长度也不能让堆叠运行：请看下一个出错点。",
    "err.stack_note_flatten": "Flatten（第 {layer} 层）把 ({c}, {l}) 变成 {c}·{l} = {features} 个特征。",
    "err.stack_note_flatten_one": "Flatten（第 {layer} 层）把 ({c}, {l}) 变成 {c}·{l} = {features} 个特征。",
    "err.stack_note_flatten_need": "{expected} = {c}·{need}：这个 Linear 是按第 {layer} 层之后有 {need} 个位置写的，而当前输入给出 {l} 个。",
    "err.stack_values": "这一次前向中最大的张量是表中第 {layer} 行的 ({shape})，有 {values} 个值；本页最多计算 {max} 个值的张量。要看数值，请使用更短的输入（当前 L={length}）或更少的通道。",
    "err.stack_work": "这个堆叠前向一次需要 {macs} 次运算（乘加、池化读取、激活）；本页最多计算 {max} 次。请使用更短的输入（当前 L={length}）或更小的层。",
    # -- page: gallery --
    "nav.gallery": "教程示例",
    "gallery.title": "Conv1d Lab · 教程示例",
    "gallery.caption": (
        "流行的 PyTorch 教程讲解 Conv1d 时所用的例子，在这里现场重算：下面每个形状和数字都是本应用的 NumPy 引擎刚刚算出、"
        "并与 PyTorch 核对过的。展开一个例子即开始计算；每个例子都能带着配置在应用中打开。"
    ),
    "gallery.no_torch": (
        "此处未安装 torch：数字只来自 NumPy 引擎，torch 核对一栏显示 —；带种子的随机数据来自 NumPy，与 torch.manual_seed 不同。"
    ),
    "gallery.code": "**教程中的代码**",
    "gallery.shapes": "**形状**",
    "gallery.checks": "**刚刚核对的结果**",
    "gallery.numbers": "**数值**（保留 4 位小数，与 torch 打印一致）",
    "gallery.sum": "**第一个输出，逐项展开**",
    "gallery.formula": "**输出长度，代入这些数字**",
    "gallery.snippet": "**运行这段代码可得到完全相同的数字**（本应用的种子约定：先 `torch.manual_seed`，再 `torch.randn`，再建层）",
    "gallery.engine_error": "本应用的引擎给出的说明：",
    "gallery.torch_error": "同样的调用，torch 抛出的错误：",
    "gallery.trace": "**模型中各层的形状**（取能跑通的最短输入）",
    "gallery.trace_layer": "层",
    "gallery.trace_written": "按原文（F.max_pool2d）",
    "gallery.trace_fixed": "改用 F.max_pool1d",
    "gallery.open_playground": "在实验台中打开",
    "gallery.open_transposed": "在 ConvTranspose1d 页面中打开",
    "gallery.open_receptive": "在感受野页面中打开",
    "gallery.open_axis": "把 H 轴当作 Conv1d 在实验台中打开",
    "gallery.capped": (
        "链接打开的批大小是 {batch}（本应用的上限），而不是 {n}。各样本互相独立，所以每个样本的形状不变；"
        "带种子的数值与上面的不同。"
    ),
    "gallery.link_error": "链接会把这个输入和权重载入实验台，那里会给出同一条规则。",
    "gallery.fact.shape": "输出形状：教程 `{tutorial}` · 引擎 `{engine}` · torch `{torch}`",
    "gallery.fact.allclose": "全部 {count} 个输出值：NumPy 引擎 = torch（最大差值 {diff}，{dtype}）",
    "gallery.fact.first_value": "`{cell} = {sum} = {value}`（torch 的结果：{torch}）",
    "gallery.fact.hand_sum": "`{expr}` = {value}，与 y[0, 0, 0] = {engine} 相同（torch：{torch}）",
    "gallery.fact.per_channel": "`{formula}` 对全部 {count} 个输出都成立（最大差值 {diff}）",
    "gallery.fact.independent": (
        "{count} 个样本单独计算，即 n = 0 … {last} 时的 `conv(x[n:n+1])`，都得到批量输出中对应的那一行：样本之间互不影响"
    ),
    "gallery.fact.constant": "输入全为 1 时每个窗口读到的数都相同，所以每个输出都是 sum(weight) + bias = {sum} + {bias} = {value}",
    "gallery.fact.params": "`weight {weight}` 和 `bias {bias}`：共 {count} 个参数",
    "gallery.fact.expects": "该层需要 {expected} 个输入通道，而 x 有 {got} 个：调用就会报错",
    "gallery.fact.pool2d": (
        "`F.max_pool2d` 把三维张量 `{before}` 当作 (C, H, W)，连通道维也减半：`{after}`。于是下一个 Conv1d 收到的通道数不对"
    ),
    "gallery.fact.view_folds": (
        "更长的输入（如 L = {length}）也能运行，而且不报错：`x.view(-1, {flat})` 把多出来的位置折进了批次维，"
        "模型返回 `{out}`，而不是 `{want}`。换成 `nn.Flatten()` 再接 fc1 则会报错（即感受野页面中的 `flatten`）。"
    ),
    "gallery.fact.fit": "改用 `F.max_pool1d` 后，输入长度 L = {first} … {last} 时 `x.view(-1, {flat})` 与 fc1 都能对上；输出为 `{out}`",
    "gallery.fact.conv2d_rows": (
        "这里把 Conv2d 写成多个 Conv1d 之和（每个卷积核行一个），全部 {count} 个值都与 torch 的 nn.Conv2d 相同"
        "（最大差值 {diff}，{dtype}）"
    ),
    "gallery.fact.ambiguous": "带步长的 Conv1d 把长度为 {lengths} 的输入都映射到长度 {out}：反过来时长度无法确定",
    "gallery.fact.transposed": "output_padding={op}：`up(down(x))` 的形状是 `{engine}`（torch `{torch}`）",
    "gallery.fact.transposed_back": "output_padding={op}：`up(down(x))` 的形状是 `{engine}`（torch `{torch}`），恢复了输入的长度",
    "gallery.fact.torch_trace": "torch 逐层运行两个版本：形状相同，断开的位置也相同",
    "err.trace_pool": "输出尺寸过小：用 kernel_size={k} 池化 {shape} 后没有剩下任何单元。",
    "err.trace_view": "形状 '[-1, {size}]' 与大小为 {total} 的输入不匹配。",
    "err.trace_linear": "矩阵形状无法相乘（{rows}x{got} 与 {size}x{out}）。",
    "gallery.ex1.title": "F.conv1d 作用于等差序列：0.8、1.4、…、8.6",
    "gallery.ex1.note": (
        "最经典的入门例子：输入 0 … 15，卷积核 [0.1, 0.2, 0.3]，没有偏置。每个输出是一个窗口与卷积核逐项相乘再求和；"
        "卷积核不翻转（这是互相关）。"
    ),
    "gallery.ex2.title": "种子 666：两个通道，手算核对",
    "gallery.ex2.note": (
        "执行 `torch.manual_seed(666)` 后，这些正是教程中的数字。第一个输出等于两个输入通道的第一个窗口乘以第一个卷积核再求和："
        "`sum(x[0, :, 0:3] * weight[0])`。"
    ),
    "gallery.ex3.title": "nn.Conv1d(2, 3, 5) 作用于 (4, 2, 6)：每个输入通道一个点积",
    "gallery.ex3.note": "步长为 1、无填充时，每个输出是各输入通道的点积之和再加偏置；批中的各个样本独立计算。",
    "gallery.ex4.title": "PyTorch 文档：nn.Conv1d(16, 33, 3, stride=2) 作用于 (20, 16, 50)",
    "gallery.ex4.note": "输出形状只需长度公式：批大小原样保留，out_channels 取代 in_channels。",
    "gallery.ex5.title": "nn.Conv1d(18, 35, 5, stride=2) 作用于 (22, 18, 52)",
    "gallery.ex5.note": "卷积核更长、步长相同：最后一个放得下的窗口决定 L_out。",
    "gallery.ex6.title": "nn.Conv1d(42, 12, kernel_size=3, stride=2, padding=3) 作用于 (42, 42, 105)",
    "gallery.ex6.note": "padding=3 在两端各补三个零后窗口才开始滑动，所以能放下更多窗口。",
    "gallery.ex7.title": "nn.Conv1d(42, 12, kernel_size=3, stride=2) 作用于 (42, 42, 102)",
    "gallery.ex7.note": "同一层去掉填充：公式中的向下取整丢掉了最后一个不完整的步。",
    "gallery.ex8.title": "nn.Conv1d(20, 37, 5, stride=2) 作用于 (24, 20, 54)",
    "gallery.ex8.note": "最后一个放得下的窗口之后的输入样本永远不会被读取。",
    "gallery.ex9.title": "nn.Conv1d(1, 1, 3) 作用于 2、4、…、20",
    "gallery.ex9.note": "10 个输入、卷积核大小 3，得到 8 个输出。权重是 PyTorch 的默认随机初始化，设了种子以便复现。",
    "gallery.ex10.title": "nn.Conv1d(1, 1, 3) 作用于全 1 输入：weight 与 bias 的形状",
    "gallery.ex10.note": "weight 的形状是 (out_channels, in_channels / groups, kernel_size)，bias 是 (out_channels,)。输入为常数时每个输出都相同。",
    "gallery.ex11.title": "nn.Conv1d(1, 1, 3) 作用于 ones(2, 2, 7)：通道数错误",
    "gallery.ex11.note": (
        "教程只打印了参数。真正调用这一层会失败：x 的第 1 维是通道，而这一层是按 1 个通道建的。"
        "改法：nn.Conv1d(2, 1, 3)，或使用形状为 (2, 1, 7) 的输入。"
    ),
    "gallery.ex12.title": "一个教程里的 CNN：网络在哪里断开",
    "gallery.ex12.note": (
        "把图像 CNN 改成一维信号版本。F.max_pool2d 作用于三维张量时连通道维也会池化，于是第二个 Conv1d 收到的通道数不对。"
        "改用 F.max_pool1d 后形状能对上，而且只有少数几个输入长度能让 `x.view(-1, 18 * 7 * 7)` 为每个信号得到一行；"
        "更长的某些输入也能运行，但批次大小是错的。"
    ),
    "gallery.ex13.title": "nn.Conv2d(8, 14, (3, 2), stride=(2, 1)) 作用于 (5, 8, 10, 5)：每个轴用同一个公式",
    "gallery.ex13.note": (
        "Conv2d 对每个空间轴分别套用一维长度公式，用该轴的卷积核大小和步长。它的数值是多个 Conv1d 之和：第 i 行输出把每个卷积核行"
        "的 Conv1d 相加。同一组随机数（NumPy，种子 0）同时交给引擎和 torch。"
    ),
    "gallery.ex14.title": "ConvTranspose1d 以及 output_padding 存在的原因",
    "gallery.ex14.note": (
        "带步长的 Conv1d 会把几个不同的输入长度映射到同一个输出长度，所以 ConvTranspose1d 不知道该还原成哪一个；"
        "output_padding 在一侧补上单元来做出选择。转置层的权重用 NumPy（种子 0）生成，同时交给引擎和 torch。"
    ),
    # -- page: quiz --
    "nav.quiz": "小测验",
    "quiz.title": "Conv1d Lab · 小测验",
    "quiz.caption": (
        "先预测，再核对：输出长度、单个输出值、权重形状、可用的 groups 以及感受野。每道题都由题号生成（链接会保留题号），"
        "配置一定合法，答案由其他页面使用的同一个引擎算出。"
    ),
    "quiz.number": "第 {seed} 题",
    "quiz.kind.length": "输出长度",
    "quiz.kind.value": "单个输出值",
    "quiz.kind.weight_shape": "权重形状",
    "quiz.kind.groups": "可用的 groups",
    "quiz.kind.receptive_field": "感受野",
    "quiz.q.length": "输出长度 L_out 是多少？",
    "quiz.q.value": "y[0, {o}, {t}] 是多少？数据都是小整数，请手算各项乘积之和。与正确答案相差不超过 0.0001 即算对。",
    "quiz.q.weight_shape": "`conv.weight.shape` 是什么？",
    "quiz.q.groups": "`nn.Conv1d({cin}, {cout}, …)` 接受哪些 groups 取值？请全部列出。",
    "quiz.q.receptive_field": "最后一层的一个输出覆盖多少个输入样本（即感受野，包括空洞卷积留下的间隔）？",
    "quiz.format.length": "一个整数，例如 12",
    "quiz.format.value": "一个数，例如 -3 或 2.5",
    "quiz.format.weight_shape": "一个形状，例如 (8, 3, 5)",
    "quiz.format.groups": "用逗号分隔的数，例如 1, 2, 4",
    "quiz.format.receptive_field": "一个整数，例如 7",
    "quiz.answer": "你的答案",
    "quiz.answer_help": (
        "输入一个数、一个形状（如 (8, 3, 5) 或 torch.Size([8, 3, 5])），或一组数（如 1, 2, 4）。"
        "空格、括号和全角字符都可以。按回车或点击核对。"
    ),
    "quiz.check": "核对",
    "quiz.next": "下一题",
    "quiz.same_kind": "再来一道：{kind}",
    "quiz.reset": "重置得分",
    "quiz.score.answered": "已答",
    "quiz.score.correct": "答对",
    "quiz.score.streak": "连续答对",
    "quiz.score.best": "最长连对",
    "quiz.score_note": "得分只保存在本次会话中；每道题只计第一次核对。",
    "quiz.right": "答对了：{given}。",
    "quiz.wrong": "不太对：你的答案是 {given}，正确答案是 {expected}。",
    "quiz.worked": "**解答过程（代入本题的数字）**",
    "quiz.open_playground": "在实验台中查看",
    "quiz.open_groups": "在分组页面中查看",
    "quiz.open_receptive": "在感受野页面中查看",
    "quiz.explain.window": "输出位置 t = {t} 从输入位置 t·stride = {t}·{stride} = {start} 开始，读取 kernel_size = {k} 个单元：输入位置 {first} … {last}。",
    "quiz.explain.window_padded": (
        "padding={pad} 先在两端各补 {pad} 个零。输出位置 t = {t} 从填充后的位置 t·stride = {t}·{stride} = {start} 开始，"
        "读取 kernel_size = {k} 个单元：填充后的位置 {first} … {last}，即输入位置 {first_in} … {last_in}；"
        "落在 x 之外的位置读到 0（填充）。"
    ),
    "quiz.explain.same": "padding='same' 在左侧填充 {left} 个、右侧填充 {right} 个单元，所以步长为 1 时 L_out = L_in。",
    "quiz.explain.weight_shape": "每个输出通道对其所在组的每个输入通道各有一个卷积核：groups={groups} 把 {cin} 个输入通道分成每组 {per} 个。",
    "quiz.explain.groups": "每组读取 in_channels / groups 个输入、产生 out_channels / groups 个输出，所以 groups 必须同时整除两个通道数。",
    "quiz.explain.depthwise": "groups = in_channels = {cin} 就是深度可分离卷积（depthwise）：每个输入通道有自己的卷积核。",
    "quiz.explain.rf": (
        "jump 是某层下面各层步长的乘积：该层卷积核每移动一步，对应输入移动这么多个样本。"
        "引擎验证：位于输入样本 {first} … {last} 的脉冲会影响输出 0，共 {r} 个样本。"
    ),
    "quiz.explain.rf_gaps": (
        "jump 是某层下面各层步长的乘积：该层卷积核每移动一步，对应输入移动这么多个样本。"
        "引擎验证了跨度：位于输入样本 {first} … {last} 的脉冲会影响输出 0，跨度为 {r}；其中只有 {count} 个样本真正被读取，"
        "其余的被空洞卷积跳过。"
    ),
    "quiz.hint.pad_once": "看起来填充只算了一次；公式要在两侧都加上填充。",
    "quiz.hint.no_dilation": "看起来漏掉了 dilation：空洞窗口覆盖 dilation·(kernel_size − 1) + 1 个样本。",
    "quiz.hint.no_plus_one": "看起来漏掉了 + 1：在移动任何一步之前，第一个窗口就已经放下了。",
    "quiz.hint.ceil": "看起来除法向上取整了；torch 向下取整（窗口必须完整放下）。",
    "quiz.hint.flipped": "这是把卷积核翻转后的值，即教科书上的卷积。torch 的 Conv1d 不翻转卷积核（它计算的是互相关）。",
    "quiz.hint.no_bias": "这是不含偏置的和：还要加上 b[o]。",
    "quiz.hint.groups_ignored": "groups 会划分每个卷积核看到的输入通道：中间那一维是 in_channels / groups。",
    "quiz.hint.transposed_order": "这是 ConvTranspose1d 的顺序 (in_channels, out_channels / groups, kernel_size)；Conv1d 把 out_channels 放在最前面。",
    "quiz.hint.rf_no_stride": "下面各层的步长会放大一层的覆盖范围：它的卷积核每移动一步，对应 jump 个输入样本。",
    "quiz.hint.rf_no_dilation": "dilation 会拉长每个卷积核：它覆盖 dilation·(kernel_size − 1) + 1 个样本。",
    "quiz.hint.rf_sum_kernels": "直接把各层卷积核大小相加，会把相邻两层共享的样本重复计算：每层加 kernel_size − 1，最后再加 1。",
    "quiz.hint.groups_extra": "{wrong} 不能同时整除两个通道数。",
    "quiz.hint.groups_missing": "漏掉了一些可用的值：{missing}。",
    "err.quiz_empty": "请先输入答案。",
    "err.quiz_bad_int": "请输入一个整数，例如 12。",
    "err.quiz_bad_number": "请输入一个数，例如 -3 或 2.5。",
    "err.quiz_bad_shape": "请输入由三个整数组成的形状，例如 (8, 3, 5)。",
    "err.quiz_bad_groups": "请输入至少为 1 的整数，用逗号分隔，例如 1, 2, 4。",
    "err.quiz_too_long": "答案最多 {max} 个字符。",
    # 键盘操作（conv_viz/pages/access.py）：读屏软件读出的名称；动画的键盘播放控件。
    "a11y.scroll_code": "代码，可横向滚动：请用方向键",
    "a11y.scroll_formula": "公式，可横向滚动：请用方向键",
    "a11y.scroll_table": "表格，可滚动：请用方向键",
    "a11y.keys_group": "动画控件（键盘）",
    "a11y.frame": "帧",
    "a11y.col_in_use": "当前使用",
    # 反向传播页面（/backward）
    "gallery.open_backward": "训练它的第一层：在反向传播页面看梯度与 SGD",
    "quiz.kind.gradient": "梯度",
    "quiz.q.gradient_db": "执行 y = conv(x) 和 y.sum().backward() 之后，conv.bias.grad[{a}] 是多少？数据都是小整数，请手算。与正确答案相差不超过 0.0001 即算对。",
    "quiz.q.gradient_dw": "执行 y = conv(x) 和 y.sum().backward() 之后，conv.weight.grad[{a}, {b}, {c}] 是多少？数据都是小整数，请手算。与正确答案相差不超过 0.0001 即算对。",
    "quiz.q.gradient_dx": "执行 y = conv(x) 和 y.sum().backward() 之后，x.grad[{a}, {b}, {c}] 是多少？数据都是小整数，请手算。与正确答案相差不超过 0.0001 即算对。",
    "quiz.format.gradient": "一个数，例如 -3 或 2.5",
    "quiz.open_backward": "在反向传播页面中查看",
    "quiz.explain.gradient_db": "L = y.sum()，所以每个 dL/dy 都是 1。偏置加在该通道的 {n} 个输出上：dL/db = Σₜ dL/dy = {n}。",
    "quiz.explain.gradient_dw": "L = y.sum()，所以每个 dL/dy 都是 1：dL/dw[o, c, {k}] 把抽头 {k} 读过的每个输入相加，即每个输出 t 的 x_pad[t·{s} + {k}·{d}]。",
    "quiz.explain.gradient_dx": "L = y.sum()，所以每个 dL/dy 都是 1：dL/dx[0, c, {i}] 把在某个窗口中乘过 x[{i}] 的每个权重相加。",
    "nav.backward": "反向传播",
    "err.url_bad_triple": (
        "已忽略 URL 中的 {name}=“{value}”：应为三个整数 {names}，上限分别为 {maxima}。改用 {name}={default}。"
    ),
    "err.url_bad_float": (
        "已忽略 URL 中的 {name}=“{value}”：应为 {low} 到 {high} 之间的小数（如 0.1 或 1e-3）。改用 {name}={default}。"
    ),
    "err.limit_train": (
        "这次训练需要 {work} 次乘加（{steps} 步 × 3 次计算 × 每次 {macs}）；本应用每次最多计算 {max}。"
        "请减少步数、缩短输入或减小这一层。"
    ),
    "err.train_knobs": "SGD 需要学习率 > 0 且 0 ≤ momentum < 1，实际为 lr={lr}、momentum={momentum}。",
    "back.title": "反向传播：Conv1d 的梯度",
    "back.caption": "loss.backward() 对 Conv1d 计算了什么：写成可逐项阅读的求和，每个数都与 torch.autograd 并排核对；然后看一个卷积核如何通过梯度下降学习。",
    "back.loss_header": "损失",
    "back.loss": "损失函数",
    "back.loss_sum": "y.sum()（求和）",
    "back.loss_mse": "F.mse_loss(y, target)（均方误差）",
    "back.target": "目标",
    "back.target_help": "均方误差的目标，也是下方训练要学的卷积核：某个滤波器作用于 x 的输出（应学到的核），或没有任何卷积核能精确得到的信号。",
    "back.target_moving_average": "滑动平均滤波器",
    "back.target_edge": "边缘滤波器",
    "back.target_gaussian": "高斯滤波器",
    "back.target_random": "随机卷积核",
    "back.target_sine": "正弦信号",
    "back.target_step": "阶跃信号",
    "back.loss_line_sum": "损失：L = y.sum() = **{value}**",
    "back.loss_line_mse": "损失：L = F.mse_loss(y, target) = mean((y − target)²) = **{value}**，目标 = {target}",
    "back.grads_title": "四个梯度",
    "back.grads_caption": "左：NumPy（conv_viz.core.backward）。右：对同样数字的 nn.Conv1d 执行 loss.backward() 后 torch.autograd 的结果。每个元素满足 |NumPy − torch| ≤ atol + rtol·Σ|各项| 即通过。",
    "back.tab_dy": "dL/dy（输出）",
    "back.tab_dw": "dL/dw（权重）",
    "back.tab_db": "dL/db（偏置）",
    "back.tab_dx": "dL/dx（输入）",
    "back.explain_dy_sum": "L = Σ y，所以每个输出的梯度都是 1：dL/dy = 全 1，形状同 y。",
    "back.explain_dy_mse": "L = mean((y − target)²)，所以 dL/dy = 2·(y − target) / numel(y)。",
    "back.explain_dw": "dL/dw[o, c, k] = Σₙ Σₜ dL/dy[n, o, t] · x_pad[n, c, t·stride + k·dilation]：第 k 个抽头读过的每个窗口，按它所产生输出的梯度加权。",
    "back.explain_db": "dL/db[o] = Σₙ Σₜ dL/dy[n, o, t]：偏置加在该通道的每个输出上。用 y.sum() 时它等于每个通道的输出个数 N·L_out。",
    "back.explain_dx": "dL/dx[n, c, i] = 对所有读过存放 x[i] 的填充位置的 (o, t, k) 求 dL/dy[n, o, t]·w[o, c, k] 之和；reflect、replicate 或 circular 填充复制了 x[i] 的位置，会把它那份梯度送回 x[i]。",
    "back.no_bias": "bias=False：这一层没有偏置，因此没有 dL/db。",
    "back.close": "NumPy = torch.autograd（allclose，一致）",
    "back.not_close": "NumPy ≠ torch.autograd（不一致）",
    "back.diff": "最大 |NumPy − autograd| = {diff}（{dtype}；rtol {rtol}，atol {atol}）",
    "back.w_title": "一个权重的梯度，逐项展开",
    "back.w_help": "固定 dL/dw[o, c, k]。它的各项就是反着读的前向窗口：抽头 k 在每个输出 t 读的是位置 t·{s} + k·{d}。",
    "back.w_fig": "上：填充后的输入通道 {channel}（橙色：抽头 k 读过的位置）。下：每个输出的 dL/dy。每条线是一项 dL/dy[t]·x_pad[位置]。",
    "back.terms": "全部各项（{count}）",
    "back.col_slot": "填充位置",
    "back.col_reads": "读取",
    "back.col_via": "途径",
    "back.col_product": "乘积",
    "back.col_running": "累加和",
    "back.via_own": "自身位置",
    "back.via_pad": "填充副本",
    "back.x_title": "一个输入的梯度，逐项展开",
    "back.x_help": "固定 dL/dx[n, c, i]：每个读过 x[i] 的输出窗口都送回 dL/dy · 它用的权重。",
    "back.x_fig": "上：填充后的输入（橙色：存放 x[i] 的位置）。下：dL/dy，按 x[i] 所连接的输出通道求和。线：各项；红色箭头：填充副本的梯度折回到 x[i]。",
    "back.folded": "填充位置 {slots} 是 x[{i}] 的副本（{mode} 填充）：它们的梯度折回到 x[{i}]，即下表中标为“填充副本”的行。",
    "back.not_folded": "没有填充位置复制这个元素（{mode} 填充）：它的梯度只来自自身位置。",
    "back.identity_title": "dL/dx 就是一次转置卷积",
    "back.identity_intro": "同样的 stride、padding、dilation 和 groups，同样的权重，以 ConvTranspose1d 作用于 dL/dy：",
    "back.identity_fold": "{mode} 填充（或不对称、因果填充）不是裁剪：调用时 padding=0，覆盖整个填充后的输入，然后把每个填充位置的梯度加回它所复制的元素。",
    "back.identity_ok": "conv_transpose1d(dL/dy, w) = dL/dx（一致）",
    "back.identity_bad": "conv_transpose1d(dL/dy, w) ≠ dL/dx（不一致）",
    "back.identity_diff": "最大 |conv_transpose1d − backward| = {diff}（{dtype}）",
    "back.identity_torch": "torch 中同样的调用（F.conv_transpose1d）：最大差值 {diff}",
    "back.to_transposed": "ConvTranspose1d，逐步演示",
    "back.train_title": "一个会学习的卷积核",
    "back.train_caption": "上面这一层从它的权重出发（随机种子：PyTorch 默认初始化），用 SGD 最小化 F.mse_loss(conv(x), target) 来学习目标。每一步由 NumPy 计算；torch.optim.SGD 在旁边走同样的步。",
    "back.lr": "学习率",
    "back.lr_help": "torch.optim.SGD 的 lr：每一步每个权重移动 −lr·梯度。",
    "back.steps": "步数",
    "back.momentum": "动量",
    "back.momentum_help": "0：普通 SGD。torch 的规则：buf = momentum·buf + grad；w −= lr·buf。",
    "back.critical": "损失的曲率（Hessian 的最大特征值）λ = {lam}。梯度下降在 lr·λ < 2·(1 + momentum) 时收敛，所以这里要求 lr < **{critical}**；当前 lr = {lr}，momentum = {m}。",
    "back.diverged": "发散：到第 {step} 步损失已增长一万亿倍，训练在数值溢出前停止。lr = {lr} 超过临界值 {critical}：每一步沿最陡方向的误差被乘以 |1 − lr·λ| = {factor} > 1，而不是缩小。请降低学习率。",
    "back.signal_target": "目标是一个信号，而不是滤波器的输出：没有卷积核能精确得到它，所以损失停在这个形状下最优核对应的大于 0 的值。",
    "back.sgd_ok": "NumPy 的每一步 = torch.optim.SGD 的",
    "back.sgd_bad": "NumPy 的每一步 ≠ torch.optim.SGD 的",
    "back.sgd_diff": "整个训练中的最大差值（相对 max(1, |值|)）：损失 {loss}，权重 {weight}（{dtype}；容差 {tol}）",
    "back.steps_table": "每一步的损失，NumPy 与 torch（{count} 步）",
    "back.col_step": "步",
    "back.col_wdiff": "该步后最大 |Δ权重|",
    "bfig.hover_slot": "填充位置 %{x}：%{text}<br>复制自输入 %{customdata}",
    "bfig.hover_dy": "t = %{customdata} 处的 dL/dy：%{text}",
    "bfig.slot_axis": "填充后输入的位置（[i] = x[i] 的副本，∅ = 零）",
    "bfig.dy_row": "dL/dy（输出梯度）",
    "bfig.x_row": "x_pad（填充后）",
    "bfig.now": "当前",
    "bfig.kernel": "卷积核 w[{o},{c},:]",
    "bfig.loss": "损失",
    "bfig.target": "目标卷积核",
    "bfig.step_axis": "已走步数",
    "bfig.loss_axis": "MSE 损失（对数坐标）",
    "bfig.tap_axis": "抽头 k",
    "bfig.after_steps": "已走步数：",
}
