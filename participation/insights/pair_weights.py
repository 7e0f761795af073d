"""Learned weights of the duplicate scorer (pair_scorer.py). Written by
`python -m tests.load.train_pair_scorer`; do not edit by hand."""

WEIGHTS = {
    "use": {
        "features": ('cos', 'overlap', 'same_lang', 'negation', 'overlap2', 'cos_overlap', 'cos_cross'),
        "mean": [0.439549, 0.075916, 0.656915, 0.085106, 0.030942, 0.048419, 0.148239],
        "scale": [0.200232, 0.158677, 0.474740, 0.279040, 0.102611, 0.115567, 0.238713],
        "coef": [2.393287, -1.144973, -0.582489, -0.020124, 1.311351, -0.777085, -0.283440],
        "intercept": -0.162527,
        # Most recall at precision >= 0.85 in leave-one-topic-out runs on the dev topics.
        "threshold": 0.5810,
        "min_cosine": 0.301,
        "trained_on": ['aerzte', 'bus', 'jugend', 'pflege', 'radverkehr', 'schule', 'sicherheit', 'wohnen'],
    },
}
