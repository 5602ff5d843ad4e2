"""Scoring, comparison and survey-informed suggestions."""
