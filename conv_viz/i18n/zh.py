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
        "填充值会导致循环绕回超过一次：circular 填充 {pad} > 输入长度 {length}。"
        "请使用长度 ≥ {fix} 的输入，或减小填充。"
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
    "fig.sum_over": "{count} 个乘积，窗口起点为填充后位置",
    "fig.x_axis": "填充后的输入：每个位置读取的输入下标（[i] = 复制自 x[i]，∅ = 零填充）",
    "fig.output_row": "输出 y",
    "fig.legend_note": "斜线 = 填充 · 虚线弧 = 填充位置复制的单元 · 橙色 = 卷积核的抽头",
    "fig.position": "输出位置",
    "fig.play": "播放",
    "fig.pause": "暂停",
    # URL 查询参数（conv_viz.url_state）：忽略了什么，改用什么。
    "err.url_bad_int": "已忽略 URL 中的 {name}=`{value}`：应为 {low} 到 {high} 之间的整数。改用 {name}={default}。",
    "err.url_over_limit": "已忽略 URL 中的 {name}=`{value}`：本应用最多允许 {name}={limit}。改用 {name}={default}。",
    "err.url_bad_choice": "已忽略 URL 中的 {name}=`{value}`：应为 {choices} 之一。改用 {name}={default}。",
    "err.url_bad_cell": (
        "已忽略 URL 中的 cell=`{value}`：应为三个整数 n,o,t（批次中的样本、输出通道、位置），"
        "且 n ≤ {n_max}、o ≤ {o_max}、t ≤ {t_max}。改用 cell={default}。"
    ),
    "err.url_too_long": "已忽略 URL 中输入的数据 {name}=`{value}`：长度为 {length} 个字符，本应用最多读取 {cap} 个。",
    "err.url_repeated_key": "URL 中 {name} 出现了 {count} 次，使用最后一个值 {name}=`{value}`。",
    "err.url_unknown_key": "已忽略未知的 URL 参数 `{name}`。",
    "err.url_unknown_key_hint": "已忽略未知的 URL 参数 `{name}`。你是不是想用 {hint}？",
    "err.url_unknown_keys_more": "另有 {count} 个未知的 URL 参数已被忽略。",
    # 导航与演练场
    "nav.playground": "演练场",
    "play.title": "Conv1d 实验室 · 演练场",
    "play.caption": (
        "设置 torch.nn.Conv1d 的任意参数，观察卷积核在填充后的输入上滑动；固定任一输出单元，"
        "即可看到产生它的 NumPy 求和过程，并与 PyTorch 算出的值对照。PyTorch 的 Conv1d 计算的是互相关：卷积核不翻转。"
    ),
    "play.showing_last": "在满足上面的规则之前，这里显示最后一个有效的配置。",
    "play.numpy_seed": "此处未安装 torch：带种子的数据来自 NumPy，与 torch.manual_seed 的结果不同。",
    "play.window_note": "输入较长：动画只显示固定单元附近的 {shown} 个输出位置（共 {total} 个）；下方概览图显示整个信号。",
    "play.sum_title": "y[{n}, {o}, {t}] 是怎样算出来的",
    "play.zero_pad": "零填充",
    "play.col_slot": "填充后位置",
    "play.col_reads": "读取",
    "play.col_running": "累加和",
    "play.numpy_value": "NumPy（本应用）",
    "play.no_torch": "未安装 torch：交叉核对已关闭；这里的每个数字都只来自 NumPy。",
    "play.diff": "|NumPy − torch| = {diff}（{dtype}，差值）",
    "ui.pin_n": "批次样本 n",
    "ui.pin_o": "输出通道 o",
    "ui.pin_t": "位置 t",
    "ui.pin_help": "在这里固定一个输出单元，或点击动画输出行中的单元。",
    "ui.padding_number": "整数",
    "ui.padding_cells": "填充（单元数）",
    "ui.causal": "因果填充",
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
    "corr.intro": "PyTorch 的 Conv1d 计算的是**互相关**：卷积核不翻转。单通道、无填充时，它等于 `np.correlate`；`np.convolve` 会先翻转卷积核。",
    "corr.too_short": "此处卷积核比输入还长：请选更长的输入再比较。",
    "corr.verdict": "conv1d 等于 np.correlate：{same} · conv1d 等于 np.convolve：{flipped}",
    "layout.intro": "时间序列常按 (N, L, C) 存放（Keras 和 pandas 都是如此），而 Conv1d 需要 (N, C, L)。这里按 (N, L, C) 存放的数据形状为 {shape}；Conv1d 需要 {right}。",
    "layout.engine_error": "本应用的引擎给出的信息（与 torch 执行的规则相同）：",
    "layout.torch_error": "torch 抛出的原始错误：",
    "layout.silent": "此处 L 恰好等于 in_channels（{c}），错误的布局不会报错，却会悄悄算出错误的结果。请检查形状，而不只是看有没有报错。",
    # -- page: transposed --
    # -- page: groups --
    # -- page: matrix --
    # -- page: receptive-field --
    # -- page: gallery --
    # -- page: quiz --
}
