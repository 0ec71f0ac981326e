"""Filling an empty source or target from the article's other actors (the role model)."""

from __future__ import annotations

import json

import pytest

from casus import events
from casus.errors import ConfigError
from casus.events.roles import RULE_WEIGHTS, RoleModel, candidates, complete_roles
from casus.model import Article, Event
from tests._builders.events import SentSpec, article, sent


@pytest.fixture(scope="module")
def lexicon() -> events.Lexicon:
    return events.Lexicon.load()


def _border():
    """ "Fighting spread along the Sudan border.": the story's first sentence."""
    return sent(
        "Fighting/NOUN/nsubj/1 spread/VERB/ROOT/1 along/ADP/prep/1 the/DET/det/5 "
        "Sudan/PROPN/compound/5 border/NOUN/pobj/2 ./PUNCT/punct/1",
        {4: "SDN"},
    )


# "Chad's army shelled the town." then "Sudan protested." with an actor-less object:
# the shelling has no target in its sentence, the protest has none at all.
def _story():
    return article(
        _border(),
        sent(
            "Chadian/ADJ/amod/1 troops/NOUN/nsubj/2 shelled/VERB/ROOT/2/shell the/DET/det/4 "
            "town/NOUN/dobj/2 ./PUNCT/punct/2",
            {1: "TCDMIL"},
        ),
    )


def test_the_syntax_alone_leaves_the_target_empty(lexicon: events.Lexicon) -> None:
    art = events.extract(_story(), lexicon, fill_roles=False)
    assert [(e.source.code if e.source else None, e.cameo[:2], e.target) for e in art.events] == [
        ("TCDMIL", "19", None)
    ]


@pytest.mark.parametrize("model", ["shipped", "rules"])
def test_an_empty_target_is_filled_from_the_article(lexicon: events.Lexicon, model: str) -> None:
    roles = RoleModel.load() if model == "shipped" else RoleModel()
    lex = events.Lexicon(data=lexicon.data, version=lexicon.version, roles=roles)
    (event,) = events.extract(_story(), lex).events
    assert event.source is not None and event.source.code == "TCDMIL"
    assert event.target is not None and event.target.country == "SDN"
    assert "target:inferred" in event.evidence.cues
    # the id follows the filled target, so it differs from the unfilled event's
    (bare,) = events.extract(_story(), lexicon, fill_roles=False).events
    assert event.event_id != bare.event_id


def test_a_generic_agent_takes_the_country_of_the_story(lexicon: events.Lexicon) -> None:
    art = article(
        sent(
            "Kenya/PROPN/nsubj/1 braced/VERB/ROOT/1/brace for/ADP/prep/1 "
            "protests/NOUN/pobj/2 ./PUNCT/punct/1",
            {0: "KEN"},
        ),
        sent(
            "Police/NOUN/nsubj/1 attacked/VERB/ROOT/1/attack the/DET/det/3 "
            "protesters/NOUN/dobj/1 ./PUNCT/punct/1",
            {0: "COP", 3: "CVL"},
        ),
    )
    coded = events.extract(art, lexicon).events
    assert coded
    src = coded[0].source
    assert src is not None and src.country == "KEN" and src.code == "KENCOP"
    assert src.text == "Police"


def test_the_other_participant_is_never_its_own_candidate() -> None:
    art = _story()
    coded = events.extract(art, events.Lexicon.load(), fill_roles=False)
    (event,) = coded.events
    keys = [c.mention.actor.code for c in candidates(coded, event, "target") if c.mention.actor]
    assert "TCDMIL" not in keys and "SDN" in keys


def test_off_fills_nothing() -> None:
    coded = events.extract(_story(), events.Lexicon.load(), fill_roles=False)
    assert list(complete_roles(coded, RoleModel.off())) == list(coded.events)


def test_rule_weights_prefer_the_same_sentence() -> None:
    w = RULE_WEIGHTS["target"]
    assert w["sd=0"] > w["sd=-1"] > w["sd=-2"]


def test_a_broken_model_file_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="not a role model"):
        RoleModel.from_json("{}", where="data/roles.json")
    good = {"version": "x", "bias": {"target": 0, "source": 0}, "weights": {"target": {}}}
    with pytest.raises(ConfigError, match="casus train"):
        RoleModel.from_json(json.dumps(good))


