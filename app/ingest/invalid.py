"""What is wrong with a fixture, and where: kept apart from the validator so that a start
that loads nothing (a warm start) need not import it."""

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Position:
    line: int
    column: int


@dataclass(frozen=True)
class FixtureError:
    path: Path
    position: Position
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.position.line}:{self.position.column}"
        return (
            f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        )


class FixtureInvalid(Exception):
    def __init__(self, errors: list[FixtureError]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))
