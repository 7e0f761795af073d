"""Write duplicate_pairs.csv from the hand-written idea groups in idea_groups.json.

Run: python tests/data/build_duplicate_pairs.py   (deterministic; the CSV is committed)

Columns: text_a, text_b, label (1 = the same idea, a facilitator would merge them),
kind (paraphrase, short_paraphrase, xlang_<lang>, hard_negative, xlang_negative,
other_topic, xlang_other_topic), topic, split,
de_b (when text_b is a translation: the group's German original, standing in for the
German translation a helper would add to that idea; empty otherwise).
The split is by topic so that no idea text is shared between "dev" (where the scorer is
trained and the threshold chosen) and "test" (held out).
"""
import csv
import itertools
import json
import random
from pathlib import Path

HERE = Path(__file__).parent
DEV_TOPICS = {"wohnen", "bus", "pflege", "jugend", "aerzte", "radverkehr", "schule", "sicherheit"}
OTHER_TOPIC_PAIRS = 45


def members(group):
    return [group["de"], *group["para"]]


def build():
    data = json.loads((HERE / "idea_groups.json").read_text(encoding="utf-8"))
    rng = random.Random(20261125)
    topics = [t for t in data if not t.startswith("_")]
    rows = []

    def add(a, b, label, kind, topic, de_b=""):
        split = "dev" if topic in DEV_TOPICS else "test"
        rows.append({"text_a": a, "text_b": b, "label": label, "kind": kind,
                     "topic": topic, "split": split, "de_b": de_b})

    for topic in topics:
        groups = data[topic]
        for group in groups:
            langs = list(group["trans"])
            add(group["de"], group["para"][0], 1, "paraphrase", topic)
            add(group["de"], group["para"][1], 1, "paraphrase", topic)
            add(group["de"], group["trans"][langs[0]], 1, f"xlang_{langs[0]}", topic, group["de"])
            add(group["para"][0], group["trans"][langs[1]], 1, f"xlang_{langs[1]}", topic, group["de"])
        # Same topic, different idea: the hard case for a similarity threshold.
        for left, right in itertools.combinations(groups, 2):
            a = rng.choice(members(left))
            if rng.random() < 0.3:
                lang = rng.choice(list(right["trans"]))
                add(a, right["trans"][lang], 0, "xlang_negative", topic, right["de"])
            else:
                add(a, rng.choice(members(right)), 0, "hard_negative", topic)
    for topic, a, b in data["_hard_negatives"]:
        add(a, b, 0, "hard_negative", topic)
    for topic, a, b in data["_duplicates"]:
        add(a, b, 1, "short_paraphrase", topic)
    for _ in range(OTHER_TOPIC_PAIRS):
        t1 = rng.choice(topics)
        # Both topics from the same split, so no held-out text is seen in training.
        t2 = rng.choice([t for t in topics if t != t1 and (t in DEV_TOPICS) == (t1 in DEV_TOPICS)])
        add(rng.choice(members(rng.choice(data[t1]))), rng.choice(members(rng.choice(data[t2]))),
            0, "other_topic", t1)
    # Translated ideas on other topics: most pairs across languages in a session differ.
    for _ in range(OTHER_TOPIC_PAIRS):
        t1 = rng.choice(topics)
        t2 = rng.choice([t for t in topics if t != t1 and (t in DEV_TOPICS) == (t1 in DEV_TOPICS)])
        right = rng.choice(data[t2])
        lang = rng.choice(list(right["trans"]))
        add(rng.choice(members(rng.choice(data[t1]))), right["trans"][lang], 0, "xlang_other_topic",
            t1, right["de"])
    return rows


def main():
    rows = build()
    with open(HERE / "duplicate_pairs.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} pairs, {sum(r['label'] for r in rows)} duplicates")


if __name__ == "__main__":
    main()
