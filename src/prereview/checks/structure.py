"""Structure check kinds: sections, order, length, FAQ, quotes, press-release parts."""
