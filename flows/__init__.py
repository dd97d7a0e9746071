"""The Prefect layer: flows and tasks over the plain engine, and the CLI."""
