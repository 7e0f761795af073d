"""Word folding, stop words, word cloud counts and theme labels."""
from participation.insights.clustering import label_for
from participation.insights.text import fold, words
from participation.insights.wordcloud import word_counts


def test_word_forms_fold_together():
    assert fold("Busse") == fold("Bus") == fold("buses")
    assert fold("Ärzte") == fold("Arzt")
    assert fold("Wohnungen") == fold("Wohnung")
    assert fold("Häuser") == fold("Haus") == fold("Hauses")
    assert fold("otobüsler") == fold("otobüs")
    assert fold("автобусов") == fold("автобус")
    assert fold("الحافلات") == fold("حافلات")
    assert fold("Bus") != fold("Haus")


def test_stop_words_of_every_language_are_dropped():
    assert words("Der Bus soll auch am Wochenende fahren") == ["Bus", "Wochenende", "fahren"]
    assert words("The bus should also run at the weekend") == ["bus", "run", "weekend"]
    assert "için" not in words("Yaşlılar için engelsiz konutlar")
    assert "для" not in words("Автобус для пожилых")
    assert "في" not in words("المزيد من الحافلات في المساء")


def test_word_cloud_counts_each_idea_once_and_shows_the_common_form():
    cloud = word_counts([
        "Mehr Busse am Wochenende",
        "Busse fahren zu selten, Busse sind zu teuer",
        "Der Bus soll abends fahren",
        "Ein Jugendtreff im Ort",
    ])
    top = cloud[0]
    assert top["word"] == "Busse" and top["count"] == 3 and top["weight"] == 5
    assert {"Mehr", "mehr", "Der", "soll"}.isdisjoint(entry["word"] for entry in cloud)
    assert all(1 <= entry["weight"] <= 5 for entry in cloud)


def test_word_cloud_of_nothing_is_empty():
    assert word_counts([]) == []
    assert word_counts(["und oder aber"]) == []


def test_theme_label_comes_from_the_groups_own_words():
    group = ["Der Bus soll am Wochenende fahren", "Busse auch am Wochenende",
             "Samstags kein Bus im Dorf"]
    others = group + ["Ein Jugendtreff im Dorf", "Schnelles Internet im Dorf"]
    label = label_for(group, others)
    assert label.split(" · ")[0] in ("Bus", "Wochenende")
    assert "Dorf" not in label  # common to every idea, so it says nothing about this group
