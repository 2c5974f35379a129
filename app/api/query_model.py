"""GET routes whose query parameters are one Pydantic model (`params: Annotated[Model,
Query()]`), resolved with one `Model.model_validate` instead of FastAPI's walk over the
model's fields on every request (fastapi.dependencies.utils._request_param_model_to_args:
~100 µs for EventListParams' 20 fields), to the same values and the same errors.

FastAPI reads a route's OpenAPI parameters and its resolution of a request from one
`Dependant`, built from the endpoint's signature. So the route served takes the model from
a dependency (`resolver`) in place of the declaration, and its OpenAPI operation carries a
mark (`openapi_extra`) that `document` replaces by the parameters FastAPI documents for the
declaration (generated once per model, from a throwaway route in no application)."""

import copy
import functools
import inspect
from collections.abc import Awaitable, Callable
from typing import Annotated, Any, TypeVar, get_args, get_origin

from fastapi import APIRouter, Depends, Request
from fastapi._compat import field_annotation_is_sequence
from fastapi.dependencies.models import Dependant
from fastapi.dependencies.utils import get_dependant, request_params_to_args
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.params import Query
from fastapi.routing import APIRoute
from pydantic import BaseModel, Json, ValidationError
from pydantic.fields import FieldInfo

F = TypeVar("F", bound=Callable[..., Any])
M = TypeVar("M", bound=BaseModel)

MARK = "x-query-model"
"""The `openapi_extra` key naming an operation's model (in `_MODELS`), until `document`."""
_MODELS: dict[str, type[BaseModel]] = {}


def get(router: APIRouter, path: str, **options: Any) -> Callable[[F], F]:
    """`router.get(path, **options)` for an endpoint with one parameter annotated
    `Annotated[Model, Query()]`, which `resolver` resolves (see the module's docstring)."""
    if 422 not in options.get("responses", {}):
        raise TypeError(f"{path}: declare the 422 (FastAPI's own is not documented here)")

    def register(endpoint: F) -> F:
        name, model = _query_model(endpoint)
        signature = inspect.signature(endpoint, eval_str=True)
        served = Annotated[model, Depends(resolver(model))]  # type: ignore[valid-type]
        parameters = [
            p.replace(annotation=served) if p.name == name else p
            for p in signature.parameters.values()
        ]

        @functools.wraps(endpoint)
        def resolving(*args: Any, **kwargs: Any) -> Any:
            return endpoint(*args, **kwargs)

        resolving.__signature__ = signature.replace(parameters=parameters)  # type: ignore[attr-defined]
        _check_only_path_params_beside(get_dependant(path=path, call=resolving))
        key = f"{model.__module__}.{model.__qualname__}.{id(model)}"
        _MODELS[key] = model
        router.get(path, openapi_extra={MARK: key}, **options)(resolving)
        return endpoint

    return register


def resolver(model: type[M]) -> Callable[[Request], Awaitable[M]]:
    """A dependency resolving `model` from the query string as FastAPI resolves
    `Annotated[model, Query()]`: a field takes the last value given for its name (all of them
    if it is a sequence); an unknown name, its value (all of them if repeated), for the model
    to refuse or keep; the values are validated together, whether any was given or not.
    Refused, it raises FastAPI's RequestValidationError with the errors FastAPI would report:
    the route's path parameters', then the query's, at ("query", name, ...)."""
    fields = [
        (_request_name(model, name, field), _is_sequence(field))
        for name, field in model.model_fields.items()
    ]

    async def resolve(request: Request) -> M:
        given: dict[str, list[str]] = {}
        for key, value in request.query_params.multi_items():
            given.setdefault(key, []).append(value)
        values: dict[str, Any] = {}
        for key, many in fields:  # in the model's order, as FastAPI does
            got = given.pop(key, None)
            if got is not None:
                values[key] = got if many else got[-1]
        for key, got in given.items():  # the rest, in the order first given
            values[key] = got[0] if len(got) == 1 else got
        try:
            return model.model_validate(values)
        except ValidationError as refused:
            route: APIRoute = request.scope["route"]
            _, path_errors = request_params_to_args(
                route.dependant.path_params, request.path_params
            )
            query_errors = [
                {**error, "loc": ("query", *error["loc"])}
                for error in refused.errors(include_url=False)
            ]
            raise RequestValidationError(path_errors + query_errors) from None

    return resolve


