"""What a restatement must keep of its source, as data: one table per language, a dict of phrase lists.

A new language is a new entry of PHRASES, with the same keys:

- `qualifiers`: a phrase of the source (hedge, amount, average) -> the phrases that keep it in a
  restatement (the phrase itself always does). Phrases, not words: "il arrive que", "on average".
- `not_qualifiers`: phrases whose words are not a qualifier ("trop souvent" is no hedge).
- `conditions`: phrases that open a restriction of when ("lorsque", "en cas de", "if").
- `populations`: phrases that open a restriction of whom when they follow one of the `persons`
  ("patients atteints de", "people with"), and each further one in the same clause ("patients atteints
  de X présentant Y" restricts twice). A restriction is the words after its phrase, up to a comma,
  the next restriction, a person or a relative pronoun (`relatives`); a restatement keeps it when it
  keeps one of those words (or the edition's title has them all: the article's own subject needs no
  repeating).
- `not_restrictions`: phrases that look like one and are not ("même si", "as if").
- `designs`: a design of the model (`Evidence.design`) -> the phrases that name it.
- `labels`: words that make the number after them a name ("type 5"), not an amount to keep.
- `plain_words`: words of a restriction that say nothing of it (articles, pronouns, "patients").
- `care_team`: phrases that give an action to the care team ("administrer", "par un médecin").
- `actors`: words that name someone of the care team in a restatement ("médecin", "care team").
- `infinitive_endings`, `infinitive_particles`, `leading_words`, `not_instructions`: a restatement that
  starts (after the leading words) with a word of these endings, or with a word the source puts after
  one of the `infinitive_particles`, is an instruction to the reader (unless that word is one of
  `not_instructions`, nouns of those endings).
- `recommends`: phrases that speak for a choice ("peut s'avérer utile", "can help", "may be considered"):
  a key point that has one and names an option must say which (`options:`), so that its side effects
  and evidence are shown beside it.
- `about_the_text`: phrases by which authors speak of their own text ("Dans cet article"): the deck's
  notes leave such a sentence of the lead unsaid, since the speaker would say it as their own.
"""
from __future__ import annotations

from typing import Any

