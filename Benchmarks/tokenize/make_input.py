#!/usr/bin/env python3
"""Builds a benchmark input of at least a given size by repeating source texts.

    make_input.py --bytes N --out FILE [--unit UNIT_FILE] SOURCE...

The unit is every SOURCE that is valid UTF-8 (others are skipped, named on stderr), each ending
with a line break, concatenated in the order given; when none is usable, a generated text shaped
like a report (see `generated`). The output is the unit repeated a whole number of times until it
holds at least N bytes, so every count taken on it is exactly that many times the unit's count.
`--unit` also writes one copy of the unit, to measure that count.

Prints one line: `copies unit_bytes total_bytes sources`, where sources is a comma-separated list
of the file names used, or `generated`.
"""
import argparse
import os
import random
import sys


def generated(size):
    """A deterministic pseudo-report: common words, numbers with units, Latin words, punctuation."""
    words = ("本机关 年度 工作 情况 政府 信息 公开 依申请公开 主动公开 办理 答复 行政复议 行政诉讼 规范性文件 "
             "制定 废止 有效 数量 统计 网站 发布 政务 新媒体 平台 群众 咨询 按照 要求 进一步 加强 推进 落实 "
             "建设 管理 服务 人员 培训 监督 保障 存在 问题 改进 其中 以及 全年 累计 同比 增长 下降 收到 申请").split()
    units = ["年", "月", "日", "件", "条", "人次", "万元", "%", "个"]
    rng = random.Random(20231)
    parts = []
    length = 0
    sentences = 0
    while length < size:
        sentence = []
        for _ in range(rng.randrange(4, 16)):
            choice = rng.randrange(10)
            if choice == 0:
                sentence.append(f"{rng.randrange(100000)}{rng.choice(units)}")
            elif choice == 1:
                sentence.append(f"二〇二{rng.choice('一二三')}年")
            elif choice == 2:
                sentence.append(rng.choice(["APP", "PDF", "H5", "Excel"]))
            else:
                sentence.append(rng.choice(words))
            if rng.randrange(5) == 0:
                sentence.append(rng.choice("，、；"))
        sentence.append(rng.choice("。。！"))
        sentences += 1
        if sentences % 4 == 0:
            sentence.append("\n")
        text = "".join(sentence)
        parts.append(text)
        length += len(text.encode("utf-8"))
    return ("".join(parts) + "\n").encode("utf-8")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bytes", type=int, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--unit")
    parser.add_argument("sources", nargs="*")
    arguments = parser.parse_args()

    unit = bytearray()
    used = []
    for path in arguments.sources:
        with open(path, "rb") as file:
            data = file.read()
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            print(f"make_input: skipped {path}: not UTF-8", file=sys.stderr)
            continue
        if not data.strip():
            continue
        unit += data
        if not data.endswith(b"\n"):
            unit += b"\n"
        used.append(os.path.basename(path))
    if not unit:
        unit = bytearray(generated(1 << 20))
        used = ["generated"]
    unit = bytes(unit)

    copies = max(1, -(-arguments.bytes // len(unit)))
    with open(arguments.out, "wb") as out:
        for _ in range(copies):
            out.write(unit)
    if arguments.unit:
        with open(arguments.unit, "wb") as out:
            out.write(unit)
    print(copies, len(unit), copies * len(unit), ",".join(used))


if __name__ == "__main__":
    main()