def document(operation: dict[str, Any]) -> None:
    """Replace the mark `get` left in an OpenAPI operation by the query parameters FastAPI
    documents for its model, after the path's (FastAPI lists `responses` last)."""
    key = operation.pop(MARK, None)
    if key is not None:
        operation["parameters"] = operation.get("parameters", []) + _parameters(_MODELS[key])
        operation["responses"] = operation.pop("responses")


def _parameters(model: type[BaseModel]) -> list[dict[str, Any]]:
    """FastAPI's OpenAPI parameters for `Annotated[model, Query()]`."""
    return copy.deepcopy(_documented(model))


@functools.cache
def _documented(model: type[BaseModel]) -> list[dict[str, Any]]:
    def declared(params: Annotated[model, Query()]) -> None:  # type: ignore[valid-type]
        """Documents `params`; never called."""

    document = get_openapi(title="", version="", routes=[APIRoute("/", declared)])
    parameters: list[dict[str, Any]] = document["paths"]["/"]["get"]["parameters"]
    return parameters


def _query_model(endpoint: Callable[..., Any]) -> tuple[str, type[BaseModel]]:
    """The name and model of `endpoint`'s one `Annotated[Model, Query()]` parameter."""
    found = []
    for parameter in inspect.signature(endpoint, eval_str=True).parameters.values():
        if get_origin(parameter.annotation) is not Annotated:
            continue
        model, *metadata = get_args(parameter.annotation)
        is_model = inspect.isclass(model) and issubclass(model, BaseModel)
        if is_model and any(isinstance(m, Query) for m in metadata):
            if parameter.default is not inspect.Parameter.empty:
                raise TypeError(f"{endpoint.__name__}: {parameter.name} has a default")
            found.append((parameter.name, model))
    if len(found) != 1:
        raise TypeError(f"{endpoint.__name__}: not one Annotated[Model, Query()] parameter")
    return found[0]


def _check_only_path_params_beside(dependant: Dependant) -> None:
    """FastAPI reports a request's errors in the order: its dependencies' parameters', then
    the path's, the query's, the headers' and the cookies'. `resolver` reports the path's and
    the query's, so it serves routes with no other parameters."""
    others = [*dependant.query_params, *dependant.header_params, *dependant.cookie_params]
    others += dependant.body_params
    stack = list(dependant.dependencies)
    while stack:
        sub = stack.pop()
        others += [*sub.path_params, *sub.query_params, *sub.header_params]
        others += [*sub.cookie_params, *sub.body_params]
        stack += sub.dependencies
    if others:
        names = ", ".join(field.name for field in others)
        raise TypeError(f"{dependant.path}: parameters beside the path's and the model: {names}")


def _request_name(model: type[BaseModel], name: str, field: FieldInfo) -> str:
    """The one query parameter naming `field`: its alias, else its name (FastAPI also takes
    other names under configurations and aliases that no model here uses)."""
    config = model.model_config
    if config.get("validate_by_name") or config.get("populate_by_name"):
        raise TypeError(f"{model.__name__}: validation by name is not supported")
    if config.get("validate_by_alias") is False:
        raise TypeError(f"{model.__name__}: validate_by_alias=False is not supported")
    if field.validation_alias is not None and not isinstance(field.validation_alias, str):
        raise TypeError(f"{model.__name__}.{name}: only a plain alias is supported")
    return str(field.validation_alias or field.alias or name)


def _is_sequence(field: FieldInfo) -> bool:
    """Whether FastAPI gives `field` every value of its name (else the last one)."""
    if any(type(m) is Json for m in field.metadata):
        raise TypeError("Json query fields are not supported")
    return field_annotation_is_sequence(field.annotation)
