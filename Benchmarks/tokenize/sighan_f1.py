#!/usr/bin/env python3
"""Word-level precision, recall and F1 of a segmentation against a gold one (SIGHAN bakeoff score).

    sighan_f1.py GOLD PREDICTED [--label NAME]

Both files hold words separated by white space (any amount; line breaks count as white space).
A predicted word is correct when its start and end, as character offsets into the whole text with
all white space removed, are exactly those of a gold word. Offsets run over the whole file and not
line by line because the published gold files do not always break lines where the test input does
(msr_test_gold.utf8 line 442 ends with the quotation mark that opens input line 443). When the two
texts differ once white space is removed, the segmenter changed or lost characters and the score
would be meaningless, so the script stops and shows where.

Prints one line: `NAME precision recall f1 gold_words predicted_words correct_words`.
"""
import argparse
import sys


def words_and_text(path):
    """The (start, end) character spans of a file's white-space-separated words, and its text."""
    with open(path, encoding="utf-8") as file:
        words = file.read().split()
    spans = []
    offset = 0
    for word in words:
        spans.append((offset, offset + len(word)))
        offset += len(word)
    return spans, "".join(words)


def score(gold_path, predicted_path):
    gold_spans, gold_text = words_and_text(gold_path)
    predicted_spans, predicted_text = words_and_text(predicted_path)
    if gold_text != predicted_text:
        at = next((i for i, (a, b) in enumerate(zip(gold_text, predicted_text)) if a != b),
                  min(len(gold_text), len(predicted_text)))
        sys.exit(f"sighan_f1: {predicted_path} differs from {gold_path} at character {at} "
                 f"(white space removed; lengths {len(predicted_text)} and {len(gold_text)}):\n"
                 f"  gold:      {gold_text[max(0, at - 20):at + 20]}\n"
                 f"  predicted: {predicted_text[max(0, at - 20):at + 20]}")
    gold_set = set(gold_spans)
    correct = sum(1 for span in predicted_spans if span in gold_set)
    precision = correct / len(predicted_spans) if predicted_spans else 0.0
    recall = correct / len(gold_spans) if gold_spans else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, len(gold_spans), len(predicted_spans), correct


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold")
    parser.add_argument("predicted")
    parser.add_argument("--label", default="f1")
    arguments = parser.parse_args()
    precision, recall, f1, gold_total, predicted_total, correct = score(arguments.gold, arguments.predicted)
    print(f"{arguments.label} {precision:.4f} {recall:.4f} {f1:.4f} {gold_total} {predicted_total} {correct}")


if __name__ == "__main__":
    main()
