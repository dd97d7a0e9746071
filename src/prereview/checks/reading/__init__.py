"""Readers the check kinds share: the parts of a press release and who announces
it, quotes and their attributions, acronyms and their definitions, headings and
FAQ questions, word lists and patterns. A reader finds things in a document; it
decides nothing (the kinds do), and none imports a kind."""