def test_the_shipped_model_is_learned_and_small() -> None:
    from importlib import resources

    path = resources.files("casus").joinpath("data", "roles.json")
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert len(path.read_bytes()) < 1_000_000
    assert raw["groups"]["target"] > 100 and raw["groups"]["source"] > 50
    model = RoleModel.load()
    assert model.version == raw["version"] != "rules"


def test_bare_sectors_in_a_story_without_a_country_give_no_event(lexicon: events.Lexicon) -> None:
    art = article(
        sent(
            "The/DET/det/1 troops/NOUN/nsubj/2/troop attacked/VERB/ROOT/2/attack the/DET/det/4 "
            "rebels/NOUN/dobj/2/rebel ./PUNCT/punct/2",
            {1: "MIL", 4: "REB"},
        )
    )
    assert events.extract(art, lexicon, fill_roles=False).events  # the syntax found it
    assert events.extract(art, lexicon).events == ()


def test_a_protest_with_no_actor_is_the_peoples_against_their_government(
    lexicon: events.Lexicon,
) -> None:
    art = article(
        sent(
            "Kenya/PROPN/nsubj/1 raised/VERB/ROOT/1/raise fuel/NOUN/compound/3 "
            "taxes/NOUN/dobj/1/tax ./PUNCT/punct/1",
            {0: "KEN"},
        ),
        sent(
            "Protests/NOUN/nsubj/1/protest erupted/VERB/ROOT/1/erupt in/ADP/prep/1 "
            "the/DET/det/4 capital/NOUN/pobj/2 ./PUNCT/punct/1"
        ),
    )
    (event,) = [e for e in events.extract(art, lexicon).events if e.cameo_root == "14"]
    assert event.source is not None and event.source.code == "KENCVL"
    assert event.target is not None and event.target.code == "KENGOV"
    assert "target:own-government" in event.evidence.cues


def test_a_protest_against_a_named_government_is_its_peoples(
    lexicon: events.Lexicon,
) -> None:
    # another country's aid agency is named first and most: still no protester
    art = article(
        sent(
            "The/DET/det/2 Norwegian/ADJ/amod/2 agency/NOUN/nsubj/3/agency sent/VERB/ROOT/3/send "
            "aid/NOUN/dobj/3/aid ./PUNCT/punct/3",
            {1: "NORNGO"},
        ),
        sent(
            "Protests/NOUN/nsubj/5/protest against/ADP/prep/0 the/DET/det/4 "
            "Bolivian/ADJ/amod/4 government/NOUN/pobj/1/government grew/VERB/ROOT/5/grow "
            "./PUNCT/punct/5",
            {4: "BOLGOV"},
        ),
    )
    (event,) = [e for e in events.extract(art, lexicon).events if e.cameo_root == "14"]
    assert event.target is not None and event.target.country == "BOL"
    assert event.source is not None and event.source.code == "BOLCVL"
    assert "source:civilians" in event.evidence.cues


def test_a_candidate_the_story_pairs_with_the_known_side_says_so(
    lexicon: events.Lexicon,
) -> None:
    # Chile fought Peru; Bolivia is named too; then Chile condemned "the raids" (no target)
    art = article(
        sent(
            "Chile/PROPN/nsubj/1 attacked/VERB/ROOT/1/attack Peru/PROPN/dobj/1 ./PUNCT/punct/1",
            {0: "CHL", 2: "PER"},
        ),
        sent(
            "Bolivia/PROPN/nsubj/1 watched/VERB/ROOT/1/watch ./PUNCT/punct/1",
            {0: "BOL"},
        ),
        sent(
            "Chile/PROPN/nsubj/1 condemned/VERB/ROOT/1/condemn the/DET/det/3 "
            "raids/NOUN/dobj/1/raid ./PUNCT/punct/1",
            {0: "CHL"},
        ),
    )
    coded = events.extract(art, lexicon, fill_roles=False)
    (condemnation,) = [e for e in coded.events if e.cameo_root == "11"]
    feats = {c.key: c.features for c in candidates(coded, condemnation, "target")}
    assert "paired=1" in feats["PER"] and "paired_root=0" in feats["PER"]
    assert "paired=0" in feats["BOL"]


