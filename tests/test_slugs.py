from generator.slugs import slugify


def test_slug_rules():
    assert slugify("’s-Gravenhage") == "s-gravenhage"
    assert slugify("Zorg&Zekerheid") == "zorg-en-zekerheid"
    assert slugify("Súdwest-Fryslân") == "sudwest-fryslan"
    assert slugify("Oost Gelre") == "oost-gelre"


def test_slug_is_cut_at_a_word_boundary():
    assert slugify("Inkoop wijkgericht werken (wijkverpleging niet-toewijsbare zorg)", 40) == "inkoop-wijkgericht-werken-wijkverpleging"
