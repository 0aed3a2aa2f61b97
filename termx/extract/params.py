"""Every number that affects the ranking, in one table: :class:`ScoringParams`.

``ExtractOptions.params`` carries one (the defaults below unless another set is passed in),
and every stage reads its numbers from there, the worker processes included. The defaults
were hand-set during development on the seeds and tico19-dev ("stop N" in the history);
issue 12 is to fit them on data instead, with cross-validation.

Not in the table, because they bound the search rather than weigh what it finds (changing
them changes what is looked at, not how it is ranked): the candidate span limits
(``candidates.zh.MAX_ZH_TOKENS``/``MAX_ZH_CHARS``, ``candidates.en.MAX_EN_WORDS``), the
longest dictionary part (``evidence.dictionary.MAX_PART``), the longest pinyin name part
(``evidence.translit.MAX_NAME_PART``), the acronym search bounds (``evidence.acronym``), and
the 0.0001 step that puts a long form just above its acronym in ``select`` (the score's
resolution). ``ExtractOptions.min_score`` and ``top`` are the user's cut-offs, not weights.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ScoringParams:
    """The tunable numbers of extraction scoring. Frozen: pass a modified copy
    (``dataclasses.replace(ScoringParams(), lexical_weight=0.8)``) in ``ExtractOptions``."""

    # --- how the signals are combined (score.py)
    # "hand": the hand-set noisy-or times termhood below. "pairing": the same scores, but
    # which English of a Chinese term gets which of its scores is decided by the logistic
    # model in termx/extract/weights.json (select.py). "fitted": the model's probability is
    # the score. The model is fitted by `python bench/fit.py --write`; figures and the
    # choice of default in docs/eval.md.
    scoring: str = "hand"

    # --- lexical coverage (evidence/base.py coverage)
    # A dictionary match alone is never certain: full coverage of both sides gives this much
    # before names, quotes and recurrence add. Hand-set; to be fitted (issue 12).
    lexical_weight: float = 0.75
    # Factor per term edge (first/last Chinese character, first/last English word) nothing
    # explains: the shortest fully explained span should win ("counter-terrorism exchange",
    # not "... exchange and information"). Hand-set; to be fitted (issue 12).
    edge_penalty: float = 0.7
    # Factor per unexplained *head* edge (last Chinese word, English head word), harsher than
    # a modifier's: a head carries the concept. Hand-set; to be fitted (issue 12).
    head_penalty: float = 0.6
    # Gloss and word keys that share this many first letters may be one family
    # (symptom/symptomatic, fever/feverish); fewer letters join unrelated words. Used for the
    # anchors that link a pair and for dictionary matching. Hand-set.
    stem_prefix: int = 5
    # English negative prefixes (a-, non-, un-) are read as 无/非/不 only when this many
    # letters remain after them ("asymptomatic"); shorter rests match by chance. Hand-set.
    negation_min_rest: int = 4

    # --- co-occurrence (evidence/cooc.py, learn.py)
    # Co-occurrence alone proposes pairs only on a corpus of at least this many segments:
    # counting proves nothing on a page or two. Hand-set on seeds (13) vs tico19-dev (3,071).
    cooc_min_segments: int = 200
    # ... seen together at least this often (also the joint count that alone makes a pair
    # worth scoring). Hand-set; to be fitted (issue 12).
    cooc_min_joint: int = 3
    # ... keeping the best this many English partners (logDice) per Chinese term.
    cooc_per_term: int = 3
    # Only short candidates are counted for co-occurrence (Chinese characters, English
    # spaces): long ones are rare and pairing all of them is quadratic. Hand-set for speed.
    cooc_max_zh: int = 6
    cooc_max_en_words: int = 3
    # The co-occurrence evidence is at most this (times Dice and a confidence that grows with
    # the sightings): strong on a corpus, a tie-breaker on one page. Hand-set; to be fitted.
    cooc_max_weight: float = 0.5
    # Sightings of two multi-word phrases count this many times more than single words'
    # (their chance recurrence together is far rarer). Hand-set; to be fitted (issue 12).
    cooc_phrase_boost: float = 5.0
    # The confidence 1 - 1/(1 + (joint-1)*boost/scale): half confidence after this many extra
    # sightings. Hand-set.
    cooc_confidence_scale: float = 3.0

    # --- word alignment (alignment.py, evidence/align.py): IBM Model 1 by EM, on a corpus of
    # at least ``cooc_min_segments`` pairs (silent below, like co-occurrence)
    # Trained at all? Off by default: on tico19-dev it gained one pair of recall (first half)
    # and one pairing (fold 2, whole file) and lost nothing, but at 100k pairs it cost 17 %
    # more CPU (the serial main process 69 -> 121 CPU-s) and ~150 MB more PSS (stop 18,
    # `python bench/speed.py --compare main --sizes 100000`). True turns it on.
    word_alignment: bool = False
    # The translation table holds the word pairs seen together this often (and the
    # dictionary's): a pair seen once teaches nothing and made most of the table. 3 (and only
    # words seen 3 times) halved the model's memory but, with fewer competitors to explain
    # words away, cost the first half a pairing (触摸 → "eyes"): 2 kept.
    align_min_joint: int = 2
    # EM passes over the corpus; Model 1's likelihood changes little after five. Hand-set.
    align_iterations: int = 5
    # The CC-CEDICT prior: extra expected sightings a dictionary pair gets in each M step.
    # Hand-set (one sighting: a head start the corpus overturns after a few).
    align_prior: float = 1.0
    # p(word | NULL) before the first pass (then learned). Hand-set, small.
    align_null: float = 0.001
    # Symmetrised probabilities (geometric mean of the two directions) kept at all ...
    align_min_p: float = 0.4
    # ... a Chinese word inside a term linked to an English word of the pair at this one ...
    align_link_p: float = 0.4
    # ... and a word pair the model is this sure of counted as seen together (as co-occurrence
    # does for its best partners), so that it is scored. Rule: the highest thresholds that
    # still change something, judged on both halves and the folds: 0.4/0.5 gained one recall
    # (first half) and one pairing (fold 2, whole file) and lost nothing; 0.3/0.4 changed
    # nothing more on the halves, so the stricter pair is kept.
    align_pair_p: float = 0.5

    # --- learning words from the corpus (learn.py)
    # A word pair is learned as a dictionary entry for the run when seen this often ...
    learn_min_joint: int = 4
    # ... with at least this Dice coefficient. Hand-set on tico19-dev; to be fitted (issue 12).
    learn_min_dice: float = 0.4
    # A longer English this close (in Dice) to the best is preferred (hand sanitizer over
    # sanitizer when the dictionary confirms the extra word). Hand-set.
    learn_tie: float = 0.05

    # --- names, acronyms, definitions, positions (evidence/*.py)
    # A name spelled out in full (董军 ↔ Dong Jun) or an acronym the parts spell is rarely a
    # coincidence: its evidence counts this much (times coverage) besides the lexical share.
    # Hand-set; to be fitted (issue 12).
    name_weight: float = 0.6
    # A proper name (CEDICT name-only headword, or an English term usually capitalised) is a
    # term more often than a free phrase is. Hand-set; to be fitted (issue 12).
    name_evidence: float = 0.4
    # An acronym of fewer than this many letters is spelled by chance by some sense of some
    # part; its link then counts only ``acronym_short_weight``. Hand-set.
    acronym_full_letters: int = 4
    acronym_short_weight: float = 0.5
    # Only the first senses of each part spell an acronym: with every sense, some spelling
    # matches almost any short acronym by chance. Hand-set.
    acronym_main_senses: int = 2
    # A Chinese term must cover at least this much of an acronym's corpus-defined long form
    # for the definition to count. Hand-set.
    definition_threshold: float = 0.3
    # Quoted spans in the same order on both sides pair up ... Hand-set.
    quote_order_weight: float = 0.6
    # ... and a segment that is one term on both sides (a heading), up to this many English
    # words, even more. Hand-set.
    heading_weight: float = 0.7
    heading_max_words: int = 6

    # --- termhood (score.py)
    # Specificity: 1 - slope * (zipf - pivot), floored: an everyday word (zipf ≥ 3: 合作,
    # cooperation) ranks below a specific one; rare words are not favoured (capped at 1).
    # Hand-set; to be fitted (issue 12).
    specificity_pivot: float = 3.0
    specificity_slope: float = 0.18
    specificity_floor: float = 0.4
    # Consistency: a pairing seen once for a term seen twenty times is weak. The penalty's
    # weight grows with the term's sightings as max * (1 - 1/(1 + (seen-1)/scale)).
    # Hand-set; to be fitted (issue 12).
    consistency_max: float = 0.6
    consistency_scale: float = 4.0
    # A language has synonyms (隔离 and 检疫 are both "quarantine"): an English term seen more
    # often than the pairing counts against it to this power only. Hand-set at a late stop; it
    # gained on dev and lost on held-out data (issue 12): to be fitted.
    en_consistency: float = 0.5
    # A phrase only ever seen cut out of a longer one is a fragment: this factor per side,
    # unless it is a unit on its own (headword, name, acronym). Hand-set.
    inner_discount: float = 0.8
    # Shape: terms are short. Each word (or Chinese word) beyond ``shape_free_words`` costs
    # this factor. Hand-set.
    shape_length_factor: float = 0.9
    shape_free_words: int = 4
    # A lower-case phrase with "of the"/"in its" … or a genitive before a phrase is a free
    # phrase ("participation in the SCO …", "China's national defense"). Hand-set.
    shape_free_phrase: float = 0.75
    # A lower-case "X of Y" is less term-like than the compound "Y X". Hand-set.
    shape_of_phrase: float = 0.9
    # A single verb or adjective ("infect"): terms are mostly nouns. Hand-set.
    shape_word: float = 0.85
    # A quoted claim ("clearly effective"), not a quoted name. Hand-set.
    shape_quoted: float = 0.75
    # Two words naming two concepts (和平安宁 ↔ "peace and tranquility"). Hand-set.
    shape_coordination: float = 0.85
    # A Chinese phrase led by a descriptive adjective (重要活动): a free phrase. Hand-set at a
    # late stop; to be fitted (issue 12).
    shape_modified: float = 0.8

    # --- selection (select.py)
    # Hand-set, then checked value by value on both halves of tico19-dev and the seeds by
    # `python bench/select_fit.py`, which keeps all seven (docs/eval.md, stop 25).
    # Each Chinese term keeps its best English and up to this many alternatives ...
    alternatives: int = 2
    # ... scoring within this much of the best (half as much for a longer or shorter form of
    # an English already kept) ...
    alternative_margin: float = 0.2
    nested_margin: float = 0.1
    # ... ranked this much lower than the first.
    alternative_discount: float = 0.9
    # A spelled-out long form scoring within this much of its acronym is offered first (a
    # glossary's approved term is the full name).
    long_form_margin: float = 0.35
    # A pair never seen outside a longer accepted pair that contains it on both sides is a
    # piece of it (上海 in 上海精神): this factor ...
    nested_discount: float = 0.6
    # ... unless it heads at least this many longer terms (反恐合作 in 地区反恐合作 and
    # 国际反恐合作: a broader concept, as in C-value).
    headed_terms: int = 2