def test_a_co_mediator_is_not_the_target_of_a_mediation(lexicon: events.Lexicon) -> None:
    """ "Chile and Peru mediated.": neither the syntax nor the role model makes one
    mediator the other's target."""
    art = article(
        sent(
            "Chile/PROPN/nsubj/3 and/CCONJ/cc/0 Peru/PROPN/conj/0 mediated/VERB/ROOT/3/mediate "
            "./PUNCT/punct/3",
            {0: "CHL", 2: "PER"},
        ),
    )
    got = {
        (e.source.code if e.source else None, e.target.code if e.target else None)
        for e in events.extract(art, lexicon).events
    }
    assert got == {("CHL", None), ("PER", None)}


def _vote(obj: str) -> Article:
    return article(
        sent(
            "The/DET/det/1 UN/PROPN/nsubj/2 drafted/VERB/ROOT/2/draft a/DET/det/4 "
            "text/NOUN/dobj/2 ./PUNCT/punct/2",
            {1: "IGOUNO"},
        ),
        sent(
            "Chile/PROPN/nsubj/1 voted/VERB/ROOT/1/vote against/ADP/prep/1 the/DET/det/4 "
            f"{obj}/NOUN/pobj/2 ./PUNCT/punct/1",
            {0: "CHL"},
        ),
    )


@pytest.mark.parametrize(("obj", "voted"), [("resolution", True), ("plan", False)])
def test_voting_on_a_resolution_targets_the_body(
    lexicon: events.Lexicon, obj: str, voted: bool
) -> None:
    """Voting against a resolution is an act towards the body that votes on it (the
    article's IGO); against anything else the role model decides as usual."""
    art = events.extract(_vote(obj), lexicon)
    (vote,) = [e for e in art.events if e.sentence_index == 1]
    assert vote.cameo[:2] == "12"
    assert ("target:voted-body" in vote.evidence.cues) is voted
    if voted:
        assert vote.target is not None and vote.target.code == "IGOUNO"


def _judgement(
    lexicon: events.Lexicon, first: SentSpec, second: SentSpec, root: str = "11"
) -> Event:
    """The one judgement (disapproval, root 11, unless ``root`` says) of a two-sentence story,
    coded with a role model that fills nothing, so that only the rules name its target."""
    never = RoleModel(bias={"target": 1e9, "source": 1e9})
    lex = events.Lexicon(data=lexicon.data, version=lexicon.version, roles=never)
    (judged,) = [
        e for e in events.extract(article(first, second), lex).events if e.cameo_root == root
    ]
    return judged


def test_condemning_an_act_targets_its_author(lexicon: events.Lexicon) -> None:
    # "Chile attacked Peru." then "Bolivia condemned the attack.": the target is Chile, who
    # attacked, with a role model that fills nothing; the victim named in "on" gives way.
    first = sent(
        "Chile/PROPN/nsubj/1 attacked/VERB/ROOT/1/attack Peru/PROPN/dobj/1 ./PUNCT/punct/1",
        {0: "CHL", 2: "PER"},
    )
    bare = sent(
        "Bolivia/PROPN/nsubj/1 condemned/VERB/ROOT/1/condemn the/DET/det/3 "
        "attack/NOUN/dobj/1/attack ./PUNCT/punct/1",
        {0: "BOL"},
    )
    on_victim = sent(
        "Bolivia/PROPN/nsubj/1 condemned/VERB/ROOT/1/condemn the/DET/det/3 "
        "attack/NOUN/dobj/1/attack on/ADP/prep/3 Peru/PROPN/pobj/4 ./PUNCT/punct/1",
        {0: "BOL", 5: "PER"},
    )
    for second in (bare, on_victim):
        judged = _judgement(lexicon, first, second)
        assert judged.target is not None and judged.target.code == "CHL"
        assert "target:author" in judged.evidence.cues


