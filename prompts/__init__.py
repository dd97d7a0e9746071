"""The LLM reviewer's prompt templates (Jinja2), shipped as package data."""
