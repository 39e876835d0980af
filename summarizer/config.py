"""Settings from the environment and ``.env``.

Every setting is documented in ``.env.example``. The API key is kept out of ``repr``, logs,
the store and cache keys: only ``Settings.api_key`` holds it, and only the HTTP client reads it.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass, field, fields
from pathlib import Path

from dotenv import dotenv_values
from platformdirs import user_cache_dir, user_data_dir

from .errors import SummarizerError


class ConfigError(SummarizerError):
    """A setting is missing or malformed; the message names it."""


@dataclass(frozen=True)
class Settings:
    base_url: str | None = None
    api_key: str | None = field(default=None, repr=False)
    model: str | None = None
    model_path: Path | None = None
    timeout_s: float = 600.0
    max_tokens: int = 1024
    max_reasks: int = 1
    max_retries: int = 4
    concurrency: int = 1
    max_input_chars: int = 2500
    threads: int = 0
    n_ctx: int = 8192
    data_dir: Path = field(default_factory=lambda: Path(user_data_dir("summarizer")))
    cache_dir: Path = field(default_factory=lambda: Path(user_cache_dir("summarizer")))

    @property
    def embedded(self) -> bool:
        """No base URL means the embedded local engine and model."""
        return not self.base_url

    @property
    def db_path(self) -> Path:
        return self.data_dir / "summarizer.db"

    def __repr__(self) -> str:  # never show the key, even by accident
        shown = ", ".join(
            f"{f.name}={getattr(self, f.name)!r}" for f in fields(self) if f.name != "api_key"
        )
        return f"Settings({shown}, api_key={'set' if self.api_key else 'unset'})"

    @classmethod
    def load(cls, env_file: Path | None = Path(".env"), **overrides: object) -> Settings:
        """Read settings: explicit overrides, then the process environment, then ``.env``."""
        values: dict[str, str | None] = {}
        if env_file is not None and env_file.is_file():
            values.update(dotenv_values(env_file))
        values.update(os.environ)

        def get(name: str) -> str | None:
            v = values.get(name)
            return v.strip() if v is not None and v.strip() else None

        def number(name: str, kind: type[int] | type[float], default: float) -> float:
            raw = get(name)
            if raw is None:
                return default
            try:
                value = kind(raw)
            except ValueError:
                what = "a whole number" if kind is int else "a number"
                raise ConfigError(f"{name}={raw!r} is not {what}") from None
            if not math.isfinite(value) or value < 0:
                raise ConfigError(f"{name}={raw!r} must be a finite number, not negative")
            return value

        d = cls()
        model_path = get("SUMMARIZER_MODEL_PATH")
        kwargs: dict[str, object] = {
            "base_url": get("SUMMARIZER_BASE_URL"),
            "api_key": get("SUMMARIZER_API_KEY") or get("OPENAI_API_KEY"),
            "model": get("SUMMARIZER_MODEL"),
            "model_path": Path(model_path).expanduser() if model_path else None,
            "timeout_s": number("SUMMARIZER_TIMEOUT", float, d.timeout_s),
            "max_tokens": int(number("SUMMARIZER_MAX_TOKENS", int, d.max_tokens)),
            "max_reasks": int(number("SUMMARIZER_MAX_REASKS", int, d.max_reasks)),
            "max_retries": int(number("SUMMARIZER_MAX_RETRIES", int, d.max_retries)),
            "concurrency": int(number("SUMMARIZER_CONCURRENCY", int, d.concurrency)),
            "max_input_chars": int(number("SUMMARIZER_MAX_INPUT_CHARS", int, d.max_input_chars)),
            "threads": int(number("SUMMARIZER_THREADS", int, d.threads)),
            "n_ctx": int(number("SUMMARIZER_N_CTX", int, d.n_ctx)),
        }
        if data_dir := get("SUMMARIZER_DATA_DIR"):
            kwargs["data_dir"] = Path(data_dir).expanduser()
        if cache_dir := get("SUMMARIZER_CACHE_DIR"):
            kwargs["cache_dir"] = Path(cache_dir).expanduser()
        kwargs.update({k: v for k, v in overrides.items() if v is not None})
        settings = cls(**kwargs)  # type: ignore[arg-type]
        settings.check()
        return settings

    def check(self) -> None:
        if self.concurrency < 1:
            raise ConfigError("SUMMARIZER_CONCURRENCY must be at least 1")
        if self.max_tokens < 16:
            raise ConfigError("SUMMARIZER_MAX_TOKENS must be at least 16")
        if self.timeout_s <= 0:
            raise ConfigError("SUMMARIZER_TIMEOUT must be positive")
        if self.base_url and not self.base_url.startswith(("http://", "https://")):
            raise ConfigError(f"SUMMARIZER_BASE_URL={self.base_url!r} must start with http(s)://")
        if self.model_path is not None and not self.model_path.is_file():
            raise ConfigError(f"SUMMARIZER_MODEL_PATH={self.model_path}: no such file")
        if self.base_url and self.model_path:
            raise ConfigError(
                "set either SUMMARIZER_BASE_URL (a server) or SUMMARIZER_MODEL_PATH (embedded)"
            )
        if self.model and not self.base_url:  # a served name cannot be honoured embedded
            raise ConfigError(
                f"SUMMARIZER_MODEL={self.model!r} names a served model: set SUMMARIZER_BASE_URL "
                "(base_url=) to the server that serves it, or unset it for the embedded model"
            )