def test_condemning_an_act_of_an_international_body_targets_the_body(
    lexicon: events.Lexicon,
) -> None:
    # "NATO attacked Peru." then "Bolivia condemned the attack.": an author with no country
    first = sent(
        "NATO/PROPN/nsubj/1 attacked/VERB/ROOT/1/attack Peru/PROPN/dobj/1 ./PUNCT/punct/1",
        {0: "IGOWSTNAT", 2: "PER"},
    )
    second = sent(
        "Bolivia/PROPN/nsubj/1 condemned/VERB/ROOT/1/condemn the/DET/det/3 "
        "attack/NOUN/dobj/1/attack ./PUNCT/punct/1",
        {0: "BOL"},
    )
    judged = _judgement(lexicon, first, second)
    assert judged.target is not None and judged.target.code == "IGOWSTNAT"


def _victims(verb: str, lemma: str) -> Article:
    # "Chadian troops shelled the town." then "Two Sudanese workers were <verb>.": the second
    # act names its victims and nobody as its author.
    return article(
        sent(
            "Chadian/ADJ/amod/1 troops/NOUN/nsubj/2 shelled/VERB/ROOT/2/shell the/DET/det/4 "
            "town/NOUN/dobj/2 ./PUNCT/punct/2",
            {1: "TCDMIL"},
        ),
        sent(
            "Two/NUM/nummod/2 Sudanese/ADJ/amod/2 workers/NOUN/nsubjpass/4 were/AUX/auxpass/4 "
            f"{verb}/VERB/ROOT/4/{lemma} ./PUNCT/punct/4",
            {2: "SDNCVL"},
        ),
    )


@pytest.mark.parametrize("model", ["shipped", "rules"])
def test_unconventional_violence_by_nobody_named_keeps_no_source(
    lexicon: events.Lexicon, model: str
) -> None:
    roles = RoleModel.load() if model == "shipped" else RoleModel()
    lex = events.Lexicon(data=lexicon.data, version=lexicon.version, roles=roles)
    out = events.extract(_victims("kidnapped", "kidnap"), lex).events
    (kidnap,) = [e for e in out if e.cameo_root == "18"]
    assert kidnap.source is None
    assert kidnap.target is not None and kidnap.target.country == "SDN"
    # a killing with nobody named is still given the story's attacker
    out = events.extract(_victims("killed", "kill"), lex).events
    killings = [e for e in out if e.cameo_root == "19" and e.evidence.cues[0] == "trigger:kill"]
    assert killings and all(e.source is not None for e in killings)


def _probe(obj: str, lemma: str, pos: str) -> Article:
    """ "Fighting spread along the Sudan border." then "Chadian police investigated <obj>." """
    return article(
        _border(),
        sent(
            "Chadian/ADJ/amod/1 police/NOUN/nsubj/2 investigated/VERB/ROOT/2/investigate "
            f"the/DET/det/4 {obj}/{pos}/dobj/2/{lemma} ./PUNCT/punct/2",
            {1: "TCDCOP"},
        ),
    )


@pytest.mark.parametrize("model", ["shipped", "rules"])
def test_an_investigation_of_a_thing_keeps_no_target(lexicon: events.Lexicon, model: str) -> None:
    roles = RoleModel.load() if model == "shipped" else RoleModel()
    lex = events.Lexicon(data=lexicon.data, version=lexicon.version, roles=roles)
    (probe,) = events.extract(_probe("incident", "incident", "NOUN"), lex).events
    assert probe.cameo_root == "09" and probe.source is not None
    assert probe.target is None


def test_a_protest_demand_with_no_target_is_on_the_protesters_government(
    lexicon: events.Lexicon,
) -> None:
    # "Chilean students marched, demanding free tuition.": the demand is the protest's (h45)
    art = article(
        sent(
            "Chilean/ADJ/amod/1/chilean students/NOUN/nsubj/2/student marched/VERB/ROOT/2/march "
            ",/PUNCT/punct/2 demanding/VERB/advcl/2/demand/VBG free/ADJ/amod/6/free "
            "tuition/NOUN/dobj/4/tuition ./PUNCT/punct/2",
            {0: "CHL", 1: "CHLEDU"},
        ),
    )
    (event,) = [e for e in events.extract(art, lexicon).events if e.cameo_root == "10"]
    assert event.source is not None and event.source.code == "CHLEDU"
    assert event.target is not None and event.target.code == "CHLGOV"
    assert "target:own-government" in event.evidence.cues


