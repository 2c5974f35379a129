"""RFC 9457 problem details: the one shape every error takes."""

from typing import Literal

from pydantic import BaseModel, Field


class ProblemParam(BaseModel):
    """One bad parameter: its name, where it was sent, and why it was refused."""

    name: str
    # 'in' is a Python keyword: the field is `location`, serialised as "in".
    location: Literal["query", "path", "header", "cookie", "body"] = Field(alias="in")
    reason: str


class Problem(BaseModel):
    """An error, as application/problem+json."""

    type: str = Field(description="A URI naming the kind of problem.")
    title: str
    status: int
    detail: str
    instance: str | None = None
    errors: list[ProblemParam] = Field(default_factory=list)
