"""Glossary terms: found in Hindi sources, sound-alike variants respelt, and known to the guard."""
from service.quality.faithfulness import check_faithfulness
from service.quality.terms import GlossaryTerm, TermIndex, apply_spellings, rendered

GLOSSARY = TermIndex([
    GlossaryTerm("जयशंकर", "Jaishankar"), GlossaryTerm("नरेंद्र मोदी", "Narendra Modi"), GlossaryTerm("मोदी", "Modi"),
    GlossaryTerm("भाजपा", "BJP"), GlossaryTerm("विदेश मंत्रालय", "Ministry of External Affairs"),
])


def test_terms_are_found_as_whole_tokens_longest_first():
    found = GLOSSARY.found_in("नरेंद्र मोदी और मोदी सरकार के विदेश मंत्रालय ने कहा।")
    assert [t.hindi for t in found] == ["नरेंद्र मोदी", "मोदी", "विदेश मंत्रालय"]
    assert GLOSSARY.found_in("मोदीनगर में जयशंकरन आए।") == [], "part of a longer word is not the term"
    assert [t.hindi for t in GLOSSARY.found_in("ज़यशंकर ने कहा।")] == ["जयशंकर"], "a nukta spelling is the same term"


def test_sound_alike_variants_take_the_house_spelling():
    terms = GLOSSARY.found_in("विदेश मंत्री एस. जयशंकर ने नरेंद्र मोदी से भाजपा मुख्यालय में मुलाकात की।")
    text = "External Affairs Minister S. Jayshanker met Narender Modi's team at the Bjp office. Jai Shankar said."
    assert apply_spellings(text, terms) == (
        "External Affairs Minister S. Jaishankar met Narendra Modi's team at the BJP office. Jaishankar said.")


def test_what_is_not_a_variant_is_left_alone():
    terms = GLOSSARY.found_in("मोदी ने विदेश मंत्रालय का दौरा किया।")
    text = "Made in India, the foreign ministry said; Modi visited. Mode and model stay."
    assert apply_spellings(text, terms) == text, "common words and different renderings are not respelt"
    assert apply_spellings("Jaishankar spoke.", GLOSSARY.found_in("जयशंकर ने कहा")) == "Jaishankar spoke."


def test_the_guard_knows_glossary_terms():
    source = "भाजपा ने जयशंकर के साथ बैठक की।"
    ok = check_faithfulness(source, "The BJP held a meeting with Jaishankar.", glossary=GLOSSARY)
    assert ok.passed, ok.warnings()
    assert {c.value for c in ok.checks} >= {"भाजपा (BJP)", "जयशंकर (Jaishankar)"}
    missing = check_faithfulness(source, "The party held a meeting with Jaishankar.", glossary=GLOSSARY)
    assert missing.warnings() == ["entity भाजपा (BJP) in the source is missing"]
    assert rendered(GLOSSARY.terms[0], "then Jayshankar spoke")