def test_a_resignation_with_no_one_named_yields_to_the_leaders_own_people(
    lexicon: events.Lexicon,
) -> None:
    # "Chile's government sent aid. Peru's prime minister resigned.": not to Chile (h45)
    art = article(
        sent(
            "The/DET/det/2 Chilean/ADJ/amod/2 government/NOUN/nsubj/3/government "
            "sent/VERB/ROOT/3/send aid/NOUN/dobj/3/aid ./PUNCT/punct/3",
            {1: "CHL", 2: "CHLGOV"},
        ),
        sent(
            "The/DET/det/2 Peruvian/ADJ/amod/2 minister/NOUN/nsubj/3/minister "
            "resigned/VERB/ROOT/3/resign ./PUNCT/punct/3",
            {1: "PER", 2: "PERGOV"},
        ),
    )
    (event,) = [e for e in events.extract(art, lexicon).events if e.cameo == "0831"]
    assert event.target is not None and event.target.code == "PERCVL"
    assert "target:own-people" in event.evidence.cues


def test_a_meeting_with_unnamed_common_nouns_is_no_event(lexicon: events.Lexicon) -> None:
    # "Chile sent aid. The Peruvian president met air force pilots.": not a meeting with Chile
    art = article(
        sent(
            "Chile/PROPN/nsubj/1 sent/VERB/ROOT/1/send aid/NOUN/dobj/1/aid ./PUNCT/punct/1",
            {0: "CHL"},
        ),
        sent(
            "The/DET/det/2 Peruvian/ADJ/amod/2 president/NOUN/nsubj/3/president "
            "met/VERB/ROOT/3/meet air/NOUN/compound/5 force/NOUN/compound/6 "
            "pilots/NOUN/dobj/3/pilot ./PUNCT/punct/3",
            {1: "PER", 2: "PERGOV"},
        ),
    )
    assert [e for e in events.extract(art, lexicon).events if e.cameo_root == "04"] == []


@pytest.mark.parametrize(
    "judging",
    [
        # "Bolivia expressed regret over the attack.": the phrase hangs on the light verb
        "Bolivia/PROPN/nsubj/1 expressed/VERB/ROOT/1/express regret/NOUN/dobj/1/regret "
        "over/ADP/prep/1 the/DET/det/5 attack/NOUN/pobj/3/attack ./PUNCT/punct/1",
        # "Bolivia condemned the attack.": another word for the act
        "Bolivia/PROPN/nsubj/1 condemned/VERB/ROOT/1/condemn the/DET/det/3 "
        "attack/NOUN/dobj/1/attack ./PUNCT/punct/1",
    ],
    ids=["regret-over", "condemned"],
)
def test_a_judgement_of_an_attack_noun_after_a_bombing_targets_the_bomber(
    lexicon: events.Lexicon, judging: str
) -> None:
    # "Chile bombed Peru." then a judgement of "the attack": "attack" names any violence,
    # not only the word of the act, so the target is the latest attacker
    first = sent(
        "Chile/PROPN/nsubj/1 bombed/VERB/ROOT/1/bomb Peru/PROPN/dobj/1 ./PUNCT/punct/1",
        {0: "CHL", 2: "PER"},
    )
    judged = _judgement(lexicon, first, sent(judging, {0: "BOL"}))
    assert judged.target is not None and judged.target.code == "CHL"
    assert "target:author" in judged.evidence.cues


def test_praising_an_act_targets_its_author(lexicon: events.Lexicon) -> None:
    # "Chile attacked Peru." then "Bolivia praised the attack.": approval, like condemnation,
    # is towards whoever acted
    first = sent(
        "Chile/PROPN/nsubj/1 attacked/VERB/ROOT/1/attack Peru/PROPN/dobj/1 ./PUNCT/punct/1",
        {0: "CHL", 2: "PER"},
    )
    second = sent(
        "Bolivia/PROPN/nsubj/1 praised/VERB/ROOT/1/praise the/DET/det/3 "
        "attack/NOUN/dobj/1/attack ./PUNCT/punct/1",
        {0: "BOL"},
    )
    praised = _judgement(lexicon, first, second, root="05")
    assert praised.target is not None and praised.target.code == "CHL"
    assert "target:author" in praised.evidence.cues
