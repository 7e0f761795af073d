"""Learned weights of the duplicate scorer (pair_scorer.py). Written by
`python -m tests.load.train_pair_scorer`; do not edit by hand."""

WEIGHTS = {
    "use": {
        "features": ('cos', 'overlap', 'same_lang', 'negation', 'overlap2', 'cos_overlap', 'cos_cross', 'align_mean', 'align_worst2'),
        "mean": [0.439549, 0.075916, 0.656915, 0.085106, 0.030942, 0.048419, 0.148239, 0.520072, 0.342513],
        "scale": [0.200232, 0.158677, 0.474740, 0.279040, 0.102611, 0.115567, 0.238713, 0.145923, 0.114611],
        "coef": [2.004490, -2.564773, -1.065025, 0.047491, 2.282058, -1.267470, -1.038409, 1.724904, -0.028783],
        "intercept": -0.200450,
        # Most recall at precision >= 0.85 in leave-one-topic-out runs on the dev topics.
        "threshold": 0.5496,
        "min_cosine": 0.209,
        "trained_on": ['aerzte', 'bus', 'jugend', 'pflege', 'radverkehr', 'schule', 'sicherheit', 'wohnen'],
    },
}
