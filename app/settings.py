"""Settings from the environment (prefix ``REGISTRY_``); every one has a default."""

import os
import tempfile
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, field_validator
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

    @field_validator("snapshot_dir", mode="before")
    @classmethod
    def _empty_is_none(cls, value: object) -> object:
        """An empty REGISTRY_SNAPSHOT_DIR turns snapshots off (a Path would make it '.', and
        snapshots would land in the working directory)."""
        return None if isinstance(value, str) and not value.strip() else value

    log_format: Literal["text", "json"] = Field(
        default="text", description="'json' writes one JSON object per log line."
    )
    load: bool = Field(
        default=True,
        description="Whether `serve` loads the fixtures at start-up and on SIGHUP. Off "
        "(PostgreSQL only): serve the version `python -m app load` published, and follow it.",
    )
    poll_seconds: float = Field(
        default=5.0,
        ge=0,
        description="PostgreSQL: how often a server checks which data version is current "
        "(0: only on SIGHUP).",
    )
    reader_roles: list[str] = Field(
        default=[],
        description="PostgreSQL roles that `load` grants read access to each new version "
        "(the serving roles).",
    )
    worker_threads: int = Field(
        default=4,
        ge=1,
        le=256,
        description="Threads that run the database work of requests, off the event loop. More "
        "than a few only add contention for the interpreter: 4 answered 1.5-1.7x the requests "
        "of 40 (AnyIO's default) under 32 connections (README, Performance).",
    )
    allow_writer: bool = Field(
        default=False,
        description="Let `serve` with loading off run on a role that can write (it refuses, "
        "by default, to start on one).",
    )
