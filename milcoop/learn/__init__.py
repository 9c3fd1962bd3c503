"""Small learned decisions over rule-made candidates.

The rules (lexicon cues, gazetteers, NER) propose candidates and describe
each with features; a linear model per decision, trained on the annotated
corpora, decides which to keep or which to pick. Without a model a
decision falls back to the rule's own choice, which is also a feature.
"""
