"""Settings from the environment (prefix ``REGISTRY_``); every one has a default."""

import os
import tempfile
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="REGISTRY_", extra="ignore")

    data_dir: Path = Field(
        default=Path(__file__).resolve().parent.parent / "data",
        description="Folder of YAML fixtures, one file per visit.",
    )
    database_url: str = Field(  # type: ignore[pydantic-alias]
        default="sqlite://",
        validation_alias=AliasChoices("REGISTRY_DATABASE_URL", "DATABASE_URL"),
        description="'sqlite://' is the embedded default (a SQLite file per fixture content, in "
        "snapshot_dir); any SQLAlchemy URL works.",
    )
    cors_origins: list[str] = Field(default=["*"], description="Origins allowed by CORS.")
    cache_max_age: int = Field(default=300, ge=0, description="Cache-Control max-age, seconds.")
    snapshot_dir: Path | None = Field(
        default=Path(tempfile.gettempdir()) / f"delegation-registry-{os.getuid()}",
        description="Where the embedded database files are kept, named by the content hash "
        "of the fixtures; a start whose fixtures are unchanged serves its file without "
        "loading. Empty: a temporary file, removed at exit.",
    )
    log_format: Literal["text", "json"] = Field(
        default="text", description="'json' writes one JSON object per log line."
    )