FR: dict[str, Any] = {
    "qualifiers": {
        "peut": ["peuvent", "pourrait", "pourraient", "possible", "possibles", "possiblement", "il arrive que"],
        "peuvent": ["peut", "pourrait", "pourraient", "possible", "possibles", "possiblement"],
        "pourrait": ["pourraient", "peut", "peuvent", "possiblement"],
        "pourraient": ["pourrait", "peut", "peuvent", "possiblement"],
        "possiblement": ["possible", "possibles", "peut", "peuvent", "pourrait", "pourraient"],
        "il arrive que": ["il arrive qu'", "parfois", "quelquefois", "peut", "peuvent"],
        "il arrive qu'": ["il arrive que", "parfois", "quelquefois", "peut", "peuvent"],
        "on pense que": ["on pense qu'", "on croit que", "on croit qu'", "pourrait", "pourraient", "possiblement"],
        "on pense qu'": ["on pense que", "on croit que", "on croit qu'", "pourrait", "pourraient", "possiblement"],
        "jusqu'à": [],
        "environ": ["près de", "approximativement"],
        "plus de": ["plus d'"],
        "plus d'": ["plus de"],
        "moins de": ["moins d'"],
        "moins d'": ["moins de"],
        "de manière significative": ["significativement", "de façon significative"],
        "habituellement": ["généralement", "en général"],
        "parfois": ["quelquefois", "il arrive que", "il arrive qu'"],
        "souvent": ["fréquemment"],
        "probablement": [],
        "en moyenne": ["moyenne", "moyen"],
        "moyenne de": ["en moyenne", "moyenne", "moyen"],
        "moyen de": ["en moyenne", "moyenne", "moyen"],
    },
    "not_qualifiers": ["trop souvent", "bien souvent trop", "plus de détails", "ne peut plus", "ne peuvent plus"],
    "conditions": ["si", "s'il", "s'ils", "lorsque", "lorsqu'", "quand", "en cas de", "en cas d'", "chez",
                   "en présence de", "en présence d'", "à condition que", "à condition qu'"],
    "persons": ["patients", "patientes", "patient", "patiente", "personnes", "personne", "hommes", "femmes",
                "enfants", "adultes", "malades", "ceux", "celles", "gens"],
    "populations": ["atteint de", "atteints de", "atteinte de", "atteintes de", "atteint d'", "atteints d'",
                    "atteinte d'", "atteintes d'", "présentant", "souffrant de", "souffrant d'", "ayant",
                    "qui ont", "qui présentent", "qui souffrent de", "avec"],
    "relatives": ["qui", "que", "dont", "où"],
    "not_restrictions": ["même si", "même s'", "si bien que", "comme si"],
    "designs": {
        "systematic-review": ["revue systématique", "revues systématiques"],
        "meta-analysis": ["méta-analyse", "méta-analyses"],
        "randomised-trial": ["essai", "essais"],
        "cohort-study": ["étude prospective", "études prospectives", "étude de cohorte", "études de cohorte"],
        "case-series": ["série de cas", "séries de cas"],
        "pilot-study": ["étude pilote", "études pilotes"],
        "case-report": ["cas clinique", "rapport de cas"],
    },
    "labels": ["type", "stade", "grade", "classe"],
    "plain_words": ["elle", "elles", "ils", "leur", "leurs", "dans", "avec", "pour", "sont", "être", "était",
                    "cette", "ces", "ceux", "celles", "celle", "dont", "plus", "moins", "très", "tout", "tous",
                    "toute", "toutes", "patient", "patients", "patiente", "patientes", "personne", "personnes",
                    "gens", "cas", "fois", "entre", "sans", "aussi", "peut", "peuvent"],
    "care_team": ["administrer", "administré", "administrée", "administrés", "administrées", "prescrire", "prescrit",
                  "prescrite", "prescrits", "prescrites", "injecter", "injecté", "injectée", "injectés", "injectées",
                  "opérer", "pratiqué par", "pratiquée par", "pratiqués par", "pratiquées par", "préparé par",
                  "préparée par", "par un médecin", "par une médecin", "par le médecin", "par un dermatologue",
                  "par une dermatologue", "par un pharmacien", "par une pharmacienne", "par un chirurgien",
                  "par une chirurgienne", "par des physiothérapeutes", "par un physiothérapeute",
                  "par une physiothérapeute", "par une infirmière", "par un infirmier",
                  "par l'équipe soignante", "par votre équipe soignante"],
    "actors": ["médecin", "médecins", "dermatologue", "dermatologues", "pharmacien", "pharmacienne",
               "pharmaciens", "chirurgien", "chirurgienne", "chirurgiens", "physiothérapeute", "physiothérapeutes",
               "infirmière", "infirmier", "infirmières", "équipe soignante", "spécialiste", "spécialistes",
               "rhumatologue", "rhumatologues"],
    "infinitive_endings": ["er", "ir", "re"],
    "infinitive_particles": ["de", "d'", "à"],
    "leading_words": ["bien", "toujours", "ne", "pas", "jamais", "aussi", "également"],
    "recommends": ["utile", "utiles", "aider", "aide à", "aident à", "améliorer", "améliore", "améliorent",
                   "amélioration", "améliorerait", "efficace", "efficaces", "soulager", "soulage", "bénéfique",
                   "bénéfiques", "envisagé", "envisagée", "envisagés", "envisagées", "recommandé", "recommandée",
                   "recommandés", "recommandées", "favoriser", "favorise", "contribué"],
    "about_the_text": ["dans cet article", "cet article", "dans ce document", "ce document", "cette fiche",
                       "dans ce dépliant", "ce dépliant"],
    "not_instructions": ["autre", "autres", "votre", "notre", "entre", "contre", "leur", "hier", "lettre", "titre",
                         "membre", "nombre", "centre", "fièvre", "lèpre", "plaie", "cuir", "désir", "plaisir", "mer",
                         "fer", "hiver", "cancer", "premier", "dernier", "ulcère", "ulcères"],
}

