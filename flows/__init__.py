"""The Prefect layer: flows and tasks over the plain engine steps, and their Prefect settings."""
