"""summarizer.config: settings from the environment and .env; the key never shows."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.config import ConfigError, Settings

SECRET = "sk-live-THIS-MUST-NEVER-SHOW-1234"


def test_defaults_with_nothing_set(isolated_env: Path) -> None:
    s = Settings.load(env_file=None)
    assert s.base_url is None and s.embedded
    assert s.api_key is None and s.model is None
    assert (s.max_reasks, s.max_retries, s.concurrency, s.max_tokens) == (1, 4, 1, 1024)
    assert s.data_dir == isolated_env / "data"  # from SUMMARIZER_DATA_DIR (conftest)
    assert s.cache_dir == isolated_env / "cache"
    assert s.db_path == isolated_env / "data" / "summarizer.db"


def test_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMARIZER_BASE_URL", "http://127.0.0.1:8080/v1")
    monkeypatch.setenv("SUMMARIZER_MODEL", " qwen ")
    monkeypatch.setenv("SUMMARIZER_TIMEOUT", "12.5")
    monkeypatch.setenv("SUMMARIZER_MAX_TOKENS", "2048")
    monkeypatch.setenv("SUMMARIZER_MAX_REASKS", "0")
    monkeypatch.setenv("SUMMARIZER_MAX_RETRIES", "2")
    monkeypatch.setenv("SUMMARIZER_CONCURRENCY", "3")
    monkeypatch.setenv("SUMMARIZER_MAX_INPUT_CHARS", "900")
    s = Settings.load(env_file=None)
    assert s.base_url == "http://127.0.0.1:8080/v1" and not s.embedded
    assert s.model == "qwen"  # stripped
    assert s.timeout_s == 12.5
    assert (s.max_tokens, s.max_reasks, s.max_retries) == (2048, 0, 2)
    assert (s.concurrency, s.max_input_chars) == (3, 900)


def test_dotenv_file_and_environment_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    env = tmp_path / "custom.env"
    env.write_text(
        "# comment\n"
        "SUMMARIZER_BASE_URL=http://from-dotenv:8000/v1\n"
        "SUMMARIZER_MODEL=dotenv-model\n"
        "SUMMARIZER_CONCURRENCY=4\n"
        'SUMMARIZER_API_KEY="dotenv-key"\n',
        encoding="utf-8",
    )
    s = Settings.load(env_file=env)
    assert (s.base_url, s.model, s.concurrency, s.api_key) == (
        "http://from-dotenv:8000/v1",
        "dotenv-model",
        4,
        "dotenv-key",
    )
    monkeypatch.setenv("SUMMARIZER_MODEL", "env-model")
    s = Settings.load(env_file=env)
    assert s.model == "env-model"  # the environment wins over .env
    assert s.concurrency == 4
    # explicit overrides win over both; None overrides are ignored
    s = Settings.load(env_file=env, concurrency=7, model=None)
    assert (s.concurrency, s.model) == (7, "env-model")


def test_dotenv_in_the_working_directory_is_read_by_default(isolated_env: Path) -> None:
    Path(".env").write_text("SUMMARIZER_MAX_REASKS=3\n", encoding="utf-8")
    assert Settings.load().max_reasks == 3
    assert Settings.load(env_file=None).max_reasks == 1


def test_missing_dotenv_file_is_fine(tmp_path: Path) -> None:
    assert Settings.load(env_file=tmp_path / "nope.env").concurrency == 1


def test_openai_api_key_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "openai-key")
    assert Settings.load(env_file=None).api_key == "openai-key"
    monkeypatch.setenv("SUMMARIZER_API_KEY", "summarizer-key")
    assert Settings.load(env_file=None).api_key == "summarizer-key"  # the specific one wins
    monkeypatch.setenv("SUMMARIZER_API_KEY", "   ")  # blank counts as unset
    assert Settings.load(env_file=None).api_key == "openai-key"


def test_repr_never_contains_the_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SUMMARIZER_API_KEY", SECRET)
    monkeypatch.setenv("SUMMARIZER_BASE_URL", "https://api.example.test/v1")
    s = Settings.load(env_file=None)
    assert s.api_key == SECRET
    for shown in (repr(s), str(s), f"{s}", f"{s!r}", repr([s]), repr({"s": s})):
        assert SECRET not in shown
        assert "api_key=set" in shown
    assert "api_key=unset" in repr(Settings())


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("SUMMARIZER_CONCURRENCY", "abc"),
        ("SUMMARIZER_CONCURRENCY", "2.5"),
        ("SUMMARIZER_MAX_TOKENS", "lots"),
        ("SUMMARIZER_MAX_REASKS", "-1"),
        ("SUMMARIZER_MAX_RETRIES", "three"),
        ("SUMMARIZER_MAX_INPUT_CHARS", "1e3x"),
        ("SUMMARIZER_TIMEOUT", "ten"),
        ("SUMMARIZER_TIMEOUT", "-5"),
        ("SUMMARIZER_TIMEOUT", "nan"),
        ("SUMMARIZER_N_CTX", "8k"),
        ("SUMMARIZER_THREADS", "all"),
    ],
)
def test_bad_number_raises_config_error_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigError) as info:
        Settings.load(env_file=None)
    message = str(info.value)
    assert name in message
    assert "\n" not in message


def test_bad_number_in_dotenv_names_the_variable(tmp_path: Path) -> None:
    env = tmp_path / ".env"
    env.write_text("SUMMARIZER_MAX_TOKENS=many\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="SUMMARIZER_MAX_TOKENS"):
        Settings.load(env_file=env)


@pytest.mark.parametrize(
    ("env", "needle"),
    [
        ({"SUMMARIZER_CONCURRENCY": "0"}, "SUMMARIZER_CONCURRENCY"),
        ({"SUMMARIZER_MAX_TOKENS": "8"}, "SUMMARIZER_MAX_TOKENS"),
        ({"SUMMARIZER_TIMEOUT": "0"}, "SUMMARIZER_TIMEOUT"),
        ({"SUMMARIZER_BASE_URL": "localhost:8080/v1"}, "SUMMARIZER_BASE_URL"),
        ({"SUMMARIZER_MODEL_PATH": "/nonexistent/model.gguf"}, "SUMMARIZER_MODEL_PATH"),
    ],
)
def test_invalid_values_name_the_variable(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], needle: str
) -> None:
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    with pytest.raises(ConfigError, match=needle):
        Settings.load(env_file=None)


def test_base_url_and_model_path_are_exclusive(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    model = tmp_path / "m.gguf"
    model.write_bytes(b"GGUF")
    monkeypatch.setenv("SUMMARIZER_BASE_URL", "http://127.0.0.1:1/v1")
    monkeypatch.setenv("SUMMARIZER_MODEL_PATH", str(model))
    with pytest.raises(ConfigError, match=r"SUMMARIZER_BASE_URL.*SUMMARIZER_MODEL_PATH"):
        Settings.load(env_file=None)


def test_a_model_name_needs_a_server(monkeypatch: pytest.MonkeyPatch) -> None:
    """The embedded engine serves only its own model: a model name without a base URL is
    refused in one line, never silently dropped."""
    with pytest.raises(ConfigError) as info:
        Settings.load(env_file=None, model="gpt-4o-mini")
    message = str(info.value)
    assert "SUMMARIZER_MODEL='gpt-4o-mini'" in message and "SUMMARIZER_BASE_URL" in message
    assert "\n" not in message
    monkeypatch.setenv("SUMMARIZER_MODEL", "from-env")
    with pytest.raises(ConfigError, match="from-env"):
        Settings.load(env_file=None)
    s = Settings.load(env_file=None, base_url="https://api.example.test/v1", model="gpt-4o-mini")
    assert (s.model, s.embedded) == ("gpt-4o-mini", False)  # honoured with a server
