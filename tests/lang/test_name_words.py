"""Name mentions: an initial does not end a sentence; inflection is read off a name's last word only."""
from milcoop.lang.base import caps_name_pattern, split_sentences


def test_an_initial_does_not_end_a_sentence():
    text = "General Tod D. Wolters met the minister. Then they left."
    assert [text[a:b] for a, b in split_sentences(text)] == ["General Tod D. Wolters met the minister.",
                                                             "Then they left."]


def test_particles_join_name_words_only_when_listed():
    text = "talks with Abdel Fattah al-Sisi and Mohammed bin Salman"
    with_particles = [m.group(0) for m in caps_name_pattern(("al", "bin")).finditer(text)]
    assert with_particles == ["Abdel Fattah al-Sisi", "Mohammed bin Salman"]
    assert [m.group(0) for m in caps_name_pattern().finditer(text)] == ["Abdel Fattah", "Sisi", "Mohammed", "Salman"]


def test_kazakh_case_endings_come_off_the_last_word_only():
    from milcoop.lang import get_lang

    analyser = get_lang("kk").analyser
    text = "генерал-майор Мереке Көшекбаевке"
    mention = analyser.mention(text, text.index("Мереке"), len(text))
    assert mention.normal == "Мереке Көшекбаев"


def test_a_latin_name_inside_kazakh_text_is_a_mention():
    from milcoop.lang import get_lang

    text = "Үндістан кадет корпусының полковник Sameer Sharma басқарған делегациясы Өскеменге келді."
    assert "Sameer Sharma" in [m.text for m in get_lang("kk").analyser.persons(text)]