EN: dict[str, Any] = {
    "qualifiers": {
        "may": ["might", "could", "can", "possibly", "possible"],
        "can": ["may", "might", "could", "possibly"],
        "might": ["may", "could", "possibly"],
        "could": ["may", "might", "possibly"],
        "possibly": ["possible", "may", "might", "could"],
        "is thought to": ["are thought to", "thought to", "may", "might", "could", "possibly"],
        "are thought to": ["is thought to", "thought to", "may", "might", "could", "possibly"],
        "up to": [],
        "about": ["around", "approximately", "nearly"],
        "more than": [],
        "fewer than": ["less than"],
        "less than": ["fewer than"],
        "significantly": [],
        "usually": ["generally", "typically"],
        "sometimes": ["occasionally", "at times"],
        "often": ["frequently"],
        "probably": ["likely"],
        "on average": ["average", "mean"],
        "an average": ["on average", "average", "mean"],
        "a mean": ["on average", "average", "mean"],
    },
    "not_qualifiers": ["too often", "all too often", "what can", "how can", "about this", "about the", "about it",
                       "about your", "about their", "learn about", "talk about", "ask about", "more about"],
    "conditions": ["if", "when", "in case of", "unless", "provided that"],
    "persons": ["people", "patients", "patient", "persons", "person", "those", "adults", "children", "women", "men",
                "anyone", "someone"],
    "populations": ["with", "who have", "who had", "who has", "who are", "suffering from", "living with", "having"],
    "relatives": ["who", "which", "that", "where", "whose"],
    "not_restrictions": ["even if", "as if", "if any", "even when"],
    "designs": {
        "systematic-review": ["systematic review", "systematic reviews"],
        "meta-analysis": ["meta-analysis", "meta-analyses"],
        "randomised-trial": ["trial", "trials"],
        "cohort-study": ["prospective study", "prospective studies", "cohort study", "cohort studies"],
        "case-series": ["case series"],
        "pilot-study": ["pilot study", "pilot studies"],
        "case-report": ["case report", "case reports"],
    },
    "labels": ["type", "stage", "grade", "class"],
    "plain_words": ["there", "their", "they", "them", "this", "that", "these", "those", "with", "from", "have",
                    "been", "were", "into", "more", "less", "very", "some", "such", "patient", "patients",
                    "people", "person", "persons", "case", "cases", "also", "than"],
    "care_team": ["prescribe", "prescribed", "prescribes", "administer", "administered", "administers", "inject",
                  "injected", "injects", "operate on", "performed by", "prepared by", "given by", "by a doctor",
                  "by the doctor", "by a dermatologist", "by a pharmacist", "by a surgeon", "by a nurse",
                  "by physiotherapists", "by a physiotherapist", "by trained physiotherapists",
                  "by your care team", "by the care team"],
    "actors": ["doctor", "doctors", "dermatologist", "dermatologists", "pharmacist", "pharmacists", "surgeon",
               "surgeons", "physiotherapist", "physiotherapists", "nurse", "nurses", "care team", "specialist",
               "specialists", "rheumatologist", "rheumatologists", "physician", "physicians"],
    "infinitive_endings": [],
    "infinitive_particles": ["to"],
    "leading_words": ["always", "properly", "carefully", "never", "do", "not", "don't", "also"],
    "recommends": ["useful", "helpful", "help", "helps", "helped", "improve", "improves", "improved",
                   "improvement", "effective", "relieve", "relieves", "beneficial", "considered", "recommended",
                   "promote", "promotes", "contributed"],
    "about_the_text": ["in this article", "this article", "in this document", "this document", "this leaflet"],
    "not_instructions": [],
}

PHRASES: dict[str, dict[str, Any]] = {"fr": FR, "en": EN}


def of(language: str) -> dict[str, Any]:
    """The table of a language ('fr' of 'fr-CA'); an unknown language has nothing to keep."""
    return PHRASES.get(language.split("-")[0].lower(), {})
