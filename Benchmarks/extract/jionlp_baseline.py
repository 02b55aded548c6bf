#!/usr/bin/env python3
"""JioNLP's nine rule-based extractors on the same documents, one core: the baseline of run.sh.

    python3 jionlp_baseline.py DIR [--repeat N]

Prints one line: documents, seconds, documents per second, and how many items the extractors
found (a sanity count, so a silent failure does not look fast). Needs `pip install jionlp`.
"""
import argparse
import os
import sys
import time

import jionlp as jio

# The nine extractors that overlap HanMine's fields: contacts (e-mail, phone, URL, QQ, WeChat,
# ID card, IP address) and the NER rules for times and money.
EXTRACTORS = [
    jio.extract_email, jio.extract_phone_number, jio.extract_url, jio.extract_id_card, jio.extract_ip_address,
    jio.extract_qq, jio.extract_wechat_id, jio.ner.extract_time, jio.ner.extract_money,
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("folder")
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    texts = []
    for root, _, names in os.walk(args.folder):
        for name in sorted(names):
            if name.endswith(".txt"):
                with open(os.path.join(root, name), "rb") as f:
                    texts.append(f.read().decode("utf-8", errors="replace"))
    # Warm-up (dictionaries load lazily on first call).
    for extract in EXTRACTORS:
        extract(texts[0])
    found = 0
    start = time.process_time()
    for _ in range(args.repeat):
        for text in texts:
            for extract in EXTRACTORS:
                found += len(extract(text))
    seconds = time.process_time() - start
    docs = len(texts) * args.repeat
    print(f"jionlp docs={docs} cpu_seconds={seconds:.3f} docs_per_second={docs / seconds:.1f} items={found}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
