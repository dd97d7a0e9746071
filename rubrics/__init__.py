"""Built-in rubrics (YAML), shipped as package data."""
