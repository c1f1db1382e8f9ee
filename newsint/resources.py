"""Where the shipped model artifacts live: `models/` at the root of the checkout."""

from pathlib import Path

MODELS_DIR = Path(__file__).resolve().parents[1] / "models"
