"""Style check kinds: word lists, patterns, metrics, acronyms, placeholders, injection."""
