from pathlib import Path

import pytest

from newsint.errors import ConfigError
from newsint.settings import describe, load_settings


def test_defaults_load_and_every_setting_has_help() -> None:
    settings = load_settings(config_file=None)
    assert settings.batch_size > 0 and "text" in settings.fields.text
    assert all(help_text for _, help_text in describe())


def test_user_file_overrides_only_its_keys(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text('batch_size = 7\n[fields]\ntext = ["story"]\n')
    settings = load_settings(config)
    assert settings.batch_size == 7
    assert settings.fields.text == ("story",)
    assert settings.fields.title == load_settings(None).fields.title


def test_environment_then_arguments_override(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("NEWSINT_DB", str(tmp_path / "env.db"))
    monkeypatch.setenv("NEWSINT_BATCH_SIZE", "11")
    settings = load_settings(None)
    assert settings.db_path == tmp_path / "env.db" and settings.batch_size == 11
    assert load_settings(None, db=str(tmp_path / "flag.db")).db_path == tmp_path / "flag.db"


def test_unknown_or_mistyped_settings_fail_early(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = tmp_path / "config.toml"
    config.write_text("batch_sise = 7\n")
    with pytest.raises(ConfigError, match="unknown setting 'batch_sise'"):
        load_settings(config)
    monkeypatch.setenv("NEWSINT_BATCH_SIZE", "many")
    with pytest.raises(ConfigError, match="NEWSINT_BATCH_SIZE"):
        load_settings(None)


def test_settings_command_lists_every_setting_with_its_value(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("settings")
    assert result.exit_code == 0
    for name, _ in describe():
        assert name in result.stdout
    assert "batch_size = 200" in result.stdout


def test_a_cap_below_one_fails_early() -> None:
    with pytest.raises(ConfigError, match="'max_lines' must be at least 1"):
        load_settings(None, max_lines=0)
